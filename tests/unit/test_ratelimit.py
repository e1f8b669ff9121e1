"""PacedRateLimiter on a fake clock: order, windows under gather(), 429s, no hidden retries."""

from __future__ import annotations

import asyncio
import datetime as dtm
import heapq
import itertools
import warnings
from collections.abc import Awaitable, Iterator
from typing import Any, TypeVar

import pytest
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TimedOut,
)
from telegram.warnings import PTBDeprecationWarning

from bot.domain.delivery.errors import Action
from bot.domain.delivery.errors import FailReason as F
from bot.domain.delivery.errors import UnreachableReason as U
from bot.domain.pacing import PacerConfig
from bot.plumbing.ratelimit import PacedRateLimiter, classify_exception, retry_after_seconds

T = TypeVar("T")


def flood(seconds: float) -> RetryAfter:
    """A RetryAfter as PTB raises it (constructing one warns in PTB 22 without PTB_TIMEDELTA)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        return RetryAfter(dtm.timedelta(seconds=seconds))


class FakeTime:
    """Virtual time: sleeping tasks wake in time order once every runnable task is idle."""

    def __init__(self) -> None:
        self.now = 0.0
        self._timers: list[tuple[float, int, asyncio.Future[None]]] = []
        self._seq = itertools.count()

    def time(self) -> float:
        return self.now

    async def sleep(self, delay: float) -> None:
        wake: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        heapq.heappush(self._timers, (self.now + max(delay, 0.0), next(self._seq), wake))
        await wake

    async def run(self, work: Awaitable[T]) -> T:
        task = asyncio.ensure_future(work)
        while True:
            await _settle()
            if task.done():
                return task.result()
            if not self._timers:
                raise AssertionError("deadlock: nothing runnable and nobody sleeping")
            when, _, wake = heapq.heappop(self._timers)
            if not wake.done():
                self.now = max(self.now, when)
                wake.set_result(None)


async def _settle() -> None:
    """Yield until the loop has nothing ready to run (only fake timers remain)."""
    loop = asyncio.get_running_loop()
    for _ in range(1_000_000):
        await asyncio.sleep(0)
        if not getattr(loop, "_ready", ()):
            return
    raise AssertionError("the loop never went idle")


class FakeApi:
    """Records when each call reached 'Telegram'; raises queued errors once, or one always."""

    def __init__(self, clock: FakeTime) -> None:
        self.clock = clock
        self.calls: list[tuple[float, str, Any]] = []
        self.fail_once: dict[Any, list[Exception]] = {}
        self.fail_always: dict[Any, Exception] = {}

    async def __call__(self, endpoint: str, data: dict[str, Any], **_: Any) -> bool:
        chat = data.get("chat_id")
        self.calls.append((self.clock.now, endpoint, chat))
        if chat in self.fail_always:
            raise self.fail_always[chat]
        if self.fail_once.get(chat):
            raise self.fail_once[chat].pop(0)
        return True


def make(**options: Any) -> tuple[FakeTime, FakeApi, PacedRateLimiter]:
    clock = FakeTime()
    limiter = PacedRateLimiter(time_source=clock.time, sleep=clock.sleep, **options)
    return clock, FakeApi(clock), limiter


def call(
    limiter: PacedRateLimiter,
    api: FakeApi,
    chat: Any,
    priority: str | None = None,
    endpoint: str = "sendMessage",
) -> Awaitable[Any]:
    data = {"chat_id": chat, "text": "hi"}
    return limiter.process_request(
        callback=api,
        args=(endpoint, data),
        kwargs={"read_timeout": 5},
        endpoint=endpoint,
        data=data,
        rate_limit_args={"priority": priority} if priority else None,
    )


def max_in_window(times: list[float], window: float) -> int:
    times = sorted(times)
    j = 0
    best = 0
    for i, t in enumerate(times):
        while j < len(times) and times[j] < t + window - 1e-9:
            j += 1
        best = max(best, j - i)
    return best


def pairs(xs: list[float]) -> Iterator[tuple[float, float]]:
    return itertools.pairwise(xs)


def gather(*aws: Awaitable[Any], return_exceptions: bool = False) -> Awaitable[list[Any]]:
    return asyncio.gather(*aws, return_exceptions=return_exceptions)


async def test_calls_go_in_order_and_one_chat_is_spaced() -> None:
    clock, api, limiter = make(config=PacerConfig(private_burst=3))
    chats = [1000 + i for i in range(40)] + [7, 7, 7, 7]
    results = await clock.run(
        gather(*(call(limiter, api, c) for c in chats), call(limiter, api, 7, "bulk"))
    )
    assert results == [True] * (len(chats) + 1)
    assert [c for _, _, c in api.calls[:40]] == chats[:40]
    seven = [t for t, _, c in api.calls if c == 7]
    assert len(seven) == 5
    assert seven[2] - seven[0] < 0.1  # a person's burst of three replies goes at once
    assert seven[3] - seven[0] >= 3.15 - 1e-9  # the 4th waits for the burst window
    assert seven[4] - seven[3] >= 1.05 - 1e-9  # bulk keeps its full gap after a reply
    assert max_in_window(seven, 3.15) <= 3
    assert max_in_window([t for t, _, _ in api.calls], 1.0) <= 30
    stats = limiter.stats()
    assert stats.sent_interactive == len(chats) and stats.sent_bulk == 1


async def test_500_gathered_bulk_calls_keep_every_window() -> None:
    clock, api, limiter = make()
    chats = [10_000 + i for i in range(480)] + [5] * 10 + [-100] * 10
    await clock.run(gather(*(call(limiter, api, c, "bulk") for c in chats)))
    times = [t for t, _, _ in api.calls]
    assert len(times) == 500
    assert max_in_window(times, 1.0) <= 29
    five = [t for t, _, c in api.calls if c == 5]
    group = [t for t, _, c in api.calls if c == -100]
    assert all(b - a >= 1.0 for a, b in pairs(five))
    assert all(b - a >= 3.0 for a, b in pairs(group))
    distinct = [t for t, _, c in api.calls if isinstance(c, int) and c >= 10_000]
    assert (len(distinct) - 1) / (distinct[-1] - distinct[0]) >= 27.5  # 29 per 1.04 s
    assert [c for _, _, c in api.calls if c >= 10_000] == chats[:480]  # first come, first sent
    stats = limiter.stats()
    assert stats.sent_bulk == 500 and stats.bulk_waiting == 0 and stats.booked_ahead == 0


async def test_reply_during_a_gathered_broadcast_goes_within_a_fraction_of_a_second() -> None:
    clock, api, limiter = make()
    replies: list[tuple[float, float]] = []

    async def reply_at(when: float, chat: int) -> None:
        await clock.sleep(when)
        made = clock.now
        await call(limiter, api, chat)
        replies.append((made, api.calls[-1][0] if api.calls[-1][2] == chat else -1.0))

    async def scenario() -> None:
        bulk = [call(limiter, api, 10_000 + i, "bulk") for i in range(1000)]
        burst = [reply_at(10.0, 1 + k) for k in range(5)]
        await gather(*bulk, reply_at(5.0037, 99), *burst)

    await clock.run(scenario())
    first = next(sent - made for made, sent in replies if made < 6)
    assert 0 <= first <= 0.1
    burst_waits = [sent - made for made, sent in replies if made >= 10]
    assert len(burst_waits) == 5 and all(0 <= w <= 0.7 for w in burst_waits)
    assert max_in_window([t for t, _, _ in api.calls], 1.0) <= 30


async def test_a_429_for_one_chat_holds_that_chat_and_retries_its_reply() -> None:
    """Was: every call paused for one chat's 429 (issue 10)."""
    clock, api, limiter = make()
    api.fail_once[1] = [flood(5)]
    results = await clock.run(
        gather(
            *(call(limiter, api, c) for c in [1, 2, 3]),
            call(limiter, api, None, None, "answerCallbackQuery"),
        )
    )
    assert results == [True] * 4
    times = {c: t for t, _, c in api.calls}
    first_try = api.calls[0]
    assert first_try[2] == 1 and first_try[0] == 0.0
    assert [c for _, _, c in api.calls].count(1) == 2
    assert times[1] >= 5.25  # the refused chat waited out its 429 and got its reply
    assert times[2] < 0.1 and times[3] < 0.1 and times[None] < 0.1  # nobody else waited
    stats = limiter.stats()
    assert stats.retry_after_seen == 1 and stats.retry_after_raised == 0
    assert (stats.charged_to_chat, stats.charged_globally) == (1, 0)
    assert stats.paused_for_s == 0.0


