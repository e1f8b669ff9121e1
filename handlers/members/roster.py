"""Roster import: a spreadsheet in, a preview with line numbers, confirm, binding links out."""

from __future__ import annotations

from datetime import timedelta

from telegram import InlineKeyboardMarkup, InputFile, Message, Update
from telegram.ext import BaseHandler, MessageHandler, filters

from bot.context import Context
from bot.domain.links import deep_link
from bot.domain.members import MemberError
from bot.domain.members.roster import (
    MAX_BYTES,
    MAX_ROWS,
    RosterError,
    RowError,
    binding_links_xlsx,
    roster_template_csv,
    roster_template_xlsx,
)
from bot.domain.members.roster_read import ROSTER_SUFFIXES
from bot.domain.uploads import UploadProblem, check_upload
from bot.kernel.conversations import FlowState
from bot.services.members import binding, roster
from bot.services.members.access import Refused
from bot.services.members.binding import MemberLink
from bot.services.members.roster import ImportProblem, Preview
from bot.texts import t
from handlers.base import answer_callback, unit
from handlers.buttons import on
from handlers.flows import Route, done, expect
from handlers.keyboards import inline
from handlers.members.buttons import (
    CancelImport,
    ConfirmImport,
    GetTemplate,
    ImportRoster,
    UnboundLinks,
)
from handlers.members.flow import PRIVATE
from handlers.members.state import IMPORT
from handlers.members.views import error_text, esc, refuse_with
from handlers.replies import edit_quietly

# After 「导入名单」 the next file or photo is taken as the roster, for this long.
IMPORT_WAIT = timedelta(minutes=15)
MAX_MB = MAX_BYTES // (1024 * 1024)
SHOWN_BAD_ROWS = 30
WAITING = "file"
PREVIEW_BUDGET = 3500  # characters of bad-row lines; Telegram's limit is 4096
_SPREADSHEET = (
    filters.Document.FileExtension("xlsx")
    | filters.Document.FileExtension("xlsm")
    | filters.Document.FileExtension("xls")
    | filters.Document.FileExtension("et")
    | filters.Document.FileExtension("csv")
    | filters.Document.FileExtension("tsv")
)


def _reasons(row: RowError, lang: str) -> str:
    parts = []
    for reason in row.reasons:
        text = error_text(reason, lang)
        if reason is MemberError.DUPLICATE_IN_FILE and row.duplicate_of_line:
            text += t("members.import.same_as_line", lang, line=row.duplicate_of_line)
        # Each reason is a sentence; a joined list ends one sentence, not 「。；」 between them.
        parts.append(text.rstrip("。."))
    return t("members.import.reason_sep", lang).join(parts) + ("。" if lang != "en" else ".")


def preview_text(preview: Preview, filename: str, lang: str) -> str:
    lines = [t("members.import.preview_head", lang, file=esc(filename), good=preview.good)]
    if preview.bad:
        lines.append(t("members.import.bad_head", lang, bad=len(preview.bad)))
        used = 0
        for shown, row in enumerate(preview.bad):
            name = esc(row.name) if row.name else t("members.import.no_name", lang)
            line = t("members.import.bad_row", lang, line=row.line_number, name=name)
            line += _reasons(row, lang)
            if shown >= SHOWN_BAD_ROWS or used + len(line) > PREVIEW_BUDGET:
                more = len(preview.bad) - shown
                lines.append(t("members.import.more_rows", lang, n=more))
                break
            used += len(line)
            lines.append(line)
    tail = "members.import.preview_tail" if preview.good else "members.import.nothing_good"
    lines.append(t(tail, lang, good=preview.good))
    return "\n".join(lines)


def preview_keyboard(preview: Preview, lang: str) -> InlineKeyboardMarkup | None:
    if preview.key is None:
        return None
    return inline(
        [
            [(t("members.import.confirm", lang, n=preview.good), ConfirmImport(preview.key).data)],
            [(t("members.import.cancel", lang), CancelImport(preview.key).data)],
        ]
    )


