"""Shared steps of the members e2e tests (no tests here): a branch, its secretary, members."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

from sqlalchemy import func, select

from bot.sandbox.client import BotMessage, SandboxUser
from bot.texts import t
from handlers.members.buttons import ViewMember
from storage.db import Database
from storage.models.conversations import Conversation
from storage.models.core import Branch, Member
from tests.e2e.conftest import Harness
from tests.said import said

_PAYLOAD = re.compile(r"start=([A-Za-z0-9_-]+)")


def payload_of(message: BotMessage) -> str:
    found = _PAYLOAD.search(message.body)
    assert found is not None, message.body
    return found.group(1)


def member_labels(message: BotMessage) -> list[str]:
    """The labels of the member buttons on a roster list (not its paging and filters)."""
    buttons = [b for row in message.inline_buttons for b in row]
    return [b["text"] for b in buttons if ViewMember.matches(b.get("callback_data"))]


def unique(prefix: str) -> str:
    """Branch names are unique per database, and the session shares one database."""
    return f"{prefix}{uuid.uuid4().hex[:6]}"


@dataclass
class BranchSetup:
    name: str
    secretary: SandboxUser
    groups: tuple[str, ...]


async def create_branch(h: Harness, name: str, groups: str = "第一党小组、第二党小组") -> str:
    """The operator's /newbranch; returns the secretary link payload."""
    op = h.operator
    await op.send("/newbranch")
    await op.wait_message(contains=said("members.branch.ask_name"))
    await op.send(name)
    await op.wait_message(contains=said("members.branch.ask_groups"))
    await op.send(groups)
    await op.wait_message(contains=said("members.branch.ask_parent"))
    await op.press(t("members.branch.no_parent", "zh"))
    created = await op.wait_message(contains=said("members.branch.created"))
    return payload_of(created)


NOTICE = said("privacy.notice.default")
# The first registration step: a member's or, by a secretary link, the secretary's.
ASK_NAME = re.compile(
    "|".join(said(k).pattern for k in ("members.reg.ask_name", "members.reg.ask_name_secretary")),
    re.DOTALL,
)


async def accept_notice(user: SandboxUser) -> None:
    """Press 同意 under the privacy notice a first link into a branch shows."""
    await user.wait_message(contains=NOTICE)
    await user.press(t("privacy.btn.accept", "zh"))


async def confirm_binding(user: SandboxUser, *, notice: bool = True) -> None:
    """After opening a binding link: accept the notice (unless accepted before in that branch)
    and answer 「是您本人吗？」 with 是; the binding's answer is the next message."""
    if notice:
        await accept_notice(user)
    await user.wait_message(contains=said("privacy.bind.ask"))
    await user.press(t("privacy.btn.me", "zh"))


async def open_binding(user: SandboxUser, payload: str, *, notice: bool = True) -> None:
    await user.start(payload)
    await confirm_binding(user, notice=notice)


async def register(
    user: SandboxUser, payload: str, name: str, category: str = "直管党员", group: str | None = None
) -> BotMessage:
    """Open an invite and go through the three steps; returns the bot's last answer."""
    await user.start(payload)
    first = await user.wait_message()
    if NOTICE.search(first.body):  # not when accepted in this branch before
        await user.press(t("privacy.btn.accept", "zh"))
        await user.wait_message(contains=ASK_NAME)
    else:
        assert ASK_NAME.search(first.body), first.body
    await user.send(name)
    await user.wait_message(contains=said("members.reg.ask_category"))
    await user.press(category)
    ask_group = await user.wait_message()
    if said("members.reg.ask_group").search(ask_group.body):
        await user.press(group or t("members.reg.no_group", "zh"))
        return await user.wait_message()
    return ask_group


async def branch_with_secretary(
    h: Harness, prefix: str = "测试支部", groups: str = "第一党小组、第二党小组"
) -> BranchSetup:
    name = unique(prefix)
    payload = await create_branch(h, name, groups)
    secretary = await h.user("书记")
    done = await register(secretary, payload, "李书记", group="第一党小组")
    assert said("members.reg.secretary_done", name="李书记", branch=name).search(done.body), (
        done.body
    )
    return BranchSetup(name, secretary, tuple(groups.split("、")))


async def approve_member(
    h: Harness, setup: BranchSetup, first_name: str, name: str, group: str | None = None
) -> SandboxUser:
    """A new person joins through the branch invite and the secretary approves."""
    sec = setup.secretary
    await sec.send("/invite")
    invite = await sec.wait_message(contains=said("members.invite.caption"))
    person = await h.user(first_name)
    await register(person, payload_of(invite), name, group=group)
    request = await sec.wait_message(contains=said("members.approve.request", name=name))
    await sec.press(t("members.approve.yes", "zh"), message_id=request.message_id)
    await person.wait_message(contains=said("members.approve.welcome"))
    return person


async def roster_count(db_url: str, branch_name: str) -> int:
    db = Database(db_url)
    try:
        async with db.transaction() as session:
            n = await session.scalar(
                select(func.count())
                .select_from(Member)
                .join(Branch, Branch.id == Member.branch_id)
                .where(Branch.name == branch_name)
            )
    finally:
        await db.close()
    return int(n or 0)


async def member_row(db_url: str, branch_name: str, name: str) -> Member | None:
    db = Database(db_url)
    try:
        async with db.transaction() as session:
            rows = await session.scalars(
                select(Member)
                .join(Branch, Branch.id == Member.branch_id)
                .where(Branch.name == branch_name, Member.name == name)
            )
            return rows.first()
    finally:
        await db.close()


ROSTER_HEADER = "姓名,手机号,类别,党小组,入党日期,转正日期,工作单位"


async def import_roster(setup: BranchSetup, rows: list[str]) -> dict[str, str]:
    """The secretary imports CSV rows (without header); returns name -> binding link."""
    import io

    from openpyxl import load_workbook

    sec = setup.secretary
    data = "\n".join([ROSTER_HEADER, *rows]).encode("utf-8")
    await sec.send_document("名单.csv", data)
    preview = await sec.wait_message(contains=said("members.import.preview_head"))
    good = len(rows)
    assert f"可以导入：{good}" in preview.body, preview.body
    await sec.press(t("members.import.confirm", "zh", n=good), message_id=preview.message_id)
    message = await sec.wait_message(contains=said("members.links.caption"))
    assert message.document is not None
    sheet = load_workbook(io.BytesIO(await sec.download(message.document["file_id"]))).active
    assert sheet is not None
    return {str(r[0]): str(r[2]) for r in sheet.iter_rows(min_row=3, values_only=True) if r[0]}


SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐"
GIVEN = ["建国", "秀英", "桂兰", "志强", "玉梅", "德福", "淑珍", "国庆", "海燕", "春生"]


def people(count: int, groups: tuple[str, ...]) -> list[str]:
    """CSV rows of distinct, plausible members spread over the groups."""
    rows = []
    for i in range(count):
        name = SURNAMES[i % len(SURNAMES)] + GIVEN[i % len(GIVEN)] + ("" if i < 25 else str(i))
        group = groups[i % len(groups)] if groups else ""
        year = 1960 + i
        rows.append(f"{name},{13800000000 + i * 7919},直管,{group},{year}-07-01,{year + 1}-07-01,")
    return rows


async def flow_of(h: Harness, user_id: int) -> str | None:
    """The guided flow this person is in, as kept in the database."""
    async with h.data.db.read() as s:
        found: str | None = await s.scalar(
            select(Conversation.flow).where(Conversation.user_id == user_id)
        )
        return found
