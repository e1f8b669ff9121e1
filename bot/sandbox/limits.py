"""Telegram's flood limits: 30 sends/s per bot, 1/s per private chat, 20/min per group.

Telegram's FAQ asks for one message per second to a chat but "may allow short bursts"; the
sandbox allows a burst of `private_burst` sends to one private chat within `private_window`
seconds (the same one-per-second average) and refuses the next one. Strict mode reads the FAQ
without the "may": one send per private chat in any 1-s window, no bursts at all; a bot that
passes there passes on Telegram whatever its burst tolerance is that day.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass, field


@dataclass
class _BotWindows:
    recent: deque[float] = field(default_factory=deque)
    private_recent: dict[int, deque[float]] = field(default_factory=dict)
    group_recent: dict[int, deque[float]] = field(default_factory=dict)


def _wait(until: float, now: float) -> int:
    """Whole seconds to wait, at least 1, as retry_after always is."""
    return max(1, math.ceil(until - now))


class FloodLimiter:
    """Sliding windows of accepted sends; strict, so bots that pass here pass on Telegram."""

    def __init__(
        self,
        *,
        enabled: bool = False,
        per_second: int = 30,
        private_burst: int = 3,
        private_window: float = 3.0,
        group_per_minute: int = 20,
        strict: bool = False,
    ) -> None:
        self.enabled = enabled or strict
        self.per_second = per_second
        self.group_per_minute = group_per_minute
        self._burst = (private_burst, private_window)
        # Which limit the last refused send broke ("global", "private", "group"), for stats.
        self.last_refusal = ""
        self.strict = strict
        self._bots: dict[int, _BotWindows] = {}

    @property
    def strict(self) -> bool:
        """No bursts: one send per private chat in any 1-s window."""
        return self._strict

    @strict.setter
    def strict(self, value: bool) -> None:
        self._strict = value
        self.private_burst, self.private_window = (1, 1.0) if value else self._burst
        if value:
            self.enabled = True

    def _windows(self, bot_id: int, now: float) -> _BotWindows:
        win = self._bots.setdefault(bot_id, _BotWindows())
        while win.recent and now - win.recent[0] >= 1.0:
            win.recent.popleft()
        return win

    def check(self, bot_id: int, chat_id: int, is_group: bool, now: float) -> int | None:
        """retry_after in seconds if this send would break a limit, else None."""
        if not self.enabled:
            return None
        win = self._windows(bot_id, now)
        waits: list[int] = []
        self.last_refusal = "global"
        if len(win.recent) >= self.per_second:
            waits.append(_wait(win.recent[0] + 1.0, now))
        if is_group:
            recent = win.group_recent.get(chat_id, deque())
            while recent and now - recent[0] >= 60.0:
                recent.popleft()
            if len(recent) >= self.group_per_minute:
                waits.append(_wait(recent[0] + 60.0, now))
                self.last_refusal = "group"
        else:
            recent = win.private_recent.get(chat_id, deque())
            while recent and now - recent[0] >= self.private_window:
                recent.popleft()
            if len(recent) >= self.private_burst:
                waits.append(_wait(recent[0] + self.private_window, now))
                self.last_refusal = "private"
        return max(waits) if waits else None

    def record(self, bot_id: int, chat_id: int, is_group: bool, now: float) -> None:
        """Count an accepted send (also while disabled, so enabling later is consistent)."""
        win = self._windows(bot_id, now)
        win.recent.append(now)
        if is_group:
            win.group_recent.setdefault(chat_id, deque()).append(now)
        else:
            win.private_recent.setdefault(chat_id, deque()).append(now)

    def reset(self) -> None:
        self._bots.clear()
