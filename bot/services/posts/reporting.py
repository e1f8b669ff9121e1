"""在职党员到社区报到: the branch's reporting link and what a member gives through it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.links import (
    DEFAULT_MAX_USES,
    LinkKind,
    invite_usable,
    link_expiry,
    new_token,
    parse_payload,
)
from bot.domain.posts.rules import TextError, clean_phone, clean_text
from bot.services import identity
from bot.services.identity import Actor
from bot.services.posts.common import Refusal, Refused, audit, manager
from storage.models.members import Invite
from storage.models.posts import CommunityReport
from storage.repos import posts as repo

KIND = LinkKind.COMMUNITY_REPORT
FIELDS = {"unit": (2, 100), "party": (2, 100), "contact": (2, 50)}


@dataclass(frozen=True)
class ReportView:
    unit_name: str
    unit_party_branch: str
    contact_name: str
    contact_phone: str | None
    reported_at: datetime


@dataclass(frozen=True)
class Reported:
    member_name: str
    report: ReportView


@dataclass(frozen=True)
class Opened:
    branch_id: int
    branch_name: str
    before: ReportView | None


@dataclass(frozen=True)
class NotMember:
    branch_name: str


def _view(row: CommunityReport) -> ReportView:
    return ReportView(
        row.unit_name, row.unit_party_branch, row.contact_name, row.contact_phone, row.reported_at
    )


async def link_token(session: AsyncSession, actor: Actor, now: datetime) -> str | Refused:
    """The branch's reporting link (the same one until it lapses, so printed QRs keep working)."""
    me = manager(actor)
    if isinstance(me, Refused):
        return me
    found = await repo.report_link(session, me.branch_id, KIND.value, now)
    if found is not None:
        return found.token
    row = Invite(
        token=new_token(KIND),
        kind=KIND.value,
        branch_id=me.branch_id,
        expires_at=link_expiry(KIND, now),
        max_uses=DEFAULT_MAX_USES[KIND],
        created_by=actor.tg_id,
        created_at=now,
    )
    repo.add(session, row)
    await session.flush()
    audit(
        session,
        branch_id=me.branch_id,
        actor_tg_id=actor.tg_id,
        action="report_link.create",
        target="invite",
        target_id=row.id,
        now=now,
    )
    return row.token


async def open_link(
    session: AsyncSession, actor: Actor, payload: str, now: datetime
) -> Opened | NotMember | Refused:
    parsed = parse_payload(payload)
    link = await repo.link_by_token(session, parsed.token) if parsed else None
    if (
        parsed is None
        or parsed.kind is not KIND
        or link is None
        or link.kind != KIND.value
        or invite_usable(link.expires_at, now, link.max_uses, link.used, link.revoked_at)
    ):
        return Refused(Refusal.LINK_INVALID)
    branch = await repo.branch(session, link.branch_id)
    if branch is None or branch.archived_at is not None:
        return Refused(Refusal.LINK_INVALID)
    mine = next((m for m in actor.memberships if m.branch_id == branch.id and m.active), None)
    if mine is None:
        return NotMember(branch.name)
    if actor.member is None or actor.member.branch_id != branch.id:
        # The person belongs to several branches: the report is for this one.
        await identity.switch_branch(session, actor, branch.id)
    before = await repo.report(session, mine.member_id)
    return Opened(branch.id, branch.name, _view(before) if before else None)


def clean_field(field: str, raw: str) -> str | Refused:
    if field == "phone":
        phone = clean_phone(raw)
        return phone if phone is not None else Refused(Refusal.BAD_PHONE)
    low, high = FIELDS[field]
    found = clean_text(raw, minimum=low, maximum=high)
    if isinstance(found, TextError):
        return Refused(Refusal(found.value), str(high if found is TextError.TOO_LONG else low))
    return found


async def save(
    session: AsyncSession,
    actor: Actor,
    *,
    branch_id: int,
    unit: str,
    party: str,
    contact: str,
    phone: str | None,
    now: datetime,
) -> ReportView | Refused:
    """Save (or update) the member's report to the branch the link was for."""
    mine = next((m for m in actor.memberships if m.branch_id == branch_id and m.active), None)
    if mine is None:
        return Refused(Refusal.NOT_MEMBER)
    values: dict[str, str] = {}
    for field, raw in (("unit", unit), ("party", party), ("contact", contact)):
        cleaned = clean_field(field, raw)
        if isinstance(cleaned, Refused):
            return cleaned
        values[field] = cleaned
    if phone is not None:
        cleaned_phone = clean_field("phone", phone)
        if isinstance(cleaned_phone, Refused):
            return cleaned_phone
        phone = cleaned_phone
    row = await repo.report(session, mine.member_id)
    if row is None:
        row = CommunityReport(member_id=mine.member_id, created_at=now)
        repo.add(session, row)
    row.branch_id = branch_id
    row.unit_name = values["unit"]
    row.unit_party_branch = values["party"]
    row.contact_name = values["contact"]
    row.contact_phone = phone
    row.reported_at = now
    row.updated_at = now
    await session.flush()
    return _view(row)


async def my_report(session: AsyncSession, actor: Actor) -> ReportView | None:
    me = actor.member
    if me is None:
        return None
    row = await repo.report(session, me.member_id)
    return _view(row) if row and row.branch_id == me.branch_id else None


async def reports(session: AsyncSession, actor: Actor) -> list[Reported] | Refused:
    """Who of the branch reported, with their employer (the secretary's list)."""
    me = manager(actor)
    if isinstance(me, Refused):
        return me
    return [Reported(m.name, _view(r)) for r, m in await repo.branch_reports(session, me.branch_id)]
