"""Personal binding links: one roster record, one Telegram account, once."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.links import (
    DEFAULT_MAX_USES,
    LinkKind,
    LinkRefusal,
    invite_usable,
    link_expiry,
    new_token,
)
from bot.domain.members import (
    MemberStatus,
    Permission,
    Role,
    binding_link_opens,
    may_get_binding_link,
    parse_role,
)
from bot.services.delivery import notices
from bot.services.identity import Actor, Membership, role_of
from bot.services.members.access import Refusal, Refused, officer
from bot.services.members.common import (
    LINK_PROBLEMS,
    LinkProblem,
    adopt_branch,
    audit_member,
    group_name,
    load_target,
    membership_of,
)
from bot.texts import LANGS, t
from storage.models.core import Member
from storage.models.members import Invite
from storage.repos import core as core_repo
from storage.repos import members as repo


class BindProblem(StrEnum):
    """Why a binding link did not bind; rendered as "members.bind.<value>"."""

    TAKEN = "taken"  # the record (or the single-use link) belongs to another account
    HAS_OTHER_RECORD = "has_other_record"  # this account is another record of the branch
    INACTIVE = "inactive"  # the record was archived or transferred
    # An officer's record whose link came from someone who may not hand it out (any more).
    NEEDS_SECRETARY = "needs_secretary"


@dataclass(frozen=True)
class Bound:
    already: bool
    name: str
    branch_name: str
    membership: Membership
    secretaries_told: bool = False  # a notice was queued: wake the sender after commit


@dataclass(frozen=True)
class MemberLink:
    member_id: int
    name: str
    group_name: str | None
    token: str
    expires_at: datetime | None


def _usable(invite: Invite, now: datetime) -> bool:
    state = invite_usable(invite.expires_at, now, invite.max_uses, invite.used, invite.revoked_at)
    return state is None


@dataclass(frozen=True)
class Issuer:
    """Who asks for binding links: decides which records' links may be handed over."""

    tg_id: int
    branch_id: int
    role: Role | None
    operator: bool = False

    def may_link(self, record: Member) -> bool:
        return may_get_binding_link(self.role, record_role(record), operator=self.operator)


def record_role(record: Member) -> Role:
    # An unreadable stored role counts as the highest: refusing a link is the safe mistake.
    return parse_role(record.role) or Role.SECRETARY


def issuer_of(actor: Actor, me: Membership) -> Issuer:
    return Issuer(actor.tg_id, me.branch_id, role_of(me), actor.is_operator)


class LinkUse(StrEnum):
    """Where binding links were handed out, for the audit trail."""

    MEMBER_PAGE = "member_page"
    UNBOUND_SHEET = "unbound_sheet"
    IMPORT = "import"


async def issue_links(
    session: AsyncSession,
    members: Sequence[tuple[Member, str | None]],
    issuer: Issuer,
    now: datetime,
    use: LinkUse,
) -> list[MemberLink]:
    """A usable binding link per unbound record the issuer may hand out (reusing good ones).

    Every path that hands out links comes through here, so the rule on whose links an officer
    may get is enforced once; records it excludes are silently left out (the single-link
    path refuses before calling), and every issue leaves an audit row naming the records.
    """
    members = [(m, g) for m, g in members if issuer.may_link(m)]
    roles = {m.id: m.role for m, _ in members}
    existing: dict[int, Invite] = {}
    for link in await repo.member_links(session, list(roles)):
        owner = link.member_id
        # A link made before the record's role changed is not handed out again as its key.
        if owner is None or owner in existing or link.role != roles.get(owner):
            continue
        if _usable(link, now):
            existing[owner] = link
    links: list[tuple[Member, str | None, Invite]] = []
    for record, group in members:
        link = existing.get(record.id) or Invite(
            token=new_token(LinkKind.BIND),
            kind=LinkKind.BIND.value,
            branch_id=record.branch_id,
            role=record.role,
            member_id=record.id,
            expires_at=link_expiry(LinkKind.BIND, now),
            max_uses=DEFAULT_MAX_USES[LinkKind.BIND],
            used=0,
            created_by=issuer.tg_id,
            created_at=now,
        )
        links.append((record, group, link))
    session.add_all(link for _, _, link in links if link.id is None)
    await session.flush()
    _audit_issue(session, issuer, [(r, link) for r, _, link in links], use, now)
    out = [MemberLink(r.id, r.name, g, link.token, link.expires_at) for r, g, link in links]
    return out


