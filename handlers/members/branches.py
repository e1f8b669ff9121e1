"""Operator: /newbranch (name → party groups → parent) and the one-time secretary link."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler

from bot.context import Context
from bot.domain.links import deep_link, qr_png
from bot.services.members import branches
from bot.services.members.access import Refusal, Refused
from bot.services.members.branches import DEFAULT_GROUPS, BranchProblem, BranchRef, SecretaryLink
from bot.texts import t, variants
from handlers.base import answer_callback, unit
from handlers.keyboards import inline, main_menu
from handlers.members.flow import END, PRIVATE, Flows, conversation, ints, typed_text
from handlers.members.views import big_keyboard, esc, fmt_time, refuse_with

FLOW = "members.newbranch"
NAME, GROUPS, PARENT = range(3)
DRAFT_KEY = "members.newbranch"


@dataclass
class BranchDraft:
    lang: str
    name: str = ""
    groups: list[str] = field(default_factory=list)


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


def _draft(context: Context) -> BranchDraft | None:
    draft = (context.user_data or {}).get(DRAFT_KEY)
    return draft if isinstance(draft, BranchDraft) else None


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


class NewBranch:
    """Operator: /newbranch, three short steps, then the secretary link."""

    def __init__(self, flows: Flows) -> None:
        self.flows = flows

    def handler(self) -> BaseHandler[Update, Context, object]:
        typed = typed_text(self.flows, FLOW)
        return conversation(
            FLOW,
            self.flows,
            entry_points=[CommandHandler("newbranch", self.on_command, filters=PRIVATE)],
            states={
                NAME: [MessageHandler(typed, self.on_name)],
                GROUPS: [MessageHandler(typed, self.on_groups)],
                PARENT: [MessageHandler(typed, self.on_parent)],
            },
            on_cancel=self.on_cancel,
        )

    async def on_command(self, update: Update, context: Context) -> int:
        async with unit(update, context) as u:
            actor = u.actor
        if not branches.may_run_bot(actor):
            await refuse_with(update, Refused(Refusal.NOT_OPERATOR), actor.lang)
            return END
        assert context.user_data is not None and update.effective_message is not None
        context.user_data[DRAFT_KEY] = BranchDraft(actor.lang)
        self.flows.enter(actor.tg_id, FLOW)
        await update.effective_message.reply_html(
            t("members.branch.ask_name", actor.lang), reply_markup=big_keyboard([], actor.lang)
        )
        return NAME

    async def on_name(self, update: Update, context: Context) -> int:
        draft = _draft(context)
        assert update.effective_message is not None and update.effective_message.text
        async with unit(update, context) as u:
            actor = u.actor
            found = await branches.new_branch_name(u.session, actor, update.effective_message.text)
        if draft is None or isinstance(found, Refused):
            self.flows.leave(actor.tg_id, FLOW)
            return END
        if isinstance(found, BranchRef):
            await update.effective_message.reply_html(
                t("members.branch.exists", draft.lang, branch=esc(found.name)),
                reply_markup=inline(
                    [[(t("members.branch.renew_link", draft.lang), f"mem:sl:{found.id}")]]
                ),
            )
            return NAME
        if isinstance(found, BranchProblem):
            await update.effective_message.reply_html(
                t(f"members.branch.{found.value}", draft.lang)
            )
            return NAME
        draft.name = found
        await _ask_groups(update, draft.lang)
        return GROUPS

    async def on_groups(self, update: Update, context: Context) -> int:
        draft = _draft(context)
        assert update.effective_message is not None and update.effective_message.text
        if draft is None:
            return END
        text = update.effective_message.text.strip()
        if text in variants("members.branch.default_groups"):
            parsed: list[str] | BranchProblem = list(DEFAULT_GROUPS)
        elif text in variants("members.branch.no_groups"):
            parsed = []
        else:
            parsed = branches.parse_group_names(text)
        if isinstance(parsed, BranchProblem):
            await update.effective_message.reply_html(
                t(f"members.branch.{parsed.value}", draft.lang)
            )
            return GROUPS
        draft.groups = parsed
        await _ask_parent(update, draft.lang)
        return PARENT

    async def on_parent(self, update: Update, context: Context) -> int:
        draft = _draft(context)
        assert update.effective_message is not None and update.effective_message.text
        if draft is None:
            return END
        text = update.effective_message.text.strip()
        async with unit(update, context) as u:
            actor, now = u.actor, u.data.clock.now()
            parent_id: int | None = None
            made: SecretaryLink | BranchProblem | Refused = BranchProblem.PARENT_UNKNOWN
            parent = None if text in variants("members.branch.no_parent") else text
            found = await branches.find_parent(u.session, parent) if parent else None
            if not isinstance(found, BranchProblem):
                parent_id = found.id if found else None
                made = await branches.create_branch(
                    u.session,
                    actor,
                    name=draft.name,
                    groups=draft.groups,
                    parent_id=parent_id,
                    timezone=u.data.settings.bot_timezone,
                    now=now,
                )
        if made is BranchProblem.PARENT_UNKNOWN:
            await update.effective_message.reply_html(
                t("members.branch.parent_unknown", actor.lang)
            )
            return PARENT
        self.flows.leave(actor.tg_id, FLOW)
        (context.user_data or {}).pop(DRAFT_KEY, None)
        if isinstance(made, Refused | BranchProblem):
            key = (
                "members.refuse." + made.reason.value
                if isinstance(made, Refused)
                else ("members.branch." + made.value)
            )
            await update.effective_message.reply_html(
                t(key, actor.lang), reply_markup=main_menu(actor)
            )
            return END
        await update.effective_message.reply_html(
            t("members.branch.done", actor.lang, branch=esc(made.branch_name)),
            reply_markup=main_menu(actor),
        )
        await send_secretary_link(update, context, made, actor.lang)
        return END

    async def on_cancel(self, update: Update, context: Context) -> None:
        (context.user_data or {}).pop(DRAFT_KEY, None)
        async with unit(update, context) as u:
            actor = u.actor
        assert update.effective_message is not None
        await update.effective_message.reply_html(
            t("members.branch.cancelled", actor.lang), reply_markup=main_menu(actor)
        )


async def on_renew(update: Update, context: Context) -> None:
    """mem:sl:<branch id>: a new secretary link for an existing branch (operators only)."""
    query = update.callback_query
    assert query is not None and query.data is not None
    ids = ints(query.data, 1)
    async with unit(update, context) as u:
        lang = u.actor.lang
        made: SecretaryLink | Refused = Refused(Refusal.NOT_FOUND)
        if ids is not None:
            made = await branches.renew_secretary_link(
                u.session, u.actor, ids[0], u.data.clock.now()
            )
    if isinstance(made, Refused):
        await refuse_with(update, made, lang)
        return
    await answer_callback(update)
    await send_secretary_link(update, context, made, lang)


def branch_handlers(flows: Flows) -> list[BaseHandler[Update, Context, object]]:
    return [NewBranch(flows).handler(), CallbackQueryHandler(on_renew, pattern=r"^mem:sl:")]
