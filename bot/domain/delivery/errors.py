"""What the outbox does after one send attempt: done, retry later, or give up (and why).

Input is transport-agnostic: an error kind ("ok", "retry_after", "forbidden", "bad_request",
"chat_migrated", "timed_out", "network", "server_error", "unauthorized", "not_found")
plus Telegram's description. Descriptions are matched case-insensitively on
fragments, because PTB strips "Bad Request: " and re-capitalises what is left
("Bad Request: chat not found" arrives as "Chat not found").
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

__all__ = [
    "DEFAULT_POLICY",
    "Action",
    "Decision",
    "FailReason",
    "RetryPolicy",
    "UnreachableReason",
    "backoff_delay",
    "classify",
    "is_not_modified",
]


class Action(StrEnum):
    """What to do with the message."""

    SENT = "sent"
    RETRY_AFTER = "retry_after"
    RETRY_BACKOFF = "retry_backoff"
    UNREACHABLE = "unreachable"
    MIGRATED = "migrated"
    FAILED = "failed"


class UnreachableReason(StrEnum):
    """Why a chat cannot receive anything now; never retried, the member/group must act."""

    BLOCKED = "blocked"
    NOT_STARTED = "not_started"
    DEACTIVATED = "deactivated"
    CHAT_NOT_FOUND = "chat_not_found"
    KICKED = "kicked"
    NOT_MEMBER = "not_member"
    NO_RIGHTS = "no_rights"
    FORBIDDEN = "forbidden"


class FailReason(StrEnum):
    """Why this message can never be sent as it is."""

    MESSAGE_TOO_LONG = "message_too_long"
    CAPTION_TOO_LONG = "caption_too_long"
    CANT_PARSE_ENTITIES = "cant_parse_entities"
    MESSAGE_EMPTY = "message_empty"
    FILE_TOO_BIG = "file_too_big"
    BAD_FILE = "bad_file"
    BAD_MARKUP = "bad_markup"
    MESSAGE_NOT_FOUND = "message_not_found"
    MESSAGE_CANT_BE_EDITED = "message_cant_be_edited"
    REPLY_NOT_FOUND = "reply_not_found"
    QUERY_EXPIRED = "query_expired"
    BAD_REQUEST = "bad_request"
    RETRIES_EXHAUSTED = "retries_exhausted"
    UNAUTHORIZED = "unauthorized"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Decision:
    """One outcome: `delay_s` for retries, `reason` for unreachable/failed, or the new chat id."""

    action: Action
    delay_s: float = 0.0
    reason: UnreachableReason | FailReason | None = None
    new_chat_id: int | None = None
    not_modified: bool = False

    @property
    def retry(self) -> bool:
        """Whether the outbox should try the same message again later."""
        return self.action in (Action.RETRY_AFTER, Action.RETRY_BACKOFF, Action.MIGRATED)


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """Bounds for retrying; `attempt` counts tries made so far, the failed one included."""

    max_attempts: int = 5
    base_delay_s: float = 2.0
    max_delay_s: float = 300.0
    max_rate_limited_attempts: int = 20
    default_retry_after_s: float = 5.0


DEFAULT_POLICY = RetryPolicy()

# Fragments of Telegram's descriptions, first match wins (most specific first).
_UNREACHABLE: tuple[tuple[str, UnreachableReason], ...] = (
    ("bot was blocked by the user", UnreachableReason.BLOCKED),
    ("bot can't initiate conversation", UnreachableReason.NOT_STARTED),
    ("user is deactivated", UnreachableReason.DEACTIVATED),
    ("bot was kicked", UnreachableReason.KICKED),
    ("bot is not a member", UnreachableReason.NOT_MEMBER),
    ("group chat was deleted", UnreachableReason.CHAT_NOT_FOUND),
    ("chat not found", UnreachableReason.CHAT_NOT_FOUND),
    ("user not found", UnreachableReason.CHAT_NOT_FOUND),
    ("peer_id_invalid", UnreachableReason.CHAT_NOT_FOUND),
    ("not enough rights to send", UnreachableReason.NO_RIGHTS),
    ("have no rights to send", UnreachableReason.NO_RIGHTS),
    ("chat_write_forbidden", UnreachableReason.NO_RIGHTS),
)

_FAILED: tuple[tuple[str, FailReason], ...] = (
    ("message caption is too long", FailReason.CAPTION_TOO_LONG),
    ("message is too long", FailReason.MESSAGE_TOO_LONG),
    ("text is too long", FailReason.MESSAGE_TOO_LONG),
    ("can't parse entities", FailReason.CANT_PARSE_ENTITIES),
    ("message text is empty", FailReason.MESSAGE_EMPTY),
    ("file is too big", FailReason.FILE_TOO_BIG),
    ("request entity too large", FailReason.FILE_TOO_BIG),
    ("wrong file identifier", FailReason.BAD_FILE),
    ("wrong remote file identifier", FailReason.BAD_FILE),
    ("failed to get http url content", FailReason.BAD_FILE),
    ("wrong type of the web page content", FailReason.BAD_FILE),
    ("button_data_invalid", FailReason.BAD_MARKUP),
    ("reply markup is too long", FailReason.BAD_MARKUP),
    ("can't parse inline keyboard button", FailReason.BAD_MARKUP),
    ("message to edit not found", FailReason.MESSAGE_NOT_FOUND),
    ("message to delete not found", FailReason.MESSAGE_NOT_FOUND),
    ("message can't be edited", FailReason.MESSAGE_CANT_BE_EDITED),
    ("message can't be deleted", FailReason.MESSAGE_CANT_BE_EDITED),
    ("replied message not found", FailReason.REPLY_NOT_FOUND),
    ("message to be replied not found", FailReason.REPLY_NOT_FOUND),
    ("query is too old", FailReason.QUERY_EXPIRED),
)

_TRANSIENT_KINDS = frozenset({"timed_out", "network", "server_error"})
_SENT_KINDS = frozenset({"ok", "sent", ""})
_NEW_CHAT_ID = re.compile(r"new chat id:?\s*(-?\d+)", re.IGNORECASE)
_RETRY_IN = re.compile(r"retry (?:after|in) (\d+(?:\.\d+)?)", re.IGNORECASE)


def classify(
    error_kind: str,
    description: str,
    retry_after: float | None,
    attempt: int,
    *,
    new_chat_id: int | None = None,
    policy: RetryPolicy = DEFAULT_POLICY,
    rand: Callable[[], float] = random.random,
) -> Decision:
    """Decide what to do after attempt number `attempt` (1-based) ended with `error_kind`."""
    kind = error_kind.strip().lower()
    text = description.lower()
    if kind in _SENT_KINDS:
        return Decision(Action.SENT)
    if kind == "retry_after":
        return _rate_limited(description, retry_after, attempt, policy)
    if kind == "chat_migrated":
        migrated_to = new_chat_id if new_chat_id is not None else _parse_new_chat_id(description)
        if migrated_to is None:
            return Decision(Action.FAILED, reason=FailReason.BAD_REQUEST)
        return Decision(Action.MIGRATED, new_chat_id=migrated_to)
    if kind in _TRANSIENT_KINDS:
        return _backoff(attempt, policy, rand)
    if kind in ("forbidden", "bad_request"):
        return _permanent(kind, text)
    if kind in ("unauthorized", "not_found"):
        return Decision(Action.FAILED, reason=FailReason.UNAUTHORIZED)
    return Decision(Action.FAILED, reason=FailReason.UNKNOWN)


def backoff_delay(attempt: int, policy: RetryPolicy, rand: Callable[[], float]) -> float:
    """Exponential delay with "equal jitter": half fixed, half random, capped."""
    doublings = min(max(attempt - 1, 0), 40)  # past 40 the cap has long been reached
    ceiling = min(policy.max_delay_s, policy.base_delay_s * 2.0**doublings)
    return ceiling / 2 + ceiling / 2 * rand()


def _backoff(attempt: int, policy: RetryPolicy, rand: Callable[[], float]) -> Decision:
    # A timeout may have been delivered anyway; a bounded retry keeps duplicates rare and local.
    if attempt >= policy.max_attempts:
        return Decision(Action.FAILED, reason=FailReason.RETRIES_EXHAUSTED)
    return Decision(Action.RETRY_BACKOFF, delay_s=backoff_delay(attempt, policy, rand))


def _rate_limited(
    description: str, retry_after: float | None, attempt: int, policy: RetryPolicy
) -> Decision:
    # Not the message's fault, so it gets more tries than a network error, but still bounded.
    if attempt >= policy.max_rate_limited_attempts:
        return Decision(Action.FAILED, reason=FailReason.RETRIES_EXHAUSTED)
    seconds = retry_after
    if seconds is None:
        found = _RETRY_IN.search(description)
        seconds = float(found.group(1)) if found else policy.default_retry_after_s
    return Decision(Action.RETRY_AFTER, delay_s=max(float(seconds), 0.0))


def _permanent(kind: str, text: str) -> Decision:
    for fragment, unreachable in _UNREACHABLE:
        if fragment in text:
            return Decision(Action.UNREACHABLE, reason=unreachable)
    if is_not_modified(text):
        # Editing to identical content: the chat already shows what we wanted.
        return Decision(Action.SENT, not_modified=True)
    for fragment, failure in _FAILED:
        if fragment in text:
            return Decision(Action.FAILED, reason=failure)
    if kind == "forbidden":
        return Decision(Action.UNREACHABLE, reason=UnreachableReason.FORBIDDEN)
    return Decision(Action.FAILED, reason=FailReason.BAD_REQUEST)


def _parse_new_chat_id(description: str) -> int | None:
    found = _NEW_CHAT_ID.search(description)
    return int(found.group(1)) if found else None


def is_not_modified(error: BaseException | str) -> bool:
    """Whether an edit failed only because the message already shows that content.

    The one reading of it for the whole bot: a screen shown again, a progress line, a check-in
    code, a picker losing its buttons all take it as success. Telegram says "Bad Request:
    message is not modified"; PTB strips the prefix and re-capitalises, other servers vary."""
    return "message is not modified" in str(error).lower()
