"""Issue 9, item 2: one `Refused` in the kernel; every feature's refusal is a kind of it, and
every reason a feature can give has kind words in both languages."""

from __future__ import annotations

import importlib
import pkgutil
from enum import Enum
from typing import get_args

import pytest

import bot.services
from bot.kernel.refusals import Refused
from bot.texts import LANGS, catalog


def _feature_refusals() -> dict[str, type[Refused[Enum]]]:
    """Every `Refused` a feature's services define, by feature name."""
    found: dict[str, type[Refused[Enum]]] = {}
    for info in pkgutil.walk_packages(bot.services.__path__, "bot.services."):
        module = importlib.import_module(info.name)
        kind = getattr(module, "Refused", None)
        if isinstance(kind, type) and kind is not Refused and kind.__module__ == info.name:
            found[info.name.split(".")[2]] = kind
    return found


FEATURES = _feature_refusals()


def test_every_feature_has_its_refusal_from_the_kernel() -> None:
    assert set(FEATURES) >= {
        "cards", "delivery", "dues", "hours", "meetings", "members", "posts", "privacy",
        "residents",
    }  # fmt: skip
    for kind in FEATURES.values():
        assert issubclass(kind, Refused)


@pytest.mark.parametrize("feature", sorted(FEATURES))
def test_every_reason_has_kind_words_in_both_languages(feature: str) -> None:
    kind = FEATURES[feature]
    (reasons,) = get_args(kind.__orig_bases__[0])  # type: ignore[attr-defined]
    texts = catalog()
    for reason in reasons:
        key = kind(reason).key(feature)
        assert key in texts, f"{key} has no text"
        for lang in LANGS:
            assert texts[key].get(lang), f"{key} has no {lang} text"


def test_a_refusal_is_a_value() -> None:
    class Why(Enum):
        GONE = "gone"

    class Mine(Refused[Why]):
        pass

    assert Mine(Why.GONE) == Mine(Why.GONE)
    assert Mine(Why.GONE, "3") != Mine(Why.GONE)
    assert Mine(Why.GONE).key("x") == "x.refuse.gone"
    with pytest.raises(AttributeError):
        Mine(Why.GONE).detail = "changed"  # type: ignore[misc]
