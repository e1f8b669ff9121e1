"""What the hours use cases share: refusals, who the actor is here, audit, telling people."""

from __future__ import annotations

import hashlib
import secrets
from datetime import date, datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.authz import permits, subject
from bot.domain.hours.rules import format_halves
from bot.kernel import refusals
from bot.services.delivery import notices as outbox
from bot.services.identity import Actor, Membership
from bot.texts import t
from storage.models.hours import HoursRecord
from storage.repos import core as core_repo
from storage.repos import hours as repo

SECRET_STATE_KEY = "hours.certificate_secret"


class Refusal(StrEnum):
    NOT_MEMBER = "not_member"
    NOT_ALLOWED = "not_allowed"
    NOT_FOUND = "not_found"
    NOT_YOURS = "not_yours"  # someone else's report or record
    SELF = "self"  # deciding one's own hours
    RECORDED_BY_SELF = "recorded_by_self"  # deciding hours one recorded for others
    OTHER_TEAM = "other_team"  # a team leader deciding another team's hours
    ALREADY_DECIDED = "already_decided"
    LOCKED = "locked"  # approved (or declined): no more changes
    NOT_IN_TEAM = "not_in_team"
    NO_TEAMS = "no_teams"
    NOT_OPEN = "not_open"  # check-in outside the activity's time
    NOT_CHECKED_IN = "not_checked_in"
    AUTO_CLOSED = "auto_closed"
    DAILY_LIMIT = "daily_limit"
    INCOMPLETE = "incomplete"
    BAD_WHAT = "bad_what"
    TOO_MANY_PHOTOS = "too_many_photos"
    REASON_TOO_LONG = "reason_too_long"
    BAD_NAME = "bad_name"
    NAME_TAKEN = "name_taken"
    NOBODY = "nobody"  # a recorded activity with no one ticked
    FUTURE = "future"
    TOO_OLD = "too_old"
    NOT_A_NUMBER = "not_a_number"
    NOT_POSITIVE = "not_positive"
    NOT_HALF_STEP = "not_half_step"
    TOO_MANY = "too_many"
    BAD_DATE = "bad_date"
    NEED_PHOTO = "need_photo"


class Refused(refusals.Refused[Refusal]):
    """What a hours service answers when it does nothing, and why."""


def me_in(actor: Actor) -> Membership | Refused:
    """The actor's active membership in the chosen branch."""
    return actor.member if actor.member is not None else Refused(Refusal.NOT_MEMBER)


def is_officer(me: Membership) -> bool:
    """Committee and secretary decide and see hours branch-wide."""
    return permits("hours.record_activity", subject(me.role, group_id=me.group_id))


def is_secretary(me: Membership) -> bool:
    """Whether me may change the branch's hours settings."""
    return permits("hours.settings", subject(me.role))


async def led_team_ids(session: AsyncSession, member_id: int) -> frozenset[int]:
    return frozenset(
        tm.team_id for tm in await repo.memberships_of(session, member_id) if tm.leader
    )


async def may_manage_team(session: AsyncSession, me: Membership, team_id: int) -> bool:
    """A branch officer, or a leader of this team."""
    return is_officer(me) or team_id in await led_team_ids(session, me.member_id)


def local_today(tz: str, now: datetime) -> date:
    return now.astimezone(ZoneInfo(tz)).date()


def record_facts(row: HoursRecord) -> dict[str, object]:
    """What an audit row keeps of a record."""
    return {
        "state": row.state,
        "day": row.day.isoformat() if row.day else None,
        "halves": row.halves,
        "team_id": row.team_id,
        "activity_type": row.activity_type,
        "activity_id": row.activity_id,
        "what": row.what,
        "photos": len(row.photos or []),
        "flagged": row.flagged,
        "disputed": row.disputed_at is not None,
    }


def audit(
    session: AsyncSession,
    *,
    branch_id: int,
    actor_tg_id: int | None,
    action: str,
    target: str,
    target_id: int | None,
    before: dict[str, object] | None,
    after: dict[str, object] | None,
    now: datetime,
) -> None:
    core_repo.audit(
        session,
        branch_id=branch_id,
        actor_tg_id=actor_tg_id,
        action=f"hours.{action}",
        target=target,
        target_id=target_id,
        before=before,
        after=after,
        now=now,
    )


# Kept under the name the slice imports: a notice queued in every language.
tell = outbox.tell_in_every_language


def hours_text(halves: int, lang: str) -> str:
    return t("hours.amount", lang, h=format_halves(halves))


async def certificate_secret(session: AsyncSession, configured: str | None) -> bytes:
    """The bot's secret for certificate codes: from the configured key, else generated once."""
    if configured:
        return hashlib.sha256(b"hours-certificate:" + configured.encode()).digest()
    stored = await core_repo.get_state(session, SECRET_STATE_KEY)
    if stored is None:
        stored = await core_repo.set_state_if_absent(
            session, SECRET_STATE_KEY, secrets.token_hex(32)
        )
    return bytes.fromhex(stored)
