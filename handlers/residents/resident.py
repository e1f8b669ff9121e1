"""The resident's side: the public link, the request flow, their own list, the rating."""

from __future__ import annotations

import html
from typing import Any

from telegram import Message, Update

from bot.context import Context
from bot.domain.residents import rules
from bot.kernel.conversations import FlowState
from bot.services.delivery import notices
from bot.services.residents import asking, taking
from bot.services.residents.asking import Welcome
from bot.services.residents.common import Refusal, Refused, RequestView
from bot.texts import t
from handlers.base import unit
from handlers.keyboards import inline
from handlers.residents.buttons import (
    AskAgain,
    CancelRequest,
    ChooseCategory,
    MyRequests,
    RateRequest,
    SkipStep,
    SubmitRequest,
    WithdrawRequest,
)
from handlers.residents.common import answer, expect, leave, refuse, send, show, state_of

Rows = list[list[tuple[str, str]]]
# The steps of the request, in order; 跳过 moves on to the next.
STEPS = ("text", "addr", "phone", "photo", "confirm")


def _skip(lang: str) -> Rows:
    return [
        [(t("residents.btn.skip", lang), SkipStep().data)],
        [(t("residents.btn.cancel", lang), CancelRequest().data)],
    ]


def _welcome_rows(w: Welcome, lang: str) -> Rows:
    rows: Rows = []
    if w.limited is None:
        buttons = [(c.name, ChooseCategory(c.id).data) for c in w.categories]
        rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    rows.append([(t("residents.btn.mine", lang), MyRequests().data)])
    return rows


def mine_text(views: list[RequestView], lang: str) -> str:
    if not views:
        return t("residents.mine.empty", lang)
    lines = [t("residents.mine.title", lang)]
    for v in views:
        who = t("residents.mine.who", lang, name=html.escape(v.taker_name)) if v.taker_name else ""
        lines.append(
            t(
                "residents.mine.line",
                lang,
                id=v.id,
                cat=html.escape(v.category),
                state=t(f"residents.state.{v.state}", lang),
                who=who,
                text=html.escape(v.text[:60]),
            )
        )
    return "\n\n".join(lines)


