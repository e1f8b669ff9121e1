"""A 公示 published while its month still runs can be published again once figures change;
the same figures twice are refused."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime

import pytest

import jobs.dues
from handlers.dues.buttons import PublishMonth, ReportMonth
from tests.e2e.conftest import Harness
from tests.e2e.meetings.world import (
    SECRETARY,
    Person,
    make_world,
    meetings_cleanup,  # noqa: F401  (autouse fixture)
    start_sender,
)
from tests.said import said

T0 = datetime(2026, 3, 26, 2, 0, tzinfo=UTC)  # the 26th: the branch's 主题党日
PEOPLE = [SECRETARY, Person("王阿姨", group="第一党小组"), Person("李大爷", group="第一党小组")]


@pytest.fixture(autouse=True)
async def dues_ticks_by_hand(harness: Harness) -> AsyncIterator[None]:
    await jobs.dues.stop(harness.app)
    yield
    await jobs.dues.stop(harness.app)


async def _publish_march(sec: object) -> tuple[str, str | None]:
    from bot.sandbox.client import SandboxUser

    assert isinstance(sec, SandboxUser)
    await sec.send("/dues")
    card = await sec.wait_message(contains=said("dues.title"))
    await sec.press("📊 收缴公示", message_id=card.message_id)
    first = await sec.wait_message(contains=said("dues.report.title"))
    await sec.press_data(ReportMonth(date(2026, 3, 1)).data, first.message_id)
    march = await sec.wait_message(contains=said("dues.report.title", period="2026-03"))
    answer = await sec.press_data(PublishMonth(date(2026, 3, 1)).data, march.message_id)
    return march.body, answer.get("text")


async def test_a_running_months_report_is_published_again_with_new_figures(
    harness: Harness,
) -> None:
    harness.clock.set(T0)
    await start_sender(harness)
    w = await make_world(harness, PEOPLE)
    sec, wang = w.user(SECRETARY.name), w.user("王阿姨")
    for name in ("王阿姨", "李大爷"):
        await sec.send(f"/duesbasis {name} 退休 3000")
        await sec.wait_message(contains=said("dues.basis.set", name=name))
    await sec.send("/duespaid 王阿姨 15")
    await sec.wait_message(contains=said("dues.record.done", count=1))

    body, _ = await _publish_march(sec)
    assert "已缴 1 人" in body
    first = await wang.wait_message(contains=said("dues.report.title"))
    assert "已缴 1 人" in first.body
    _, again = await _publish_march(sec)
    assert "已经发布过了" in (again or "")

    # 李大爷 pays after the 公示: the month's figures changed, so it may be published again.
    await sec.send("/duespaid 李大爷 15")
    await sec.wait_message(contains=said("dues.record.done", count=1))
    body, answer = await _publish_march(sec)
    assert "已缴 2 人" in body and "已经发布过了" not in (answer or "")
    second = await wang.wait_message(contains=said("dues.report.title"))
    assert "已缴 2 人" in second.body
