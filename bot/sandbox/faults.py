"""Fault injection: make chosen Bot API calls fail or answer slowly."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.sandbox.errors import ApiError

_DEFAULT_TEXT = {
    400: "Bad Request: injected fault",
    403: "Forbidden: bot was blocked by the user",
    409: "Conflict: injected fault",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}


@dataclass
class FaultRule:
    """Matches calls by method (or "*") and optional chat_id; each match uses one of `count`."""

    method: str
    chat_id: int | None
    error_code: int | None
    description: str | None
    retry_after: int | None
    count: int
    delay: float

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> FaultRule:
        code = raw.get("error_code")
        if code is not None and not isinstance(code, int):
            raise ValueError("error_code must be an integer")
        count = int(raw.get("count", 1))
        if count < 1:
            raise ValueError("count must be at least 1")
        chat = raw.get("chat_id")
        retry = raw.get("retry_after")
        return cls(
            method=str(raw.get("method") or "*").lower(),
            chat_id=int(chat) if chat is not None else None,
            error_code=code,
            description=raw.get("description"),
            retry_after=int(retry) if retry is not None else None,
            count=count,
            delay=float(raw.get("delay", 0.0)),
        )

    def matches(self, method: str, chat_id: Any) -> bool:
        if self.method not in ("*", method.lower()):
            return False
        return self.chat_id is None or str(self.chat_id) == str(chat_id)

    def error(self) -> ApiError | None:
        if self.error_code is None:
            return None
        if self.error_code == 429:
            retry = self.retry_after or 1
            text = self.description or f"Too Many Requests: retry after {retry}"
            return ApiError(429, text, {"retry_after": retry})
        text = self.description or _DEFAULT_TEXT.get(self.error_code, f"Error {self.error_code}")
        return ApiError(self.error_code, text)

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


class Faults:
    """The active rules, consumed in order."""

    def __init__(self) -> None:
        self.rules: list[FaultRule] = []

    def add(self, raw_rules: list[dict[str, Any]]) -> None:
        self.rules.extend(FaultRule.from_json(r) for r in raw_rules)

    def clear(self) -> None:
        self.rules.clear()

    def take(self, method: str, chat_id: Any) -> FaultRule | None:
        for rule in self.rules:
            if rule.matches(method, chat_id):
                rule.count -= 1
                if rule.count <= 0:
                    self.rules.remove(rule)
                return rule
        return None
