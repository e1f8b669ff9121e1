"""/audit: the secretary reads the branch's audit log, page by page, filtered, and exports it.

Every button carries the filters shown (a person, a kind of action; None for none), so the
next screen keeps them. Every press is checked again by the service: only the branch's
secretary, only their branch.
"""

from __future__ import annotations

import html

from telegram import InputFile, Update

from bot.context import Context
from bot.services.privacy import audit
from bot.services.privacy.common import Refused
from bot.texts import t
from handlers.base import unit
from handlers.keyboards import inline
from handlers.privacy.buttons import AuditPage, ExportAudit, PickFamily, PickPerson
from handlers.privacy.common import private, refuse
from handlers.replies import answer, send, show

Rows = list[list[tuple[str, str]]]


def _fits(family: str) -> bool:
    """Whether a button can carry this kind of action (one that cannot is not offered)."""
    try:
        _ = AuditPage(0, None, family).data
    except ValueError:
        return False
    return True


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
    person = found.person.member_id if found.person else None
    family = found.family or None  # came in a button: it fits one
    rows: Rows = []
    nav: list[tuple[str, str]] = []
    if found.page > 0:
        nav.append((t("privacy.btn.prev", lang), AuditPage(found.page - 1, person, family).data))
    if found.page + 1 < found.pages:
        nav.append((t("privacy.btn.next", lang), AuditPage(found.page + 1, person, family).data))
    if nav:
        rows.append(nav)
    rows.append([(t("privacy.btn.by_person", lang), PickPerson(person, family).data)])
    rows.append([(t("privacy.btn.by_action", lang), PickFamily(person, family).data)])
    if found.person is not None or found.family:
        rows.append([(t("privacy.btn.clear", lang), AuditPage(0, None, None).data)])
    rows.append([(t("privacy.btn.export", lang), ExportAudit(person, family).data)])
    return head + "\n\n" + "\n\n".join(lines), rows


async def _page(
    update: Update, context: Context, page_no: int, person: int | None, family: str | None
) -> None:
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
    await _page(update, context, 0, None, None)


async def page(update: Update, context: Context, b: AuditPage) -> None:
    await _page(update, context, b.page, b.person, b.family)


async def pick_person(update: Update, context: Context, b: PickPerson) -> None:
    family = b.family
    async with unit(update, context) as u:
        found = await audit.page(u.session, u.actor, 0, None, family)
        lang = u.actor.lang
    if isinstance(found, Refused):
        await refuse(update, context, found, lang)
        return
    await answer(update)
    rows: Rows = [[(p.name, AuditPage(0, p.member_id, family).data)] for p in found.people]
    rows.append([(t("privacy.btn.all", lang), AuditPage(0, None, family).data)])
    await show(update, context, t("privacy.audit.pick_person", lang), inline(rows))


async def pick_family(update: Update, context: Context, b: PickFamily) -> None:
    person = b.person
    async with unit(update, context) as u:
        found = await audit.page(u.session, u.actor, 0, person, None)
        lang = u.actor.lang
    if isinstance(found, Refused):
        await refuse(update, context, found, lang)
        return
    await answer(update)
    rows: Rows = [[(f, AuditPage(0, person, f).data)] for f in found.families if _fits(f)]
    rows.append([(t("privacy.btn.all", lang), AuditPage(0, person, None).data)])
    await show(update, context, t("privacy.audit.pick_family", lang), inline(rows))


async def export(update: Update, context: Context, b: ExportAudit) -> None:
    async with unit(update, context) as u:
        lang = u.actor.lang
        found = (
            await audit.export(u.session, u.actor, u.data.clock.now(), b.person, b.family)
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