def _audit_issue(
    session: AsyncSession,
    issuer: Issuer,
    links: Sequence[tuple[Member, Invite]],
    use: LinkUse,
    now: datetime,
) -> None:
    """A binding link is a key to a person's record: who got which ones is kept."""
    if not links:
        return
    if use is LinkUse.MEMBER_PAGE:
        record, link = links[0]
        audit_member(
            session,
            record,
            actor_tg_id=issuer.tg_id,
            action="member.link",
            after={"invite_id": link.id, "via": use.value},
            now=now,
        )
        return
    core_repo.audit(
        session,
        branch_id=issuer.branch_id,
        actor_tg_id=issuer.tg_id,
        action="members.links",
        target="branch",
        target_id=issuer.branch_id,
        after={
            "via": use.value,
            "member_ids": [r.id for r, _ in links],
            "invite_ids": [link.id for _, link in links],
        },
        now=now,
    )


async def _detach_application(
    session: AsyncSession, actor: Actor, record: Member, now: datetime
) -> None:
    """A pending or refused application gives way to the roster record being bound."""
    before: dict[str, object] = {"status": record.status, "tg_user_id": record.tg_user_id}
    record.tg_user_id = None
    record.status = MemberStatus.REJECTED.value
    record.status_reason = "bound to roster record"
    await session.flush()
    audit_member(
        session,
        record,
        actor_tg_id=actor.tg_id,
        action="member.detach",
        before=before,
        after={"status": record.status, "tg_user_id": None},
        now=now,
    )


async def bind(
    session: AsyncSession, actor: Actor, token: str, now: datetime
) -> Bound | LinkProblem | BindProblem:
    """Bind the actor's account to the link's roster record; the same account again is fine."""
    invite = await repo.invite_by_token(session, token)
    if invite is None or invite.kind != LinkKind.BIND.value or invite.member_id is None:
        return LinkProblem.INVALID
    branch = await repo.branch(session, invite.branch_id)
    record = await repo.member(session, invite.member_id, lock=True)
    if branch is None or record is None:
        return LinkProblem.INVALID
    if record.tg_user_id == actor.tg_id:
        return Bound(True, record.name, branch.name, membership_of(record, branch))
    state = invite_usable(invite.expires_at, now, invite.max_uses, invite.used, invite.revoked_at)
    if state is LinkRefusal.USED_UP or record.tg_user_id is not None:
        return BindProblem.TAKEN
    if state is not None:
        return LINK_PROBLEMS[state]
    if record.status != MemberStatus.ACTIVE:
        return BindProblem.INACTIVE
    role = record_role(record)
    if not await _link_opens(session, invite, role):
        return BindProblem.NEEDS_SECRETARY
    other = await repo.member_of(session, branch.id, actor.tg_id, lock=True)
    if other is not None:
        if other.status not in (MemberStatus.PENDING, MemberStatus.REJECTED):
            return BindProblem.HAS_OTHER_RECORD
        await _detach_application(session, actor, other, now)
    if not await repo.consume_invite(session, invite.id, now):
        return BindProblem.TAKEN
    if not await repo.bind_member(session, record.id, actor.tg_id):
        return BindProblem.TAKEN
    await session.refresh(record)
    audit_member(
        session,
        record,
        actor_tg_id=actor.tg_id,
        action="member.bind",
        after={"tg_user_id": actor.tg_id, "invite_id": invite.id},
        now=now,
    )
    await adopt_branch(session, actor.tg_id, branch.id)
    # Every binding is told to the secretaries (issue 15: who bound which record), not only
    # officers' records as before.
    told = await _tell_secretaries(session, actor, record, branch.name, invite.id, now)
    return Bound(False, record.name, branch.name, membership_of(record, branch), told)


