"""Short free-text replies older members send, and what the bot takes them for."""

from __future__ import annotations

import pytest

from bot.domain.small_talk import Intent, guess_intent


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("好的，收到了，谢谢书记", Intent.THANKS),
        ("收到", Intent.THANKS),
        ("OK", Intent.THANKS),
        ("签到", Intent.CHECKIN),
        ("我到了，谢谢", Intent.CHECKIN),
        ("明天我来不了", Intent.LEAVE),
        ("请假", Intent.LEAVE),
    ],
)
def test_common_replies(text: str, intent: Intent) -> None:
    assert guess_intent(text) is intent


@pytest.mark.parametrize(
    "text",
    [
        "随便说点什么",
        "",
        "   ",
        "请问下个月的主题党日是在社区活动室还是在街道党群服务中心举行的，谢谢",
    ],
)
def test_anything_else_or_long_stays_unknown(text: str) -> None:
    assert guess_intent(text) is None
