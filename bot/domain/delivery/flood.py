"""Where a 429 is charged: to the chat it came from, or to the whole bot (pure).

Telegram does not say whether a "Too Many Requests" holds one chat or the bot. Our own counters
do: a chat that had a message within its window (1 s for a person, the minute for a group)
explains a refusal by itself, so only that chat waits and every other chat goes on. The whole
bot pauses only when the bot itself was at its global rate, or when several chats were refused
at once (no single chat explains that). A refusal neither explains is held on its chat: if it
was global after all, the next refusals in other chats show it within a second.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

__all__ = ["FloodScope", "RefusalContext", "charge_429"]


class FloodScope(StrEnum):
    """Who waits out a 429."""

    CHAT = "chat"
    GLOBAL = "global"


@dataclass(frozen=True, slots=True)
class RefusalContext:
    """What the bot's own counters said when the refused call was made.

    `chat_recent`: the chat had another message within its window before this call;
    `calls_last_second`: counted calls the bot made in the second before it;
    `global_limit`: calls a second the bot may make (30);
    `chats_refused`: distinct chats refused within the last second, this one included.
    """

    has_chat: bool
    chat_recent: bool
    calls_last_second: int
    global_limit: int
    chats_refused: int


# "Several chats refused at once": three within one second is no longer one person's doing.
SEVERAL_CHATS = 3
# At its global rate: within this many calls of the limit in the second before the refusal.
GLOBAL_RATE_MARGIN = 2


def charge_429(ctx: RefusalContext) -> FloodScope:
    """The scope a 429 is charged to (see the module doc)."""
    if not ctx.has_chat or ctx.chats_refused >= SEVERAL_CHATS:
        return FloodScope.GLOBAL
    if ctx.chat_recent:
        return FloodScope.CHAT
    if ctx.calls_last_second >= ctx.global_limit - GLOBAL_RATE_MARGIN:
        return FloodScope.GLOBAL
    return FloodScope.CHAT
