"""A 429 is charged to the chat it came from, to the whole bot only when the bot was at fault."""

from __future__ import annotations

import pytest

from bot.domain.delivery.flood import FloodScope, RefusalContext, charge_429


def ctx(
    *, chat: bool = True, recent: bool = False, calls: int = 5, refused: int = 1
) -> RefusalContext:
    return RefusalContext(
        has_chat=chat,
        chat_recent=recent,
        calls_last_second=calls,
        global_limit=30,
        chats_refused=refused,
    )


def test_a_chat_that_just_had_a_message_takes_its_own_429() -> None:
    assert charge_429(ctx(recent=True)) is FloodScope.CHAT
    # Even mid-broadcast at full speed: the chat's own message explains the refusal.
    assert charge_429(ctx(recent=True, calls=29)) is FloodScope.CHAT


def test_the_bot_at_its_global_rate_pauses_as_a_whole() -> None:
    assert charge_429(ctx(calls=28)) is FloodScope.GLOBAL
    assert charge_429(ctx(calls=30)) is FloodScope.GLOBAL
    assert charge_429(ctx(calls=27)) is FloodScope.CHAT


@pytest.mark.parametrize(
    ("refused", "scope"), [(1, FloodScope.CHAT), (2, FloodScope.CHAT), (3, FloodScope.GLOBAL)]
)
def test_several_chats_refused_at_once_is_global(refused: int, scope: FloodScope) -> None:
    assert charge_429(ctx(recent=True, refused=refused)) is scope


def test_a_call_without_a_chat_can_only_be_global() -> None:
    assert charge_429(ctx(chat=False)) is FloodScope.GLOBAL


def test_an_unexplained_refusal_holds_only_its_chat() -> None:
    assert charge_429(ctx(recent=False, calls=3)) is FloodScope.CHAT
