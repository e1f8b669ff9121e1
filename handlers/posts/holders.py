"""The secretary assigns a post, moves a holder's place to someone else, removes a holder."""

from __future__ import annotations

import html

from telegram import Update

from bot.context import Context
from bot.services.delivery import notices
from bot.services.posts import holders
from bot.services.posts.catalog import PostView
from bot.services.posts.common import Refused
from bot.services.posts.holders import Candidate
from bot.texts import t
from handlers.base import unit
from handlers.keyboards import inline
from handlers.posts.common import Rows, answer, num, refuse, show

PAGE = 20


def _people(found: list[Candidate], page: int, pick: str, more: str, lang: str) -> Rows:
    """Two names a row, PAGE a screen; pick/more are the data prefixes."""
    shown = found[page * PAGE : (page + 1) * PAGE]
    buttons = [
        (c.name + (f"（{c.held}）" if c.held else ""), f"{pick}:{c.member_id}") for c in shown
    ]
    rows: Rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    if len(found) > (page + 1) * PAGE:
        rows.append([(t("posts.btn.more", lang), f"{more}:{page + 1}")])
    return rows


class HoldersFlow:
    async def assign_list(self, update: Update, context: Context) -> None:
        post_id, page = num(update), num(update, 1)
        async with unit(update, context) as u:
            lang = u.actor.lang
            found = await holders.candidates(u.session, u.actor, post_id, u.data.clock.now())
        if isinstance(found, Refused):
            await refuse(update, context, found, lang)
            return
        await answer(update)
        post, people = found
        rows = _people(people, page, f"po:am:{post_id}", f"po:as:{post_id}", lang)
        rows.append([(t("posts.btn.back_post", lang), f"po:pe:{post_id}")])
        await show(
            update,
            context,
            t("posts.admin.assign", lang, name=html.escape(post.name)),
            inline(rows),
        )

    async def assign(self, update: Update, context: Context) -> None:
        post_id, member_id = num(update), num(update, 1)
        async with unit(update, context) as u:
            lang = u.actor.lang
            result = await holders.assign(
                u.session, u.actor, post_id, member_id, u.data.clock.now()
            )
        await self._done(update, context, result, lang, post_id)

    async def ask_remove(self, update: Update, context: Context) -> None:
        claim_id = num(update)
        async with unit(update, context) as u:
            lang = u.actor.lang
            found = await holders.move_candidates(u.session, u.actor, claim_id, u.data.clock.now())
        if isinstance(found, Refused):
            await refuse(update, context, found, lang)
            return
        await answer(update)
        post = found[0]
        rows: Rows = [
            [(t("posts.btn.remove_yes", lang), f"po:hy:{claim_id}")],
            [(t("posts.btn.keep", lang), f"po:pe:{post.id}")],
        ]
        await show(update, context, t("posts.admin.remove_ask", lang), inline(rows))

    async def remove(self, update: Update, context: Context) -> None:
        async with unit(update, context) as u:
            lang = u.actor.lang
            result = await holders.remove(u.session, u.actor, num(update), u.data.clock.now())
        await self._done(update, context, result, lang, None)

    async def move_list(self, update: Update, context: Context) -> None:
        claim_id, page = num(update), num(update, 1)
        async with unit(update, context) as u:
            lang = u.actor.lang
            found = await holders.move_candidates(u.session, u.actor, claim_id, u.data.clock.now())
        if isinstance(found, Refused):
            await refuse(update, context, found, lang)
            return
        await answer(update)
        post, people = found
        rows = _people(people, page, f"po:mm:{claim_id}", f"po:mv:{claim_id}", lang)
        rows.append([(t("posts.btn.back_post", lang), f"po:pe:{post.id}")])
        await show(
            update, context, t("posts.admin.move", lang, name=html.escape(post.name)), inline(rows)
        )

    async def move(self, update: Update, context: Context) -> None:
        claim_id, member_id = num(update), num(update, 1)
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
        rows: Rows = [[(t("posts.btn.back_post", lang), f"po:pe:{result.id}")]]
        text = t(
            "posts.admin.holders_saved",
            lang,
            name=html.escape(result.name),
            taken=result.taken,
            cap=result.capacity,
        )
        await show(update, context, text, inline(rows))