async def _link_opens(session: AsyncSession, invite: Invite, role: Role) -> bool:
    """The link may bind the record as it is today (see binding_link_opens).

    Links made before the rule existed, before the record was promoted, or by an officer
    since demoted must not make anyone an officer.
    """
    link_role = parse_role(invite.role) or Role.MEMBER
    issuer_role = None
    if invite.created_by is not None:
        issuer = await repo.member_of(session, invite.branch_id, invite.created_by)
        if issuer is not None and issuer.status == MemberStatus.ACTIVE:
            issuer_role = parse_role(issuer.role)
    return binding_link_opens(link_role, role, issuer_role)


async def _tell_secretaries(
    session: AsyncSession, actor: Actor, record: Member, branch: str, invite_id: int, now: datetime
) -> bool:
    """A record got an account: the other secretaries hear of it through the outbox."""
    others = [m for m in await repo.secretary_ids(session, record.branch_id) if m != record.id]
    if not others:
        return False

    def content(lang: str) -> notices.Content:
        text = t(
            "members.bind.secretary_notice",
            lang,
            branch=html.escape(branch),
            name=html.escape(record.name),
            role=t(f"members.role.{record_role(record).value}", lang),
            account=html.escape(actor.first_name),
            tg_id=actor.tg_id,
        )
        return notices.Content(text=text)

    await notices.enqueue_notice(
        session,
        branch_id=record.branch_id,
        kind="member_bound",
        key=f"member:{record.id}:bound:{invite_id}",
        content={lang: content(lang) for lang in LANGS},
        member_ids=others,
        now=now,
        meta={"member_id": record.id},
    )
    return True


async def member_link(
    session: AsyncSession, actor: Actor, member_id: int, now: datetime
) -> MemberLink | Refused:
    """One unbound record's binding link, for the officer to forward."""
    found = await load_target(session, actor, member_id, Permission.EDIT_MEMBER)
    if isinstance(found, Refused):
        return found
    record, me = found
    issuer = issuer_of(actor, me)
    if not issuer.may_link(record):
        return Refused(Refusal.SECRETARY_LINK)
    if record.tg_user_id is not None:
        return Refused(Refusal.ALREADY_BOUND)
    if record.status != MemberStatus.ACTIVE:
        return Refused(Refusal.INACTIVE)
    group = await group_name(session, record.branch_id, record.group_id)
    return (await issue_links(session, [(record, group)], issuer, now, LinkUse.MEMBER_PAGE))[0]


@dataclass(frozen=True)
class UnboundLinks:
    branch_name: str
    links: list[MemberLink]
    withheld: int  # unbound officers' records whose links only the secretary may have


async def unbound_links(
    session: AsyncSession, actor: Actor, now: datetime
) -> UnboundLinks | Refused:
    """Binding links for every active unbound record the actor may hand out."""
    me = officer(actor, Permission.IMPORT_ROSTER)
    if isinstance(me, Refused):
        return me
    members = await repo.unbound_members(session, me.branch_id)
    issuer = issuer_of(actor, me)
    links = await issue_links(session, members, issuer, now, LinkUse.UNBOUND_SHEET)
    withheld = sum(1 for m, _ in members if not issuer.may_link(m))
    return UnboundLinks(me.branch_name, links, withheld)


async def unbind(
    session: AsyncSession, actor: Actor, member_id: int, now: datetime
) -> tuple[str, int] | Refused:
    """Detach the account from a record (lost phone, new account); returns (name, old tg id)."""
    found = await load_target(session, actor, member_id, Permission.ARCHIVE_MEMBER)
    if isinstance(found, Refused):
        return found
    record = found[0]
    if record.tg_user_id is None:
        return Refused(Refusal.NOT_BOUND)
    if record.tg_user_id == actor.tg_id:
        # Unbinding oneself would lock the secretary out mid-action.
        return Refused(Refusal.SELF)
    old = record.tg_user_id
    record.tg_user_id = None
    await repo.revoke_member_links(session, record.id, now)
    audit_member(
        session,
        record,
        actor_tg_id=actor.tg_id,
        action="member.unbind",
        before={"tg_user_id": old},
        after={"tg_user_id": None},
        now=now,
    )
    return record.name, old
