"""Operator: /newbranch (name → party groups → parent) and the one-time secretary link."""

from __future__ import annotations

import asyncio

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler

from bot.context import Context
from bot.domain.links import deep_link, qr_png
from bot.kernel.conversations import FlowState
from bot.services.members import branches
from bot.services.members.access import Refusal, Refused
from bot.services.members.branches import DEFAULT_GROUPS, BranchProblem, BranchRef, SecretaryLink
from bot.texts import t, variants
from handlers.base import answer_callback, unit
from handlers.buttons import on
from handlers.flows import Route, done, expect
from handlers.keyboards import inline, main_menu
from handlers.members.buttons import RenewSecretaryLink
from handlers.members.flow import PRIVATE
from handlers.members.state import NEW_BRANCH, interrupted, is_cancel, typed
from handlers.members.views import big_keyboard, esc, fmt_time, refuse_with

# The steps; the draft ({"lang", "name", "groups"}) is kept in the person's conversation row.
NAME, GROUPS, PARENT = "name", "groups", "parent"


async def send_secretary_link(
    update: Update, context: Context, made: SecretaryLink, lang: str
) -> None:
    link = deep_link(context.bot.username, made.token)
    groups = "、".join(esc(g) for g in made.groups) or t("members.none", lang)
    text = t(
        "members.branch.created",
        lang,
        branch=esc(made.branch_name),
        groups=groups,
        parent=esc(made.parent_name) if made.parent_name else t("members.none", lang),
        link=esc(link),
        expires=fmt_time(made.expires_at, made.timezone, lang),
    )
    chat = update.effective_chat
    assert chat is not None
    png = await asyncio.to_thread(qr_png, link)
    await context.bot.send_photo(chat.id, png, caption=t("members.branch.qr_caption", lang))
    await context.bot.send_message(chat.id, text)


async def _ask_groups(update: Update, lang: str) -> None:
    assert update.effective_message is not None
    labels = [t("members.branch.default_groups", lang), t("members.branch.no_groups", lang)]
    await update.effective_message.reply_html(
        t("members.branch.ask_groups", lang), reply_markup=big_keyboard(labels, lang, per_row=1)
    )


async def _ask_parent(update: Update, lang: str) -> None:
    assert update.effective_message is not None
    await update.effective_message.reply_html(
        t("members.branch.ask_parent", lang),
        reply_markup=big_keyboard([t("members.branch.no_parent", lang)], lang),
    )


async def on_command(update: Update, context: Context) -> None:
    assert update.effective_message is not None
    async with unit(update, context) as u:
        actor = u.actor
        allowed = branches.may_run_bot(actor)
        if allowed:
            await expect(NEW_BRANCH, u, update, NAME, {"lang": actor.lang})
    if not allowed:
        await refuse_with(update, Refused(Refusal.NOT_OPERATOR), actor.lang)
        return
    await update.effective_message.reply_html(
        t("members.branch.ask_name", actor.lang), reply_markup=big_keyboard([], actor.lang)
    )


async def on_step(update: Update, context: Context, state: FlowState) -> bool | None:
    """The operator's next message in /newbranch: the name, the party groups or the parent."""
    if is_cancel(update):
        await _cancel(update, context)
        return None
    text = typed(update)
    if text is None:
        return False  # not typing: others may take it
    lang = str(state.data.get("lang") or "zh")
    if state.step == NAME:
        await _on_name(update, context, lang, text)
    elif state.step == GROUPS:
        await _on_groups(update, context, state, lang, text)
    else:
        await _on_parent(update, context, state, text)
    return None


