"""One rule for the words that clear an optional field."""

from __future__ import annotations

import pytest

from bot.domain.blank import means_none


@pytest.mark.parametrize(
    "text", ["", "  ", "-", "－", "—", "无", " 无 ", "没有", "None", "NONE", "n/a"]
)
def test_words_for_none(text: str) -> None:
    assert means_none(text)


@pytest.mark.parametrize("text", ["无锡", "-1", "社区活动室", "nobody", "无 人", "--"])
def test_real_answers_are_kept(text: str) -> None:
    assert not means_none(text)
