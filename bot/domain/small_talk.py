"""What a person most likely meant by a short free-text message no flow was waiting for.

Older members answer the bot as they would a person ("好的，收到了", "我到了"); a cold
"not understood" to a thank-you reads as rude. Only a few common intents, matched on words;
anything else stays "not understood".
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["Intent", "guess_intent"]


class Intent(StrEnum):
    THANKS = "thanks"
    CHECKIN = "checkin"
    LEAVE = "leave"
    WHEN = "when"  # 「下周的会几点开」: answered with the next meetings
    GREETING = "greeting"


# Checked in this order: "我到了，谢谢" is about checking in, not a thank-you.
_WORDS: tuple[tuple[Intent, tuple[str, ...]], ...] = (
    (Intent.LEAVE, ("请假", "来不了", "去不了", "参加不了")),
    (Intent.CHECKIN, ("签到", "我到了", "已到", "我来了")),
    (Intent.WHEN, ("几点", "什么时候", "哪天", "哪一天", "时间", "在哪", "地点", "when")),
    (Intent.GREETING, ("你好", "您好", "在吗", "早上好", "下午好", "晚上好", "hello")),
    (
        Intent.THANKS,
        ("谢谢", "感谢", "收到", "好的", "知道了", "明白", "辛苦", "thank", "ok", "👍", "🙏"),
    ),
)
# Longer messages are real questions or reports, not a reply in passing.
_MAX_CHARS = 30


def guess_intent(text: str) -> Intent | None:
    """The intent of a short message, or None when it is not one of the few we recognise."""
    cleaned = text.strip().lower()
    if not cleaned or len(cleaned) > _MAX_CHARS:
        return None
    for intent, words in _WORDS:
        if any(word in cleaned for word in words):
            return intent
    return None
