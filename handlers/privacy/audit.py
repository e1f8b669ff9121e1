"""/audit: the secretary reads the branch's audit log, page by page, filtered, and exports it.

Buttons: pv:au:<page>:<person>:<family> (a page), pv:ap / pv:af:<person>:<family> (the person
and action pickers), pv:ax:<person>:<family> (export); "-" is "no action filter". Every press
is checked again by the service: only the branch's secretary, only their branch.
"""

from __future__ import annotations

import html
import re

from telegram import InputFile, Update

from bot.context import Context
from bot.services.privacy import audit
from bot.services.privacy.common import Refused
from bot.texts import t
from handlers.base import unit
from handlers.keyboards import inline
from handlers.privacy.common import fields, private, refuse
from handlers.replies import answer, send, show

_FAMILY = re.compile(r"[a-z_]{1,30}")
Rows = list[list[tuple[str, str]]]


def _filters(update: Update, start: int) -> tuple[int, str]:
    parts = fields(update)
    person = int(parts[start]) if len(parts) > start and parts[start].isdigit() else 0
    family = parts[start + 1] if len(parts) > start + 1 else ""
    return person, family if _FAMILY.fullmatch(family) else ""


def _render(found: audit.AuditPage, lang: str) -> tuple[str, Rows]:
    filters = ""
    if found.person is not None:
        filters += t("privacy.audit.by_person", lang, name=html.escape(found.person.name))
    if found.family:
        filters += t("privacy.audit.by_family", lang, family=html.escape(found.family))
    head = t(
        "privacy.audit.head",
        lang,
        branch=html.escape(found.branch_name),
        page=found.page + 1,
        pages=found.pages,
        total=found.total,
        filters=filters,
    )
    lines = [
        t(
            "privacy.audit.line",
            lang,
            when=line.when,
            who=html.escape(line.who),
            action=html.escape(line.action),
            target=html.escape(line.target),
            id=line.target_id if line.target_id is not None else "",
        )
        for line in found.lines
    ] or [t("privacy.audit.empty", lang)]
    person = found.person.member_id if found.person else 0
    family = found.family or "-"
    rows: Rows = []
    nav: list[tuple[str, str]] = []
    if found.page > 0:
        nav.append((t("privacy.btn.prev", lang), f"pv:au:{found.page - 1}:{person}:{family}"))
    if found.page + 1 < found.pages:
        nav.append((t("privacy.btn.next", lang), f"pv:au:{found.page + 1}:{person}:{family}"))
    if nav:
        rows.append(nav)
    rows.append([(t("privacy.btn.by_person", lang), f"pv:ap:{person}:{family}")])
    rows.append([(t("privacy.btn.by_action", lang), f"pv:af:{person}:{family}")])
    if found.person is not None or found.family:
        rows.append([(t("privacy.btn.clear", lang), "pv:au:0:0:-")])
    rows.append([(t("privacy.btn.export", lang), f"pv:ax:{person}:{family}")])
    return head + "\n\n" + "\n\n".join(lines), rows


async def _page(update: Update, context: Context, page_no: int, person: int, family: str) -> None:
    async with unit(update, context) as u:
        lang = u.actor.lang
        found = (
            await audit.page(u.session, u.actor, page_no, person, family)
            if private(update)
            else None
        )
    if found is None:
        await send(update, context, t("privacy.private_only", lang))
        return
    if isinstance(found, Refused):
        await refuse(update, context, found, lang)
        return
    await answer(update)
    text, rows = _render(found, lang)
    await show(update, context, text, inline(rows))


async def audit_command(update: Update, context: Context) -> None:
    await _page(update, context, 0, 0, "")


async def page(update: Update, context: Context) -> None:
    parts = fields(update)
    page_no = int(parts[0]) if parts and parts[0].isdigit() else 0
    person, family = _filters(update, 1)
    await _page(update, context, page_no, person, family)


async def pick_person(update: Update, context: Context) -> None:
    _, family = _filters(update, 0)
    async with unit(update, context) as u:
        found = await audit.page(u.session, u.actor, 0, 0, family)
        lang = u.actor.lang
    if isinstance(found, Refused):
        await refuse(update, context, found, lang)
        return
    await answer(update)
    fam = family or "-"
    rows: Rows = [[(p.name, f"pv:au:0:{p.member_id}:{fam}")] for p in found.people]
    rows.append([(t("privacy.btn.all", lang), f"pv:au:0:0:{fam}")])
    await show(update, context, t("privacy.audit.pick_person", lang), inline(rows))


async def pick_family(update: Update, context: Context) -> None:
    person, _ = _filters(update, 0)
    async with unit(update, context) as u:
        found = await audit.page(u.session, u.actor, 0, person, "")
        lang = u.actor.lang
    if isinstance(found, Refused):
        await refuse(update, context, found, lang)
        return
    await answer(update)
    rows: Rows = [[(f, f"pv:au:0:{person}:{f}")] for f in found.families]
    rows.append([(t("privacy.btn.all", lang), f"pv:au:0:{person}:-")])
    await show(update, context, t("privacy.audit.pick_family", lang), inline(rows))


async def export(update: Update, context: Context) -> None:
    person, family = _filters(update, 0)
    async with unit(update, context) as u:
        lang = u.actor.lang
        found = (
            await audit.export(u.session, u.actor, u.data.clock.now(), person, family)
            if private(update)
            else None
        )
    if found is None:
        await answer(update, t("privacy.private_only", lang), alert=True)
        return
    if isinstance(found, Refused):
        await refuse(update, context, found, lang)
        return
    await answer(update)
    chat = update.effective_chat
    assert chat is not None
    await context.bot.send_document(
        chat.id,
        InputFile(found.data, filename=found.file_name),
        caption=t("privacy.audit.exported", lang, n=found.rows),
    )
