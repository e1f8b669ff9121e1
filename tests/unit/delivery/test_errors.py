"""Every send outcome maps to one outbox action, using Telegram's real descriptions."""

from __future__ import annotations

import random

import pytest

from bot.domain.delivery.errors import (
    Action,
    Decision,
    FailReason,
    RetryPolicy,
    UnreachableReason,
    backoff_delay,
    classify,
)

U, F = UnreachableReason, FailReason


@pytest.mark.parametrize(
    ("kind", "description", "reason"),
    [
        ("forbidden", "Forbidden: bot was blocked by the user", U.BLOCKED),
        ("forbidden", "Forbidden: bot can't initiate conversation with a user", U.NOT_STARTED),
        ("forbidden", "Forbidden: user is deactivated", U.DEACTIVATED),
        ("forbidden", "Forbidden: bot was kicked from the group chat", U.KICKED),
        ("forbidden", "Forbidden: bot was kicked from the supergroup chat", U.KICKED),
        ("forbidden", "Forbidden: bot is not a member of the channel chat", U.NOT_MEMBER),
        ("forbidden", "Forbidden: the group chat was deleted", U.CHAT_NOT_FOUND),
        (
            "forbidden",
            "Forbidden: not enough rights to send text messages to the chat",
            U.NO_RIGHTS,
        ),
        ("forbidden", "Forbidden: bot can't send messages to bots", U.FORBIDDEN),
        ("bad_request", "Bad Request: chat not found", U.CHAT_NOT_FOUND),
        # PTB strips "Bad Request: " and capitalises the rest:
        ("bad_request", "Chat not found", U.CHAT_NOT_FOUND),
        ("bad_request", "Bad Request: user not found", U.CHAT_NOT_FOUND),
        ("bad_request", "Peer_id_invalid", U.CHAT_NOT_FOUND),
        ("bad_request", "Bad Request: have no rights to send a message", U.NO_RIGHTS),
        ("bad_request", "Bad Request: CHAT_WRITE_FORBIDDEN", U.NO_RIGHTS),
    ],
)
def test_unreachable_chats_are_never_retried(
    kind: str, description: str, reason: UnreachableReason
) -> None:
    decision = classify(kind, description, None, attempt=1)
    assert decision == Decision(Action.UNREACHABLE, reason=reason)
    assert not decision.retry


@pytest.mark.parametrize(
    ("description", "reason"),
    [
        ("Bad Request: message is too long", F.MESSAGE_TOO_LONG),
        ("Message is too long", F.MESSAGE_TOO_LONG),
        ("Bad Request: message caption is too long", F.CAPTION_TOO_LONG),
        (
            "Bad Request: can't parse entities: Can't find end of the entity starting at byte "
            "offset 12",
            F.CANT_PARSE_ENTITIES,
        ),
        (
            'Can\'t parse entities: unsupported start tag "foo" at byte offset 0',
            F.CANT_PARSE_ENTITIES,
        ),
        ("Bad Request: message text is empty", F.MESSAGE_EMPTY),
        ("Bad Request: file is too big", F.FILE_TOO_BIG),
        ("Request Entity Too Large", F.FILE_TOO_BIG),
        ("Bad Request: wrong file identifier/HTTP URL specified", F.BAD_FILE),
        ("Bad Request: failed to get HTTP URL content", F.BAD_FILE),
        ("Bad Request: BUTTON_DATA_INVALID", F.BAD_MARKUP),
        ("Bad Request: message to edit not found", F.MESSAGE_NOT_FOUND),
        ("Bad Request: message to delete not found", F.MESSAGE_NOT_FOUND),
        ("Bad Request: message can't be edited", F.MESSAGE_CANT_BE_EDITED),
        ("Bad Request: message to be replied not found", F.REPLY_NOT_FOUND),
        (
            "Bad Request: query is too old and response timeout expired or query ID is invalid",
            F.QUERY_EXPIRED,
        ),
        ("Bad Request: chat_id is empty", F.BAD_REQUEST),
    ],
)
def test_permanent_bad_requests_fail_with_a_reason(description: str, reason: FailReason) -> None:
    decision = classify("bad_request", description, None, attempt=1)
    assert decision == Decision(Action.FAILED, reason=reason)
    assert not decision.retry


