"""/members: the roster list with filters and paging, a member's page and its buttons."""

from __future__ import annotations

import asyncio
from dataclasses import replace

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler

from bot.commands import publish_chat_commands
from bot.context import Context
from bot.domain.links import deep_link, qr_png
from bot.domain.members import (
    Category,
    MemberError,
    MemberStatus,
    Permission,
    Role,
    RoleChangeError,
)
from bot.services.members import binding, directory, editing, roles
from bot.services.members.access import Refusal, Refused, refusal_naming
from bot.services.members.directory import ListQuery, MemberDetail
from bot.services.members.roles import Changed, StatusProblem
from bot.texts import as_lang, t
from handlers.base import Unit, answer_callback, unit
from handlers.filters import menu_button
from handlers.members.admin_views import (
    REASONS,
    category_menu,
    detail_keyboard,
    detail_text,
    filter_keyboard,
    group_menu,
    list_keyboard,
    list_text,
    parse_tail,
    reason_menu,
    role_menu,
    unbind_menu,
)
from handlers.members.flow import PRIVATE, ints
from handlers.members.views import error_text, esc, fmt_time, refuse_with, role_label
from handlers.replies import edit_quietly, send_quietly


async def show_list(update: Update, context: Context, query: ListQuery, *, new: bool) -> None:
    """Draw a roster page: as a new message, or in place of the pressed one."""
    async with unit(update, context) as u:
        lang = u.actor.lang
        page = await directory.list_members(u.session, u.actor, query)
        if not isinstance(page, Refused):
            # In the database, not this process: paging and 「返回列表」 survive a restart.
            await directory.remember_list(u.session, u.actor, page.query, u.data.clock.now())
    if isinstance(page, Refused):
        await refuse_with(update, page, lang)
        return
    await answer_callback(update)
    text, keyboard = list_text(page, lang), list_keyboard(page, lang)
    if new or update.callback_query is None:
        assert update.effective_chat is not None
        await context.bot.send_message(update.effective_chat.id, text, reply_markup=keyboard)
    else:
        await edit_quietly(update, text, reply_markup=keyboard)


async def on_members(update: Update, context: Context) -> None:
    await show_list(update, context, ListQuery(), new=True)


async def _last_list(update: Update, context: Context) -> ListQuery | None:
    async with unit(update, context) as u:
        return await directory.last_list(u.session, u.actor, u.data.clock.now())


async def _saved_search(update: Update, context: Context) -> str | None:
    """The search term of the last list (search terms stay server-side; a flag travels)."""
    last = await _last_list(update, context)
    return last.search if last is not None else None


async def on_list(update: Update, context: Context) -> None:
    """mem:ls:<page>:<tail>, mem:lb (back to the last list)."""
    query = update.callback_query
    assert query is not None and query.data is not None
    if query.data == "mem:lb":
        saved = await _last_list(update, context)
        await show_list(update, context, saved or ListQuery(), new=False)
        return
    _, _, page, rest = query.data.split(":", 3) if query.data.count(":") >= 3 else ("", "", "", "")
    parsed = parse_tail(rest, await _saved_search(update, context)) if page.isdigit() else None
    if parsed is None:
        await _stale(update, context)
        return
    await show_list(update, context, replace(parsed, page=int(page)), new=False)


async def on_filter(update: Update, context: Context) -> None:
    """mem:fg / mem:fc / mem:fs + tail: the choices of one filter."""
    query = update.callback_query
    assert query is not None and query.data is not None
    kind, rest = query.data[5], query.data[7:]
    parsed = parse_tail(rest, await _saved_search(update, context))
    if parsed is None:
        await _stale(update, context)
        return
    async with unit(update, context) as u:
        lang = u.actor.lang
        page = await directory.list_members(u.session, u.actor, parsed)
    if isinstance(page, Refused):
        await refuse_with(update, page, lang)
        return
    await answer_callback(update)
    await edit_quietly(
        update,
        t(f"members.list.choose_{kind}", lang),
        reply_markup=filter_keyboard(kind, page, lang),
    )


async def _stale(update: Update, context: Context) -> None:
    async with unit(update, context) as u:
        lang = u.actor.lang
    await answer_callback(update, t("error.stale_button", lang), alert=True)


async def _detail(u: Unit, member_id: int) -> MemberDetail | Refused:
    return await directory.member_detail(u.session, u.actor, member_id, u.data.clock.now())