async def test_retry_after_at_the_global_rate_pauses_every_message_then_retries() -> None:
    clock, api, limiter = make()
    chats = [1000 + i for i in range(29)]
    api.fail_once[99] = [flood(5)]

    async def scenario() -> None:
        await gather(*(call(limiter, api, c) for c in chats))
        await gather(
            call(limiter, api, 99),
            call(limiter, api, 7),
            call(limiter, api, None, None, "answerCallbackQuery"),
        )

    await clock.run(scenario())
    times = {c: t for t, _, c in api.calls}
    refused_at = next(t for t, _, c in api.calls if c == 99)
    assert times[99] >= refused_at + 5.25 and times[7] >= refused_at + 5.25
    assert times[None] < refused_at + 0.1  # a button's answer is no message: never held
    assert limiter.stats().charged_globally == 1


async def test_several_chats_refused_at_once_pause_everything() -> None:
    clock, api, limiter = make()
    for chat in (1, 2, 3):
        api.fail_once[chat] = [flood(2)]
    await clock.run(gather(*(call(limiter, api, c) for c in (1, 2, 3, 4))))
    stats = limiter.stats()
    assert (stats.charged_to_chat, stats.charged_globally) == (2, 1)
    assert [c for _, _, c in api.calls].count(3) == 2