class ResidentFlow:
    async def start(self, update: Update, context: Context) -> None:
        """/start q_<token>: anyone, member or not, no registration."""
        message = update.message
        assert message is not None and message.text is not None
        token = message.text.split(maxsplit=1)[1].strip()
        async with unit(update, context) as u:
            found = await asking.open_link(u.session, u.actor, token, u.data.clock.now())
            if isinstance(found, Welcome):
                await expect(u, update, "category", {"b": found.branch_id})
            lang = u.actor.lang
        await self._welcome(update, context, found, lang)

    async def again(self, update: Update, context: Context, button: AskAgain) -> None:
        """「再提一个」 from the resident's list: the same screen as the link's."""
        async with unit(update, context) as u:
            found = await asking.again(u.session, u.actor, button.branch, u.data.clock.now())
            if isinstance(found, Welcome):
                await expect(u, update, "category", {"b": found.branch_id})
            lang = u.actor.lang
        await self._welcome(update, context, found, lang)

    async def _welcome(
        self, update: Update, context: Context, found: Welcome | Refused, lang: str
    ) -> None:
        if isinstance(found, Refused):
            await refuse(update, context, found, lang)
            return
        await answer(update)
        text = t(
            "residents.welcome",
            lang,
            branch=html.escape(found.branch_name),
            days=found.retention_days,
        )
        if found.limited is not None:
            text += "\n\n" + t(found.limited.key("residents"), lang)
            text += "\n" + t("residents.limited", lang)
        await send(update, context, text, inline(_welcome_rows(found, lang)))

    async def category(self, update: Update, context: Context, button: ChooseCategory) -> None:
        async with unit(update, context) as u:
            lang = u.actor.lang
            state = await state_of(u, update)
            branch_id = int(state.data.get("b", 0)) if state else 0
            found: Any = Refused(Refusal.NO_DRAFT)
            if branch_id:
                found = await asking.category_in(u.session, branch_id, button.category)
                if not isinstance(found, Refused):
                    await expect(
                        u, update, "text", {"b": branch_id, "c": found.id, "cn": found.name}
                    )
        if isinstance(found, Refused):
            await refuse(update, context, found, lang)
            return
        await answer(update)
        rows = [[(t("residents.btn.cancel", lang), CancelRequest().data)]]
        await show(
            update,
            context,
            t("residents.ask.text", lang, cat=html.escape(found.name)),
            inline(rows),
        )

    async def on_input(self, update: Update, context: Context, state: FlowState) -> None:
        """A typed line (or a photo) for the step the resident is at."""
        message = update.message
        assert message is not None
        async with unit(update, context) as u:
            lang = u.actor.lang
            data = dict(state.data)
            result = _take_input(state.step, message, data)
            if not isinstance(result, Refused) and result is not None:
                await expect(u, update, result, data)
        if isinstance(result, Refused):
            await refuse(update, context, result, lang)
            return
        if result is None:  # not what this step takes: say what it does take
            key = {
                "photo": "residents.ask.need_photo",
                "category": "residents.ask.pick",
                "confirm": "residents.ask.press",
            }.get(state.step, "residents.ask.text")
            await send(update, context, t(key, lang, cat=html.escape(str(data.get("cn", "")))))
            return
        await self._ask(update, context, result, data, lang)

    async def skip(self, update: Update, context: Context, _button: SkipStep) -> None:
        async with unit(update, context) as u:
            lang = u.actor.lang
            state = await state_of(u, update)
            step = state.step if state else ""
            nxt = None
            if step == "comment":
                await leave(u, update)
            elif state is not None and step in ("addr", "phone", "photo"):
                nxt = STEPS[STEPS.index(step) + 1]
                await expect(u, update, nxt, state.data)
        if step == "comment":
            await answer(update)
            await show(update, context, t("residents.comment.thanks", lang))
            return
        if state is None or nxt is None:
            await refuse(update, context, Refused(Refusal.NO_DRAFT), lang)
            return
        await answer(update)
        await self._ask(update, context, nxt, dict(state.data), lang)

    async def _ask(
        self, update: Update, context: Context, step: str, data: dict[str, Any], lang: str
    ) -> None:
        if step != "confirm":
            await send(update, context, t(f"residents.ask.{step}", lang), inline(_skip(lang)))
            return
        view = RequestView(
            id=0,
            branch_id=0,
            category=str(data.get("cn", "")),
            text=str(data.get("text", "")),
            address=str(data.get("addr", "")),
            phone=None,
            photo=None,
            state="open",
            taker_name=None,
            created_local="—",
            escalated=False,
            rating=None,
            resident_tg_id=0,
        )
        phone = data.get("phone")
        text = t(
            "residents.ask.confirm",
            lang,
            summary=asking.summary(view, lang).replace("#0", "", 1),
            phone=t("residents.line.phone", lang, p=html.escape(str(phone))) if phone else "",
            photo=t("residents.ask.has_photo", lang) if data.get("photo") else "",
        )
        rows = [
            [(t("residents.btn.submit", lang), SubmitRequest().data)],
            [(t("residents.btn.cancel", lang), CancelRequest().data)],
        ]
        await send(update, context, text, inline(rows))

    async def submit(self, update: Update, context: Context, _button: SubmitRequest) -> None:
        async with unit(update, context) as u:
            lang = u.actor.lang
            now = u.data.clock.now()
            state = await state_of(u, update)
            result: asking.Submitted | Refused = Refused(Refusal.NO_DRAFT)
            # Leaving the flow first: of two presses of 提交 only the one that left it submits.
            if state is not None and state.step == "confirm" and await leave(u, update):
                result = await asking.submit(u.session, u.actor, state.data, now)
        if isinstance(result, Refused):
            await refuse(update, context, result, lang)
            return
        notices.wake(context.bot_data)
        await answer(update)
        key = "residents.ask.submitted" if result.holders else "residents.ask.submitted_nobody"
        rows = [[(t("residents.btn.mine", lang), MyRequests().data)]]
        await show(update, context, t(key, lang, id=result.view.id), inline(rows))

    async def cancel(self, update: Update, context: Context, _button: CancelRequest) -> None:
        async with unit(update, context) as u:
            await leave(u, update)
            lang = u.actor.lang
        await answer(update)
        await show(update, context, t("residents.ask.cancelled", lang))

    async def mine(self, update: Update, context: Context, _button: MyRequests) -> None:
        async with unit(update, context) as u:
            views = await asking.mine(u.session, u.actor)
            lang = u.actor.lang
        await answer(update)
        rows: Rows = [
            [(t("residents.btn.withdraw", lang, id=v.id), WithdrawRequest(v.id).data)]
            for v in views
            if v.state in rules.OPEN_STATES
        ]
        if views:
            rows.append([(t("residents.btn.new", lang), AskAgain(views[0].branch_id).data)])
        await send(update, context, mine_text(views, lang), inline(rows) if rows else None)

    async def withdraw(self, update: Update, context: Context, button: WithdrawRequest) -> None:
        async with unit(update, context) as u:
            lang = u.actor.lang
            now = u.data.clock.now()
            result = await asking.withdraw(u.session, u.actor, button.request, now)
        if isinstance(result, Refused):
            await refuse(update, context, result, lang)
            return
        notices.wake(context.bot_data)
        await answer(update)
        await send(update, context, t("residents.withdrawn", lang, id=result.id))

    async def rate(self, update: Update, context: Context, button: RateRequest) -> None:
        request_id, stars = button.request, button.stars
        async with unit(update, context) as u:
            lang = u.actor.lang
            result = await taking.rate(u.session, u.actor, request_id, stars, u.data.clock.now())
            if not isinstance(result, Refused):
                await expect(u, update, "comment", {"id": request_id})
        if isinstance(result, Refused):
            await refuse(update, context, result, lang)
            return
        await answer(update)
        rows = [[(t("residents.btn.skip", lang), SkipStep().data)]]
        await show(update, context, t("residents.rated", lang, stars="⭐" * stars), inline(rows))

    async def on_comment(self, update: Update, context: Context, state: FlowState) -> None:
        message = update.message
        assert message is not None
        async with unit(update, context) as u:
            lang = u.actor.lang
            result = await taking.comment(
                u.session,
                u.actor,
                int(state.data.get("id", 0)),
                message.text or "",
                u.data.clock.now(),
            )
            if not isinstance(result, Refused) or result.reason is Refusal.RATED:
                await leave(u, update)
        if isinstance(result, Refused):
            await refuse(update, context, result, lang)
            return
        await send(update, context, t("residents.comment.thanks", lang))


