"""When each Bot API call may go, under Telegram's flood limits (pure: times in, times out).

Rules (all times are monotonic seconds; "window" means half-open, e.g. [t, t + 1.04)):

- Global: at most 30 counted calls in any `window_s + window_margin_s` (1.04 s) window, and
  never two counted calls closer than `min_gap_s`. The 40 ms margin absorbs request jitter (a
  busy event loop, the network), so real sends stay within 30 per second even when one of them
  leaves or arrives a little late; 20 ms was measured too thin at 50 ms of latency.
- Reserved share: a bulk call may only take a slot while every window around it keeps
  `max_per_window - bulk_per_window` (1) slot free for interactive calls, so a reply made in
  the middle of an already booked broadcast goes within a few tens of milliseconds. While an
  interactive call (a send or an edit; reads and callback answers do not count) was made in the
  last `interactive_recent_s` (2 s), bulk also leaves room for the replies' recent rate: it is
  spaced at 29 minus the replies seen per second, but never below `bulk_busy_per_window` (20 of
  30): light use (2 replies/s) costs bulk 2 slots a second, heavy use at most 9. Bulk calls are
  spaced evenly (27.9/s when quiet, 19.2/s at the floor), so a broadcast is smooth.
- Per chat, private: at most `private_burst` messages (broadcast copies and replies alike) in
  any window of `private_burst × private_gap_s`, so the average stays one per `private_gap_s`
  (1.05 s) at every burst setting; with the default burst of 1 (Telegram's FAQ read strictly)
  every message to a person is a full gap after the one before. Within a larger burst, replies
  to a person (interactive) go only `min_gap_s` apart. Edits and other actions are not messages:
  they keep the chat's order (`min_gap_s` after its last call) but take no message budget. A
  bulk call also waits the full `private_gap_s` after whatever call went to the chat before it.
- Per chat, groups, supergroups and channels (negative ids, "@name"): one call per `group_gap_s`
  (1.05 s), bulk sends one per `group_bulk_gap_s` (3.05 s), and at most 20 new messages in any
  `group_window_s` (61 s). Every chat's calls keep the order they were booked in.
- A 429 charged to the whole bot (`pause_until`) stops every counted call: nothing is booked
  before the pause ends, and calls already booked are moved later by one common amount, which
  keeps their order, spacing and windows. A 429 charged to one chat (`hold_chat`) holds only
  that chat: its pending calls are booked again after the hold; other chats go on.

Call kinds (see `call_kind`): new messages (SEND) count everywhere; edits, deletions, pins and
other chat actions (ACTION) count like a send, globally and per chat, because a shared group
message edited on every click is exactly what gets flood-limited, but they do not fill the
group's 20-per-minute message budget nor a private chat's; reads, callback-query answers,
getUpdates and chat actions (FREE) are never paced and never held by a pause.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import deque
from dataclasses import dataclass, field
from enum import StrEnum

from bot.domain.delivery.slots import EPS, at_of, clear_of, clear_window, insert, remove

__all__ = [
    "CallKind",
    "ChatKey",
    "Pacer",
    "PacerConfig",
    "Priority",
    "Reservation",
    "call_kind",
    "is_group_chat",
]

ChatKey = int | str

_FREE_ENDPOINTS = frozenset(
    {"sendchataction", "setwebhook", "deletewebhook", "logout", "close", "getupdates"}
)
_SEND_PREFIXES = ("send", "copymessage", "forwardmessage")


class Priority(StrEnum):
    """Who is waiting for a call: a person who just acted, or nobody in particular."""

    INTERACTIVE = "interactive"
    BULK = "bulk"


class CallKind(StrEnum):
    """How a Bot API method counts against the limits."""

    SEND = "send"
    ACTION = "action"
    FREE = "free"


def call_kind(endpoint: str) -> CallKind:
    """Classify a Bot API method name such as "sendMessage" or "editMessageText"."""
    name = endpoint.lower()
    if name in _FREE_ENDPOINTS or name.startswith(("get", "answer")):
        return CallKind.FREE
    if name.startswith(_SEND_PREFIXES):
        return CallKind.SEND
    return CallKind.ACTION


def is_group_chat(chat: ChatKey) -> bool:
    """Negative ids and "@username" strings are groups, supergroups or channels."""
    return isinstance(chat, str) or chat < 0


@dataclass(frozen=True, slots=True)
class PacerConfig:
    """Limits and shares; the defaults follow the Bot FAQ with small safety margins."""

    max_per_window: int = 30
    window_s: float = 1.0
    window_margin_s: float = 0.04
    min_gap_s: float = 0.01
    bulk_per_window: int = 29
    # While people write, bulk leaves room for their replies down to this share: 20 of 30 still
    # keeps a broadcast at two thirds of its speed with ten replies a second.
    bulk_busy_per_window: int = 20
    interactive_recent_s: float = 2.0
    private_gap_s: float = 1.05
    # Messages one private chat may get back to back (copies and replies alike) within a window
    # of `private_burst × private_gap_s`. Telegram's FAQ only says short bursts "may" pass, so
    # the default is 1: one message per `private_gap_s`, whatever the flow.
    private_burst: int = 1
    group_gap_s: float = 1.05
    group_bulk_gap_s: float = 3.05
    group_max_per_window: int = 20
    group_window_s: float = 61.0

    def __post_init__(self) -> None:
        if not 0 < self.bulk_busy_per_window <= self.bulk_per_window <= self.max_per_window:
            raise ValueError("need 0 < bulk_busy_per_window <= bulk_per_window <= max_per_window")
        if self.window_s <= 0 or self.window_margin_s < 0 or self.min_gap_s < 0:
            raise ValueError("windows and gaps must be positive")
        if self.group_max_per_window < 1 or self.group_window_s <= 0:
            raise ValueError("the group window must allow at least one message")
        if self.private_burst < 1 or self.private_gap_s <= 0:
            raise ValueError("a private chat must allow at least one message per burst window")

    @property
    def private_burst_window_s(self) -> float:
        """The window a private chat's burst is counted in: the burst at one per gap."""
        return self.private_burst * self.private_gap_s

    @property
    def window(self) -> float:
        """The global window actually enforced, margin included."""
        return self.window_s + self.window_margin_s

    def bulk_cap(self, busy: bool, interactive_per_window: int = 0) -> int:
        """How many calls of any window bulk may bring it up to.

        While people are using the bot, bulk leaves room for the replies actually seen (their
        recent rate per window) on top of the one always-free slot, and never less room than
        `max_per_window - bulk_busy_per_window` would leave... i.e. bulk is capped between
        `bulk_busy_per_window` and `bulk_per_window`.
        """
        if not busy:
            return self.bulk_per_window
        return max(self.bulk_busy_per_window, self.bulk_per_window - interactive_per_window)