async def render_detail(
    update: Update,
    detail: MemberDetail,
    lang: str,
    *,
    notice: str | None = None,
    keyboard: InlineKeyboardMarkup | None = None,
    new: bool = False,
) -> None:
    await answer_callback(update, notice)
    text = detail_text(detail, lang)
    markup = keyboard or detail_keyboard(detail, lang)
    if new or update.callback_query is None:
        assert update.effective_message is not None
        await update.effective_message.reply_html(text, reply_markup=markup)
    else:
        await edit_quietly(update, text, reply_markup=markup)


# The menus drawn on a member's page, and the right each one is the first step of.
_MENU_RIGHTS = {
    "ca": ("edit", Permission.EDIT_MEMBER),
    "gm": ("edit", Permission.EDIT_MEMBER),
    "ub": ("archive", Permission.ARCHIVE_MEMBER),
    "rm": ("roles", Permission.MANAGE_ROLES),
    "st": ("archive", Permission.ARCHIVE_MEMBER),
}


async def on_view(update: Update, context: Context) -> None:
    """mem:mv:<id> and the menus drawn on a member's page (category, group, role, reasons)."""
    query = update.callback_query
    assert query is not None and query.data is not None
    action = query.data[4:6]
    ids = ints(query.data.rsplit(":", 1)[0] if action == "st" else query.data, 1)
    if ids is not None and action == "st" and query.data.endswith(":active"):
        await _apply_status(update, context, ids[0], MemberStatus.ACTIVE, None)
        return
    async with unit(update, context) as u:
        lang = u.actor.lang
        detail = await _detail(u, ids[0]) if ids else Refused(Refusal.NOT_FOUND)
    if isinstance(detail, Refused):
        await refuse_with(update, detail, lang)
        return
    needs = _MENU_RIGHTS.get(action)
    if needs is not None and not getattr(detail.can, needs[0]):
        # A replayed officer's button: refuse it rather than redraw the page without the menu.
        await refuse_with(update, Refused(refusal_naming(needs[1])), lang)
        return
    menus = {"ca": category_menu, "gm": group_menu, "rm": role_menu, "ub": unbind_menu}
    keyboard = menus[action](detail, lang) if action in menus else None
    if action == "st":
        status = query.data.rsplit(":", 1)[1]
        if status not in REASONS:
            await _stale(update, context)
            return
        keyboard = reason_menu(detail, status, lang)
    await render_detail(update, detail, lang, keyboard=keyboard)


async def _after_change(context: Context, changed: Changed) -> None:
    """Tell the person about a new role and refresh a secretary's command menu."""
    if changed.tg_id is None:
        return
    lang = as_lang(changed.lang)
    if changed.secretary_changed:
        await publish_chat_commands(
            context.bot,
            changed.tg_id,
            secretary=changed.role == Role.SECRETARY and changed.status == "active",
            operator=changed.tg_id in context.bot_data.settings.bot_admin_ids,
            lang=lang,
        )
    if changed.before in {r.value for r in Role}:
        text = t(
            "members.role.changed_notice",
            lang,
            branch=esc(changed.branch_name),
            role=role_label(changed.after, lang),
        )
        await send_quietly(context, changed.tg_id, text)


def problem_text(result: object, lang: str) -> str | None:
    if isinstance(result, MemberError):
        return error_text(result, lang)
    if isinstance(result, RoleChangeError):
        return t(f"members.role_problem.{result.value}", lang)
    if isinstance(result, StatusProblem):
        return t(f"members.status_problem.{result.value}", lang)
    if isinstance(result, Refused):
        return t(f"members.refuse.{result.reason.value}", lang)
    return None


async def finish_change(
    update: Update,
    context: Context,
    result: object,
    detail: MemberDetail | Refused,
    lang: str,
    *,
    new: bool = False,
) -> bool:
    """Answer a change: the problem as an alert, or the refreshed page. True if saved."""
    problem = problem_text(result, lang)
    if problem is not None:
        if update.callback_query is not None:
            await answer_callback(update, problem, alert=True)
        else:
            assert update.effective_message is not None
            await update.effective_message.reply_html(problem)
        return False
    if isinstance(result, Changed):
        await _after_change(context, result)
    if not isinstance(detail, Refused):
        await render_detail(update, detail, lang, notice=t("members.saved", lang), new=new)
    return True


async def _apply_status(
    update: Update,
    context: Context,
    member_id: int,
    status: MemberStatus,
    reason_key: str | None,
) -> None:
    async with unit(update, context) as u:
        reason = t(reason_key, u.actor.lang) if reason_key else None
        result = await roles.set_status(
            u.session, u.actor, member_id, status, reason, u.data.clock.now()
        )
        detail = await _detail(u, member_id)
    await finish_change(update, context, result, detail, u.actor.lang)