def file_problem_text(error: RosterError, rows: int, lang: str) -> str:
    return t(f"members.import.file.{error.value}", lang, rows=rows, limit=MAX_ROWS)


class RosterImport:
    """The secretary's spreadsheet in; after 「导入名单」 any file or photo is taken as one."""

    def handlers(self) -> list[BaseHandler[Update, Context, None]]:
        return [
            on(ImportRoster, self.on_instructions),
            MessageHandler(PRIVATE & _SPREADSHEET, self.on_file),
            on(ConfirmImport, on_confirm),
            on(CancelImport, on_confirm),
            on(GetTemplate, on_template),
            on(UnboundLinks, on_unbound),
        ]

    async def on_file(self, update: Update, context: Context) -> None:
        """A spreadsheet from the secretary (or anything sent after 「导入名单」)."""
        message = update.effective_message
        assert message is not None and update.effective_user is not None
        # Rights first, in a short transaction: nothing is downloaded for people who may not.
        async with unit(update, context) as u:
            await done(IMPORT, u, update)  # the file awaited after 「导入名单」 has come
            allowed = roster.can_import(u.actor)
            lang = u.actor.lang
        if isinstance(allowed, Refused):
            await message.reply_html(t("members.import.only_secretary", lang))
            return
        doc = message.document
        if doc is None:
            await message.reply_html(t("members.import.not_a_file", lang))
            return
        # Size and type from Telegram's description first: nothing is downloaded that would be
        # refused anyway, and the size is asked again of the file itself when the message had none.
        if await self._refused_upload(message, doc.file_name, doc.mime_type, doc.file_size, lang):
            return
        await message.reply_html(t("members.import.checking", lang))
        file = await context.bot.get_file(doc.file_id)
        if await self._refused_upload(message, doc.file_name, doc.mime_type, file.file_size, lang):
            return
        data = bytes(await file.download_as_bytearray())
        filename = doc.file_name or "roster"
        parsed = await roster.read_upload(filename, data)
        if parsed.error is not None:
            await message.reply_html(file_problem_text(parsed.error, parsed.row_count, lang))
            return
        async with unit(update, context) as u:
            preview = await roster.preview(
                u.session, u.actor, parsed, filename=filename, now=u.data.clock.now()
            )
        if isinstance(preview, Refused):
            await refuse_with(update, preview, lang)
            return
        await message.reply_html(
            preview_text(preview, filename, lang), reply_markup=preview_keyboard(preview, lang)
        )

    @staticmethod
    async def _refused_upload(
        message: Message, name: str | None, mime: str | None, size: int | None, lang: str
    ) -> bool:
        problem = check_upload(name, mime, size, max_bytes=MAX_BYTES, suffixes=ROSTER_SUFFIXES)
        if problem is UploadProblem.TOO_BIG:
            mb = f"{(size or 0) / 1024 / 1024:.1f}"
            await message.reply_html(t("members.import.too_big", lang, size=mb, limit=MAX_MB))
        elif problem is UploadProblem.WRONG_TYPE:
            await message.reply_html(file_problem_text(RosterError.UNKNOWN_EXTENSION, 0, lang))
        elif problem is UploadProblem.EMPTY:
            await message.reply_html(file_problem_text(RosterError.EMPTY, 0, lang))
        return problem is not None

    async def on_instructions(self, update: Update, context: Context, button: ImportRoster) -> None:
        """「导入名单」: how to import, with the templates; the next file sent is the roster."""
        async with unit(update, context) as u:
            lang = u.actor.lang
            allowed = roster.can_import(u.actor)
            if not isinstance(allowed, Refused):
                await expect(IMPORT, u, update, WAITING, ttl=IMPORT_WAIT)
        if isinstance(allowed, Refused):
            await refuse_with(update, allowed, lang)
            return
        await answer_callback(update)
        keyboard = inline(
            [
                [
                    (t("members.template.get_xlsx", lang), GetTemplate("x").data),
                    (t("members.template.get_csv", lang), GetTemplate("c").data),
                ]
            ]
        )
        assert update.effective_chat is not None
        await context.bot.send_message(
            update.effective_chat.id,
            t("members.import.instructions", lang, limit=MAX_ROWS),
            reply_markup=keyboard,
        )

    async def on_step(self, update: Update, context: Context, state: FlowState) -> bool | None:
        """After 「导入名单」: a file or photo is the roster; anything else goes on as usual."""
        message = update.message
        if message is None or (message.document is None and not message.photo):
            return False
        await self.on_file(update, context)
        return None