@dataclass(eq=False, slots=True)
class Reservation:
    """A booked call; `at` only ever moves later (a 429 pause shifts pending bookings)."""

    at: float
    chat: ChatKey | None
    priority: Priority
    kind: CallKind


@dataclass(slots=True)
class _ChatLog:
    calls: list[Reservation] = field(default_factory=list)
    # New messages only: a group's 20-per-minute budget, a private chat's burst budget.
    sends: list[Reservation] = field(default_factory=list)
    held_until: float = -math.inf


_PRUNE_EVERY = 256
_RECALL_S = 1.0


class Pacer:
    """Books every outgoing call at the earliest time that keeps all limits (see module doc)."""

    def __init__(self, config: PacerConfig | None = None) -> None:
        self.config = config or PacerConfig()
        self._all: list[Reservation] = []
        self._bulk: list[Reservation] = []
        self._chats: dict[ChatKey, _ChatLog] = {}
        self._paused_until = -math.inf
        self._last_interactive = -math.inf
        self._interactive_at: deque[float] = deque()
        self._now = -math.inf
        self._since_prune = 0

    @property
    def paused_until(self) -> float:
        """End of the current or last 429 pause (-inf if none)."""
        return self._paused_until

    def interactive_recent(self, now: float) -> bool:
        """Whether bulk is held to its busy share at `now`."""
        return now - self._last_interactive < self.config.interactive_recent_s

    def _bulk_cap(self, now: float) -> int:
        """Bulk's share of a window at `now`, from the replies made in the recent past."""
        cfg = self.config
        horizon = now - cfg.interactive_recent_s
        while self._interactive_at and self._interactive_at[0] <= horizon:
            self._interactive_at.popleft()
        per_window = math.ceil(
            len(self._interactive_at) * cfg.window_s / cfg.interactive_recent_s - 1e-9
        )
        return cfg.bulk_cap(self.interactive_recent(now), per_window)

    def reserve(
        self,
        chat: ChatKey | None,
        priority: Priority,
        now: float,
        kind: CallKind = CallKind.SEND,
    ) -> Reservation:
        """Book a call made at `now`; its `at` is the earliest time it may go."""
        now = self._advance(now)
        lower = max(now, self._paused_until)
        if kind is CallKind.FREE:
            # Reads and callback answers (getUpdates among them) take no slot and wait for no
            # pause: a message pause must not hold a button's answer or the next update.
            return Reservation(now, chat, priority, kind)
        if priority is Priority.INTERACTIVE:
            self._last_interactive = now
            self._interactive_at.append(now)
        log = None
        if chat is not None:
            log = self._chat_log(chat, now)
            lower = max(lower, self._chat_floor(chat, log, priority, kind))
        at = self._earliest(lower, priority, self._bulk_cap(now))
        booked = Reservation(at, chat, priority, kind)
        self._link(booked, log)
        return booked

    def _link(self, booked: Reservation, log: _ChatLog | None) -> None:
        insert(self._all, booked)
        if booked.priority is Priority.BULK:
            insert(self._bulk, booked)
        if log is not None:
            insert(log.calls, booked)
            if booked.kind is CallKind.SEND:
                insert(log.sends, booked)

    def _unlink(self, booked: Reservation) -> bool:
        found = remove(self._all, booked)
        remove(self._bulk, booked)
        log = self._chats.get(booked.chat) if booked.chat is not None else None
        if log is not None:
            remove(log.calls, booked)
            remove(log.sends, booked)
        return found

    def next_bulk_slot(self, now: float) -> float:
        """When a bulk call to a chat without history would go, booked at `now` (a dry run)."""
        now = max(now, self._now)
        lower = max(now, self._paused_until)
        return self._earliest(lower, Priority.BULK, self._bulk_cap(now))

    def cancel(self, booked: Reservation) -> bool:
        """Forget a booking whose call will not be made; False if it was not (or no longer) held."""
        if booked.kind is CallKind.FREE:
            return False
        return self._unlink(booked)

    def hold_chat(self, chat: ChatKey, until: float, now: float) -> None:
        """Telegram said 429 for this chat alone: its calls wait until `until`, others go on."""
        now = self._advance(now)
        log = self._chat_log(chat, now)
        if until <= log.held_until:
            return
        log.held_until = until
        # Calls already booked for the chat and not yet due are booked again behind the hold,
        # in their order; nothing else moves.
        moving = [r for r in log.calls if r.at > now]
        for booked in moving:
            self._unlink(booked)
        for booked in moving:
            lower = self._chat_floor(chat, log, booked.priority, booked.kind)
            booked.at = self._earliest(lower, booked.priority, self._bulk_cap(now))
            self._link(booked, log)

    def chat_held_until(self, chat: ChatKey) -> float:
        """End of the chat's own 429 hold (-inf if none remembered)."""
        log = self._chats.get(chat)
        return log.held_until if log is not None else -math.inf

    def sent_to_chat_within(self, chat: ChatKey, before: float, seconds: float) -> bool:
        """Whether a message to the chat was booked in [before - seconds, before)."""
        log = self._chats.get(chat)
        if log is None:
            return False
        return any(before - seconds - EPS <= r.at < before - EPS for r in log.sends)

    def counted_within(self, before: float, seconds: float) -> int:
        """Counted calls (any chat) booked in [before - seconds, before)."""
        lo = bisect_left(self._all, before - seconds - EPS, key=at_of)
        hi = bisect_left(self._all, before - EPS, key=at_of)
        return hi - lo

    def pause_until(self, until: float, now: float) -> None:
        """Telegram said 429: nothing goes before `until`; pending bookings move later."""
        now = self._advance(now)
        if until <= self._paused_until:
            return
        self._paused_until = until
        # Bookings due by `now` are taken (their call is out or leaving), so they stay put.
        first = bisect_right(self._all, now, key=at_of)
        if first == len(self._all):
            return
        delta = until - self._all[first].at
        if delta <= 0:
            return
        # One common shift keeps every spacing, window and per-chat order already checked.
        for booked in self._all[first:]:
            booked.at += delta

    def pending(self, now: float) -> int:
        """Counted bookings not yet due at `now`."""
        return len(self._all) - bisect_right(self._all, now, key=at_of)

    def tracked_chats(self) -> int:
        """Chats with recent calls still remembered (bounded by pruning)."""
        return len(self._chats)

    def _advance(self, now: float) -> float:
        # Callers share one monotonic clock; an older `now` is read as the latest one seen.
        self._now = max(self._now, now)
        self._since_prune += 1
        if self._since_prune >= _PRUNE_EVERY:
            self._prune(self._now)
        return self._now

    def _prune(self, now: float) -> None:
        self._since_prune = 0
        # One second more than the window: a 429 answered a round trip later still sees the
        # second before the refused call (see sent_to_chat_within, counted_within).
        horizon = now - self.config.window - _RECALL_S
        del self._all[: bisect_left(self._all, horizon, key=at_of)]
        del self._bulk[: bisect_left(self._bulk, horizon, key=at_of)]
        for chat in [c for c, log in self._chats.items() if self._trim(c, log, now)]:
            del self._chats[chat]

    def _trim(self, chat: ChatKey, log: _ChatLog, now: float) -> bool:
        """Drop calls too old to constrain a booking at `now`; True if nothing is left."""
        cfg = self.config
        gap = (
            max(cfg.group_gap_s, cfg.group_bulk_gap_s)
            if is_group_chat(chat)
            else max(cfg.private_gap_s, cfg.private_burst_window_s)
        )
        keep_sends = cfg.group_window_s if is_group_chat(chat) else cfg.private_burst_window_s
        del log.calls[: bisect_left(log.calls, now - gap, key=at_of)]
        del log.sends[: bisect_left(log.sends, now - max(keep_sends, 1.0) - _RECALL_S, key=at_of)]
        return not log.calls and not log.sends and log.held_until < now

    def _chat_log(self, chat: ChatKey, now: float) -> _ChatLog:
        log = self._chats.get(chat)
        if log is None:
            log = self._chats[chat] = _ChatLog()
        else:
            self._trim(chat, log, now)
        return log

    def _chat_floor(
        self, chat: ChatKey, log: _ChatLog, priority: Priority, kind: CallKind
    ) -> float:
        """The earliest time this chat allows; always after its previous booking."""
        cfg = self.config
        calls, sends = log.calls, log.sends
        floor = log.held_until
        if is_group_chat(chat):
            if calls:
                bulk_send = priority is Priority.BULK and kind is CallKind.SEND
                gap = cfg.group_bulk_gap_s if bulk_send else cfg.group_gap_s
                floor = max(floor, calls[-1].at + gap)
            if kind is CallKind.SEND and len(sends) >= cfg.group_max_per_window:
                floor = max(floor, sends[-cfg.group_max_per_window].at + cfg.group_window_s)
            return floor
        if calls:
            gap = cfg.min_gap_s if priority is Priority.INTERACTIVE else cfg.private_gap_s
            floor = max(floor, calls[-1].at + gap)
        # One budget for every message to the person: a reply right after a broadcast copy (or
        # a copy right after a burst of replies) would be one message too many.
        if kind is CallKind.SEND and len(sends) >= cfg.private_burst:
            floor = max(floor, sends[-cfg.private_burst].at + cfg.private_burst_window_s)
        return floor

    def _earliest(self, lower: float, priority: Priority, bulk_rate: int) -> float:
        """The first time >= lower that breaks no global rule; every step moves forward."""
        cfg = self.config
        bulk = priority is Priority.BULK
        # Bulk never takes a window's last slot; its spacing sets its share, so replies already
        # in a window are not counted against bulk a second time.
        cap = cfg.bulk_per_window if bulk else cfg.max_per_window
        bulk_gap = cfg.window / bulk_rate if bulk else 0.0
        t = lower
        while True:
            nxt = max(
                clear_of(self._all, t, cfg.min_gap_s),
                clear_of(self._bulk, t, bulk_gap),
                clear_window(self._all, t, cap, cfg.window),
            )
            if nxt <= t:
                return t
            t = nxt
