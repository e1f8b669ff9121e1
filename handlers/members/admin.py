"""/members: the roster list with filters and paging, a member's page and its buttons."""

from __future__ import annotations

import asyncio

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CommandHandler, MessageHandler

from bot.commands import publish_chat_commands
from bot.context import Context
from bot.domain.links import deep_link, qr_png
from bot.domain.members import (
    MemberError,
    MemberStatus,
    Permission,
    Role,
    RoleChangeError,
)
from bot.services.members import binding, directory, editing, roles
from bot.services.members.access import Refused, refusal_naming
from bot.services.members.directory import ListQuery, MemberDetail
from bot.services.members.roles import Changed, StatusProblem
from bot.texts import as_lang, t
from handlers.base import Unit, answer_callback, unit
from handlers.buttons import on
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
    reason_menu,
    role_menu,
    unbind_menu,
)
from handlers.members.buttons import (
    BackToList,
    BindLink,
    CategoryMenu,
    ChooseFilter,
    ClearField,
    ConfirmUnbind,
    GroupMenu,
    ListPage,
    MemberMenu,
    PresetReason,
    ReasonMenu,
    Restore,
    RoleMenu,
    SetCategory,
    SetGroup,
    SetRole,
    UnbindMenu,
    ViewMember,
)
from handlers.members.flow import PRIVATE
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


async def on_list(update: Update, context: Context, button: ListPage) -> None:
    """A page of the roster, its filters kept (the search term from the server)."""
    query = button.query(await _saved_search(update, context))
    await show_list(update, context, query, new=False)


async def on_back_to_list(update: Update, context: Context, button: BackToList) -> None:
    saved = await _last_list(update, context)
    await show_list(update, context, saved or ListQuery(), new=False)


async def on_filter(update: Update, context: Context, button: ChooseFilter) -> None:
    """The choices of one filter (group, category or status)."""
    parsed = button.query(await _saved_search(update, context))
    async with unit(update, context) as u:
        lang = u.actor.lang
        page = await directory.list_members(u.session, u.actor, parsed)
    if isinstance(page, Refused):
        await refuse_with(update, page, lang)
        return
    await answer_callback(update)
    await edit_quietly(
        update,
        t(f"members.list.choose_{button.by}", lang),
        reply_markup=filter_keyboard(button.by, page, lang),
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


async def _detail_or_refuse(
    update: Update, context: Context, member_id: int
) -> tuple[MemberDetail, str] | None:
    """A member's page as this officer may see it, or None once they were told why not."""
    async with unit(update, context) as u:
        lang = u.actor.lang
        detail = await _detail(u, member_id)
    if isinstance(detail, Refused):
        await refuse_with(update, detail, lang)
        return None
    return detail, lang


async def on_view(update: Update, context: Context, button: ViewMember) -> None:
    """A member's page (also 「取消」 on its menus)."""
    found = await _detail_or_refuse(update, context, button.member)
    if found is not None:
        await render_detail(update, *found)


# The right each menu on a member's page is the first step of.
_MENU_RIGHTS: dict[type[MemberMenu], tuple[str, Permission]] = {
    CategoryMenu: ("edit", Permission.EDIT_MEMBER),
    GroupMenu: ("edit", Permission.EDIT_MEMBER),
    UnbindMenu: ("archive", Permission.ARCHIVE_MEMBER),
    RoleMenu: ("roles", Permission.MANAGE_ROLES),
    ReasonMenu: ("archive", Permission.ARCHIVE_MEMBER),
}


def _menu(button: MemberMenu, detail: MemberDetail, lang: str) -> InlineKeyboardMarkup:
    if isinstance(button, ReasonMenu):
        return reason_menu(detail, button.status, lang)
    if isinstance(button, CategoryMenu):
        return category_menu(detail, lang)
    if isinstance(button, GroupMenu):
        return group_menu(detail, lang)
    if isinstance(button, RoleMenu):
        return role_menu(detail, lang)
    return unbind_menu(detail, lang)


async def on_menu(update: Update, context: Context, button: MemberMenu) -> None:
    """A menu drawn on a member's page: category, group, role, unbinding, reasons to leave."""
    found = await _detail_or_refuse(update, context, button.member)
    if found is None:
        return
    detail, lang = found
    ability, permission = _MENU_RIGHTS[type(button)]
    if not getattr(detail.can, ability):
        # A replayed officer's button: refuse it rather than redraw the page without the menu.
        await refuse_with(update, Refused(refusal_naming(permission)), lang)
        return
    await render_detail(update, detail, lang, keyboard=_menu(button, detail, lang))


async def on_restore(update: Update, context: Context, button: Restore) -> None:
    await _apply_status(update, context, button.member, MemberStatus.ACTIVE, None)


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
        return t(result.key("members"), lang)
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


SetValue = SetCategory | SetGroup | SetRole | ClearField


async def _change(u: Unit, button: SetValue) -> object:
    now, member = u.data.clock.now(), button.member
    if isinstance(button, SetCategory):
        return await editing.set_category(u.session, u.actor, member, button.category, now)
    if isinstance(button, SetGroup):
        return await editing.set_group(u.session, u.actor, member, button.group or None, now)
    if isinstance(button, SetRole):
        return await roles.set_role(u.session, u.actor, member, button.role, now)
    return await editing.edit_field(u.session, u.actor, member, button.field, None, now)


async def on_set(update: Update, context: Context, button: SetValue) -> None:
    """A category, group or role chosen on a member's page, or an optional field cleared."""
    async with unit(update, context) as u:
        result = await _change(u, button)
        detail = await _detail(u, button.member)
    await finish_change(update, context, result, detail, u.actor.lang)


async def on_preset_reason(update: Update, context: Context, button: PresetReason) -> None:
    reasons = REASONS[button.status]
    if button.reason >= len(reasons):
        await _stale(update, context)
        return
    key = f"members.reason.{reasons[button.reason]}"
    await _apply_status(update, context, button.member, MemberStatus(button.status), key)


async def on_unbind(update: Update, context: Context, button: ConfirmUnbind) -> None:
    async with unit(update, context) as u:
        lang = u.actor.lang
        result = await binding.unbind(u.session, u.actor, button.member, u.data.clock.now())
        detail = await _detail(u, button.member)
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


async def on_bind_link(update: Update, context: Context, button: BindLink) -> None:
    async with unit(update, context) as u:
        lang = u.actor.lang
        tz = u.actor.member.branch_tz if u.actor.member else "Asia/Shanghai"
        found = await binding.member_link(u.session, u.actor, button.member, u.data.clock.now())
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
        on(ListPage, on_list),
        on(BackToList, on_back_to_list),
        on(ChooseFilter, on_filter),
        on(ViewMember, on_view),
        *(on(kind, on_menu) for kind in _MENU_RIGHTS),
        on(Restore, on_restore),
        on(SetCategory, on_set),
        on(SetGroup, on_set),
        on(SetRole, on_set),
        on(ClearField, on_set),
        on(PresetReason, on_preset_reason),
        on(ConfirmUnbind, on_unbind),
        on(BindLink, on_bind_link),
    ]
