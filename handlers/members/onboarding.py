"""Opening a deep link: register after an invite (guided), or bind a roster record."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, ConversationHandler, MessageHandler

from bot.commands import publish_chat_commands
from bot.context import Context
from bot.domain.links import LinkKind, parse_payload
from bot.domain.members import Category, MemberError, validate_name
from bot.services.delivery import notices as outbox
from bot.services.identity import Actor
from bot.services.members import binding, onboarding
from bot.services.members.common import GroupInfo, LinkProblem
from bot.services.members.onboarding import InviteOpened, Opened, Registered
from bot.services.privacy import binding as bind_preview
from bot.services.privacy import consent
from bot.texts import t, variants
from handlers.base import unit
from handlers.keyboards import main_menu
from handlers.members.approval import notify_approvers
from handlers.members.flow import (
    END,
    PRIVATE,
    START_PAYLOAD,
    Flows,
    conversation,
    edit_quietly,
    typed_text,
    with_membership,
)
from handlers.members.views import (
    CATEGORY_ORDER,
    big_keyboard,
    category_from_label,
    error_text,
    esc,
)
from handlers.privacy.views import bind_keyboard, bind_question, show_notice

FLOW = "members.reg"
NAME, CATEGORY, GROUP = range(3)
DRAFT_KEY = "members.reg"
# A registration left half-done is forgotten after this; the link can simply be opened again.
DRAFT_TTL = timedelta(minutes=30)


@dataclass
class Draft:
    token: str
    branch_name: str
    secretary: bool
    groups: tuple[GroupInfo, ...]
    started: datetime
    lang: str
    name: str = ""
    category: Category | None = None
    step: int = NAME  # the step being asked, to ask it again after help or a language change


async def _reply(update: Update, text: str, actor: Actor) -> None:
    assert update.effective_message is not None
    await update.effective_message.reply_html(text, reply_markup=main_menu(actor))


async def _secretary_menu(context: Context, actor: Actor) -> None:
    await publish_chat_commands(
        context.bot, actor.tg_id, secretary=True, operator=actor.is_operator, lang=actor.lang
    )


async def _opened(update: Update, context: Context, opened: InviteOpened, actor: Actor) -> None:
    """Answer an invite that does not lead to registration."""
    branch = esc(opened.branch_name)
    if opened.membership is not None:
        actor = with_membership(actor, opened.membership)
    if opened.outcome is Opened.PROMOTED:
        await _secretary_menu(context, actor)
    await _reply(
        update, t(f"members.open.{opened.outcome.value}", actor.lang, branch=branch), actor
    )


async def _bind(update: Update, context: Context, token: str) -> None:
    async with unit(update, context) as u:
        result = await binding.bind(u.session, u.actor, token, u.data.clock.now())
        actor = u.actor
    if isinstance(result, binding.Bound):
        if result.secretaries_told:
            outbox.wake(context.bot_data)
        actor = with_membership(actor, result.membership)
        if actor.is_secretary:
            await _secretary_menu(context, actor)
        key = "members.bind.already" if result.already else "members.bind.done"
        text = t(key, actor.lang, name=esc(result.name), branch=esc(result.branch_name))
    elif isinstance(result, LinkProblem):
        text = t(f"members.link.{result.value}", actor.lang)
    else:
        text = t(f"members.bind.{result.value}", actor.lang)
    await _reply(update, text, actor)


bind_account = _bind  # handlers.privacy binds once the person said 「是我本人」


async def _before_binding(update: Update, context: Context, token: str) -> None:
    """A binding link first shows whose record it is (and the privacy notice, if not yet
    accepted in that branch); only 「是」 binds. A link that would not bind answers at once."""
    async with unit(update, context) as u:
        preview = await bind_preview.preview(u.session, u.actor, token, u.data.clock.now())
        lang = u.actor.lang
    if preview is None:
        await _bind(update, context, token)
    elif preview.notice is not None:
        await show_notice(update, preview.notice, token, lang)
    else:
        assert update.effective_message is not None
        await update.effective_message.reply_html(
            bind_question(preview, lang), reply_markup=bind_keyboard(token, lang)
        )


async def _ask_name(update: Update, draft: Draft, lang: str) -> None:
    key = "members.reg.ask_name_secretary" if draft.secretary else "members.reg.ask_name"
    assert update.effective_message is not None
    await update.effective_message.reply_html(
        t(key, lang, branch=esc(draft.branch_name)), reply_markup=big_keyboard([], lang)
    )


def _draft(context: Context) -> Draft | None:
    draft = (context.user_data or {}).get(DRAFT_KEY)
    if not isinstance(draft, Draft):
        return None
    if context.bot_data.clock.now() - draft.started > DRAFT_TTL:
        return None
    return draft


async def _ask_category(update: Update, lang: str) -> None:
    assert update.effective_message is not None
    labels = [t(f"members.cat.{c.value}", lang) for c in CATEGORY_ORDER]
    await update.effective_message.reply_html(
        t("members.reg.ask_category", lang), reply_markup=big_keyboard(labels, lang)
    )


async def _ask_group(update: Update, draft: Draft, lang: str) -> None:
    assert update.effective_message is not None
    labels = [g.name for g in draft.groups] + [t("members.reg.no_group", lang)]
    await update.effective_message.reply_html(
        t("members.reg.ask_group", lang), reply_markup=big_keyboard(labels, lang)
    )


class Registration:
    """/start <invite>: name (typed once) → category (buttons) → party group (buttons).

    The same /start also answers binding links and every kind of bad link, without a flow.
    """

    def __init__(self, flows: Flows) -> None:
        self.flows = flows

    def handler(self) -> ConversationHandler[Context]:
        typed = typed_text(self.flows, FLOW)
        start = CommandHandler(
            "start", self.on_start, filters=PRIVATE & START_PAYLOAD, has_args=True
        )
        # 同意 under an invite's privacy notice: recorded, then registration begins.
        accept = CallbackQueryHandler(self.on_accept, pattern=r"^pv:y:[is]_[A-Za-z0-9_-]+$")
        return conversation(
            FLOW,
            self.flows,
            entry_points=[start, accept],
            states={
                NAME: [MessageHandler(typed, self.on_name)],
                CATEGORY: [MessageHandler(typed, self.on_category)],
                GROUP: [MessageHandler(typed, self.on_group)],
            },
            on_cancel=self.on_cancel,
            resume=self.on_resume,
            interrupted="members.reg.interrupted",
        )

    async def on_start(self, update: Update, context: Context) -> int:
        return await self._open(update, context, " ".join(context.args or []))

    async def on_accept(self, update: Update, context: Context) -> int:
        """同意 under an invite's notice: record who accepted which version, then go on."""
        query = update.callback_query
        assert query is not None and query.data is not None
        payload = query.data.removeprefix("pv:y:")
        async with unit(update, context) as u:
            await consent.accept(u.session, u.actor, payload, u.data.clock.now())
            lang = u.actor.lang
        await query.answer()
        await edit_quietly(update, t("privacy.accepted", lang))
        return await self._open(update, context, payload)

    async def _open(self, update: Update, context: Context, payload: str) -> int:
        self.flows.leave(update.effective_user.id if update.effective_user else 0, FLOW)
        parsed = parse_payload(payload)
        if parsed is not None and parsed.kind is LinkKind.BIND:
            await _before_binding(update, context, parsed.token)
            return END
        notice = None
        async with unit(update, context) as u:
            actor = u.actor
            opened: InviteOpened | LinkProblem = LinkProblem.INVALID
            if parsed is not None:
                opened = await onboarding.open_invite(
                    u.session, actor, parsed.token, u.data.clock.now()
                )
            registering = isinstance(opened, InviteOpened) and opened.outcome is Opened.REGISTER
            if parsed is not None and registering:
                notice = await consent.pending_notice(u.session, actor, parsed.token)
        if isinstance(opened, LinkProblem):
            await _reply(update, t(f"members.link.{opened.value}", actor.lang), actor)
            return END
        if opened.outcome is not Opened.REGISTER:
            await _opened(update, context, opened, actor)
            return END
        if notice is not None and parsed is not None:
            # Nothing about the person is stored before they accept (a draft is not stored).
            await show_notice(update, notice, parsed.token, actor.lang)
            return END
        draft = Draft(
            token=opened.token,
            branch_name=opened.branch_name,
            secretary=opened.secretary,
            groups=opened.groups,
            started=context.bot_data.clock.now(),
            lang=actor.lang,
        )
        assert context.user_data is not None
        context.user_data[DRAFT_KEY] = draft
        self.flows.enter(actor.tg_id, FLOW)
        await _ask_name(update, draft, actor.lang)
        return NAME

    async def on_name(self, update: Update, context: Context) -> int:
        draft = _draft(context)
        if draft is None:
            return await self._expired(update, context)
        assert update.effective_message is not None and update.effective_message.text
        name = validate_name(update.effective_message.text)
        if isinstance(name, MemberError):
            await update.effective_message.reply_html(
                error_text(name, draft.lang) + "\n" + t("members.reg.retry_name", draft.lang)
            )
            return NAME
        draft.name = name
        draft.step = CATEGORY
        await _ask_category(update, draft.lang)
        return CATEGORY

    async def on_category(self, update: Update, context: Context) -> int:
        draft = _draft(context)
        if draft is None:
            return await self._expired(update, context)
        assert update.effective_message is not None and update.effective_message.text
        category = category_from_label(update.effective_message.text)
        if category is None:
            await _ask_category(update, draft.lang)
            return CATEGORY
        draft.category = category
        if draft.groups:
            draft.step = GROUP
            await _ask_group(update, draft, draft.lang)
            return GROUP
        return await self._submit(update, context, draft, None)

    async def on_group(self, update: Update, context: Context) -> int:
        draft = _draft(context)
        if draft is None:
            return await self._expired(update, context)
        assert update.effective_message is not None and update.effective_message.text
        text = update.effective_message.text.strip()
        group = next((g for g in draft.groups if g.name == text), None)
        if group is None and text not in variants("members.reg.no_group"):
            await _ask_group(update, draft, draft.lang)
            return GROUP
        return await self._submit(update, context, draft, group.id if group else None)

    async def _submit(
        self, update: Update, context: Context, draft: Draft, group_id: int | None
    ) -> int:
        assert draft.category is not None
        async with unit(update, context) as u:
            result = await onboarding.register(
                u.session,
                u.actor,
                token=draft.token,
                name=draft.name,
                category=draft.category,
                group_id=group_id,
                now=u.data.clock.now(),
            )
            actor = u.actor
        if result is MemberError.GROUP_UNKNOWN:
            await _ask_group(update, draft, actor.lang)
            return GROUP
        self.flows.leave(actor.tg_id, FLOW)
        (context.user_data or {}).pop(DRAFT_KEY, None)
        await _registered(update, context, actor, result)
        return END

    async def _expired(self, update: Update, context: Context) -> int:
        async with unit(update, context) as u:
            actor = u.actor
        self.flows.leave(actor.tg_id, FLOW)
        (context.user_data or {}).pop(DRAFT_KEY, None)
        await _reply(update, t("members.reg.expired", actor.lang), actor)
        return END

    async def on_resume(self, update: Update, context: Context) -> None:
        """After help or a language change inside the flow: ask the current step again."""
        draft = _draft(context)
        if draft is None:
            return
        async with unit(update, context) as u:
            draft.lang = u.actor.lang
        if draft.step == CATEGORY:
            await _ask_category(update, draft.lang)
        elif draft.step == GROUP:
            await _ask_group(update, draft, draft.lang)
        else:
            await _ask_name(update, draft, draft.lang)

    async def on_cancel(self, update: Update, context: Context) -> None:
        (context.user_data or {}).pop(DRAFT_KEY, None)
        async with unit(update, context) as u:
            actor = u.actor
        await _reply(update, t("members.reg.cancelled", actor.lang), actor)


def registration(flows: Flows) -> ConversationHandler[Context]:
    return Registration(flows).handler()


async def _registered(
    update: Update,
    context: Context,
    actor: Actor,
    result: Registered | InviteOpened | LinkProblem | MemberError,
) -> None:
    if isinstance(result, LinkProblem):
        await _reply(update, t(f"members.link.{result.value}", actor.lang), actor)
    elif isinstance(result, MemberError):
        await _reply(update, error_text(result, actor.lang), actor)
    elif isinstance(result, InviteOpened):
        await _opened(update, context, result, actor)
    else:
        actor = with_membership(actor, result.membership)
        branch = esc(result.branch_name)
        if result.status == "active":
            await _secretary_menu(context, actor)
            text = t("members.reg.secretary_done", actor.lang, name=esc(result.name), branch=branch)
        else:
            text = t("members.reg.submitted", actor.lang, name=esc(result.name), branch=branch)
        await _reply(update, text, actor)
        if result.status != "active":
            await notify_approvers(context, result)