def import_handlers() -> list[BaseHandler[Update, Context, None]]:
    return RosterImport().handlers()


def import_route() -> Route:
    return Route(RosterImport().on_step)


async def send_links(
    update: Update,
    context: Context,
    branch: str,
    links: list[MemberLink],
    lang: str,
    withheld: int = 0,
) -> None:
    rows = [(x.name, x.group_name, deep_link(context.bot.username, x.token)) for x in links]
    data = binding_links_xlsx(rows, title=t("members.links.title", "zh", branch=branch))
    chat = update.effective_chat
    assert chat is not None
    await context.bot.send_document(
        chat.id,
        InputFile(data, filename=t("members.links.filename", lang, branch=branch)),
        caption=t("members.links.caption", lang, n=len(links))
        + (t("members.links.withheld", lang, n=withheld) if withheld else ""),
    )


async def on_confirm(
    update: Update, context: Context, button: ConfirmImport | CancelImport
) -> None:
    async with unit(update, context) as u:
        lang, now = u.actor.lang, u.data.clock.now()
        result: roster.Imported | bool | ImportProblem | Refused
        if isinstance(button, ConfirmImport):
            result = await roster.confirm(u.session, u.actor, button.key, now)
        else:
            result = await roster.cancel(u.session, u.actor, button.key, now)
    if isinstance(result, Refused):
        await refuse_with(update, result, lang)
        return
    if isinstance(result, ImportProblem):
        await answer_callback(update, t(f"members.import.problem_{result.value}", lang), alert=True)
        return
    await answer_callback(update)
    if not isinstance(result, roster.Imported):
        await edit_quietly(update, t("members.import.cancelled", lang))
        return
    text = t("members.import.done", lang, n=len(result.links))
    if result.skipped:
        names = "、".join(esc(n) for n in result.skipped[:20])
        text += t("members.import.skipped", lang, n=len(result.skipped), names=names)
    await edit_quietly(update, text)
    if result.links:
        await send_links(update, context, result.branch_name, result.links, lang)


async def on_template(update: Update, context: Context, button: GetTemplate) -> None:
    async with unit(update, context) as u:
        lang = u.actor.lang
        groups = await roster.template_groups(u.session, u.actor)
    if isinstance(groups, Refused):
        await refuse_with(update, groups, lang)
        return
    await answer_callback(update)
    if button.format == "x":
        data, name = roster_template_xlsx(groups), t("members.template.xlsx", lang)
    else:
        data, name = roster_template_csv(), t("members.template.csv", lang)
    chat = update.effective_chat
    assert chat is not None
    await context.bot.send_document(
        chat.id, InputFile(data, filename=name), caption=t("members.template.caption", lang)
    )


async def on_unbound(update: Update, context: Context, button: UnboundLinks) -> None:
    async with unit(update, context) as u:
        lang = u.actor.lang
        found = await binding.unbound_links(u.session, u.actor, u.data.clock.now())
    if isinstance(found, Refused):
        await refuse_with(update, found, lang)
        return
    if not found.links:
        key = "members.links.only_secretary" if found.withheld else "members.links.all_bound"
        await answer_callback(update, t(key, lang, n=found.withheld), alert=True)
        return
    await answer_callback(update)
    await send_links(update, context, found.branch_name, found.links, lang, found.withheld)