def test_edit_to_identical_content_counts_as_sent() -> None:
    decision = classify(
        "bad_request",
        "Bad Request: message is not modified: specified new message content and reply markup "
        "are exactly the same as a current content and reply markup of the message",
        None,
        attempt=1,
    )
    assert decision == Decision(Action.SENT, not_modified=True)


def test_ok_is_sent() -> None:
    assert classify("ok", "", None, attempt=1) == Decision(Action.SENT)


def test_429_waits_what_telegram_asks() -> None:
    decision = classify("retry_after", "Too Many Requests: retry after 35", 35.0, attempt=3)
    assert decision == Decision(Action.RETRY_AFTER, delay_s=35.0)
    assert decision.retry
    parsed = classify("retry_after", "Too Many Requests: retry after 7", None, attempt=1)
    assert parsed.delay_s == 7.0
    assert classify("retry_after", "Flood", None, attempt=1).delay_s == 5.0


def test_429_gives_up_after_many_tries() -> None:
    policy = RetryPolicy(max_rate_limited_attempts=4)
    assert classify("retry_after", "", 1.0, 3, policy=policy).action is Action.RETRY_AFTER
    gave_up = classify("retry_after", "", 1.0, 4, policy=policy)
    assert gave_up == Decision(Action.FAILED, reason=F.RETRIES_EXHAUSTED)


def test_migration_carries_the_new_chat_id() -> None:
    given = classify("chat_migrated", "", None, attempt=1, new_chat_id=-1001234)
    assert given == Decision(Action.MIGRATED, new_chat_id=-1001234)
    parsed = classify(
        "chat_migrated", "Group migrated to supergroup. New chat id: -1009876", None, attempt=1
    )
    assert parsed.new_chat_id == -1009876
    assert classify("chat_migrated", "??", None, attempt=1).action is Action.FAILED


@pytest.mark.parametrize("kind", ["timed_out", "network", "server_error"])
def test_transient_errors_back_off_exponentially_with_jitter(kind: str) -> None:
    low = [classify(kind, "Timed out", None, a, rand=lambda: 0.0).delay_s for a in range(1, 5)]
    high = [classify(kind, "Bad Gateway", None, a, rand=lambda: 1.0).delay_s for a in range(1, 5)]
    assert low == [1.0, 2.0, 4.0, 8.0]
    assert high == [2.0, 4.0, 8.0, 16.0]
    assert classify(kind, "x", None, 5) == Decision(Action.FAILED, reason=F.RETRIES_EXHAUSTED)


def test_backoff_is_capped_at_five_minutes_and_jitter_stays_in_range() -> None:
    policy = RetryPolicy(max_attempts=100)
    rnd = random.Random(7)
    delays = [backoff_delay(a, policy, rnd.random) for a in range(1, 60)]
    assert max(delays) <= 300.0
    assert delays[-1] >= 150.0
    assert backoff_delay(10_000, policy, lambda: 1.0) == 300.0
    seen = {round(classify("network", "", None, 2, rand=rnd.random).delay_s, 6) for _ in range(20)}
    assert len(seen) > 10 and all(2.0 <= d <= 4.0 for d in seen)


def test_bad_token_and_unknown_kinds_fail_without_retry() -> None:
    bad_token = classify("unauthorized", "Unauthorized", None, attempt=1)
    assert bad_token == Decision(Action.FAILED, reason=F.UNAUTHORIZED)
    assert classify("not_found", "Not Found", None, 1).reason is F.UNAUTHORIZED
    assert classify("weird", "?", None, 1) == Decision(Action.FAILED, reason=F.UNKNOWN)
