"""User-side HTTP API for the world: bots, groups, chat history and events, faults, stats."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from bot.sandbox import groups
from bot.sandbox.actions import current_reply_keyboard
from bot.sandbox.commands import visible_commands
from bot.sandbox.models import JSON, Chat
from bot.sandbox.serialize import get_me_json, rich_message_json
from bot.sandbox.state import SandboxState
from bot.sandbox.userapi import (
    PREFIX,
    UserApiError,
    body,
    get_bot,
    get_chat,
    get_user,
    guarded,
    ok,
)


def group_json(chat: Chat) -> JSON:
    return {
        "id": chat.id,
        "type": chat.type,
        "title": chat.title,
        "members": [
            {"user_id": m.user_id, "is_bot": m.is_bot, "role": m.role}
            for m in chat.members.values()
        ],
        "migrated_to": chat.migrated_to,
    }


class WorldApi:
    """Routes that are not one person's action."""

    def __init__(self, state: SandboxState) -> None:
        self.state = state

    def add_routes(self, app: web.Application) -> None:
        r = app.router
        r.add_get(f"{PREFIX}/bots", guarded(self.list_bots))
        r.add_post(f"{PREFIX}/bots", guarded(self.update_bot))
        r.add_get(f"{PREFIX}/groups", guarded(self.list_groups))
        r.add_post(f"{PREFIX}/groups", guarded(self.create_group))
        r.add_post(f"{PREFIX}/groups/{{gid}}/members", guarded(self.group_member))
        r.add_post(f"{PREFIX}/groups/{{gid}}/bot", guarded(self.group_bot))
        r.add_post(f"{PREFIX}/groups/{{gid}}/migrate", guarded(self.migrate))
        r.add_get(f"{PREFIX}/chats", guarded(self.list_chats))
        r.add_get(f"{PREFIX}/chats/{{cid}}/messages", guarded(self.messages))
        r.add_get(f"{PREFIX}/chats/{{cid}}/events", guarded(self.events))
        r.add_get(f"{PREFIX}/chats/{{cid}}/keyboard", guarded(self.keyboard))
        r.add_get(f"{PREFIX}/commands", guarded(self.commands))
        r.add_get(f"{PREFIX}/files/{{file_id}}", guarded(self.file))
        r.add_get(f"{PREFIX}/faults", guarded(self.list_faults))
        r.add_post(f"{PREFIX}/faults", guarded(self.set_faults))
        r.add_delete(f"{PREFIX}/faults", guarded(self.clear_faults))
        r.add_get(f"{PREFIX}/stats", guarded(self.stats))
        r.add_post(f"{PREFIX}/stats/reset", guarded(self.reset_stats))
        r.add_post(f"{PREFIX}/limits", guarded(self.limits))

    async def list_bots(self, request: web.Request) -> web.Response:
        self.state.default_bot()
        return ok(bots=[get_me_json(b) for b in self.state.bots.values()])

    async def update_bot(self, request: web.Request) -> web.Response:
        data = await body(request)
        if data.get("id"):
            bot = self.state.register_bot(int(data["id"]), username=data.get("username"))
        else:
            bot = get_bot(self.state, data.get("username"))
        if "can_read_all_group_messages" in data:
            bot.can_read_all_group_messages = bool(data["can_read_all_group_messages"])
        return ok(bot=get_me_json(bot), token=bot.token)

    async def list_groups(self, request: web.Request) -> web.Response:
        return ok(groups=[group_json(g) for g in self.state.groups.values()])

    async def create_group(self, request: web.Request) -> web.Response:
        data = await body(request)
        title = str(data.get("title") or "").strip()
        if not title:
            raise UserApiError(400, "title is required")
        members = [get_user(self.state, uid) for uid in data.get("member_ids") or []]
        bot = get_bot(self.state, data.get("bot")) if data.get("add_bot", True) else None
        added_by = get_user(self.state, data["added_by"]) if data.get("added_by") else None
        chat = groups.create_group(self.state, title, members, bot, added_by)
        return ok(group=group_json(chat), seq=self.state.last_seq)

    def _group(self, request: web.Request) -> Chat:
        chat = self.state.groups.get(int(request.match_info["gid"]))
        if chat is None:
            raise UserApiError(404, f"no group {request.match_info['gid']}")
        return chat

    async def group_member(self, request: web.Request) -> web.Response:
        chat = self._group(request)
        data = await body(request)
        user = get_user(self.state, data.get("user_id"))
        action = data.get("action", "add")
        if action == "add":
            groups.add_member(self.state, chat, user)
        elif action == "remove":
            groups.remove_member(self.state, chat, user)
        elif action in ("promote", "demote"):
            groups.set_role(
                self.state, chat, user.id, "administrator" if action == "promote" else "member"
            )
        else:
            raise UserApiError(400, f"unknown action {action}")
        return ok(group=group_json(chat), seq=self.state.last_seq)

    async def group_bot(self, request: web.Request) -> web.Response:
        chat = self._group(request)
        data = await body(request)
        bot = get_bot(self.state, data.get("bot"))
        action = data.get("action", "add")
        by = get_user(self.state, data.get("by")) if data.get("by") else None
        if action == "add":
            if by is None:
                raise UserApiError(400, "'by' (a member's user id) is required to add the bot")
            groups.add_bot(self.state, chat, bot, by)
        elif action == "remove":
            groups.remove_bot_from_group(self.state, chat, bot, by.id if by else None)
        elif action in ("promote", "demote"):
            groups.set_role(
                self.state, chat, bot.id, "administrator" if action == "promote" else "member"
            )
        else:
            raise UserApiError(400, f"unknown action {action}")
        return ok(group=group_json(chat), seq=self.state.last_seq)

    async def migrate(self, request: web.Request) -> web.Response:
        new = groups.migrate(self.state, self._group(request))
        return ok(new_id=new.id, group=group_json(new), seq=self.state.last_seq)

    async def list_chats(self, request: web.Request) -> web.Response:
        """What a person's chat list shows: private chats with bots, then their groups."""
        user = get_user(self.state, request.query.get("user_id"))
        chats: list[JSON] = [
            {"id": user.id, "type": "private", "title": b.first_name, "bot": b.username}
            for b in self.state.bots.values()
        ]
        chats += [
            {**group_json(g), "bot": None}
            for g in self.state.groups.values()
            if user.id in g.members and g.migrated_to is None
        ]
        return ok(chats=chats)

    def _chat(self, request: web.Request) -> Chat:
        data: dict[str, Any] = {**request.query, "chat_id": request.match_info["cid"]}
        return get_chat(self.state, None, data)

    async def messages(self, request: web.Request) -> web.Response:
        chat = self._chat(request)
        shown = [rich_message_json(self.state, m) for m in chat.messages.values() if not m.deleted]
        return ok(messages=shown, seq=self.state.last_seq)

    async def events(self, request: web.Request) -> web.Response:
        chat = self._chat(request)
        after = int(request.query.get("after", 0))
        timeout = min(float(request.query.get("timeout", 0)), 60.0)
        found = await self.state.wait_events(after, chat.id, chat.bot_id, timeout)
        return ok(events=[e.to_json() for e in found], last_seq=self.state.last_seq)

    async def keyboard(self, request: web.Request) -> web.Response:
        markup = current_reply_keyboard(self._chat(request))
        rows = [[b["text"] for b in row] for row in markup["keyboard"]] if markup else None
        return ok(keyboard=rows, markup=markup)

    async def commands(self, request: web.Request) -> web.Response:
        q = request.query
        user = get_user(self.state, q.get("user_id"))
        chat_id = int(q["chat_id"]) if q.get("chat_id") else None
        found, scope, language = visible_commands(
            self.state, get_bot(self.state, q.get("bot")), user.id, chat_id
        )
        return ok(commands=found, scope=list(scope) if scope else None, language_code=language)

    async def file(self, request: web.Request) -> web.Response:
        stored = self.state.files.get(request.match_info["file_id"])
        if stored is None:
            raise UserApiError(404, "no such file")
        headers = {}
        if stored.file_name:
            headers["Content-Disposition"] = f"inline; filename*=UTF-8''{_quote(stored.file_name)}"
        return web.Response(
            body=stored.data,
            content_type=stored.mime_type or "application/octet-stream",
            headers=headers,
        )

    async def list_faults(self, request: web.Request) -> web.Response:
        return ok(faults=[r.to_json() for r in self.state.faults.rules])

    async def set_faults(self, request: web.Request) -> web.Response:
        data = await request.json()
        rules = data.get("faults") if isinstance(data, dict) else data
        if not isinstance(rules, list):
            raise UserApiError(400, 'send a list of fault rules (or {"faults": [...]})')
        self.state.faults.clear()
        self.state.faults.add(rules)
        return ok(faults=[r.to_json() for r in self.state.faults.rules])

    async def clear_faults(self, request: web.Request) -> web.Response:
        self.state.faults.clear()
        return ok()

    async def stats(self, request: web.Request) -> web.Response:
        limiter = self.state.limiter
        return ok(
            **self.state.stats.to_json(),
            limits_enabled=limiter.enabled,
            limits_strict=limiter.strict,
            latency_ms=self.state.latency_ms,
        )

    async def reset_stats(self, request: web.Request) -> web.Response:
        self.state.stats.reset()
        self.state.limiter.reset()
        return ok()

    async def limits(self, request: web.Request) -> web.Response:
        data = await body(request)
        limiter = self.state.limiter
        if "strict" in data:
            limiter.strict = bool(data["strict"])
        if "enabled" in data:
            limiter.enabled = bool(data["enabled"])
        if "latency_ms" in data:
            latency = data["latency_ms"]
            if not isinstance(latency, int | float) or isinstance(latency, bool) or latency < 0:
                raise UserApiError(400, "latency_ms must be a number >= 0")
            self.state.latency_ms = float(latency)
        return ok(enabled=limiter.enabled, strict=limiter.strict, latency_ms=self.state.latency_ms)


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name, safe="")
