"""Call and send statistics for tests and benchmarks."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any


@dataclass
class SendRecord:
    """One accepted send."""

    t: float
    chat_id: int
    method: str
    private: bool


@dataclass
class Stats:
    """Counters the user API exposes at /sandbox/api/stats."""

    calls: Counter[str] = field(default_factory=Counter)
    sends: list[SendRecord] = field(default_factory=list)
    too_many_requests: int = 0
    messages_per_chat: Counter[int] = field(default_factory=Counter)
    # send* calls being answered right now, and the most there were at once (pipelining).
    sends_in_flight: int = 0
    max_sends_in_flight: int = 0
    # Flood refusals by the limit broken: "global", "private", "group".
    refusals: Counter[str] = field(default_factory=Counter)

    def send_started(self) -> None:
        self.sends_in_flight += 1
        self.max_sends_in_flight = max(self.max_sends_in_flight, self.sends_in_flight)

    def send_ended(self) -> None:
        self.sends_in_flight -= 1

    def record_call(self, method: str) -> None:
        self.calls[method] += 1

    def record_send(self, t: float, chat_id: int, method: str, *, private: bool) -> None:
        self.sends.append(SendRecord(t, chat_id, method, private))
        self.messages_per_chat[chat_id] += 1

    def max_sends_per_second(self) -> int:
        """Most accepted sends inside any 1-second sliding window."""
        times = sorted(s.t for s in self.sends)
        best, lo = 0, 0
        for hi, t in enumerate(times):
            while t - times[lo] >= 1.0:
                lo += 1
            best = max(best, hi - lo + 1)
        return best

    def private_chat_violations(self) -> dict[int, int]:
        """Per private chat: accepted sends that came less than 1 s after the previous one."""
        last: dict[int, float] = {}
        out: Counter[int] = Counter()
        for s in sorted(self.sends, key=lambda r: r.t):
            if not s.private:
                continue
            if s.chat_id in last and s.t - last[s.chat_id] < 1.0:
                out[s.chat_id] += 1
            last[s.chat_id] = s.t
        return dict(out)

    def to_json(self) -> dict[str, Any]:
        return {
            "calls": dict(self.calls),
            "sends": [{"t": s.t, "chat_id": s.chat_id, "method": s.method} for s in self.sends],
            "total_sends": len(self.sends),
            "too_many_requests": self.too_many_requests,
            "max_sends_per_second": self.max_sends_per_second(),
            "private_chat_violations": {
                str(k): v for k, v in self.private_chat_violations().items()
            },
            "messages_per_chat": {str(k): v for k, v in self.messages_per_chat.items()},
            "max_sends_in_flight": self.max_sends_in_flight,
            "refusals": dict(self.refusals),
        }

    def reset(self) -> None:
        self.calls.clear()
        self.sends.clear()
        self.too_many_requests = 0
        self.messages_per_chat.clear()
        self.max_sends_in_flight = self.sends_in_flight
        self.refusals.clear()