async def _on_name(update: Update, context: Context, lang: str, text: str) -> None:
    assert update.effective_message is not None
    async with unit(update, context) as u:
        found = await branches.new_branch_name(u.session, u.actor, text)
        if isinstance(found, Refused):
            await done(NEW_BRANCH, u, update)
        elif isinstance(found, str):
            await expect(NEW_BRANCH, u, update, GROUPS, {"lang": lang, "name": found})
    if isinstance(found, BranchRef):
        renew = RenewSecretaryLink(found.id)
        await update.effective_message.reply_html(
            t("members.branch.exists", lang, branch=esc(found.name)),
            reply_markup=inline([[(t("members.branch.renew_link", lang), renew.data)]]),
        )
    elif isinstance(found, BranchProblem):
        await update.effective_message.reply_html(t(f"members.branch.{found.value}", lang))
    elif isinstance(found, str):
        await _ask_groups(update, lang)


async def _on_groups(
    update: Update, context: Context, state: FlowState, lang: str, text: str
) -> None:
    assert update.effective_message is not None
    text = text.strip()
    if text in variants("members.branch.default_groups"):
        parsed: list[str] | BranchProblem = list(DEFAULT_GROUPS)
    elif text in variants("members.branch.no_groups"):
        parsed = []
    else:
        parsed = branches.parse_group_names(text)
    if isinstance(parsed, BranchProblem):
        await update.effective_message.reply_html(t(f"members.branch.{parsed.value}", lang))
        return
    async with unit(update, context) as u:
        await expect(NEW_BRANCH, u, update, PARENT, {**state.data, "groups": parsed})
    await _ask_parent(update, lang)


async def _on_parent(update: Update, context: Context, state: FlowState, text: str) -> None:
    assert update.effective_message is not None
    text = text.strip()
    async with unit(update, context) as u:
        actor, now = u.actor, u.data.clock.now()
        made: SecretaryLink | BranchProblem | Refused = BranchProblem.PARENT_UNKNOWN
        parent = None if text in variants("members.branch.no_parent") else text
        found = await branches.find_parent(u.session, parent) if parent else None
        if not isinstance(found, BranchProblem):
            made = await branches.create_branch(
                u.session,
                actor,
                name=str(state.data.get("name", "")),
                groups=[str(g) for g in state.data.get("groups", [])],
                parent_id=found.id if found else None,
                timezone=u.data.settings.bot_timezone,
                now=now,
            )
        if made is not BranchProblem.PARENT_UNKNOWN:
            await done(NEW_BRANCH, u, update)
    if made is BranchProblem.PARENT_UNKNOWN:
        await update.effective_message.reply_html(t("members.branch.parent_unknown", actor.lang))
        return
    if isinstance(made, Refused | BranchProblem):
        key = (
            "members.refuse." + made.reason.value
            if isinstance(made, Refused)
            else ("members.branch." + made.value)
        )
        await update.effective_message.reply_html(t(key, actor.lang), reply_markup=main_menu(actor))
        return
    await update.effective_message.reply_html(
        t("members.branch.done", actor.lang, branch=esc(made.branch_name)),
        reply_markup=main_menu(actor),
    )
    await send_secretary_link(update, context, made, actor.lang)


async def _cancel(update: Update, context: Context) -> None:
    async with unit(update, context) as u:
        actor = u.actor
        await done(NEW_BRANCH, u, update)
    assert update.effective_message is not None
    await update.effective_message.reply_html(
        t("members.branch.cancelled", actor.lang), reply_markup=main_menu(actor)
    )


async def on_renew(update: Update, context: Context, button: RenewSecretaryLink) -> None:
    """A new secretary link for an existing branch (operators only)."""
    async with unit(update, context) as u:
        lang = u.actor.lang
        made = await branches.renew_secretary_link(
            u.session, u.actor, button.branch, u.data.clock.now()
        )
    if isinstance(made, Refused):
        await refuse_with(update, made, lang)
        return
    await answer_callback(update)
    await send_secretary_link(update, context, made, lang)


def branch_handlers() -> list[BaseHandler[Update, Context, None]]:
    return [
        CommandHandler("newbranch", on_command, filters=PRIVATE),
        on(RenewSecretaryLink, on_renew),
    ]


def new_branch_route() -> Route:
    """Operator: /newbranch, three short steps, then the secretary link."""
    return Route(on_step, left=interrupted("members.flow.interrupted"), buttons_leave=True)
