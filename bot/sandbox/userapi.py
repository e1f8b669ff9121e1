"""User-side HTTP API (/sandbox/api/users/...): people and what they do."""

from __future__ import annotations

import asyncio
import contextlib
import re
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from bot.sandbox import actions
from bot.sandbox.actions import ActionError
from bot.sandbox.entities import detect_entities
from bot.sandbox.errors import ApiError
from bot.sandbox.models import JSON, Chat, SBot, SMessage, SUser
from bot.sandbox.params import Params
from bot.sandbox.serialize import rich_message_json, user_json
from bot.sandbox.state import SandboxState

PREFIX = "/sandbox/api"
ApiHandler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class UserApiError(Exception):
    """Becomes {"ok": false, "error": ...} with an HTTP status."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def ok(**payload: Any) -> web.Response:
    return web.json_response({"ok": True, **payload})


def guarded(handler: ApiHandler) -> ApiHandler:
    """Turn sandbox errors into JSON answers the client can show."""

    async def wrapper(request: web.Request) -> web.StreamResponse:
        try:
            return await handler(request)
        except UserApiError as exc:
            return web.json_response({"ok": False, "error": str(exc)}, status=exc.status)
        except KeyError as exc:
            return web.json_response({"ok": False, "error": f"missing: {exc}"}, status=400)
        except (ActionError, ValueError) as exc:
            text = exc.args[0] if exc.args else str(exc)
            return web.json_response({"ok": False, "error": str(text)}, status=400)
        except ApiError as exc:
            return web.json_response({"ok": False, "error": exc.description}, status=400)

    return wrapper


async def body(request: web.Request) -> dict[str, Any]:
    if not request.body_exists:
        return dict(request.query)
    if request.content_type == "application/json":
        data = await request.json()
        if not isinstance(data, dict):
            raise UserApiError(400, "JSON body must be an object")
        return {**request.query, **data}
    params = await Params.from_request(request)
    return {**params.values, "_files": params.files}


def get_user(state: SandboxState, uid: Any) -> SUser:
    try:
        return state.users[int(uid)]
    except (KeyError, TypeError, ValueError):
        raise UserApiError(404, f"no user {uid}") from None


def get_bot(state: SandboxState, name: Any) -> SBot:
    try:
        return state.find_bot(str(name) if name else None)
    except KeyError as exc:
        raise UserApiError(404, str(exc.args[0])) from None


def get_chat(state: SandboxState, user: SUser | None, data: dict[str, Any]) -> Chat:
    """chat_id omitted or equal to the user id: the private chat with `bot` (default bot)."""
    raw = data.get("chat_id")
    bot = get_bot(state, data.get("bot"))
    if raw in (None, ""):
        if user is None:
            raise UserApiError(400, "chat_id is required")
        return state.private_chat(bot, user.id)
    cid = int(raw)
    if cid > 0:
        return state.private_chat(bot, cid)
    if cid not in state.groups:
        raise UserApiError(404, f"no group {cid}")
    return state.groups[cid]


def answer(state: SandboxState, msg: SMessage) -> web.Response:
    return ok(message=rich_message_json(state, msg), seq=state.last_seq)


class UserApi:
    """Routes for creating people and acting as them."""

    def __init__(self, state: SandboxState) -> None:
        self.state = state

    def add_routes(self, app: web.Application) -> None:
        r = app.router
        r.add_get(f"{PREFIX}/users", guarded(self.list_users))
        r.add_post(f"{PREFIX}/users", guarded(self.create_user))
        r.add_get(f"{PREFIX}/users/{{uid}}", guarded(self.show_user))
        for action in (
            "send",
            "start",
            "document",
            "photo",
            "location",
            "contact",
            "edit",
            "press",
            "press_data",
            "block",
            "unblock",
            "open_link",
        ):
            handler = getattr(self, f"do_{action}")
            r.add_post(f"{PREFIX}/users/{{uid}}/{action}", guarded(handler))

    async def list_users(self, request: web.Request) -> web.Response:
        return ok(users=[user_json(u) for u in self.state.users.values()])

    async def create_user(self, request: web.Request) -> web.Response:
        data = await body(request)
        name = str(data.get("first_name") or "").strip()
        if not name:
            raise UserApiError(400, "first_name is required")
        uid = data.get("user_id") or data.get("id")
        user = self.state.add_user(
            name,
            user_id=int(uid) if uid else None,
            last_name=data.get("last_name") or None,
            username=data.get("username") or None,
            language_code=data.get("language_code", "zh-hans"),
            phone_number=data.get("phone_number") or None,
        )
        return ok(user=user_json(user), seq=self.state.last_seq)

    async def show_user(self, request: web.Request) -> web.Response:
        user = get_user(self.state, request.match_info["uid"])
        return ok(user=user_json(user), blocked_bots=sorted(user.blocked_bots))

    async def _context(self, request: web.Request) -> tuple[SUser, Chat, dict[str, Any]]:
        data = await body(request)
        user = get_user(self.state, request.match_info["uid"])
        return user, get_chat(self.state, user, data), data

    async def do_send(self, request: web.Request) -> web.Response:
        user, chat, data = await self._context(request)
        reply_to = int(data["reply_to"]) if data.get("reply_to") else None
        return answer(
            self.state,
            actions.send_text(self.state, user, chat, str(data.get("text", "")), reply_to),
        )

    async def do_start(self, request: web.Request) -> web.Response:
        user, chat, data = await self._context(request)
        payload = data.get("payload")
        return answer(self.state, actions.start(self.state, user, chat, payload or None))

    async def do_open_link(self, request: web.Request) -> web.Response:
        data = await body(request)
        user = get_user(self.state, request.match_info["uid"])
        m = re.match(
            r"^(?:https?://)?t\.me/([A-Za-z0-9_]+)(?:\?start=([^&#]*))?$", str(data.get("url", ""))
        )
        if not m:
            raise UserApiError(400, "only t.me/<bot>?start=<payload> links can be opened")
        chat = self.state.private_chat(get_bot(self.state, m.group(1)), user.id)
        return answer(self.state, actions.start(self.state, user, chat, m.group(2)))

    async def _file(self, request: web.Request, kind: str) -> web.Response:
        user, chat, data = await self._context(request)
        files = data.get("_files") or {}
        upload = files.get("file") or files.get(kind)
        if upload is None:
            raise UserApiError(400, "multipart field 'file' is required")
        if data.get("mime_type"):
            upload.content_type = str(data["mime_type"])
        if data.get("filename"):
            upload.filename = str(data["filename"])
        caption = data.get("caption") or None
        return answer(self.state, actions.send_file(self.state, user, chat, kind, upload, caption))

    async def do_document(self, request: web.Request) -> web.Response:
        return await self._file(request, "document")

    async def do_photo(self, request: web.Request) -> web.Response:
        return await self._file(request, "photo")

    async def do_location(self, request: web.Request) -> web.Response:
        user, chat, data = await self._context(request)
        live = int(data["live_period"]) if data.get("live_period") else None
        msg = actions.send_location(
            self.state, user, chat, float(data["latitude"]), float(data["longitude"]), live
        )
        return answer(self.state, msg)

    async def do_contact(self, request: web.Request) -> web.Response:
        user, chat, data = await self._context(request)
        phone = str(data.get("phone_number") or actions.default_phone(user))
        return answer(self.state, actions.send_contact(self.state, user, chat, phone))

    async def do_edit(self, request: web.Request) -> web.Response:
        user, chat, data = await self._context(request)
        changes: JSON = {}
        if data.get("text") is not None:
            changes = {
                "text": str(data["text"]),
                "entities": detect_entities(str(data["text"])),
            }
        elif data.get("latitude") is not None:
            msg = chat.messages.get(int(data["message_id"]))
            location = dict(msg.location or {}) if msg else {}
            location.update(latitude=float(data["latitude"]), longitude=float(data["longitude"]))
            changes = {"location": location}
        msg = actions.edit_own(self.state, user, chat, int(data["message_id"]), **changes)
        return answer(self.state, msg)

    async def _await_answer(self, pending: Any, wait_seconds: float) -> JSON:
        if wait_seconds <= 0:
            return {"answered": False, "pending": True}
        try:
            result: JSON = await asyncio.wait_for(asyncio.shield(pending.answer), wait_seconds)
        except TimeoutError:
            return {"answered": False}
        except asyncio.CancelledError:
            if not pending.answer.cancelled():
                raise
            return {"answered": False}
        return {"answered": True, **result}

    async def do_press(self, request: web.Request) -> web.Response:
        user, chat, data = await self._context(request)
        text = str(data.get("button_text", ""))
        mid = int(data["message_id"]) if data.get("message_id") else None
        timeout = float(data.get("timeout", 10))
        found = actions.find_inline_button(chat, text, mid)
        if found is not None:
            msg, button = found
            if "callback_data" in button:
                return await self._callback(user, chat, msg, button["callback_data"], timeout)
            kind = next(k for k in button if k != "text")
            return ok(
                kind=kind,
                url=button.get("url"),
                button=button,
                message_id=msg.message_id,
                seq=self.state.last_seq,
            )
        sent = actions.press_reply_button(self.state, user, chat, text)
        if sent is not None:
            return ok(
                kind="reply", message=rich_message_json(self.state, sent), seq=self.state.last_seq
            )
        available = actions.all_button_texts(chat)
        raise UserApiError(404, f"no button matching {text!r}; buttons in this chat: {available}")

    async def do_press_data(self, request: web.Request) -> web.Response:
        user, chat, data = await self._context(request)
        msg = chat.messages.get(int(data["message_id"]))
        if msg is None:
            raise UserApiError(404, f"no message {data['message_id']}")
        timeout = float(data.get("timeout", 10))
        return await self._callback(user, chat, msg, str(data["callback_data"]), timeout)

    async def _callback(
        self, user: SUser, chat: Chat, msg: SMessage, data: str, wait_seconds: float
    ) -> web.Response:
        pending = actions.send_callback(self.state, user, chat, msg, data)
        seq = self.state.last_seq
        result = await self._await_answer(pending, wait_seconds)
        if not result.get("answered") and not result.get("pending"):
            with contextlib.suppress(KeyError):
                del self.state.callbacks[pending.id]
        extra = {
            "kind": "callback",
            "callback_data": data,
            "message_id": msg.message_id,
            "seq": seq,
        }
        return ok(**{**result, **extra})

    async def _set_blocked(self, request: web.Request, blocked: bool) -> web.Response:
        data = await body(request)
        user = get_user(self.state, request.match_info["uid"])
        actions.set_blocked(self.state, user, get_bot(self.state, data.get("bot")), blocked)
        return ok(seq=self.state.last_seq)

    async def do_block(self, request: web.Request) -> web.Response:
        return await self._set_blocked(request, True)

    async def do_unblock(self, request: web.Request) -> web.Response:
        return await self._set_blocked(request, False)
