"""The bot's send budget shared by all its processes, through PostgreSQL.

Why PostgreSQL and not Redis: the roles need PostgreSQL anyway (the worker lock, the outbox),
so the budget adds no service to run, back up or lose; one booking is one round trip to a
plpgsql function that holds its row locks for microseconds, ~1 ms on a local network, and the
bot makes at most 30 counted calls a second. Redis would save that millisecond and add a
second thing that must be up for the bot to send.

How: generic cell rate scheduling on the database's clock. Each process keeps its own Pacer
(priorities, per-chat order, bursts, 429 charging); a call that the local pacer lets go then
books a slot in the shared rows (`partybot_send_slot`):

- every counted call of the bot: one per (`window` + SHARED_WINDOW_MARGIN_S) / 30 (1.1 s / 30),
  so all the processes together make at most 30 counted calls in any 1.1 s;
- bulk calls (the outbox) also one per `window / SHARED_BULK_PER_WINDOW`, so interactive
  replies from the web processes always find room;
- a private chat: one message per `private_gap_s` + SHARED_CHAT_MARGIN_S (1.15 s), whichever
  process sends it; a group: one counted call per `group_gap_s` + the margin, and at most
  `group_max_per_window` new messages in any `group_window_s` (20 in 61 s) between all the
  processes: the worker's notices and a web process's replies in the same group add up.

The booking answers "wait w seconds, then go"; a chat that is busy answers "ask again in w".
A 429 seen by any process holds the bot (or the chat) for every process. If the database does
not answer, the call goes on the local pacing alone (one process's budget) and it is logged:
the bot must not go silent because a budget row could not be read.
"""

from __future__ import annotations

import asyncio
import logging
import math
import time

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.domain.pacing import CallKind, ChatKey, PacerConfig, Priority, is_group_chat
from bot.roles.metrics import SHARED_WAIT
from storage.repos import roles as repo

log = logging.getLogger(__name__)

# Bulk's share of the shared window: the rest (about 4 calls a second) is always free for
# replies, whichever process makes them.
SHARED_BULK_PER_WINDOW = 26
# Added to a chat's gap: a slot is booked on the database's clock, but the call reaches
# Telegram after this process's own delays (a busy event loop, the HTTP client), and two
# processes' delays differ. Measured over the strict sandbox with five processes on two cores:
# with no margin a few replies a minute came < 1 s after a copy to the same person.
SHARED_CHAT_MARGIN_S = 0.1
# Added to the global window (1.04 s) for the same reason: measured with two web processes and
# a worker over the strict sandbox, sends booked 1.04 s / 30 apart still met four 429s in a
# 600-copy broadcast (the busiest window reached 30 and the next was refused).
SHARED_WINDOW_MARGIN_S = 0.06


class SharedBudget:
    """Books each counted call in the shared budget and sleeps until its slot."""

    def __init__(self, engine: AsyncEngine, bot_id: int, config: PacerConfig | None = None):
        self._engine = engine.execution_options(isolation_level="AUTOCOMMIT")
        self._bot = str(bot_id)
        cfg = config or PacerConfig()
        window = cfg.window + SHARED_WINDOW_MARGIN_S
        self._gap = window / cfg.max_per_window
        self._bulk_gap = window / min(SHARED_BULK_PER_WINDOW, cfg.bulk_per_window)
        self._private_gap = cfg.private_gap_s + SHARED_CHAT_MARGIN_S
        self._group_gap = cfg.group_gap_s + SHARED_CHAT_MARGIN_S
        self._group_max = cfg.group_max_per_window
        self._group_window = cfg.group_window_s
        self._failing = False
        self._last_left = -math.inf

    def _chat(self, chat: ChatKey | None, kind: CallKind) -> tuple[str | None, float, int]:
        """The chat's key, its gap, and its message window's size (0: no window)."""
        if chat is None:
            return None, 0.0, 0
        if is_group_chat(chat):
            # Edits fill no group's message window (see bot.domain.pacing), new messages do.
            window = self._group_max if kind is CallKind.SEND else 0
            return str(chat), self._group_gap, window
        # Edits and other actions in a private chat are not messages (see bot.domain.pacing).
        return (str(chat), self._private_gap, 0) if kind is CallKind.SEND else (None, 0.0, 0)

    async def wait(self, chat: ChatKey | None, priority: Priority, kind: CallKind) -> None:
        """Sleep until this call's shared slot (a counted call only)."""
        chat_key, chat_gap, window_max = self._chat(chat, kind)
        started = time.monotonic()
        while True:
            try:
                async with self._engine.connect() as conn:
                    delay = await repo.send_slot(
                        conn,
                        self._bot,
                        chat_key,
                        chat_gap=chat_gap,
                        bulk=priority is Priority.BULK,
                        gap=self._gap,
                        bulk_gap=self._bulk_gap,
                        window_max=window_max,
                        window=self._group_window,
                    )
            except Exception:
                if not self._failing:
                    log.warning("shared send budget unavailable; pacing locally", exc_info=True)
                self._failing = True
                return
            if self._failing:
                log.info("shared send budget available again")
                self._failing = False
            if delay >= 0:
                if delay > 0:
                    await asyncio.sleep(delay)
                await self._spaced()
                SHARED_WAIT.observe(time.monotonic() - started)
                return
            await asyncio.sleep(-delay)

    async def _spaced(self) -> None:
        """Keep this process's calls a gap apart as they really leave: after a stall of the
        event loop, every call whose slot passed meanwhile would wake at once, and a burst of
        them lands in one second with the other processes' calls (measured: two 429s in a
        600-copy broadcast before this)."""
        while True:
            now = time.monotonic()
            wait = self._last_left + self._gap - now
            if wait <= 0:
                self._last_left = now
                return
            await asyncio.sleep(wait)

    async def hold(self, chat: ChatKey | None, seconds: float) -> None:
        """A 429: the whole bot (chat None) or that chat waits `seconds` in every process."""
        key = f"g:{self._bot}" if chat is None else f"c:{self._bot}:{chat}"
        try:
            async with self._engine.connect() as conn:
                await repo.hold_budget(conn, key, seconds)
        except Exception:
            log.warning("could not share a 429 pause", exc_info=True)
