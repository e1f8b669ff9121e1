"""📌 公益岗位: browse by category, see free places, claim with one tap, let a post go."""

from __future__ import annotations

import html

from telegram import Update

from bot.context import Context
from bot.services.posts import claims, duty
from bot.services.posts.catalog import PostView
from bot.services.posts.claims import Claimed, Detail, Home
from bot.services.posts.common import Refused
from bot.texts import t
from handlers.base import unit
from handlers.keyboards import inline
from handlers.posts.buttons import (
    AskRelease,
    ClaimPost,
    MyDuties,
    OpenCategory,
    OpenPost,
    PostsAdmin,
    PostsMenu,
    ReleasePost,
    StartDuty,
)
from handlers.posts.common import Rows, answer, free_text, post_text, refuse, send, show
from handlers.posts.duty_withdraw import withdraw_rows


def home_view(home: Home, lang: str) -> tuple[str, Rows]:
    lines = [t("posts.home.title", lang, term=home.term)]
    if home.held:
        lines.append(t("posts.home.held", lang, n=len(home.held), limit=home.limit))
        lines += [
            f"• {html.escape(h.post.name)}（{html.escape(h.post.category_name)}）"
            for h in home.held
        ]
    else:
        lines.append(t("posts.home.none", lang, limit=home.limit))
    lines.append(t("posts.home.pick", lang))
    rows: Rows = [
        [(t("posts.btn.mine", lang, name=h.post.name), OpenPost(h.post.id).data)] for h in home.held
    ]
    cats = [
        (
            t("posts.btn.category", lang, name=c.category.name, free=c.free),
            OpenCategory(c.category.id).data,
        )
        for c in home.lines
    ]
    rows += [cats[i : i + 2] for i in range(0, len(cats), 2)]
    rows.append([(t("posts.btn.my_duties", lang), MyDuties().data)])
    if home.manager:
        rows.append([(t("posts.btn.admin", lang), PostsAdmin().data)])
    return "\n".join(lines), rows


def post_rows(post: PostView, holds: bool, lang: str) -> Rows:
    rows: Rows = []
    if holds:
        rows.append([(t("posts.btn.duty", lang), StartDuty(post.id).data)])
        rows.append([(t("posts.btn.release", lang), AskRelease(post.id).data)])
    elif not post.closed and post.free > 0:
        rows.append([(t("posts.btn.claim", lang), ClaimPost(post.id).data)])
    rows.append([(t("posts.btn.back_category", lang), OpenCategory(post.category_id).data)])
    return rows


def offer_rows(offer: tuple[PostView, ...], lang: str) -> Rows:
    rows: Rows = [
        [(t("posts.btn.post", lang, name=p.name, free=p.free), OpenPost(p.id).data)] for p in offer
    ]
    rows.append([(t("posts.btn.menu", lang), PostsMenu().data)])
    return rows