def _take_input(step: str, message: Message, data: dict[str, Any]) -> str | Refused | None:
    """Put the typed value into the draft; the next step, a refusal, or None (wrong kind)."""
    if step == "photo":
        return _take_photo(message, data)
    if not message.text or step not in ("text", "addr", "phone"):
        return None
    if step == "phone":
        phone = rules.clean_phone(message.text)
        if isinstance(phone, rules.Problem):
            return Refused(Refusal(phone.value))
        data["phone"] = phone
        return "photo"
    limit = rules.MAX_TEXT if step == "text" else rules.MAX_ADDRESS
    cleaned = rules.clean(
        message.text, limit=limit, minimum=rules.MIN_TEXT if step == "text" else 2
    )
    if isinstance(cleaned, rules.Problem):
        return Refused(Refusal(cleaned.value))
    data[step] = cleaned.text
    return "addr" if step == "text" else "phone"


def _take_photo(message: Message, data: dict[str, Any]) -> str | Refused | None:
    """Judged on what Telegram says of the file (type, size): nothing is downloaded."""
    if message.photo:
        biggest = message.photo[-1]
        problem = rules.photo_ok("image/jpeg", biggest.file_size)
        file_id = biggest.file_id
    elif message.document is not None:
        doc = message.document
        problem = rules.photo_ok(doc.mime_type or "", doc.file_size, doc.file_name or "")
        file_id = message.document.file_id
    else:
        return None
    if problem is not None:
        return Refused(Refusal(problem.value))
    data["photo"] = file_id
    return "confirm"
