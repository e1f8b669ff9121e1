"""The monthly digest (三会一课 due / overdue / done) and the 3-, 5- and 6-month flags."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.e2e.conftest import Harness
from tests.e2e.meetings.world import (
    PAST,
    history_world,
    meetings_cleanup,  # noqa: F401  (autouse fixture)
    notice_keys,
    recipients,
    start_sender,
    tick,
)
from tests.said import said

MARCH_1 = datetime(2026, 2, 28, 16, 5, tzinfo=UTC)  # 00:05 on 1 March in China


async def test_digest_once_a_month_with_flags_and_kind_reminders(harness: Harness) -> None:
    harness.clock.set(MARCH_1)
    await start_sender(harness)
    w = await history_world(harness)
    await tick(harness)
    await tick(harness)
    digest_key = f"digest:{w.branch_id}:2026-03"
    assert await notice_keys(harness, w.branch_id, "digest:") == [digest_key]
    assert await recipients(harness, digest_key) == [w.ids["书记老张"]]
    digest = await w.user("书记老张").wait_message(contains=said("meetings.digest.head"))
    lines = digest.body.splitlines()
    assert "✅ 支部党员大会（每季度）已开，最近：2026-01-20" in lines
    assert any(x.startswith("⏳ 支委会（每月）待开，截止 3月31日") for x in lines)
    assert any(x.startswith("⚠️ 主题党日（每月）上期未开") for x in lines)
    assert any(x.startswith("⏳ 党课（每季度）待开") for x in lines)
    assert any(x.startswith("⏳ 党小组会 · 第一党小组（每月）待开") for x in lines)
    assert any(x.startswith("⚠️ 党小组会 · 第二党小组（每月）上期未开") for x in lines)
    assert "· 王阿姨：已满3个月（自 2025-11-15），请关心了解" in lines
    assert "· 赵叔：已满5个月（自 2025-09-20），请尽快联系，下月将满6个月" in lines
    assert any(x.startswith("· 李大爷：已满6个月") for x in lines)
    assert not any("钱" in x or "孙姐" in x for x in lines)

    kind = sorted(await notice_keys(harness, w.branch_id, "inactive:"))
    assert kind == sorted(
        [
            f"inactive:{w.ids['王阿姨']}:3:20251115",
            f"inactive:{w.ids['赵叔']}:5:20250920",
        ]
    )
    note = await w.user("王阿姨").wait_message(contains=said("meetings.inactive.member"))
    assert "3 个月" in note.body

    # Mid-month: nothing. 1 April: a new digest; 王 is still at level 3 (4 months): no repeat.
    harness.clock.set(datetime(2026, 3, 15, 2, 0, tzinfo=UTC))
    await tick(harness)
    assert await notice_keys(harness, w.branch_id, "digest:") == [digest_key]
    harness.clock.set(datetime(2026, 3, 31, 16, 1, tzinfo=UTC))
    await tick(harness)
    assert await notice_keys(harness, w.branch_id, "digest:") == [
        digest_key,
        f"digest:{w.branch_id}:2026-04",
    ]
    assert len(await notice_keys(harness, w.branch_id, f"inactive:{w.ids['王阿姨']}:")) == 1


async def test_no_digest_for_a_branch_started_this_month(harness: Harness) -> None:
    harness.clock.set(datetime(2026, 3, 20, 2, 0, tzinfo=UTC))
    w = await history_world(harness, created=datetime(2026, 3, 3, 2, 0, tzinfo=UTC), past=())
    await tick(harness)
    assert await notice_keys(harness, w.branch_id, "digest:") == []
    assert PAST  # the shared history exists for the other tests
