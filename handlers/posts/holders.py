"""The secretary assigns a post, moves a holder's place to someone else, removes a holder."""

from __future__ import annotations

import html
from collections.abc import Callable

from telegram import Update

from bot.context import Context
from bot.kernel.buttons import Button
from bot.services.delivery import notices
from bot.services.posts import holders
from bot.services.posts.catalog import PostView
from bot.services.posts.common import Refused
from bot.services.posts.holders import Candidate
from bot.texts import t
from handlers.base import unit
from handlers.keyboards import inline
from handlers.posts.buttons import (
    AdminPost,
    AskRemoveHolder,
    AssignHolder,
    AssignList,
    MoveHolder,
    MoveList,
    RemoveHolder,
)
from handlers.posts.common import Rows, answer, refuse, show

PAGE = 20


def _people(
    found: list[Candidate],
    page: int,
    pick: Callable[[int], Button],
    more: Callable[[int], Button],
    lang: str,
) -> Rows:
    """Two names a row, PAGE a screen; pick(member) and more(page) make the buttons."""
    shown = found[page * PAGE : (page + 1) * PAGE]
    buttons = [
        (c.name + (f"（{c.held}）" if c.held else ""), pick(c.member_id).data) for c in shown
    ]
    rows: Rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    if len(found) > (page + 1) * PAGE:
        rows.append([(t("posts.btn.more", lang), more(page + 1).data)])
    return rows


class HoldersFlow:
    async def assign_list(self, update: Update, context: Context, button: AssignList) -> None:
        post_id, page = button.post, button.page
        async with unit(update, context) as u:
            lang = u.actor.lang
            found = await holders.candidates(u.session, u.actor, post_id, u.data.clock.now())
        if isinstance(found, Refused):
            await refuse(update, context, found, lang)
            return
        await answer(update)
        post, people = found
        rows = _people(
            people,
            page,
            lambda member: AssignHolder(post_id, member),
            lambda more: AssignList(post_id, more),
            lang,
        )
        rows.append([(t("posts.btn.back_post", lang), AdminPost(post_id).data)])
        await show(
            update,
            context,
            t("posts.admin.assign", lang, name=html.escape(post.name)),
            inline(rows),
        )

    async def assign(self, update: Update, context: Context, button: AssignHolder) -> None:
        post_id, member_id = button.post, button.member
        async with unit(update, context) as u:
            lang = u.actor.lang
            result = await holders.assign(
                u.session, u.actor, post_id, member_id, u.data.clock.now()
            )
        await self._done(update, context, result, lang, post_id)

    async def ask_remove(self, update: Update, context: Context, button: AskRemoveHolder) -> None:
        claim_id = button.claim
        async with unit(update, context) as u:
            lang = u.actor.lang
            found = await holders.move_candidates(u.session, u.actor, claim_id, u.data.clock.now())
        if isinstance(found, Refused):
            await refuse(update, context, found, lang)
            return
        await answer(update)
        post = found[0]
        rows: Rows = [
            [(t("posts.btn.remove_yes", lang), RemoveHolder(claim_id).data)],
            [(t("posts.btn.keep", lang), AdminPost(post.id).data)],
        ]
        await show(update, context, t("posts.admin.remove_ask", lang), inline(rows))

    async def remove(self, update: Update, context: Context, button: RemoveHolder) -> None:
        async with unit(update, context) as u:
            lang = u.actor.lang
            result = await holders.remove(u.session, u.actor, button.claim, u.data.clock.now())
        await self._done(update, context, result, lang, None)

    async def move_list(self, update: Update, context: Context, button: MoveList) -> None:
        claim_id, page = button.claim, button.page
        async with unit(update, context) as u:
            lang = u.actor.lang
            found = await holders.move_candidates(u.session, u.actor, claim_id, u.data.clock.now())
        if isinstance(found, Refused):
            await refuse(update, context, found, lang)
            return
        await answer(update)
        post, people = found
        rows = _people(
            people,
            page,
            lambda member: MoveHolder(claim_id, member),
            lambda more: MoveList(claim_id, more),
            lang,
        )
        rows.append([(t("posts.btn.back_post", lang), AdminPost(post.id).data)])
        await show(
            update, context, t("posts.admin.move", lang, name=html.escape(post.name)), inline(rows)
        )

    async def move(self, update: Update, context: Context, button: MoveHolder) -> None:
        claim_id, member_id = button.claim, button.member
        async with unit(update, context) as u:
            lang = u.actor.lang
            result = await holders.reassign(
                u.session, u.actor, claim_id, member_id, u.data.clock.now()
            )
        await self._done(update, context, result, lang, None)

    async def _done(
        self,
        update: Update,
        context: Context,
        result: PostView | Refused,
        lang: str,
        post_id: int | None,
    ) -> None:
        if isinstance(result, Refused):
            await refuse(update, context, result, lang)
            return
        notices.wake(context.bot_data)
        await answer(update, t("posts.saved", lang))
        rows: Rows = [[(t("posts.btn.back_post", lang), AdminPost(result.id).data)]]
        text = t(
            "posts.admin.holders_saved",
            lang,
            name=html.escape(result.name),
            taken=result.taken,
            cap=result.capacity,
        )
        await show(update, context, text, inline(rows))
