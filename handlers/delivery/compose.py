"""/broadcast: the content step (a flow in the database); the draft's buttons are draft.py's.

Only the content step waits for typed input, as the flow `broadcast.compose` kept by
bot.kernel.conversations (so a restart or another process goes on where the secretary was);
every later step is a button on a draft stored in the database, re-checked on the server.
"""

from __future__ import annotations

import contextlib

from telegram import Message, Update
from telegram.error import BadRequest
from telegram.ext import BaseHandler, CommandHandler, MessageHandler, filters

from bot.context import Context
from bot.kernel import conversations
from bot.kernel.conversations import FlowState
from bot.services.delivery import broadcast, drafts
from bot.services.delivery.broadcast import Problem, Refused
from bot.services.delivery.notices import Content
from bot.texts import t
from handlers.base import Unit, answer_callback, refuse, unit
from handlers.buttons import on
from handlers.delivery import render
from handlers.delivery.buttons import ListNotices, QuitCompose, ShowNotice
from handlers.delivery.draft import draft_handlers
from handlers.delivery.listing import show_list, show_one
from handlers.filters import menu_button
from handlers.flows import StepHandler
from handlers.keyboards import inline
from handlers.replies import edit_quietly

FLOW = "broadcast.compose"
CONTENT = "content"
# Problems the person can fix by sending the content again.
_RETRY_CONTENT = {
    Problem.EMPTY,
    Problem.TEXT_TOO_LONG,
    Problem.CAPTION_TOO_LONG,
    Problem.FILE_TOO_BIG,
}


async def begin(update: Update, context: Context) -> None:
    """/broadcast or 📢: ask for the content (officers only)."""
    message = update.effective_message
    assert message is not None
    async with unit(update, context) as u:
        who = broadcast.officer(u.actor)
        lang = u.actor.lang
        if not isinstance(who, Refused):
            await conversations.save(
                u.session,
                user_id=u.actor.tg_id,
                chat_id=message.chat.id,
                flow=FLOW,
                step=CONTENT,
                now=u.data.clock.now(),
            )
    if isinstance(who, Refused):
        await refuse(update, render.refusal(who.reason, lang))
        return
    await message.reply_text(
        t("delivery.compose.prompt", lang),
        reply_markup=inline(
            [
                [(t("delivery.btn.list", lang), ListNotices().data)],
                [(t("delivery.btn.cancel", lang), QuitCompose().data)],
            ]
        ),
    )


async def _leave_flow(u: Unit, update: Update) -> bool:
    """End the content step; whether the person was in it."""
    chat = update.effective_chat
    if chat is None:
        return False
    return await conversations.clear(u.session, u.actor.tg_id, chat.id, FLOW)


async def list_instead(update: Update, context: Context, button: ListNotices) -> None:
    """📋 pressed: the list; when it was pressed on the content prompt, say no notice is coming."""
    async with unit(update, context) as u:
        lang = u.actor.lang
        waiting = await _leave_flow(u, update)
    if waiting:
        # The prompt must not keep asking for content the bot no longer waits for.
        with contextlib.suppress(BadRequest):
            await edit_quietly(update, t("delivery.list.closed", lang))
    await show_list(update, context)


def _content_of(msg: Message) -> tuple[Content, int | None]:
    caption = msg.caption_html if msg.caption else None
    if msg.photo:
        return Content(photo_file_id=msg.photo[-1].file_id, caption=caption), None
    if msg.document is not None:
        return Content(document_file_id=msg.document.file_id, caption=caption), (
            msg.document.file_size
        )
    # text_html keeps the sender's bold, italics and links as HTML (our parse mode).
    return Content(text=msg.text_html if msg.text else None), None


async def on_content(update: Update, context: Context, state: FlowState) -> None:
    """The next message while the content step waits: /cancel, content, or something else."""
    msg = update.effective_message
    assert msg is not None
    if msg.text is not None and msg.text.split("@")[0].strip() == "/cancel":
        await quit_compose(update, context, None)
    elif msg.text is not None or msg.photo or msg.document is not None:
        await got_content(update, context, msg)
    else:
        async with unit(update, context) as u:
            lang = u.actor.lang
        await msg.reply_text(t("delivery.compose.unsupported", lang))


async def got_content(update: Update, context: Context, msg: Message) -> None:
    """The text, photo or document to send: validated, stored as a draft, then the audience."""
    content, size = _content_of(msg)
    async with unit(update, context) as u:
        draft = await drafts.create_draft(
            u.session, u.actor, content, file_size=size, now=u.data.clock.now()
        )
        lang = u.actor.lang
        # A problem the person can fix keeps the step open for the next try.
        if not (isinstance(draft, Refused) and draft.reason in _RETRY_CONTENT):
            await _leave_flow(u, update)
    if isinstance(draft, Refused):
        await msg.reply_text(render.refusal(draft.reason, lang))
        return
    await msg.reply_text(
        render.audience_text(draft, lang), reply_markup=render.audience_keyboard(draft, lang)
    )


async def quit_compose(update: Update, context: Context, button: QuitCompose | None) -> None:
    """「取消」 on the content prompt, or /cancel typed instead of the content."""
    async with unit(update, context) as u:
        lang = u.actor.lang
        await _leave_flow(u, update)
    await answer_callback(update)
    if update.callback_query is not None:
        await edit_quietly(update, t("delivery.cancelled", lang))
    elif update.effective_message is not None:
        await update.effective_message.reply_text(t("delivery.cancelled", lang))


def flow_routes() -> dict[str, StepHandler]:
    return {FLOW: on_content}


def compose_handlers() -> list[BaseHandler[Update, Context, None]]:
    private = filters.ChatType.PRIVATE
    return [
        CommandHandler("broadcast", begin, filters=private),
        MessageHandler(menu_button("menu.broadcast"), begin),
        on(QuitCompose, quit_compose),
        on(ListNotices, list_instead),
        on(ShowNotice, show_one),
        *draft_handlers(),
    ]
