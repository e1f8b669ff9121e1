"""Bot API plumbing: tokens, routing, encodings and Telegram's error shape."""

from __future__ import annotations

import json

import aiohttp
import pytest
from telegram import Bot
from telegram.error import InvalidToken

from bot.sandbox.client import SandboxClient
from bot.sandbox.server import SandboxServer, make_token
from tests.sandbox.conftest import raw_call


async def test_bad_token_is_401_and_unknown_method_404(sandbox: SandboxServer) -> None:
    status, body = await raw_call(sandbox, "getMe", token="not-a-token")
    assert (status, body) == (401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
    status, body = await raw_call(sandbox, "sendTelepathy")
    assert (status, body) == (404, {"ok": False, "error_code": 404, "description": "Not Found"})
    with pytest.raises(InvalidToken):
        async with Bot("123:abc:def", base_url=sandbox.bot_api_url):
            pass


async def test_get_me_for_any_token_and_method_names_ignore_case(sandbox: SandboxServer) -> None:
    status, body = await raw_call(sandbox, "GETME", token="42:secret-Value_1")
    assert status == 200
    me = body["result"]
    assert me["id"] == 42 and me["is_bot"] is True
    assert set(me) >= {
        "first_name",
        "username",
        "can_join_groups",
        "supports_inline_queries",
        "can_read_all_group_messages",
    }
    status, body = await raw_call(sandbox, "getme", token="42:other-secret")
    assert status == 401


async def test_make_token_names_the_bot(sandbox: SandboxServer) -> None:
    _, body = await raw_call(sandbox, "getMe", token=make_token(99, "branch_helper_bot"))
    assert body["result"]["username"] == "branch_helper_bot"


async def test_form_get_and_multipart_encodings(
    sandbox: SandboxServer, client: SandboxClient
) -> None:
    user = await client.user("王五")
    await user.start()
    base = f"{sandbox.bot_api_url}{sandbox.make_token()}"
    markup = json.dumps({"inline_keyboard": [[{"text": "ok", "callback_data": "1"}]]})
    async with aiohttp.ClientSession() as session:
        form = {"chat_id": str(user.id), "text": "form", "reply_markup": markup}
        async with session.post(f"{base}/sendMessage", data=form) as resp:
            sent = await resp.json()
        async with session.get(
            f"{base}/sendMessage", params={"chat_id": user.id, "text": "q"}
        ) as resp:
            by_get = await resp.json()
        mp = aiohttp.FormData()
        mp.add_field("chat_id", str(user.id))
        mp.add_field("text", "multi")
        async with session.post(f"{base}/sendMessage", data=mp) as resp:
            multi = await resp.json()
    assert sent["ok"] and sent["result"]["reply_markup"]["inline_keyboard"][0][0]["text"] == "ok"
    assert by_get["result"]["text"] == "q"
    assert multi["result"]["text"] == "multi"
    assert [m.text for m in await user.messages() if m.from_bot] == ["form", "q", "multi"]


async def test_message_shape_matches_telegram(
    sandbox: SandboxServer, client: SandboxClient
) -> None:
    user = await client.user("赵六", username="zhao6")
    await user.start()
    status, body = await raw_call(
        sandbox,
        "sendMessage",
        chat_id=user.id,
        text="<i>hi</i>",
        parse_mode="HTML",
        protect_content=True,
    )
    msg = body["result"]
    assert status == 200
    assert msg["chat"] == {
        "id": user.id,
        "type": "private",
        "first_name": "赵六",
        "username": "zhao6",
    }
    assert msg["from"]["is_bot"] is True
    assert msg["entities"] == [{"type": "italic", "offset": 0, "length": 2}]
    assert msg["has_protected_content"] is True
    assert isinstance(msg["date"], int)