async def _change(u: Unit, action: str, member_id: int, value: str) -> object:
    now = u.data.clock.now()
    if action == "cs" and value in {c.value for c in Category}:
        return await editing.set_category(u.session, u.actor, member_id, Category(value), now)
    if action == "gs" and value.isdigit():
        return await editing.set_group(u.session, u.actor, member_id, int(value) or None, now)
    if action == "rs" and value in {r.value for r in Role}:
        return await roles.set_role(u.session, u.actor, member_id, Role(value), now)
    if action == "ec" and value in {f.value for f in editing.EditField}:
        field = editing.EditField(value)
        return await editing.edit_field(u.session, u.actor, member_id, field, None, now)
    return Refused(Refusal.NOT_FOUND)


async def on_set(update: Update, context: Context) -> None:
    """mem:cs (category), mem:gs (group), mem:rs (role), mem:sr (preset reason), mem:ec (clear)."""
    query = update.callback_query
    assert query is not None and query.data is not None
    parts = query.data.split(":")
    action = parts[1]
    ids = ints(":".join(parts[:3]), 1)
    if ids is None or len(parts) < 4:
        await _stale(update, context)
        return
    member_id, value = ids[0], parts[3]
    if action == "sr":
        n = parts[4] if len(parts) > 4 else ""
        if value not in REASONS or not n.isdigit() or int(n) >= len(REASONS[value]):
            await _stale(update, context)
            return
        key = f"members.reason.{REASONS[value][int(n)]}"
        await _apply_status(update, context, member_id, MemberStatus(value), key)
        return
    async with unit(update, context) as u:
        result = await _change(u, action, member_id, value)
        detail = await _detail(u, member_id)
    await finish_change(update, context, result, detail, u.actor.lang)


async def on_unbind(update: Update, context: Context) -> None:
    query = update.callback_query
    assert query is not None and query.data is not None
    ids = ints(query.data, 1)
    async with unit(update, context) as u:
        lang = u.actor.lang
        result: tuple[str, int] | Refused = Refused(Refusal.NOT_FOUND)
        detail: MemberDetail | Refused = Refused(Refusal.NOT_FOUND)
        if ids is not None:
            result = await binding.unbind(u.session, u.actor, ids[0], u.data.clock.now())
            detail = await _detail(u, ids[0])
    if isinstance(result, Refused):
        await finish_change(update, context, result, detail, lang)
        return
    # The old account may have been a secretary: its command menu must shrink.
    await publish_chat_commands(
        context.bot,
        result[1],
        secretary=False,
        operator=result[1] in context.bot_data.settings.bot_admin_ids,
        lang=lang,
    )
    await finish_change(update, context, None, detail, lang)


async def on_bind_link(update: Update, context: Context) -> None:
    query = update.callback_query
    assert query is not None and query.data is not None
    ids = ints(query.data, 1)
    async with unit(update, context) as u:
        lang = u.actor.lang
        tz = u.actor.member.branch_tz if u.actor.member else "Asia/Shanghai"
        found = (
            await binding.member_link(u.session, u.actor, ids[0], u.data.clock.now())
            if ids
            else Refused(Refusal.NOT_FOUND)
        )
    if isinstance(found, Refused):
        await refuse_with(update, found, lang)
        return
    await answer_callback(update)
    link = deep_link(context.bot.username, found.token)
    png = await asyncio.to_thread(qr_png, link)
    caption = t(
        "members.links.one",
        lang,
        name=esc(found.name),
        link=esc(link),
        expires=fmt_time(found.expires_at, tz, lang),
    )
    assert update.effective_chat is not None
    await context.bot.send_photo(update.effective_chat.id, png, caption=caption)


def admin_handlers() -> list[BaseHandler[Update, Context, None]]:
    return [
        CommandHandler("members", on_members, filters=PRIVATE),
        MessageHandler(menu_button("menu.members"), on_members),
        CallbackQueryHandler(on_list, pattern=r"^mem:(ls:|lb$)"),
        CallbackQueryHandler(on_filter, pattern=r"^mem:f[gcs]:"),
        CallbackQueryHandler(on_view, pattern=r"^mem:(mv|ca|gm|rm|ub|st):"),
        CallbackQueryHandler(on_set, pattern=r"^mem:(cs|gs|rs|sr|ec):"),
        CallbackQueryHandler(on_unbind, pattern=r"^mem:uy:"),
        CallbackQueryHandler(on_bind_link, pattern=r"^mem:bl:"),
    ]
