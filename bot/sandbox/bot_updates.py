"""Getting updates: getUpdates long polling and webhooks."""

from __future__ import annotations

import asyncio
import ipaddress
import re
import time
from typing import Any
from urllib.parse import urlparse

from bot.sandbox.call import Call, Handler
from bot.sandbox.errors import ApiError, bad_request
from bot.sandbox.models import JSON, SBot, WebhookConfig

UPDATE_KINDS = frozenset(
    {
        "message",
        "edited_message",
        "channel_post",
        "edited_channel_post",
        "business_connection",
        "business_message",
        "edited_business_message",
        "deleted_business_messages",
        "message_reaction",
        "message_reaction_count",
        "inline_query",
        "chosen_inline_result",
        "callback_query",
        "shipping_query",
        "pre_checkout_query",
        "purchased_paid_media",
        "poll",
        "poll_answer",
        "my_chat_member",
        "chat_member",
        "chat_join_request",
        "chat_boost",
        "removed_chat_boost",
    }
)
WEBHOOK_ACTIVE = (
    "Conflict: can't use getUpdates method while webhook is active; "
    "use deleteWebhook to delete the webhook first"
)
TERMINATED = (
    "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running"
)
_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


def _allowed_updates(call: Call) -> None:
    raw = call.params.get_json("allowed_updates")
    if raw is None:
        return
    if not isinstance(raw, list) or not all(isinstance(k, str) for k in raw):
        raise bad_request("can't parse allowed_updates JSON array")
    call.bot.allowed_updates = [k for k in raw if k in UPDATE_KINDS]


def _confirm(bot: SBot, offset: int | None) -> None:
    if offset is None:
        return
    if offset < 0:
        # "All previous updates will be forgotten": keep only the last -offset.
        del bot.updates[: max(len(bot.updates) + offset, 0)]
    else:
        bot.updates[:] = [u for u in bot.updates if u["update_id"] >= offset]


async def get_updates(call: Call) -> list[JSON]:
    bot, params, state = call.bot, call.params, call.state
    if bot.webhook is not None:
        raise ApiError(409, WEBHOOK_ACTIVE)
    limit = min(max(params.get_int("limit", default=100) or 100, 1), 100)
    timeout = min(max(params.get_int("timeout", default=0) or 0, 0), 50)
    _allowed_updates(call)
    _confirm(bot, params.get_int("offset"))
    bot.poll_generation += 1
    generation = bot.poll_generation
    state.wake(bot)
    deadline = time.monotonic() + timeout
    while True:
        if bot.poll_generation != generation:
            raise ApiError(409, TERMINATED)
        if bot.webhook is not None:
            raise ApiError(409, WEBHOOK_ACTIVE)
        remaining = deadline - time.monotonic()
        if bot.updates or remaining <= 0 or state.closing:
            return [dict(u) for u in bot.updates[:limit]]
        changed = bot.updates_changed
        try:
            await asyncio.wait_for(changed.wait(), remaining)
        except TimeoutError:
            return []


def _check_webhook_url(url: str) -> None:
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
    host = parsed.hostname
    loopback = host == "localhost"
    if not loopback:
        try:
            loopback = ipaddress.ip_address(host).is_loopback
        except ValueError:
            loopback = False
    if not loopback:
        raise bad_request(
            "bad webhook: the sandbox only delivers webhooks to loopback addresses "
            "(127.0.0.0/8, ::1, localhost)"
        )


async def set_webhook(call: Call) -> bool:
    bot, params = call.bot, call.params
    url = params.get_str("url") or ""
    if not url:
        return await delete_webhook(call)
    _check_webhook_url(url)
    secret = params.get_str("secret_token")
    if secret is not None and not _SECRET.match(secret):
        raise bad_request("secret token contains unallowed characters or has a wrong length")
    max_connections = params.get_int("max_connections", default=40) or 40
    if not 1 <= max_connections <= 100:
        raise bad_request("max_connections must be between 1 and 100")
    _allowed_updates(call)
    if params.get_bool("drop_pending_updates"):
        bot.updates.clear()
    bot.webhook = WebhookConfig(url, secret, max_connections, bot.allowed_updates)
    bot.last_error_date = bot.last_error_message = None
    call.webhooks.stop(bot)
    call.webhooks.start(bot)
    call.state.wake(bot)
    return True


async def delete_webhook(call: Call) -> bool:
    bot = call.bot
    if call.params.get_bool("drop_pending_updates"):
        bot.updates.clear()
    bot.webhook = None
    call.webhooks.stop(bot)
    return True


async def get_webhook_info(call: Call) -> JSON:
    bot = call.bot
    info: dict[str, Any] = {
        "url": bot.webhook.url if bot.webhook else "",
        "has_custom_certificate": False,
        "pending_update_count": len(bot.updates),
    }
    if bot.webhook is not None:
        info["max_connections"] = bot.webhook.max_connections
        info["ip_address"] = "127.0.0.1"
        if bot.allowed_updates:
            info["allowed_updates"] = list(bot.allowed_updates)
    if bot.last_error_date is not None:
        info["last_error_date"] = bot.last_error_date
        info["last_error_message"] = bot.last_error_message
    return info


HANDLERS: dict[str, Handler] = {
    "getUpdates": get_updates,
    "setWebhook": set_webhook,
    "deleteWebhook": delete_webhook,
    "getWebhookInfo": get_webhook_info,
}
