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
from bot.services.posts.common import Refusal, Refused, manager, term_of
from bot.texts import t
from handlers.base import unit
from handlers.keyboards import inline
from handlers.posts.common import (
    Rows,
    answer,
    back_to_admin,
    done,
    expect,
    num,
    parts,
    post_text,
    refuse,
    send,
    show,
    stale,
    state_of,
)


class Admin:
    async def home(self, update: Update, context: Context) -> None:
        async with unit(update, context) as u:
            lang = u.actor.lang
            me = manager(u.actor)
        if isinstance(me, Refused):
            await refuse(update, context, me, lang)
            return
        await answer(update)
        rows: Rows = [
            [(t("posts.btn.a_posts", lang), "po:al"), (t("posts.btn.a_new", lang), "po:an")],
            [(t("posts.btn.a_cats", lang), "po:ac"), (t("posts.btn.a_qr", lang), "po:qr")],
            [(t("posts.btn.a_reports", lang), "po:rp"), (t("posts.btn.a_settings", lang), "po:st")],
            [(t("posts.btn.menu", lang), "po:m")],
        ]
        await show(update, context, t("posts.admin.title", lang), inline(rows))

    # posts

    async def posts(self, update: Update, context: Context) -> None:
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
                    f"po:pe:{p.id}",
                )
            ]
            for p in views
        ]
        rows.append([(t("posts.btn.a_new", lang), "po:an")])
        rows.append(back_to_admin(lang))
        title = t("posts.admin.posts", lang) if views else t("posts.admin.no_posts", lang)
        await show(update, context, title, inline(rows))

    async def new_post(self, update: Update, context: Context) -> None:
        """Pick the category of the new post."""
        async with unit(update, context) as u:
            lang = u.actor.lang
            found = await admin.admin_categories(u.session, u.actor, u.data.clock.now())
        if isinstance(found, Refused):
            await refuse(update, context, found, lang)
            return
        await answer(update)
        buttons = [(c.name, f"po:nc:{c.id}") for c in found if not c.archived]
        rows: Rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
        rows.append(back_to_admin(lang))
        await show(update, context, t("posts.admin.new_cat", lang), inline(rows))

    async def new_post_category(self, update: Update, context: Context) -> None:
        async with unit(update, context) as u:
            lang = u.actor.lang
            me = manager(u.actor)
            if not isinstance(me, Refused):
                await expect(u, update, "new_name", {"cat": num(update)})
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
            buttons = [(str(n), f"po:np:{n}") for n in CAPACITY_CHOICES]
            await send(
                update, context, t("posts.admin.new_cap", lang), inline([buttons[:3], buttons[3:]])
            )
            return
        key = "posts.admin.new_desc" if step == "new_desc" else "posts.admin.new_duties"
        await send(update, context, t(key, lang), inline([[(t("posts.btn.skip", lang), "po:sk")]]))

    async def skip(self, update: Update, context: Context) -> None:
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

    async def new_post_capacity(self, update: Update, context: Context) -> None:
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
                    capacity=num(update),
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

    async def post(self, update: Update, context: Context) -> None:
        async with unit(update, context) as u:
            lang = u.actor.lang
        await self._post_screen(update, context, num(update), lang)

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
                        (t("posts.btn.h_remove", lang, name=h.name), f"po:hr:{h.claim_id}"),
                        (t("posts.btn.h_move", lang, name=h.name), f"po:mv:{h.claim_id}"),
                    ]
                )
            rows.append([(t("posts.btn.assign", lang), f"po:as:{p.id}")])
            rows.append(
                [
                    (t("posts.btn.e_name", lang), f"po:ef:{p.id}:name"),
                    (t("posts.btn.e_desc", lang), f"po:ef:{p.id}:description"),
                    (t("posts.btn.e_duties", lang), f"po:ef:{p.id}:duties"),
                ]
            )
            rows.append(
                [(str(n), f"po:ec:{p.id}:{n}") for n in CAPACITY_CHOICES if n != p.capacity][:5]
            )
            this_year = term_of(u.actor.member.branch_tz if u.actor.member else "UTC", now)
            other = this_year + 1 if p.term == this_year else this_year
            rows.append(
                [
                    (t("posts.btn.e_category", lang), f"po:eg:{p.id}"),
                    (t("posts.btn.e_term", lang, year=other), f"po:et:{p.id}:{other}"),
                ]
            )
            rows.append([(t("posts.btn.close_post", lang), f"po:ak:{p.id}")])
        rows.append([(t("posts.btn.a_posts", lang), "po:al")])
        await show(update, context, "\n".join(lines), inline(rows))

    async def ask_field(self, update: Update, context: Context) -> None:
        post_id, field = num(update), parts(update)[1]
        async with unit(update, context) as u:
            lang = u.actor.lang
            me = manager(u.actor)
            if not isinstance(me, Refused) and field in admin.POST_FIELDS:
                await expect(u, update, "edit", {"post": post_id, "field": field})
        if isinstance(me, Refused) or field not in admin.POST_FIELDS:
            await refuse(
                update, context, me if isinstance(me, Refused) else Refused(Refusal.NOT_FOUND), lang
            )
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

    async def pick_category(self, update: Update, context: Context) -> None:
        post_id = num(update)
        async with unit(update, context) as u:
            lang = u.actor.lang
            found = await admin.admin_categories(u.session, u.actor, u.data.clock.now())
        if isinstance(found, Refused):
            await refuse(update, context, found, lang)
            return
        await answer(update)
        buttons = [(c.name, f"po:eq:{post_id}:{c.id}") for c in found if not c.archived]
        rows: Rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
        rows.append([(t("posts.btn.back_post", lang), f"po:pe:{post_id}")])
        await show(update, context, t("posts.admin.new_cat", lang), inline(rows))

    async def capacity(self, update: Update, context: Context) -> None:
        """po:ec (places), po:eq (category) or po:et (term): a button's value, then the post."""
        query = update.callback_query
        assert query is not None and query.data is not None
        field = {"ec": "capacity", "eq": "category", "et": "term"}[query.data.split(":")[1]]
        post_id = num(update)
        async with unit(update, context) as u:
            lang = u.actor.lang
            result = await admin.edit_post(
                u.session, u.actor, post_id, field, str(num(update, 1)), u.data.clock.now()
            )
        if isinstance(result, Refused):
            await refuse(update, context, result, lang)
            return
        await answer(update, t("posts.saved", lang))
        await self._post_screen(update, context, post_id, lang)

    async def ask_close(self, update: Update, context: Context) -> None:
        post_id = num(update)
        async with unit(update, context) as u:
            lang = u.actor.lang
            me = manager(u.actor)
        if isinstance(me, Refused):
            await refuse(update, context, me, lang)
            return
        await answer(update)
        rows: Rows = [
            [(t("posts.btn.close_yes", lang), f"po:ky:{post_id}")],
            [(t("posts.btn.keep", lang), f"po:pe:{post_id}")],
        ]
        await show(update, context, t("posts.admin.close_ask", lang), inline(rows))

    async def close(self, update: Update, context: Context) -> None:
        post_id = num(update)
        async with unit(update, context) as u:
            lang = u.actor.lang
            result = await admin.close_post(u.session, u.actor, post_id, u.data.clock.now())
        if isinstance(result, Refused):
            await refuse(update, context, result, lang)
            return
        notices.wake(context.bot_data)
        await answer(update, t("posts.admin.closed", lang))
        await self._post_screen(update, context, post_id, lang)
