"""Typed input on /members: a field's new value, a reason in one's own words, a search term."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler, ConversationHandler, MessageHandler

from bot.context import Context
from bot.domain.members import MemberStatus, Permission
from bot.services.members import directory, editing, roles
from bot.services.members.access import Refusal, Refused
from bot.services.members.directory import ListQuery
from bot.services.members.editing import EditField
from bot.texts import t
from handlers.base import Unit, answer_callback, unit
from handlers.keyboards import inline
from handlers.members.admin import finish_change, show_list
from handlers.members.flow import END, Flows, conversation, ints, typed_text
from handlers.members.views import esc, refuse_with

FLOW = "members.input"
INPUT = 0
INTENT_KEY = "members.input"
INPUT_TTL = timedelta(minutes=30)
_OPTIONAL = frozenset({EditField.PHONE, EditField.JOINED, EditField.FULL, EditField.WORK_UNIT})


@dataclass(frozen=True)
class Intent:
    """What the next typed text is for."""

    kind: str  # "edit", "reason" or "search"
    started: datetime
    lang: str
    member_id: int = 0
    field: EditField | None = None
    status: MemberStatus | None = None


def _parse(data: str) -> tuple[str, int, str] | None:
    """mem:ef:<id>:<field> / mem:sx:<id>:<status>."""
    parts = data.split(":")
    ids = ints(":".join(parts[:3]), 1)
    if ids is None or len(parts) != 4:
        return None
    return parts[1], ids[0], parts[3]


async def _intent(u: Unit, data: str) -> tuple[Intent, str] | Refused:
    """What the pressed button asks for, once the actor's right to it is checked."""
    now, lang = u.data.clock.now(), u.actor.lang
    if data == "mem:sq":
        return Intent("search", now, lang), ""
    parsed = _parse(data)
    if parsed is None:
        return Refused(Refusal.NOT_FOUND)
    action, member_id, value = parsed
    if action == "ef" and value in set(EditField):
        intent = Intent("edit", now, lang, member_id, EditField(value))
        permission = Permission.EDIT_MEMBER
    elif action == "sx" and value in ("transferred", "archived"):
        intent = Intent("reason", now, lang, member_id, None, MemberStatus(value))
        permission = Permission.ARCHIVE_MEMBER
    else:
        return Refused(Refusal.NOT_FOUND)
    name = await directory.target_name(u.session, u.actor, member_id, permission)
    return name if isinstance(name, Refused) else (intent, name)


def _prompt(intent: Intent, name: str) -> tuple[str, InlineKeyboardMarkup | None]:
    lang = intent.lang
    if intent.kind == "search":
        return t("members.input.search", lang), None
    if intent.kind == "reason" or intent.field is None:
        return t("members.input.reason", lang, name=esc(name)), None
    text = t(f"members.input.{intent.field.value}", lang, name=esc(name))
    if intent.field not in _OPTIONAL:
        return text, None
    data = f"mem:ec:{intent.member_id}:{intent.field.value}"
    return text, inline([[(t("members.input.clear", lang), data)]])


class AdminInput:
    """A button on /members that needs typing starts this; the next plain text answers it."""

    def __init__(self, flows: Flows) -> None:
        self.flows = flows

    def handler(self) -> ConversationHandler[Context]:
        return conversation(
            FLOW,
            self.flows,
            entry_points=[CallbackQueryHandler(self.ask, pattern=r"^mem:(ef:|sx:|sq$)")],
            states={INPUT: [MessageHandler(typed_text(self.flows, FLOW), self.on_text)]},
            on_cancel=self.on_cancel,
        )

    async def ask(self, update: Update, context: Context) -> int:
        query = update.callback_query
        assert query is not None and query.data is not None and query.message is not None
        async with unit(update, context) as u:
            lang = u.actor.lang
            found = await _intent(u, query.data)
        if isinstance(found, Refused):
            await refuse_with(update, found, lang)
            return END
        intent, name = found
        assert context.user_data is not None
        context.user_data[INTENT_KEY] = intent
        self.flows.enter(u.actor.tg_id, FLOW)
        await answer_callback(update)
        text, keyboard = _prompt(intent, name)
        await context.bot.send_message(query.message.chat.id, text, reply_markup=keyboard)
        return INPUT

    async def on_text(self, update: Update, context: Context) -> int:
        intent = (context.user_data or {}).get(INTENT_KEY)
        message = update.effective_message
        assert message is not None and message.text is not None
        user_id = update.effective_user.id if update.effective_user else 0
        if (
            not isinstance(intent, Intent)
            or context.bot_data.clock.now() - intent.started > INPUT_TTL
        ):
            self.flows.leave(user_id, FLOW)
            lang = intent.lang if isinstance(intent, Intent) else "zh"
            await message.reply_html(t("members.input.expired", lang))
            return END
        if intent.kind == "search":
            self.flows.leave(user_id, FLOW)
            await show_list(update, context, ListQuery(search=message.text), new=True)
            return END
        async with unit(update, context) as u:
            now = u.data.clock.now()
            if intent.kind == "edit":
                assert intent.field is not None
                result: object = await editing.edit_field(
                    u.session, u.actor, intent.member_id, intent.field, message.text, now
                )
            else:
                assert intent.status is not None
                result = await roles.set_status(
                    u.session, u.actor, intent.member_id, intent.status, message.text, now
                )
            detail = await directory.member_detail(u.session, u.actor, intent.member_id, now)
        saved = await finish_change(update, context, result, detail, intent.lang, new=True)
        if not saved and not isinstance(result, Refused):
            await message.reply_html(t("members.input.again", intent.lang))
            return INPUT
        self.flows.leave(user_id, FLOW)
        return END

    async def on_cancel(self, update: Update, context: Context) -> None:
        intent = (context.user_data or {}).pop(INTENT_KEY, None)
        lang = intent.lang if isinstance(intent, Intent) else "zh"
        assert update.effective_message is not None
        await update.effective_message.reply_html(t("members.input.cancelled", lang))


def admin_input(flows: Flows) -> ConversationHandler[Context]:
    return AdminInput(flows).handler()
