"""The secretary's 「批准」「拒绝」 on a registration, and telling the applicant."""

from __future__ import annotations

from dataclasses import replace

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CommandHandler, filters

from bot.context import Context
from bot.services.identity import Actor
from bot.services.meetings.leave import decision_row, request_text
from bot.services.members import approvals, onboarding
from bot.services.members.access import Refused
from bot.services.members.onboarding import Decided, Decision, Registered
from bot.texts import as_lang, t
from handlers.base import answer_callback, unit
from handlers.buttons import on
from handlers.inbox import sections as inbox_sections
from handlers.keyboards import inline, main_menu
from handlers.members.buttons import Approve, Reject
from handlers.members.views import category_label, esc, refuse_with, status_label
from handlers.replies import edit_quietly, send_quietly


def request_message(
    lang: str, *, branch: str, name: str, category: str, group: str | None, member_id: int
) -> tuple[str, InlineKeyboardMarkup]:
    """The 「批准」「拒绝」 request an approver gets for one application."""
    text = t(
        "members.approve.request",
        lang,
        branch=esc(branch),
        name=esc(name),
        category=category_label(category, lang),
        group=esc(group or t("members.no_group", lang)),
    )
    keyboard = inline(
        [
            [
                (t("members.approve.yes", lang), Approve(member_id).data),
                (t("members.approve.no", lang), Reject(member_id).data),
            ]
        ]
    )
    return text, keyboard


async def notify_approvers(context: Context, registered: Registered) -> None:
    """Ask every secretary and committee member of the branch to decide."""
    for tg_id, raw_lang in registered.approvers:
        text, keyboard = request_message(
            as_lang(raw_lang),
            branch=registered.branch_name,
            name=registered.name,
            category=registered.category,
            group=registered.group_name,
            member_id=registered.member_id,
        )
        await send_quietly(context, tg_id, text, reply_markup=keyboard)


async def approve_command(update: Update, context: Context) -> None:
    """/approve: everything waiting for this person, feature by feature, or "nothing"."""
    members = await approve_section(update, context)
    shown = members is True
    # The other features' sections, as the application was given them (handlers/inbox.py).
    for section in inbox_sections(context.bot_data):
        shown = await section(update, context) or shown
    if shown:
        return
    async with unit(update, context) as u:
        actor = u.actor
    if isinstance(members, Refused):
        await refuse_with(update, members, actor.lang)
        return
    message = update.effective_message
    assert message is not None
    await message.reply_text(t("members.approve.none", actor.lang), reply_markup=main_menu(actor))


async def approve_section(update: Update, context: Context) -> bool | Refused:
    """The members part of /approve: each pending application with its buttons, and the count
    of leave requests. Whether anything was shown, or why this person may not approve."""
    async with unit(update, context) as u:
        found = await approvals.waiting(u.session, u.actor)
    if isinstance(found, Refused):
        return found
    lang = u.actor.lang
    message = update.effective_message
    assert message is not None
    if found.empty:
        return False
    if found.applications:
        total = len(found.applications) + found.more_applications
        await message.reply_html(t("members.approve.list_head", lang, n=total))
        for item in found.applications:
            text, keyboard = request_message(
                lang,
                branch=found.branch_name,
                name=item.name,
                category=item.category,
                group=item.group_name,
                member_id=item.member_id,
            )
            await message.reply_html(text, reply_markup=keyboard)
        if found.more_applications:
            await message.reply_html(t("members.approve.more", lang, n=found.more_applications))
    if found.leaves:
        # The requests themselves, with their buttons: no hunting through old messages.
        total = len(found.leaves) + found.more_leaves
        await message.reply_html(t("members.approve.leaves", lang, n=total))
        for asked in found.leaves:
            async with unit(update, context) as u:
                shown = await request_text(u.session, asked.leave_id, lang)
            if shown is None:
                continue
            keyboard = inline([list(decision_row(asked.leave_id, lang))])
            await message.reply_html(shown, reply_markup=keyboard)
        if found.more_leaves:
            await message.reply_html(t("members.approve.more_leaves", lang, n=found.more_leaves))
    return True


def _applicant(decided: Decided) -> Actor:
    """The applicant as an actor, enough to draw their main menu."""
    assert decided.applicant_tg_id is not None
    membership = decided.membership
    return Actor(
        tg_id=decided.applicant_tg_id,
        first_name=membership.name,
        lang=as_lang(decided.applicant_lang),
        is_operator=False,
        memberships=(membership,),
        current=membership,
    )


async def _tell_applicant(context: Context, decided: Decided) -> None:
    if decided.applicant_tg_id is None or decided.decision is Decision.ALREADY:
        return
    applicant = _applicant(decided)
    lang = applicant.lang
    branch = esc(decided.branch_name)
    if decided.decision is Decision.APPROVED:
        text = t("members.approve.welcome", lang, name=esc(decided.name), branch=branch)
        await send_quietly(context, applicant.tg_id, text, reply_markup=main_menu(applicant))
    else:
        text = t("members.approve.sorry", lang, branch=branch)
        no_branch = replace(applicant, memberships=(), current=None)
        await send_quietly(context, applicant.tg_id, text, reply_markup=main_menu(no_branch))


async def on_decide(update: Update, context: Context, button: Approve | Reject) -> None:
    async with unit(update, context) as u:
        lang = u.actor.lang
        result = await onboarding.decide(
            u.session,
            u.actor,
            button.member,
            approve=isinstance(button, Approve),
            now=u.data.clock.now(),
        )
    if isinstance(result, Refused):
        await refuse_with(update, result, lang)
        return
    name = esc(result.name)
    if result.decision is Decision.ALREADY:
        status = status_label(result.status, lang)
        await answer_callback(update, t("members.approve.already", lang, status=status), alert=True)
        text = t("members.approve.done_already", lang, name=name, status=status)
    else:
        await answer_callback(update)
        text = t(f"members.approve.done_{result.decision.value}", lang, name=name)
    await edit_quietly(update, text)
    await _tell_applicant(context, result)


def approval_handlers() -> list[BaseHandler[Update, Context, None]]:
    return [
        CommandHandler("approve", approve_command, filters=filters.ChatType.PRIVATE),
        on(Approve, on_decide),
        on(Reject, on_decide),
    ]