async def test_a_bulk_send_held_on_its_chat_goes_back_to_the_outbox() -> None:
    clock, api, limiter = make()
    api.fail_once[1] = [flood(3)]
    with pytest.raises(RetryAfter):
        await clock.run(call(limiter, api, 1, "bulk"))
    assert len(api.calls) == 1
    await clock.run(call(limiter, api, 2, "bulk"))  # another chat goes at once
    assert api.calls[-1][0] < 0.1
    assert limiter.pacer.chat_held_until(1) == pytest.approx(3.25)


async def test_retry_after_is_raised_when_retries_run_out() -> None:
    clock, api, limiter = make(max_retries=2)
    api.fail_always[1] = flood(1)
    with pytest.raises(RetryAfter):
        await clock.run(call(limiter, api, 1))
    assert [round(t, 2) for t, _, _ in api.calls] == [0.0, 1.25, 2.5]
    assert limiter.stats().retry_after_raised == 1


async def test_a_long_penalty_is_handed_back_instead_of_hanging_a_reply() -> None:
    clock, api, limiter = make()
    api.fail_always[1] = flood(120)
    with pytest.raises(RetryAfter):
        await clock.run(call(limiter, api, 1))
    assert len(api.calls) == 1
    with pytest.raises(RetryAfter) as later:
        await clock.run(call(limiter, api, 1, "bulk"))  # no slot for 120 s: fail fast
    assert retry_after_seconds(later.value) > 60
    assert len(api.calls) == 1
    await clock.run(call(limiter, api, 2, "bulk"))  # the hold is that chat's alone
    assert len(api.calls) == 2
    assert limiter.pacer.chat_held_until(1) == pytest.approx(120.25)


async def test_a_short_penalty_holds_new_calls_until_it_ends() -> None:
    clock, api, limiter = make()
    limiter.pacer.pause_until(20.0, now=0.0)
    await clock.run(gather(call(limiter, api, 1, "bulk"), call(limiter, api, None, None, "getMe")))
    # getMe used to wait out the pause as well: reads are not messages (issue 10).
    assert sorted((t, e) for t, e, _ in api.calls) == [(0.0, "getMe"), (20.0, "sendMessage")]


async def test_a_429_on_a_callback_answer_waits_alone() -> None:
    clock, api, limiter = make()
    api.fail_once[None] = [flood(2)]
    await clock.run(
        gather(call(limiter, api, None, None, "answerCallbackQuery"), call(limiter, api, 5))
    )
    times = [(t, e) for t, e, _ in api.calls]
    assert ("sendMessage" in {e for _, e in times}) and min(
        t for t, e in times if e == "sendMessage"
    ) < 0.1
    assert max(t for t, e in times if e == "answerCallbackQuery") >= 2.0
    assert limiter.pacer.paused_until < 0


@pytest.mark.parametrize(
    "error",
    [Forbidden("Forbidden: bot was blocked by the user"), BadRequest("Chat not found"), TimedOut()],
)
async def test_other_errors_reach_the_caller_untouched(error: Exception) -> None:
    clock, api, limiter = make()
    api.fail_always[1] = error
    with pytest.raises(type(error)):
        await clock.run(call(limiter, api, 1, "bulk"))
    assert len(api.calls) == 1
    assert limiter.stats().sent_bulk == 0


