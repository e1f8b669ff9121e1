"""The privacy notice shown before anything about a person is stored, and its acceptance."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.links import LinkKind
from bot.domain.privacy import clean_notice_text, notice_version
from bot.services.identity import Actor
from bot.services.privacy.common import Refused, secretary_of
from bot.texts import t
from storage.repos import core as core_repo
from storage.repos import members as members_repo
from storage.repos import privacy as repo

SETTING = "privacy_notice"  # key in branches.settings: the branch's own notice text
_VIA = {LinkKind.INVITE.value: "invite", LinkKind.SECRETARY_INVITE.value: "secretary"}


@dataclass(frozen=True)
class Notice:
    branch_id: int
    branch_name: str
    text: str
    version: str
    custom: bool


def _custom(settings: dict[str, Any] | None) -> str | None:
    value = (settings or {}).get(SETTING)
    return value if isinstance(value, str) and value.strip() else None


def notice_of(
    branch_id: int, branch_name: str, settings: dict[str, Any] | None, lang: str
) -> Notice:
    custom = _custom(settings)
    text = custom or t("privacy.notice.default", lang, branch=branch_name)
    return Notice(branch_id, branch_name, text, notice_version(custom), custom is not None)


async def _link_branch(
    session: AsyncSession, token: str
) -> tuple[int, str, dict[str, Any], str] | None:
    invite = await members_repo.invite_by_token(session, token)
    if invite is None:
        return None
    branch = await members_repo.branch(session, invite.branch_id)
    if branch is None:
        return None
    return branch.id, branch.name, dict(branch.settings or {}), invite.kind


async def pending_notice(session: AsyncSession, actor: Actor, token: str) -> Notice | None:
    """The notice this person must accept before the link may store anything about them in
    its branch; None when they accepted it already (or the link leads nowhere: the link's own
    checks answer that)."""
    found = await _link_branch(session, token)
    if found is None:
        return None
    branch_id, name, settings, _ = found
    if await repo.has_consent(session, actor.tg_id, branch_id):
        return None
    return notice_of(branch_id, name, settings, actor.lang)


async def accept(session: AsyncSession, actor: Actor, token: str, now: datetime) -> bool:
    """Record the acceptance (who, when, which version) of the link's branch's notice."""
    found = await _link_branch(session, token)
    if found is None:
        return False
    branch_id, _, settings, kind = found
    if not await repo.has_consent(session, actor.tg_id, branch_id):
        version = notice_version(_custom(settings))
        via = _VIA.get(kind, "bind")
        repo.add_consent(session, actor.tg_id, branch_id, version, via, now)
        core_repo.audit(
            session,
            branch_id=branch_id,
            actor_tg_id=actor.tg_id,
            action="privacy.accept",
            target="account",
            target_id=actor.tg_id,
            after={"version": version, "via": via},
            now=now,
        )
    await core_repo.accept_privacy(session, actor.tg_id, actor.first_name, now)
    return True


@dataclass(frozen=True)
class NoticeSetting:
    branch_name: str
    text: str
    custom: bool
    version: str


async def current(session: AsyncSession, actor: Actor) -> NoticeSetting | Refused:
    me = secretary_of(actor, "privacy.notice")
    if isinstance(me, Refused):
        return me
    branch = await members_repo.branch(session, me.branch_id)
    assert branch is not None
    notice = notice_of(branch.id, branch.name, branch.settings, actor.lang)
    return NoticeSetting(branch.name, notice.text, notice.custom, notice.version)


async def set_text(
    session: AsyncSession, actor: Actor, text: str | None, now: datetime
) -> NoticeSetting | Refused | None:
    """The secretary sets the branch's notice (None: back to the default). None returned when
    the text is empty or too long."""
    me = secretary_of(actor, "privacy.notice")
    if isinstance(me, Refused):
        return me
    cleaned = None if text is None else clean_notice_text(text)
    if text is not None and cleaned is None:
        return None
    branch = await members_repo.branch(session, me.branch_id)
    assert branch is not None
    settings = dict(branch.settings or {})
    before = notice_version(_custom(settings))
    if cleaned is None:
        settings.pop(SETTING, None)
    else:
        settings[SETTING] = cleaned
    branch.settings = settings
    core_repo.audit(
        session,
        branch_id=branch.id,
        actor_tg_id=actor.tg_id,
        action="privacy.notice",
        target="branch",
        target_id=branch.id,
        before={"version": before},
        after={"version": notice_version(cleaned)},
        now=now,
    )
    return await current(session, actor)
