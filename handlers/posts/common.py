"""Small helpers shared by the posts handlers: refusals, callback parsing, the flow, views."""

from __future__ import annotations

import html
from collections.abc import Mapping

from telegram import Update
from telegram.error import BadRequest

from bot.context import Context
from bot.kernel import conversations
from bot.services.posts.catalog import PostView
from bot.services.posts.common import Refused
from bot.texts import t
from handlers.base import Unit

# Re-exported: the feature's handlers reply through the one shared helper.
from handlers.replies import answer as answer
from handlers.replies import send as send
from handlers.replies import show as show

FLOW = "posts"
Rows = list[list[tuple[str, str]]]


def parts(update: Update) -> list[str]:
    """The callback data after "po:<action>:", split on ":"."""
    query = update.callback_query
    assert query is not None and query.data is not None
    return query.data.split(":")[2:]


def num(update: Update, index: int = 0) -> int:
    """A number field of the callback data; the guard checked its shape before any handler."""
    found = parts(update)
    return int(found[index]) if len(found) > index and found[index].isdigit() else 0


def refusal_text(refused: Refused, lang: str) -> str:
    return t(f"posts.refuse.{refused.reason.value}", lang, n=refused.detail)


async def refuse(update: Update, context: Context, refused: Refused, lang: str) -> None:
    """A kind refusal: an alert for a button, a message for typed input."""
    text = refusal_text(refused, lang)
    if update.callback_query is not None:
        try:
            await update.callback_query.answer(text, show_alert=True)
            return
        except BadRequest:
            pass
    await send(update, context, text)


async def stale(update: Update, context: Context, lang: str) -> None:
    await answer(update, t("error.stale_button", lang), alert=True)


async def expect(
    u: Unit, update: Update, step: str, data: Mapping[str, object] | None = None
) -> None:
    """The person's next message is for this step of the posts flow (kept in the database)."""
    chat = update.effective_chat
    assert chat is not None
    await conversations.save(
        u.session,
        user_id=u.actor.tg_id,
        chat_id=chat.id,
        flow=FLOW,
        step=step,
        data=dict(data or {}),
        now=u.data.clock.now(),
    )


async def state_of(u: Unit, update: Update) -> conversations.FlowState | None:
    chat = update.effective_chat
    if chat is None:
        return None
    found = await conversations.load(u.session, u.actor.tg_id, chat.id, u.data.clock.now())
    return found if found is not None and found.flow == FLOW else None


async def done(u: Unit, update: Update) -> None:
    chat = update.effective_chat
    if chat is not None:
        await conversations.clear(u.session, u.actor.tg_id, chat.id, FLOW)


def back_to_admin(lang: str) -> list[tuple[str, str]]:
    return [(t("posts.btn.admin_back", lang), "po:a")]


def free_text(post: PostView, lang: str) -> str:
    if post.closed:
        return t("posts.closed_mark", lang)
    return t("posts.free", lang, free=post.free, cap=post.capacity)


def post_text(post: PostView, lang: str) -> str:
    lines = [
        t(
            "posts.post.head",
            lang,
            name=html.escape(post.name),
            cat=html.escape(post.category_name),
        ),
        free_text(post, lang),
        t("posts.post.term", lang, term=post.term),
    ]
    if post.description:
        lines.append(t("posts.post.description", lang, text=html.escape(post.description)))
    if post.duties:
        lines.append(t("posts.post.duties", lang, text=html.escape(post.duties)))
    return "\n".join(lines)