class Menu:
    async def menu(
        self, update: Update, context: Context, _button: PostsMenu | None = None
    ) -> None:
        """/posts, the menu button, 「返回」 and the notices' button: the member's posts home."""
        async with unit(update, context) as u:
            lang = u.actor.lang
            home = await claims.home(u.session, u.actor, u.data.clock.now())
        if isinstance(home, Refused):
            await refuse(update, context, home, lang)
            return
        await answer(update)
        text, rows = home_view(home, lang)
        await show(update, context, text, inline(rows))

    async def category(self, update: Update, context: Context, button: OpenCategory) -> None:
        async with unit(update, context) as u:
            lang = u.actor.lang
            now = u.data.clock.now()
            found = await claims.category_posts(u.session, u.actor, button.category, now)
        if isinstance(found, Refused):
            await refuse(update, context, found, lang)
            return
        await answer(update)
        cat, posts = found
        lines = [t("posts.category.title", lang, name=html.escape(cat.name))]
        if not posts:
            lines.append(t("posts.category.empty", lang))
        rows: Rows = [
            [(t("posts.btn.post", lang, name=p.name, free=p.free), OpenPost(p.id).data)]
            for p in posts
        ]
        rows.append([(t("posts.btn.menu", lang), PostsMenu().data)])
        await show(update, context, "\n".join(lines), inline(rows))

    async def post(self, update: Update, context: Context, button: OpenPost) -> None:
        async with unit(update, context) as u:
            lang = u.actor.lang
            found = await claims.detail(u.session, u.actor, button.post, u.data.clock.now())
        if isinstance(found, Refused):
            await refuse(update, context, found, lang)
            return
        await answer(update)
        await self._show_detail(update, context, found, lang)

    async def _show_detail(
        self, update: Update, context: Context, found: Detail, lang: str
    ) -> None:
        text = post_text(found.post, lang)
        if found.holds and found.claimed_on:
            text += "\n" + t("posts.post.mine", lang, day=found.claimed_on.isoformat())
        await show(update, context, text, inline(post_rows(found.post, found.holds, lang)))

    async def claim(self, update: Update, context: Context, button: ClaimPost) -> None:
        post_id = button.post
        async with unit(update, context) as u:
            lang = u.actor.lang
            result = await claims.claim(u.session, u.actor, post_id, u.data.clock.now())
        if isinstance(result, Claimed):
            text = t("posts.claimed", lang, name=html.escape(result.post.name))
            text += "\n" + t("posts.claimed_count", lang, n=result.held, limit=result.limit)
            await answer(update, t("posts.claimed_short", lang))
            await show(update, context, text, inline(post_rows(result.post, True, lang)))
            return
        refused = result.refused
        if not result.similar:
            await refuse(update, context, refused, lang)
            return
        # Full (or just closed): kindly, with the same category's posts that have room.
        await answer(update)
        text = t(refused.key("posts"), lang) + "\n" + t("posts.similar", lang)
        await send(update, context, text, inline(offer_rows(result.similar, lang)))

    async def ask_release(self, update: Update, context: Context, button: AskRelease) -> None:
        post_id = button.post
        async with unit(update, context) as u:
            lang = u.actor.lang
            found = await claims.detail(u.session, u.actor, post_id, u.data.clock.now())
        if isinstance(found, Refused):
            await refuse(update, context, found, lang)
            return
        if not found.holds:
            from bot.services.posts.common import Refusal

            await refuse(update, context, Refused(Refusal.NOT_YOURS), lang)
            return
        await answer(update)
        rows: Rows = [
            [(t("posts.btn.release_yes", lang), ReleasePost(post_id).data)],
            [(t("posts.btn.keep", lang), OpenPost(post_id).data)],
        ]
        text = t("posts.release.ask", lang, name=html.escape(found.post.name))
        await show(update, context, text, inline(rows))

    async def release(self, update: Update, context: Context, button: ReleasePost) -> None:
        async with unit(update, context) as u:
            lang = u.actor.lang
            result = await claims.release(u.session, u.actor, button.post, u.data.clock.now())
        if isinstance(result, Refused):
            await refuse(update, context, result, lang)
            return
        await answer(update, t("posts.released_short", lang))
        text = (
            t("posts.released", lang, name=html.escape(result.name))
            + "\n"
            + free_text(result, lang)
        )
        await show(update, context, text, inline([[(t("posts.btn.menu", lang), PostsMenu().data)]]))

    async def my_duties(self, update: Update, context: Context, _button: MyDuties) -> None:
        async with unit(update, context) as u:
            lang = u.actor.lang
            found = await duty.mine(u.session, u.actor)
        if isinstance(found, Refused):
            await refuse(update, context, found, lang)
            return
        await answer(update)
        lines = [t("posts.mine.title", lang)]
        if not found:
            lines.append(t("posts.mine.none", lang))
        for d in found:
            state = t(f"posts.state.{d.state}", lang)
            what = html.escape(d.what)
            lines.append(f"• {d.day.isoformat()} {html.escape(d.post_name)}：{what}（{state}）")
        rows = [*withdraw_rows(found, lang), [(t("posts.btn.menu", lang), PostsMenu().data)]]
        await show(update, context, "\n".join(lines), inline(rows))
