"""Who a reminder is for, chosen by the database (storage.repos.meetings.expected_members), and
the outbox rows made from that choice (add_deliveries_from, settle_notices): the same people,
languages and states as the Python rule and the row-by-row path, on both backends."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import product

from sqlalchemy import select, update

from bot.devtools.world import World
from bot.domain.meetings import Audience
from bot.services.meetings.access import audience_rule, in_audience
from storage.db import Database
from storage.models.core import Member, TgUser
from storage.models.delivery import Delivery, Notice
from storage.repos import delivery as outbox
from storage.repos import meetings as repo

T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)
SKIP = ("leave_pending", "leave_approved", "present", "late")
# Stored categories as the rule reads them: canonical, a label parse_category normalises
# ("退休党员" -> retired), an activist (no Party member) and one it does not know.
CATEGORIES = ("retired", "退休党员", "employed", "activist", "lodger")
ROLES = ("member", "committee", "secretary", "group_leader")


async def _notice(w: World, branch: int, key: str, **values: object) -> int:
    content: dict[str, object] = {"zh": {}, "en": {}}
    w.session.add(
        Notice(
            branch_id=branch, kind="meeting_reminder", key=key, content=content,
            status="sending", created_at=T0, updated_at=T0, **values,
        )
    )  # fmt: skip
    await w.session.flush()
    found = await w.session.scalar(select(Notice.id).where(Notice.key == key))
    assert found is not None
    return found


async def test_expected_members_is_in_audience_less_those_excused(db: Database) -> None:
    async with db.transaction() as s:
        w = World(s, T0)
        branch, other = await w.branch("甲"), await w.branch("乙")
        groups = list((await w.groups(branch, ["一组", "二组"])).values())
        people: list[Member] = []
        for i, (category, role, group) in enumerate(product(CATEGORIES, ROLES, [None, *groups])):
            person = await w.member(branch, f"人{i}", category=category, role=role, group_id=group)
            people.append(await s.get_one(Member, person.id))
        await w.member(branch, "离开", status="archived")
        stranger = await w.member(other, "外人")
        audiences = ["branch", "committee", f"group:{groups[1]}", "category:retired",
                     "category:activist", "category:lodger"]  # fmt: skip
        meetings = [await w.meeting(branch, a, T0 + timedelta(days=2), audience=a)
                    for a in audiences]  # fmt: skip
        excused = {(meetings[0], people[0].id, "leave_approved"),
                   (meetings[0], people[5].id, "present"), (meetings[0], people[6].id, "absent"),
                   (meetings[2], people[9].id, "leave_pending")}  # fmt: skip
        for meeting_id, member_id, state in excused:
            await w.attendance(meeting_id, member_id, state)
        targets = []
        for i, (meeting_id, text) in enumerate(zip(meetings, audiences, strict=True)):
            a = Audience.from_string(text)
            notice_id = await _notice(w, branch, f"k{i}")
            targets.append(repo.ReminderTarget(notice_id, meeting_id, branch, a.kind.value,
                                               a.group_id, a.category))  # fmt: skip
        rule = audience_rule(await repo.categories_in(s, [branch]))
        got = {(n, p) for n, p in await s.execute(repo.expected_members(s, targets, rule, SKIP))}

    skipped = {(m, p) for m, p, state in excused if state in SKIP}
    wanted = {
        (t.notice_id, p.id)
        for t, text in zip(targets, audiences, strict=True)
        for p in people
        if in_audience(Audience.from_string(text), category=p.category, role=p.role,
                       group_id=p.group_id) and (t.meeting_id, p.id) not in skipped
    }  # fmt: skip
    assert got == wanted
    assert stranger.id not in {p for _, p in got}
    # Each audience reached someone, and the normalised label counts as retired.
    assert {n for n, _ in got} == {t.notice_id for t in targets}
    assert (targets[3].notice_id, people[len(ROLES) * 3].id) in got  # 退休党员, category:retired


async def test_rows_from_a_query_get_language_state_once_and_settle(db: Database) -> None:
    async with db.transaction() as s:
        w = World(s, T0)
        branch = await w.branch()
        await w.account(901, language="en")
        await w.account(902, language="fr")
        await w.account(903, started=False)
        await w.account(904)
        await s.execute(update(TgUser).where(TgUser.id == 904).values(blocked_at=T0))
        people = [await w.member(branch, "英", tg_id=901), await w.member(branch, "法", tg_id=902),
                  await w.member(branch, "未", tg_id=903), await w.member(branch, "封", tg_id=904),
                  await w.member(branch, "无")]  # fmt: skip
        meeting = await w.meeting(branch, "会", T0 + timedelta(days=1))
        live = await _notice(w, branch, "live")
        nobody = await _notice(w, branch, "nobody")
        target = repo.ReminderTarget(live, meeting, branch, "branch")
        unreachable = [p.id for p in people[2:]]
        rule = audience_rule(await repo.categories_in(s, [branch]))
        pairs = repo.expected_members(s, [target], rule, SKIP)
        for _ in range(2):  # a second call adds nobody
            await outbox.add_deliveries_from(
                s, pairs, langs=("en", "zh"), default_lang="zh", priority=0, now=T0
            )
        only = repo.expected_members(s, [repo.ReminderTarget(nobody, meeting, branch, "branch")],
                                     rule, SKIP).where(Member.id.in_(unreachable))  # fmt: skip
        await outbox.add_deliveries_from(
            s, only, langs=("en", "zh"), default_lang="zh", priority=0, now=T0
        )
        await outbox.settle_notices(s, [live, nobody], T0)
        rows = (
            await s.execute(
                select(Delivery.member_id, Delivery.chat_id, Delivery.lang, Delivery.state,
                       Delivery.reason, Delivery.priority, Delivery.next_attempt_at)
                .where(Delivery.notice_id == live).order_by(Delivery.id)
            )
        ).all()  # fmt: skip
        status = dict((await s.execute(select(Notice.id, Notice.status))).all())
    assert [tuple(r[:6]) for r in rows] == [
        (people[0].id, 901, "en", "queued", None, 0),
        (people[1].id, 902, "zh", "queued", None, 0),
        (people[2].id, 903, "zh", "not_started", "not_started", 0),
        (people[3].id, 904, "zh", "unreachable", "blocked", 0),
        (people[4].id, None, "zh", "not_started", "not_started", 0),
    ]
    assert {r[6] for r in rows} == {T0}
    assert (status[live], status[nobody]) == ("sending", "done")


async def test_settle_reopens_a_done_notice_that_got_rows_and_closes_an_empty_one(
    db: Database,
) -> None:
    async with db.transaction() as s:
        w = World(s, T0)
        branch = await w.branch()
        await w.account(911)
        person = await w.member(branch, "甲", tg_id=911)
        meeting = await w.meeting(branch, "会", T0 + timedelta(days=1))
        done = await _notice(w, branch, "done", finished_at=T0)
        await s.execute(update(Notice).where(Notice.id == done).values(status="done"))
        empty = await _notice(w, branch, "empty")
        rule = audience_rule(await repo.categories_in(s, [branch]))
        pairs = repo.expected_members(s, [repo.ReminderTarget(done, meeting, branch, "branch")],
                                      rule, SKIP)  # fmt: skip
        await outbox.add_deliveries_from(
            s, pairs, langs=("zh",), default_lang="zh", priority=0, now=T0
        )
        await outbox.settle_notices(s, [done, empty], T0 + timedelta(minutes=1))
        found = {
            n.id: (n.status, n.finished_at)
            for n in await s.scalars(select(Notice).execution_options(populate_existing=True))
        }
        queued = await s.scalar(select(Delivery.member_id).where(Delivery.notice_id == done))
    assert found[done] == ("sending", None)
    assert found[empty] == ("done", T0 + timedelta(minutes=1))
    assert queued == person.id
