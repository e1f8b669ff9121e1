"""Opening a deep link: register after an invite (guided), or bind a roster record."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler

from bot.commands import publish_chat_commands
from bot.context import Context
from bot.domain.links import LinkKind, parse_payload
from bot.domain.members import Category, MemberError, validate_name
from bot.kernel.conversations import FlowState
from bot.services.delivery import notices as outbox
from bot.services.identity import Actor
from bot.services.members import binding, onboarding
from bot.services.members.common import GroupInfo, LinkProblem
from bot.services.members.onboarding import InviteOpened, Opened, Registered
from bot.services.privacy import binding as bind_preview
from bot.services.privacy import consent
from bot.texts import t, variants
from handlers.base import Unit, unit
from handlers.buttons import on
from handlers.core_buttons import AcceptInvite
from handlers.flows import Route, done, expect
from handlers.keyboards import main_menu
from handlers.members.approval import notify_approvers
from handlers.members.flow import PRIVATE, START_PAYLOAD, with_membership
from handlers.members.state import REGISTER, interrupted, is_cancel, typed
from handlers.members.views import (
    CATEGORY_ORDER,
    big_keyboard,
    category_from_label,
    error_text,
    esc,
)
from handlers.privacy.views import bind_keyboard, bind_question, show_notice
from handlers.replies import edit_quietly

NAME, CATEGORY, GROUP = "name", "category", "group"
# A registration left half-done is forgotten after this; the link can simply be opened again.
DRAFT_TTL = timedelta(minutes=30)


@dataclass(frozen=True)
class Draft:
    """What was answered so far; kept as JSON in the person's conversation row."""

    token: str
    branch_name: str
    secretary: bool
    groups: tuple[GroupInfo, ...]
    started: datetime
    lang: str
    name: str = ""
    category: Category | None = None

    def to_data(self) -> dict[str, Any]:
        return {
            "token": self.token,
            "branch": self.branch_name,
            "secretary": self.secretary,
            "groups": [[g.id, g.name] for g in self.groups],
            "started": self.started.isoformat(),
            "lang": self.lang,
            "name": self.name,
            "category": self.category.value if self.category else None,
        }

    @classmethod
    def of(cls, data: Mapping[str, Any]) -> Draft | None:
        try:
            category = data.get("category")
            return cls(
                token=str(data["token"]),
                branch_name=str(data["branch"]),
                secretary=bool(data["secretary"]),
                groups=tuple(GroupInfo(int(i), str(n)) for i, n in data["groups"]),
                started=datetime.fromisoformat(data["started"]),
                lang=str(data["lang"]),
                name=str(data.get("name") or ""),
                category=Category(category) if category else None,
            )
        except (KeyError, TypeError, ValueError):
            return None


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


async def on_start(update: Update, context: Context) -> None:
    """/start <payload>: an invite (guided registration) or a binding link."""
    await _open(update, context, " ".join(context.args or []))


async def on_accept(update: Update, context: Context, button: AcceptInvite) -> None:
    """同意 under an invite's notice: record who accepted which version, then go on."""
    query = update.callback_query
    assert query is not None
    payload = button.payload
    async with unit(update, context) as u:
        await consent.accept(u.session, u.actor, payload, u.data.clock.now())
        lang = u.actor.lang
    await query.answer()
    await edit_quietly(update, t("privacy.accepted", lang))
    await _open(update, context, payload)


async def _open(update: Update, context: Context, payload: str) -> None:
    parsed = parse_payload(payload)
    if parsed is not None and parsed.kind is LinkKind.BIND:
        await _before_binding(update, context, parsed.token)
        return
    notice = None
    draft: Draft | None = None
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
        if isinstance(opened, InviteOpened) and registering and notice is None:
            draft = Draft(
                token=opened.token,
                branch_name=opened.branch_name,
                secretary=opened.secretary,
                groups=opened.groups,
                started=u.data.clock.now(),
                lang=actor.lang,
            )
            await expect(REGISTER, u, update, NAME, draft.to_data())
    if isinstance(opened, LinkProblem):
        await _reply(update, t(f"members.link.{opened.value}", actor.lang), actor)
    elif opened.outcome is not Opened.REGISTER:
        await _opened(update, context, opened, actor)
    elif draft is not None:
        await _ask_name(update, draft, actor.lang)
    elif notice is not None and parsed is not None:
        # Nothing about the person is stored before they accept (a draft is not stored).
        await show_notice(update, notice, parsed.token, actor.lang)


