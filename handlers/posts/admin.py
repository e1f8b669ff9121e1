"""The secretary's /posts tools: categories, posts, holders, the reporting QR, settings."""

from __future__ import annotations

import html

from telegram import Update

from bot.context import Context
from bot.domain.blank import means_none
from bot.domain.posts.rules import (
    CAPACITY_CHOICES,
)
from bot.kernel.conversations import FlowState
from bot.services.delivery import notices
from bot.services.posts import admin, holders
from bot.services.posts.catalog import PostView
from bot.services.posts.common import Refused, manager, term_of
from bot.texts import t
from handlers.base import unit
from handlers.keyboards import inline
from handlers.posts.buttons import (
    AdminCategories,
    AdminPost,
    AdminPosts,
    AskClosePost,
    AskPostField,
    AskRemoveHolder,
    AssignList,
    ClosePost,
    MoveList,
    NewPost,
    NewPostCapacity,
    NewPostCategory,
    PickPostCategory,
    PostsAdmin,
    PostSettings,
    PostsMenu,
    ReportQr,
    Reports,
    SetCapacity,
    SetCategory,
    SetTerm,
    SkipField,
)
from handlers.posts.common import (
    Rows,
    answer,
    back_to_admin,
    done,
    expect,
    post_text,
    refuse,
    send,
    show,
    stale,
    state_of,
)


