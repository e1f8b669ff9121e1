"""The residents' buttons: the slice's kinds and the layouts it relies on."""

from __future__ import annotations

from bot.kernel.buttons import Button
from handlers.residents import buttons

KINDS = [
    k
    for k in vars(buttons).values()
    if isinstance(k, type) and issubclass(k, Button) and k is not Button
]


def test_the_slice_defines_its_kinds() -> None:
    assert len(KINDS) == 27
    assert all(k.prefix.startswith("rq:") for k in KINDS)
    assert len({k.prefix for k in KINDS}) == len(KINDS)


def test_layouts_the_slice_relies_on() -> None:
    assert buttons.RateRequest(7, 9).data == "rq:rt:7:9"  # the service refuses kindly
    assert buttons.HistoryPage.parse(f"rq:hs:{buttons.MAX_PAGE + 1}") is None
    assert buttons.ShowLink.parse("rq:lnn") is None and buttons.RenewLink.parse("rq:lnn")
