"""The secretary's post categories: add, rename, archive or restore."""

from __future__ import annotations

import html

from telegram import Update

from bot.context import Context
from bot.kernel.conversations import FlowState
from bot.services.posts import admin
from bot.services.posts.catalog import CategoryView
from bot.services.posts.common import Refusal, Refused, manager
from bot.texts import t
from handlers.base import unit
from handlers.keyboards import inline
from handlers.posts.buttons import (
    AdminCategories,
    EditCategory,
    NewCategory,
    RenameCategory,
    ToggleCategory,
)
from handlers.posts.common import (
    Rows,
    answer,
    back_to_admin,
    done,
    expect,
    refuse,
    send,
    show,
)


class Categories:
    async def categories(
        self, update: Update, context: Context, _button: AdminCategories | None = None
    ) -> None:
        async with unit(update, context) as u:
            lang = u.actor.lang
            found = await admin.admin_categories(u.session, u.actor, u.data.clock.now())
        if isinstance(found, Refused):
            await refuse(update, context, found, lang)
            return
        await answer(update)
        rows: Rows = [[(self._cat_label(c, lang), EditCategory(c.id).data)] for c in found]
        rows.append([(t("posts.btn.cat_add", lang), NewCategory().data)])
        rows.append(back_to_admin(lang))
        await show(update, context, t("posts.admin.cats", lang), inline(rows))

    def _cat_label(self, c: CategoryView, lang: str) -> str:
        return c.name + (t("posts.archived_mark", lang) if c.archived else "")

    async def category(self, update: Update, context: Context, button: EditCategory) -> None:
        cat_id = button.category
        async with unit(update, context) as u:
            lang = u.actor.lang
            found = await admin.admin_categories(u.session, u.actor, u.data.clock.now())
        if isinstance(found, Refused):
            await refuse(update, context, found, lang)
            return
        cat = next((c for c in found if c.id == cat_id), None)
        if cat is None:
            await refuse(update, context, Refused(Refusal.NOT_FOUND), lang)
            return
        await answer(update)
        toggle = "posts.btn.cat_restore" if cat.archived else "posts.btn.cat_archive"
        rows: Rows = [
            [(t("posts.btn.cat_rename", lang), RenameCategory(cat.id).data)],
            [(t(toggle, lang), ToggleCategory(cat.id).data)],
            [(t("posts.btn.a_cats", lang), AdminCategories().data)],
        ]
        await show(update, context, html.escape(self._cat_label(cat, lang)), inline(rows))

    async def ask_new_category(
        self, update: Update, context: Context, _button: NewCategory
    ) -> None:
        await self._ask_category_name(update, context, "cat_new", {})

    async def ask_rename_category(
        self, update: Update, context: Context, button: RenameCategory
    ) -> None:
        await self._ask_category_name(update, context, "cat_rename", {"cat": button.category})

    async def _ask_category_name(
        self, update: Update, context: Context, step: str, data: dict[str, object]
    ) -> None:
        async with unit(update, context) as u:
            lang = u.actor.lang
            me = manager(u.actor)
            if not isinstance(me, Refused):
                await expect(u, update, step, data)
        if isinstance(me, Refused):
            await refuse(update, context, me, lang)
            return
        await answer(update)
        await show(update, context, t("posts.admin.cat_name", lang))

    async def on_category_name(self, update: Update, context: Context, state: FlowState) -> None:
        message = update.message
        assert message is not None
        text = message.text or ""
        async with unit(update, context) as u:
            lang = u.actor.lang
            now = u.data.clock.now()
            if state.step == "cat_rename":
                cat_id = int(state.data.get("cat", 0))
                result = await admin.rename_category(u.session, u.actor, cat_id, text, now)
            else:
                result = await admin.add_category(u.session, u.actor, text, now)
            if not isinstance(result, Refused):
                await done(u, update)
        if isinstance(result, Refused):
            await refuse(update, context, result, lang)
            return
        rows: Rows = [[(t("posts.btn.a_cats", lang), AdminCategories().data)]]
        await send(
            update,
            context,
            t("posts.admin.cat_saved", lang, name=html.escape(result.name)),
            inline(rows),
        )

    async def toggle_category(
        self, update: Update, context: Context, button: ToggleCategory
    ) -> None:
        async with unit(update, context) as u:
            lang = u.actor.lang
            result = await admin.toggle_category(
                u.session, u.actor, button.category, u.data.clock.now()
            )
        if isinstance(result, Refused):
            await refuse(update, context, result, lang)
            return
        await answer(update, t("posts.saved", lang))
        await self.categories(update, context)
