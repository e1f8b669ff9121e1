"""Typed input on /members: a field's new value, a reason in one's own words, a search term."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler

from bot.context import Context
from bot.domain.members import MemberStatus, Permission
from bot.kernel.conversations import FlowState
from bot.services.members import directory, editing, roles
from bot.services.members.access import Refused
from bot.services.members.directory import ListQuery
from bot.services.members.editing import EditField
from bot.texts import t
from handlers.base import Unit, answer_callback, unit
from handlers.buttons import on
from handlers.flows import Route, done, expect
from handlers.keyboards import inline
from handlers.members.admin import finish_change, problem_text, show_list
from handlers.members.buttons import AskField, AskReason, ClearField, Search
from handlers.members.state import INPUT, interrupted, is_cancel, typed
from handlers.members.views import esc, refuse_with

STEP = "value"
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

    def to_data(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "started": self.started.isoformat(),
            "lang": self.lang,
            "member": self.member_id,
            "field": self.field.value if self.field else None,
            "status": self.status.value if self.status else None,
        }

    @classmethod
    def of(cls, data: Mapping[str, Any]) -> Intent | None:
        try:
            field, status = data.get("field"), data.get("status")
            return cls(
                kind=str(data["kind"]),
                started=datetime.fromisoformat(data["started"]),
                lang=str(data["lang"]),
                member_id=int(data.get("member") or 0),
                field=EditField(field) if field else None,
                status=MemberStatus(status) if status else None,
            )
        except (KeyError, TypeError, ValueError):
            return None


Asking = AskField | AskReason | Search


async def _intent(u: Unit, button: Asking) -> tuple[Intent, str] | Refused:
    """What the pressed button asks for, once the actor's right to it is checked."""
    now, lang = u.data.clock.now(), u.actor.lang
    if isinstance(button, Search):
        return Intent("search", now, lang), ""
    if isinstance(button, AskField):
        intent = Intent("edit", now, lang, button.member, button.field)
        permission = Permission.EDIT_MEMBER
    else:
        intent = Intent("reason", now, lang, button.member, None, MemberStatus(button.status))
        permission = Permission.ARCHIVE_MEMBER
    name = await directory.target_name(u.session, u.actor, button.member, permission)
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
    data = ClearField(intent.member_id, intent.field).data
    return text, inline([[(t("members.input.clear", lang), data)]])


async def ask(update: Update, context: Context, button: Asking) -> None:
    """A button on /members that needs typing: the next plain text answers it."""
    query = update.callback_query
    assert query is not None and query.message is not None
    async with unit(update, context) as u:
        lang = u.actor.lang
        found = await _intent(u, button)
        if not isinstance(found, Refused):
            await expect(INPUT, u, update, STEP, found[0].to_data())
    if isinstance(found, Refused):
        await refuse_with(update, found, lang)
        return
    intent, name = found
    await answer_callback(update)
    text, keyboard = _prompt(intent, name)
    await context.bot.send_message(query.message.chat.id, text, reply_markup=keyboard)


async def on_step(update: Update, context: Context, state: FlowState) -> bool | None:
    """The typed value, reason or search term the last button asked for."""
    intent = Intent.of(state.data)
    if is_cancel(update):
        await _leave(update, context, "members.input.cancelled", intent)
        return None
    text = typed(update)
    if text is None:
        return False  # not typing: others may take it
    if intent is None or context.bot_data.clock.now() - intent.started > INPUT_TTL:
        await _leave(update, context, "members.input.expired", intent)
    elif intent.kind == "search":
        async with unit(update, context) as u:
            await done(INPUT, u, update)
        await show_list(update, context, ListQuery(search=text), new=True)
    else:
        await _change(update, context, intent, text)
    return None


async def _change(update: Update, context: Context, intent: Intent, text: str) -> None:
    message = update.effective_message
    assert message is not None
    async with unit(update, context) as u:
        now = u.data.clock.now()
        if intent.kind == "edit":
            assert intent.field is not None
            result: object = await editing.edit_field(
                u.session, u.actor, intent.member_id, intent.field, text, now
            )
        else:
            assert intent.status is not None
            result = await roles.set_status(
                u.session, u.actor, intent.member_id, intent.status, text, now
            )
        detail = await directory.member_detail(u.session, u.actor, intent.member_id, now)
        # A value the rules refused is asked again; anything else ends the step.
        again = problem_text(result, intent.lang) is not None and not isinstance(result, Refused)
        if not again:
            await done(INPUT, u, update)
    await finish_change(update, context, result, detail, intent.lang, new=True)
    if again:
        await message.reply_html(t("members.input.again", intent.lang))


async def _leave(update: Update, context: Context, key: str, intent: Intent | None) -> None:
    async with unit(update, context) as u:
        await done(INPUT, u, update)
    assert update.effective_message is not None
    await update.effective_message.reply_html(t(key, intent.lang if intent else "zh"))


def admin_input() -> list[BaseHandler[Update, Context, None]]:
    return [on(AskField, ask), on(AskReason, ask), on(Search, ask)]


def admin_input_route() -> Route:
    return Route(on_step, left=interrupted("members.flow.interrupted"), buttons_leave=True)
