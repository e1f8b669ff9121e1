"""The secretary's 「批准」「拒绝」 on a registration, and telling the applicant."""

from __future__ import annotations

from dataclasses import replace

from telegram import Update
from telegram.ext import CallbackQueryHandler

from bot.context import Context
from bot.services.identity import Actor
from bot.services.members import onboarding
from bot.services.members.access import Refused
from bot.services.members.onboarding import Decided, Decision, Registered
from bot.texts import as_lang, t
from handlers.base import answer_callback, unit
from handlers.keyboards import inline, main_menu
from handlers.members_flow import edit_quietly, ints, send_quietly
from handlers.members_views import category_label, esc, refuse_with, status_label

APPROVE, REJECT = "mem:ap:", "mem:rj:"


async def notify_approvers(context: Context, registered: Registered) -> None:
    """Ask every secretary and committee member of the branch to decide."""
    for tg_id, raw_lang in registered.approvers:
        lang = as_lang(raw_lang)
        text = t(
            "members.approve.request",
            lang,
            branch=esc(registered.branch_name),
            name=esc(registered.name),
            category=category_label(registered.category, lang),
            group=esc(registered.group_name or t("members.no_group", lang)),
        )
        keyboard = inline(
            [
                [
                    (t("members.approve.yes", lang), f"{APPROVE}{registered.member_id}"),
                    (t("members.approve.no", lang), f"{REJECT}{registered.member_id}"),
                ]
            ]
        )
        await send_quietly(context, tg_id, text, reply_markup=keyboard)


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


async def on_decide(update: Update, context: Context) -> None:
    query = update.callback_query
    assert query is not None and query.data is not None
    ids = ints(query.data, 1)
    async with unit(update, context) as u:
        lang = u.actor.lang
        result: Decided | Refused | None = None
        if ids is not None:
            result = await onboarding.decide(
                u.session,
                u.actor,
                ids[0],
                approve=query.data.startswith(APPROVE),
                now=u.data.clock.now(),
            )
    if result is None:
        await answer_callback(update, t("error.stale_button", lang), alert=True)
        return
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


def approval_handlers() -> list[CallbackQueryHandler[Context, None]]:
    return [CallbackQueryHandler(on_decide, pattern=r"^mem:(ap|rj):")]
