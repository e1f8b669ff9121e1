"""Small helpers shared by the posts handlers: refusals, the flow, views."""

from __future__ import annotations

import html
from collections.abc import Mapping

from telegram import Update

from bot.context import Context
from bot.kernel.conversations import FlowState
from bot.services.posts.catalog import PostView
from bot.services.posts.common import Refused
from bot.texts import t
from handlers import flows, replies
from handlers.base import Unit
from handlers.posts.buttons import PostsAdmin

# Re-exported: the feature's handlers reply through the one shared helper.
from handlers.replies import answer as answer
from handlers.replies import send as send
from handlers.replies import show as show

FLOW = "posts"
Rows = list[list[tuple[str, str]]]


def refusal_text(refused: Refused, lang: str) -> str:
    return t(refused.key("posts"), lang, n=refused.detail)


async def refuse(update: Update, context: Context, refused: Refused, lang: str) -> None:
    """A kind refusal: an alert for a button, a message for typed input."""
    await replies.refuse(update, context, refusal_text(refused, lang))


async def stale(update: Update, context: Context, lang: str) -> None:
    await answer(update, t("error.stale_button", lang), alert=True)


async def expect(
    u: Unit, update: Update, step: str, data: Mapping[str, object] | None = None
) -> None:
    """The person's next message is for this step of the posts flow (kept in the database)."""
    await flows.expect(FLOW, u, update, step, data)


async def state_of(u: Unit, update: Update) -> FlowState | None:
    """The person's posts flow state, if they are in it."""
    return await flows.state_of(FLOW, u, update)


async def done(u: Unit, update: Update) -> None:
    """Leave the posts flow (a button finished the step instead of typed input)."""
    await flows.done(FLOW, u, update)


def back_to_admin(lang: str) -> list[tuple[str, str]]:
    return [(t("posts.btn.admin_back", lang), PostsAdmin().data)]


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