async def on_step(update: Update, context: Context, state: FlowState) -> bool | None:
    """The next message of a person registering: their name, category or party group."""
    if is_cancel(update):
        await _cancel(update, context)
        return None
    text = typed(update)
    if text is None:
        return False  # a photo, a sticker ...: not an answer; others may take it
    draft = Draft.of(state.data)
    if draft is None or context.bot_data.clock.now() - draft.started > DRAFT_TTL:
        await _expired(update, context)
    elif state.step == NAME:
        await _on_name(update, context, draft, text)
    elif state.step == CATEGORY:
        await _on_category(update, context, draft, text)
    else:
        await _on_group(update, context, draft, text)
    return None


async def _save(update: Update, context: Context, step: str, draft: Draft) -> None:
    async with unit(update, context) as u:
        await expect(REGISTER, u, update, step, draft.to_data())


async def _on_name(update: Update, context: Context, draft: Draft, text: str) -> None:
    assert update.effective_message is not None
    name = validate_name(text)
    if isinstance(name, MemberError):
        await update.effective_message.reply_html(
            error_text(name, draft.lang) + "\n" + t("members.reg.retry_name", draft.lang)
        )
        return
    await _save(update, context, CATEGORY, replace(draft, name=name))
    await _ask_category(update, draft.lang)


async def _on_category(update: Update, context: Context, draft: Draft, text: str) -> None:
    category = category_from_label(text)
    if category is None:
        await _ask_category(update, draft.lang)
        return
    draft = replace(draft, category=category)
    if draft.groups:
        await _save(update, context, GROUP, draft)
        await _ask_group(update, draft, draft.lang)
        return
    await _submit(update, context, draft, None)


async def _on_group(update: Update, context: Context, draft: Draft, text: str) -> None:
    text = text.strip()
    group = next((g for g in draft.groups if g.name == text), None)
    if group is None and text not in variants("members.reg.no_group"):
        await _ask_group(update, draft, draft.lang)
        return
    await _submit(update, context, draft, group.id if group else None)


async def _submit(update: Update, context: Context, draft: Draft, group_id: int | None) -> None:
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
        if result is not MemberError.GROUP_UNKNOWN:
            await done(REGISTER, u, update)
    if result is MemberError.GROUP_UNKNOWN:
        await _ask_group(update, draft, actor.lang)
        return
    await _registered(update, context, actor, result)


async def _left_flow(update: Update, context: Context) -> Unit:
    async with unit(update, context) as u:
        await done(REGISTER, u, update)
    return u


async def _expired(update: Update, context: Context) -> None:
    actor = (await _left_flow(update, context)).actor
    await _reply(update, t("members.reg.expired", actor.lang), actor)


async def _cancel(update: Update, context: Context) -> None:
    actor = (await _left_flow(update, context)).actor
    await _reply(update, t("members.reg.cancelled", actor.lang), actor)


async def on_resume(update: Update, context: Context, state: FlowState) -> None:
    """After help or a language change inside the flow: ask the current step again."""
    draft = Draft.of(state.data)
    if draft is None or context.bot_data.clock.now() - draft.started > DRAFT_TTL:
        return
    async with unit(update, context) as u:
        draft = replace(draft, lang=u.actor.lang)
        await expect(REGISTER, u, update, state.step, draft.to_data())
    if state.step == CATEGORY:
        await _ask_category(update, draft.lang)
    elif state.step == GROUP:
        await _ask_group(update, draft, draft.lang)
    else:
        await _ask_name(update, draft, draft.lang)


def registration() -> list[BaseHandler[Update, Context, None]]:
    """/start <invite>: name (typed once) → category (buttons) → party group (buttons).

    The same /start also answers binding links and every kind of bad link, without a flow.
    """
    return [
        CommandHandler("start", on_start, filters=PRIVATE & START_PAYLOAD, has_args=True),
        # 同意 under an invite's privacy notice: recorded, then registration begins.
        on(AcceptInvite, on_accept),
    ]


def registration_route() -> Route:
    return Route(
        on_step,
        left=interrupted("members.reg.interrupted"),
        resume=on_resume,
        buttons_leave=True,
    )


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