class Admin:
    async def home(self, update: Update, context: Context, _button: PostsAdmin) -> None:
        async with unit(update, context) as u:
            lang = u.actor.lang
            me = manager(u.actor)
        if isinstance(me, Refused):
            await refuse(update, context, me, lang)
            return
        await answer(update)
        rows: Rows = [
            [
                (t("posts.btn.a_posts", lang), AdminPosts().data),
                (t("posts.btn.a_new", lang), NewPost().data),
            ],
            [
                (t("posts.btn.a_cats", lang), AdminCategories().data),
                (t("posts.btn.a_qr", lang), ReportQr().data),
            ],
            [
                (t("posts.btn.a_reports", lang), Reports().data),
                (t("posts.btn.a_settings", lang), PostSettings().data),
            ],
            [(t("posts.btn.menu", lang), PostsMenu().data)],
        ]
        await show(update, context, t("posts.admin.title", lang), inline(rows))

    # posts

    async def posts(self, update: Update, context: Context, _button: AdminPosts) -> None:
        async with unit(update, context) as u:
            lang = u.actor.lang
            views = await admin.term_posts(u.session, u.actor, u.data.clock.now())
        if isinstance(views, Refused):
            await refuse(update, context, views, lang)
            return
        await answer(update)
        rows: Rows = [
            [
                (
                    f"{p.name}（{p.category_name}）"
                    + (" 🔒" if p.closed else f" {p.taken}/{p.capacity}"),
                    AdminPost(p.id).data,
                )
            ]
            for p in views
        ]
        rows.append([(t("posts.btn.a_new", lang), NewPost().data)])
        rows.append(back_to_admin(lang))
        title = t("posts.admin.posts", lang) if views else t("posts.admin.no_posts", lang)
        await show(update, context, title, inline(rows))

    async def new_post(self, update: Update, context: Context, _button: NewPost) -> None:
        """Pick the category of the new post."""
        async with unit(update, context) as u:
            lang = u.actor.lang
            found = await admin.admin_categories(u.session, u.actor, u.data.clock.now())
        if isinstance(found, Refused):
            await refuse(update, context, found, lang)
            return
        await answer(update)
        buttons = [(c.name, NewPostCategory(c.id).data) for c in found if not c.archived]
        rows: Rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
        rows.append(back_to_admin(lang))
        await show(update, context, t("posts.admin.new_cat", lang), inline(rows))

    async def new_post_category(
        self, update: Update, context: Context, button: NewPostCategory
    ) -> None:
        async with unit(update, context) as u:
            lang = u.actor.lang
            me = manager(u.actor)
            if not isinstance(me, Refused):
                await expect(u, update, "new_name", {"cat": button.category})
        if isinstance(me, Refused):
            await refuse(update, context, me, lang)
            return
        await answer(update)
        await show(update, context, t("posts.admin.new_name", lang))

    async def on_new_post(self, update: Update, context: Context, state: FlowState) -> None:
        """Typed name, then description, then duties ("-" or the skip button for none)."""
        message = update.message
        assert message is not None
        text = (message.text or "").strip()
        steps = {"new_name": ("name", "new_desc"), "new_desc": ("description", "new_duties")}
        field, nxt = steps.get(state.step, ("duties", "new_cap"))
        value = "" if means_none(text) and field != "name" else text
        problem = admin.clean(field, value)
        async with unit(update, context) as u:
            lang = u.actor.lang
            if not isinstance(problem, Refused):
                await expect(u, update, nxt, {**state.data, field: problem})
        if isinstance(problem, Refused):
            await refuse(update, context, problem, lang)
            return
        await self._ask_next(update, context, nxt, lang)

    async def _ask_next(self, update: Update, context: Context, step: str, lang: str) -> None:
        if step == "new_cap":
            buttons = [(str(n), NewPostCapacity(n).data) for n in CAPACITY_CHOICES]
            await send(
                update, context, t("posts.admin.new_cap", lang), inline([buttons[:3], buttons[3:]])
            )
            return
        key = "posts.admin.new_desc" if step == "new_desc" else "posts.admin.new_duties"
        await send(
            update, context, t(key, lang), inline([[(t("posts.btn.skip", lang), SkipField().data)]])
        )

    async def skip(self, update: Update, context: Context, _button: SkipField) -> None:
        async with unit(update, context) as u:
            lang = u.actor.lang
            state = await state_of(u, update)
            nxt = {"new_desc": ("description", "new_duties"), "new_duties": ("duties", "new_cap")}
            found = nxt.get(state.step) if state is not None else None
            if state is not None and found is not None:
                await expect(u, update, found[1], {**state.data, found[0]: ""})
        if found is None:
            await stale(update, context, lang)
            return
        await answer(update)
        await self._ask_next(update, context, found[1], lang)

    async def new_post_capacity(
        self, update: Update, context: Context, button: NewPostCapacity
    ) -> None:
        async with unit(update, context) as u:
            lang = u.actor.lang
            state = await state_of(u, update)
            result: PostView | Refused | None = None
            if state is not None and state.step == "new_cap":
                d = state.data
                result = await admin.add_post(
                    u.session,
                    u.actor,
                    category_id=int(d.get("cat", 0)),
                    name=str(d.get("name", "")),
                    description=str(d.get("description", "")),
                    duties=str(d.get("duties", "")),
                    capacity=button.capacity,
                    now=u.data.clock.now(),
                )
                if not isinstance(result, Refused):
                    await done(u, update)
        if result is None:
            await stale(update, context, lang)
            return
        if isinstance(result, Refused):
            await refuse(update, context, result, lang)
            return
        await answer(update, t("posts.saved", lang))
        await self._post_screen(update, context, result.id, lang)

    async def post(self, update: Update, context: Context, button: AdminPost) -> None:
        async with unit(update, context) as u:
            lang = u.actor.lang
        await self._post_screen(update, context, button.post, lang)

    async def _post_screen(self, update: Update, context: Context, post_id: int, lang: str) -> None:
        async with unit(update, context) as u:
            found = await holders.holders(u.session, u.actor, post_id)
            now = u.data.clock.now()
        if isinstance(found, Refused):
            await refuse(update, context, found, lang)
            return
        await answer(update)  # a no-op when the caller answered already
        p = found.post
        lines = [post_text(p, lang), t("posts.admin.holders", lang)]
        lines += [f"• {html.escape(h.name)}" for h in found.holders] or [
            t("posts.admin.nobody", lang)
        ]
        rows: Rows = []
        if not p.closed:
            for h in found.holders:
                rows.append(
                    [
                        (
                            t("posts.btn.h_remove", lang, name=h.name),
                            AskRemoveHolder(h.claim_id).data,
                        ),
                        (t("posts.btn.h_move", lang, name=h.name), MoveList(h.claim_id, 0).data),
                    ]
                )
            rows.append([(t("posts.btn.assign", lang), AssignList(p.id, 0).data)])
            rows.append(
                [
                    (t("posts.btn.e_name", lang), AskPostField(p.id, "name").data),
                    (t("posts.btn.e_desc", lang), AskPostField(p.id, "description").data),
                    (t("posts.btn.e_duties", lang), AskPostField(p.id, "duties").data),
                ]
            )
            rows.append(
                [(str(n), SetCapacity(p.id, n).data) for n in CAPACITY_CHOICES if n != p.capacity][
                    :5
                ]
            )
            this_year = term_of(u.actor.member.branch_tz if u.actor.member else "UTC", now)
            other = this_year + 1 if p.term == this_year else this_year
            rows.append(
                [
                    (t("posts.btn.e_category", lang), PickPostCategory(p.id).data),
                    (t("posts.btn.e_term", lang, year=other), SetTerm(p.id, other).data),
                ]
            )
            rows.append([(t("posts.btn.close_post", lang), AskClosePost(p.id).data)])
        rows.append([(t("posts.btn.a_posts", lang), AdminPosts().data)])
        await show(update, context, "\n".join(lines), inline(rows))

    async def ask_field(self, update: Update, context: Context, button: AskPostField) -> None:
        post_id, field = button.post, button.field
        async with unit(update, context) as u:
            lang = u.actor.lang
            me = manager(u.actor)
            if not isinstance(me, Refused):
                await expect(u, update, "edit", {"post": post_id, "field": field})
        if isinstance(me, Refused):
            await refuse(update, context, me, lang)
            return
        await answer(update)
        await send(
            update,
            context,
            t("posts.admin.type_field", lang, field=t(f"posts.field.{field}", lang)),
        )

    async def on_field(self, update: Update, context: Context, state: FlowState) -> None:
        message = update.message
        assert message is not None
        post_id, field = int(state.data.get("post", 0)), str(state.data.get("field", ""))
        async with unit(update, context) as u:
            lang = u.actor.lang
            result = await admin.edit_post(
                u.session, u.actor, post_id, field, message.text or "", u.data.clock.now()
            )
            if not isinstance(result, Refused):
                await done(u, update)
        if isinstance(result, Refused):
            await refuse(update, context, result, lang)
            return
        await send(update, context, t("posts.saved", lang))
        await self._post_screen(update, context, post_id, lang)

    async def pick_category(
        self, update: Update, context: Context, button: PickPostCategory
    ) -> None:
        post_id = button.post
        async with unit(update, context) as u:
            lang = u.actor.lang
            found = await admin.admin_categories(u.session, u.actor, u.data.clock.now())
        if isinstance(found, Refused):
            await refuse(update, context, found, lang)
            return
        await answer(update)
        buttons = [(c.name, SetCategory(post_id, c.id).data) for c in found if not c.archived]
        rows: Rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
        rows.append([(t("posts.btn.back_post", lang), AdminPost(post_id).data)])
        await show(update, context, t("posts.admin.new_cat", lang), inline(rows))

    async def capacity(self, update: Update, context: Context, button: SetCapacity) -> None:
        await self._edit(update, context, button.post, "capacity", button.capacity)

    async def category(self, update: Update, context: Context, button: SetCategory) -> None:
        await self._edit(update, context, button.post, "category", button.category)

    async def term(self, update: Update, context: Context, button: SetTerm) -> None:
        await self._edit(update, context, button.post, "term", button.year)

    async def _edit(
        self, update: Update, context: Context, post_id: int, field: str, value: int
    ) -> None:
        """A button's value for a field of the post (the service checks it), then the post."""
        async with unit(update, context) as u:
            lang = u.actor.lang
            result = await admin.edit_post(
                u.session, u.actor, post_id, field, str(value), u.data.clock.now()
            )
        if isinstance(result, Refused):
            await refuse(update, context, result, lang)
            return
        await answer(update, t("posts.saved", lang))
        await self._post_screen(update, context, post_id, lang)

    async def ask_close(self, update: Update, context: Context, button: AskClosePost) -> None:
        post_id = button.post
        async with unit(update, context) as u:
            lang = u.actor.lang
            me = manager(u.actor)
        if isinstance(me, Refused):
            await refuse(update, context, me, lang)
            return
        await answer(update)
        rows: Rows = [
            [(t("posts.btn.close_yes", lang), ClosePost(post_id).data)],
            [(t("posts.btn.keep", lang), AdminPost(post_id).data)],
        ]
        await show(update, context, t("posts.admin.close_ask", lang), inline(rows))

    async def close(self, update: Update, context: Context, button: ClosePost) -> None:
        post_id = button.post
        async with unit(update, context) as u:
            lang = u.actor.lang
            result = await admin.close_post(u.session, u.actor, post_id, u.data.clock.now())
        if isinstance(result, Refused):
            await refuse(update, context, result, lang)
            return
        notices.wake(context.bot_data)
        await answer(update, t("posts.admin.closed", lang))
        await self._post_screen(update, context, post_id, lang)