async def test_cancelled_waits_give_their_slots_back_and_the_queue_moves_on() -> None:
    clock, api, limiter = make()

    async def scenario() -> None:
        tasks = [asyncio.ensure_future(call(limiter, api, 10_000 + i, "bulk")) for i in range(200)]
        await clock.sleep(0.5)
        assert len(api.calls) < 20
        for task in tasks[20:60] + tasks[150:160]:
            task.cancel()
        await gather(*tasks, return_exceptions=True)

    await clock.run(scenario())
    sent = [c for _, _, c in api.calls]
    assert len(sent) == 200 - 50
    times = [t for t, _, _ in api.calls]
    assert max(b - a for a, b in pairs(times)) < 0.04  # given-back slots were reused: no hole
    assert 10_000 + 100 in sent and 10_000 + 155 not in sent
    assert limiter.stats().bulk_waiting == 0
    assert limiter.pacer.pending(clock.now) == 0


async def test_free_calls_skip_the_bulk_backlog() -> None:
    clock, api, limiter = make()

    async def scenario() -> None:
        bulk = [call(limiter, api, 10_000 + i, "bulk") for i in range(300)]
        await gather(*bulk, call(limiter, api, None, "bulk", "answerCallbackQuery"))

    await clock.run(scenario())
    answer = next(t for t, e, _ in api.calls if e == "answerCallbackQuery")
    assert answer == 0.0


async def test_string_chat_ids_and_bad_priorities() -> None:
    clock, api, limiter = make()
    await clock.run(gather(call(limiter, api, "@News"), call(limiter, api, "@news")))
    times = sorted(t for t, _, _ in api.calls)
    assert times[1] - times[0] >= 1.0  # the same channel, however it is spelled
    await clock.run(gather(call(limiter, api, "-100"), call(limiter, api, -100)))
    with pytest.raises(ValueError):
        await clock.run(call(limiter, api, 1, "urgent"))


async def test_with_the_real_loop_and_clock() -> None:
    limiter = PacedRateLimiter()
    await limiter.initialize()
    seen: list[int] = []

    async def api(endpoint: str, data: dict[str, Any]) -> bool:
        seen.append(data["chat_id"])
        return True

    def one(chat: int) -> Awaitable[Any]:
        data = {"chat_id": chat}
        return limiter.process_request(api, ("sendMessage", data), {}, "sendMessage", data, None)

    await asyncio.gather(*(one(c) for c in (1, 2, 3)))
    await limiter.shutdown()
    assert seen == [1, 2, 3]
    assert limiter.stats().sent_interactive == 3


@pytest.mark.parametrize(
    ("error", "action", "detail"),
    [
        (flood(9), Action.RETRY_AFTER, 9.0),
        (ChatMigrated(-100777), Action.MIGRATED, -100777),
        (
            Forbidden("Forbidden: user is deactivated"),
            Action.UNREACHABLE,
            U.DEACTIVATED,
        ),
        (
            BadRequest("Bad Request: message is too long"),
            Action.FAILED,
            F.MESSAGE_TOO_LONG,
        ),
        (TimedOut(), Action.RETRY_BACKOFF, None),
        (NetworkError("Bad Gateway"), Action.RETRY_BACKOFF, None),
        (OSError("connection reset"), Action.RETRY_BACKOFF, None),
        (InvalidToken(), Action.FAILED, F.UNAUTHORIZED),
        (RuntimeError("bug"), Action.FAILED, F.UNKNOWN),
    ],
)
def test_ptb_exceptions_map_to_outbox_decisions(
    error: Exception, action: Action, detail: object
) -> None:
    decision = classify_exception(error, attempt=1, rand=lambda: 0.5)
    assert decision.action is action
    if action is Action.RETRY_AFTER:
        assert decision.delay_s == detail
    elif action is Action.MIGRATED:
        assert decision.new_chat_id == detail
    elif detail is not None:
        assert decision.reason is detail
    else:
        assert decision.delay_s == pytest.approx(1.5)


async def test_calls_woken_together_after_a_stall_still_keep_the_window() -> None:
    """A stalled loop wakes every sleeper at once: real departures still keep 30 per window."""
    clock, api, limiter = make()

    async def scenario() -> None:
        tasks = [asyncio.ensure_future(call(limiter, api, 10_000 + i, "bulk")) for i in range(90)]
        await clock.sleep(0.2)
        clock.now += 1.5  # the loop was stuck: every booking due by now wakes at this moment
        await gather(*tasks)

    await clock.run(scenario())
    times = [t for t, _, _ in api.calls]
    assert max_in_window(times, 1.0) <= 30
