"""The one path for outgoing notices: enqueue into the durable outbox; the sender does the rest.

Other features call `enqueue_notice` (idempotent by key), `delivered_member_ids`,
`cancel_notice`, and `wake` after their transaction commits.
These functions and their docstrings are the contract; the sender is jobs/delivery/ and
README.md (What it does, Layout) describes the whole path.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any, Protocol

from sqlalchemy import Select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.delivery.priority import priority_for
from bot.kernel.ports import Waker
from bot.texts import LANGS
from storage.models.delivery import Notice
from storage.repos import delivery as repo

__all__ = [
    "CAPTION_MAX",
    "DEFAULT_LANG",
    "KEY_MAX",
    "TEXT_MAX",
    "AckResult",
    "Content",
    "EnqueueResult",
    "NoticeRequest",
    "Personal",
    "acknowledge",
    "cancel_notice",
    "delivered_member_ids",
    "enqueue_chat_copy",
    "enqueue_group_copy",
    "enqueue_many",
    "enqueue_notice",
    "enqueue_personal",
    "enqueue_selected",
    "visible_length",
    "wake",
]

log = logging.getLogger(__name__)

TEXT_MAX = 4096
CAPTION_MAX = 1024
KEY_MAX = 200
DEFAULT_LANG = "zh"

_TAG = re.compile(r"<[^>]*>")

Buttons = tuple[tuple[tuple[str, str], ...], ...]


def visible_length(text_html: str) -> int:
    """Length Telegram checks for an HTML text: tags dropped, entities decoded, UTF-16 units."""
    return len(html.unescape(_TAG.sub("", text_html)).encode("utf-16-le")) // 2


@dataclass(frozen=True)
class Content:
    """What one recipient sees, in one language. HTML parse mode."""

    text: str | None = None
    caption: str | None = None
    photo_file_id: str | None = None
    document_file_id: str | None = None
    buttons: Buttons = ()

    def problem(self) -> str | None:
        """Why Telegram would refuse this content, or None."""
        media = self.photo_file_id is not None or self.document_file_id is not None
        if self.photo_file_id is not None and self.document_file_id is not None:
            return "both_media"
        if media:
            if self.text is not None:
                return "text_with_media"
            if self.caption is not None and visible_length(self.caption) > CAPTION_MAX:
                return "caption_too_long"
            return None
        if self.caption is not None:
            return "caption_without_media"
        if not self.text or not html.unescape(_TAG.sub("", self.text)).strip():
            return "empty"
        if visible_length(self.text) > TEXT_MAX:
            return "text_too_long"
        return None

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "caption": self.caption,
            "photo_file_id": self.photo_file_id,
            "document_file_id": self.document_file_id,
            "buttons": [[list(b) for b in row] for row in self.buttons],
        }

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> Content:
        rows = raw.get("buttons") or []
        return cls(
            text=raw.get("text"),
            caption=raw.get("caption"),
            photo_file_id=raw.get("photo_file_id"),
            document_file_id=raw.get("document_file_id"),
            buttons=tuple(tuple((str(b[0]), str(b[1])) for b in row) for row in rows),
        )


@dataclass(frozen=True)
class EnqueueResult:
    notice_id: int
    added: int  # recipients newly queued (or recorded as unreachable) by this call
    already: int  # recipients already present under this key


def content_for(notice: Notice, lang: str) -> Content:
    """The notice's content in `lang`, or the default language's."""
    raw = notice.content.get(lang) or notice.content[DEFAULT_LANG]
    return Content.from_json(raw)


def _check(key: str, content: Mapping[str, Content]) -> None:
    # These are programming errors of the calling feature, not user input: fail loudly.
    if not key or len(key) > KEY_MAX:
        raise ValueError(f"notice key must be 1-{KEY_MAX} characters")
    if DEFAULT_LANG not in content:
        raise ValueError("content needs a 'zh' version")
    for lang, item in content.items():
        problem = item.problem()
        if problem is not None:
            raise ValueError(f"content[{lang!r}]: {problem}")


async def enqueue_notice(
    session: AsyncSession,
    *,
    branch_id: int,
    kind: str,
    key: str,
    content: Mapping[str, Content],
    member_ids: Sequence[int],
    now: datetime,
    send_at: datetime | None = None,
    ack: bool = False,
    created_by_member_id: int | None = None,
    meta: Mapping[str, object] | None = None,
) -> EnqueueResult:
    """Queue the notice for these members of branch_id; calling again adds only newcomers."""
    _check(key, content)
    scheduled = send_at is not None and send_at > now
    notice = await repo.add_notice_if_absent(
        session,
        {
            "branch_id": branch_id,
            "kind": kind,
            "key": key,
            "content": {lang: c.to_json() for lang, c in content.items()},
            "ack": ack,
            "audience": {},
            "status": "scheduled" if scheduled else "sending",
            "send_at": send_at,
            "created_by": created_by_member_id,
            "meta": dict(meta or {}),
            "created_at": now,
            "updated_at": now,
        },
    )
    return await add_recipients(session, notice, member_ids, now)


@dataclass(frozen=True)
class Personal:
    """One member's own notice (a tally's summary): its key and its content by language."""

    key: str
    member_id: int
    content: Mapping[str, Content]


async def enqueue_personal(
    session: AsyncSession,
    *,
    branch_id: int,
    kind: str,
    items: Sequence[Personal],
    now: datetime,
) -> int:
    """Queue one notice per member, each with its own text, in bulk: the rows enqueue_notice
    makes, in a few statements per 500 people rather than several each. Keys already queued
    are skipped (a rerun adds nothing). Returns the deliveries added."""
    for item in items:
        _check(item.key, item.content)
    people = {
        p.member_id: p
        for p in await repo.recipients(session, branch_id, [i.member_id for i in items])
    }
    wanted = [i for i in items if i.member_id in people]
    notices = await repo.add_notices_if_absent(
        session,
        [
            {
                "branch_id": branch_id,
                "kind": kind,
                "key": i.key,
                "content": {lang: c.to_json() for lang, c in i.content.items()},
                "ack": False,
                "audience": {},
                "status": "sending",
                "send_at": None,
                "created_by": None,
                "meta": {},
                "created_at": now,
                "updated_at": now,
            }
            for i in wanted
        ],
    )
    rows = [_row(notices[i.key], people[i.member_id], now, now, False) for i in wanted]
    await repo.add_deliveries(session, rows)
    # Nobody to send to (not started, blocked): those notices are settled at once.
    await repo.settle_many(session, [r["notice_id"] for r in rows if r["state"] != "queued"], now)
    return len(rows)


async def add_recipients(
    session: AsyncSession, notice: Notice, member_ids: Sequence[int], now: datetime
) -> EnqueueResult:
    """Delivery rows for members not yet under this notice; unreachable ones are recorded."""
    # Locked until commit: a sender must not settle the notice "done" while rows are added.
    locked = await repo.notice(session, notice.id, lock=True)
    assert locked is not None
    notice = locked
    present = await repo.queued_member_ids(session, notice.id)
    wanted = [m for m in dict.fromkeys(member_ids) if m not in present]
    people = await repo.recipients(session, notice.branch_id, wanted)
    if len(people) < len(wanted):
        log.warning(
            "notice %s: %d recipients are not in branch %s",
            notice.key,
            len(wanted) - len(people),
            notice.branch_id,
        )
    due = max(notice.send_at or now, now)
    cancelled = notice.status == "cancelled"
    rows = [_row(notice, p, due, now, cancelled) for p in people]
    await repo.add_deliveries(session, rows)
    if any(r["state"] == "queued" for r in rows) and notice.status == "done":
        await repo.set_notice(session, notice.id, status="sending", finished_at=None)
    elif notice.status in ("sending", "scheduled"):
        await repo.settle_if_done(session, notice.id, now)
    return EnqueueResult(notice.id, added=len(rows), already=len(member_ids) - len(wanted))


@dataclass(frozen=True)
class NoticeRequest:
    """One notice of a batch (see enqueue_many): what enqueue_notice takes, less the clock."""

    branch_id: int
    kind: str
    key: str
    content: Mapping[str, Content]
    member_ids: Sequence[int] = ()  # enqueue_selected takes its recipients from a query
    meta: Mapping[str, object] | None = None


async def enqueue_many(
    session: AsyncSession, requests: Sequence[NoticeRequest], now: datetime
) -> dict[str, EnqueueResult]:
    """`enqueue_notice` for many notices at once, in a fixed number of statements: a district's
    reminders of one minute, or its monthly digests. Same rows, same idempotency (by key)."""
    if not requests:
        return {}
    for request in requests:
        _check(request.key, request.content)
    found = await repo.add_notices_locked(session, [_notice_values(r, now) for r in requests])
    present = await repo.member_ids_by_notice(session, {n.id for n in found.values()})
    # Without any row yet (not even a group copy), only this call's rows can be pending.
    empty = await repo.notices_without_rows(session, {n.id for n in found.values()})
    people = await repo.recipients_in_branches(session, {r.branch_id for r in requests})
    rows: list[dict[str, Any]] = []
    results: dict[str, EnqueueResult] = {}
    reopen: list[int] = []
    done: list[int] = []
    check: list[int] = []  # had rows before: asked the database, as add_recipients does
    for request in requests:
        notice = found[request.key]
        wanted = [m for m in dict.fromkeys(request.member_ids) if m not in present[notice.id]]
        mine = [p for m in wanted if (p := _in_branch(people, m, notice.branch_id))]
        if len(mine) < len(wanted):
            log.warning(
                "notice %s: %d recipients are not in branch %s",
                notice.key,
                len(wanted) - len(mine),
                notice.branch_id,
            )
        due = max(notice.send_at or now, now)
        added = [_row(notice, p, due, now, notice.status == "cancelled") for p in mine]
        rows += added
        present[notice.id].update(p.member_id for p in mine)
        queued = any(r["state"] == "queued" for r in added)
        if queued and notice.status == "done":
            reopen.append(notice.id)
        elif notice.status in ("sending", "scheduled") and not queued:
            if notice.id in empty:
                done.append(notice.id)  # what settle_if_done would find, without asking
            else:
                check.append(notice.id)
        results[request.key] = EnqueueResult(
            notice.id, added=len(added), already=len(request.member_ids) - len(wanted)
        )
    await repo.add_deliveries(session, rows)
    for notice_id in reopen:
        await repo.set_notice(session, notice_id, status="sending", finished_at=None)
    await repo.mark_done(session, done, now)
    for notice_id in check:
        await repo.settle_if_done(session, notice_id, now)
    return results


Recipients = Callable[[Mapping[str, int]], Select[int, int]]


async def enqueue_selected(
    session: AsyncSession, requests: Sequence[NoticeRequest], recipients: Recipients, now: datetime
) -> None:
    """`enqueue_many` for notices whose recipients a query of the calling feature selects:
    `recipients` gets each request's notice id by key and returns (notice_id, member_id) rows
    (members outside a notice's branch are left out). Same rows, same idempotency (by key and
    by recipient), but no member is read into Python: the rows are made by one INSERT ...
    SELECT per kind and set of languages (a district's reminder minute)."""
    if not requests:
        return
    for request in requests:
        _check(request.key, request.content)
    ids = await repo.add_notice_ids_locked(session, [_notice_values(r, now) for r in requests])
    groups: dict[tuple[str, tuple[str, ...]], dict[str, int]] = {}
    for r in requests:
        groups.setdefault((r.kind, tuple(sorted(r.content))), {})[r.key] = ids[r.key]
    for (kind, langs), notices in groups.items():
        await repo.add_deliveries_from(
            session,
            recipients(notices),
            langs=langs,
            default_lang=DEFAULT_LANG,
            priority=int(priority_for(kind)),
            now=now,
        )
    await repo.settle_notices(session, set(ids.values()), now)


def _notice_values(request: NoticeRequest, now: datetime) -> dict[str, Any]:
    return {
        "branch_id": request.branch_id,
        "kind": request.kind,
        "key": request.key,
        "content": {lang: c.to_json() for lang, c in request.content.items()},
        "ack": False,
        "audience": {},
        "status": "sending",
        "send_at": None,
        "created_by": None,
        "meta": dict(request.meta or {}),
        "created_at": now,
        "updated_at": now,
    }


def _in_branch(
    people: Mapping[int, tuple[int, repo.Recipient]], member_id: int, branch_id: int
) -> repo.Recipient | None:
    found = people.get(member_id)
    return found[1] if found is not None and found[0] == branch_id else None


def _row(
    notice: Notice, p: repo.Recipient, due: datetime, now: datetime, cancelled: bool
) -> dict[str, Any]:
    lang = p.language if p.language in notice.content else DEFAULT_LANG
    state, reason = "queued", None
    if cancelled:
        state = "cancelled"
    elif p.tg_user_id is None or not p.started:
        # Telegram refuses a bot's first message (403): the person must press Start first.
        state, reason = "not_started", "not_started"
    elif p.blocked:
        state, reason = "unreachable", "blocked"
    return {
        "notice_id": notice.id,
        "member_id": p.member_id,
        "chat_id": p.tg_user_id,
        "lang": lang,
        "state": state,
        "reason": reason,
        "attempts": 0,
        "next_attempt_at": due,
        "priority": int(priority_for(notice.kind)),
        "created_at": now,
    }


async def enqueue_group_copy(
    session: AsyncSession, notice: Notice, chat_id: int, now: datetime
) -> None:
    """One extra copy into the branch's group chat (no acknowledge button there)."""
    if await repo.has_group_copy(session, notice.id):
        return
    await repo.add_deliveries(
        session,
        [
            {
                "notice_id": notice.id,
                "member_id": None,
                "chat_id": chat_id,
                "lang": DEFAULT_LANG,
                "state": "cancelled" if notice.status == "cancelled" else "queued",
                "attempts": 0,
                "next_attempt_at": max(notice.send_at or now, now),
                "priority": int(priority_for(notice.kind)),
                "created_at": now,
            }
        ],
    )


async def enqueue_chat_copy(
    session: AsyncSession, notice: Notice, chat_id: int, lang: str, now: datetime
) -> bool:
    """One copy to a private chat of someone who is no member (a resident), in their language
    when the notice has it; once per chat and notice. Whether this call queued it."""
    if await repo.has_chat_copy(session, notice.id, chat_id):
        return False
    await repo.add_deliveries(
        session,
        [
            {
                "notice_id": notice.id,
                "member_id": None,
                "chat_id": chat_id,
                "lang": lang if lang in notice.content else DEFAULT_LANG,
                "state": "cancelled" if notice.status == "cancelled" else "queued",
                "attempts": 0,
                "next_attempt_at": max(notice.send_at or now, now),
                "priority": int(priority_for(notice.kind)),
                "created_at": now,
            }
        ],
    )
    return True


async def delivered_member_ids(session: AsyncSession, key: str) -> list[int]:
    """Members whose copy of the notice under `key` reached Telegram."""
    notice = await repo.notice_by_key(session, key)
    if notice is None:
        return []
    return await repo.member_ids_where(session, notice.id, states=("sent",), unacked=False)


async def cancel_notice(session: AsyncSession, key: str, now: datetime) -> int:
    """Cancel what is still queued (a copy already in flight still goes); returns how many."""
    notice = await repo.notice_by_key(session, key)
    if notice is None:
        return 0
    count = await repo.cancel_queued(session, notice.id)
    await repo.set_notice_status_if(
        session, notice.id, ("draft", "scheduled", "sending"), "cancelled", finished_at=now
    )
    return count


async def withdraw_member(session: AsyncSession, member_id: int, now: datetime) -> int:
    """Someone who left the branch (transferred, archived, data deleted) gets none of its notices
    still queued for them: reminders, broadcasts scheduled before they left. Rows already being
    sent go. A notice left with nothing pending is settled. The number of notices touched."""
    touched = await repo.cancel_queued_for_member(session, member_id, "member_left")
    for notice_id in touched:
        await repo.settle_if_done(session, notice_id, now)
    return len(touched)


class _HasSender(Protocol):
    @property
    def sender(self) -> Waker | None: ...


def wake(bot_data: _HasSender) -> None:
    """Tell the sender new rows are due (call after the enqueueing transaction commits)."""
    sender = bot_data.sender
    if sender is not None:
        sender.wake()


class AckResult(StrEnum):
    """How a press of 「收到」 went; rendered as "delivery.ack.<value>"."""

    THANKS = "thanks"
    ALREADY = "already"
    NOT_YOURS = "not_yours"
    NOT_FOUND = "not_found"


async def acknowledge(
    session: AsyncSession, tg_id: int, delivery_id: int, now: datetime
) -> AckResult:
    """Record that the recipient read the notice (once); nobody else can do it for them."""
    row = await repo.delivery(session, delivery_id)
    if row is None or row.member_id is None:
        return AckResult.NOT_FOUND
    owner = (
        row.chat_id if row.chat_id is not None else await repo.member_tg_id(session, row.member_id)
    )
    if owner != tg_id:
        return AckResult.NOT_YOURS
    if not await repo.record_ack(session, delivery_id, now):
        return AckResult.ALREADY
    return AckResult.THANKS


async def tell_in_every_language(
    session: AsyncSession,
    *,
    branch_id: int,
    kind: str,
    key: str,
    member_ids: Sequence[int],
    build: Callable[[str], Content],
    now: datetime,
) -> None:
    """Queue a notice in every language (the outbox picks each person's); nobody, nothing."""
    if not member_ids:
        return
    await enqueue_notice(
        session,
        branch_id=branch_id,
        kind=kind,
        key=key,
        content={lang: build(lang) for lang in LANGS},
        member_ids=list(member_ids),
        now=now,
    )
