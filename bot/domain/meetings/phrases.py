"""Lexer for one-line recurrence specs, zh and en ("每月26日 09:00", "every Tuesday 19:30").

It only finds the pieces (time, weekdays, days, months, frequency) and what is left over;
bot.domain.meetings.recurrence.parse_recurrence turns them into a Recurrence or an error code.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

__all__ = ["Phrase", "cn_number", "lex_phrase"]

_CN_DIGITS = dict(
    zip("零〇一二两三四五六七八九", (0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9), strict=True)
)
_EN_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_NUM = r"(?:\d{1,2}|[零〇一二两三四五六七八九十]{1,3})"


def cn_number(text: str) -> int | None:
    """Parse 0..99 written as ASCII digits or Chinese numerals (十二, 二十六, 两); None if not."""
    if text.isascii() and text.isdigit():
        return int(text)
    if text in _EN_NUMBERS:
        return _EN_NUMBERS[text]
    if not text or any(c not in _CN_DIGITS and c != "十" for c in text):
        return None
    tens, sep, ones = text.partition("十")
    if not sep:
        return _CN_DIGITS[text] if len(text) == 1 else None
    if len(tens) > 1 or len(ones) > 1 or "十" in ones:
        return None
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)


@dataclass
class Phrase:
    """The pieces found in a spec; weekday 0 = Monday, nth None/1..4/-1."""

    freq: str | None = None  # weekly / monthly / quarterly / yearly / bare ("每", "every")
    interval: int = 1
    hour: int | None = None
    minute: int | None = None
    bad_time: bool = False
    bad_number: bool = False
    weekdays: list[tuple[int, int | None]] = field(default_factory=list)
    monthdays: list[int] = field(default_factory=list)
    months: list[int] = field(default_factory=list)
    quarter_month: int | None = None  # 1 = first month of the quarter … 3 = last
    leftover: str = ""


_PERIOD = r"(凌晨|早上|早晨|上午|中午|下午|傍晚|晚上|晚)?"
_TIME_PATTERNS = (
    re.compile(rf"{_PERIOD}\s*(\d{{1,2}}):(\d{{2}})\s*(a\.?m\.?|p\.?m\.?)?"),
    # Not after 周/期/拜 so "每周一十点" is Monday 10:00, not hour "一十".
    re.compile(
        rf"{_PERIOD}\s*(?<![周期拜第])({_NUM})\s*[点點时時]钟?\s*"
        rf"(?:(半)|(一刻)|(三刻)|({_NUM})\s*分?)?"
    ),
    re.compile(r"()(\d{1,2})(?::(\d{2}))?\s*(a\.?m\.?|p\.?m\.?)"),
    re.compile(r"()\bat\s+(\d{1,2})(?::(\d{2}))?\b(?!\s*(?:st|nd|rd|th))"),
    re.compile(r"()\b(noon)\b"),
)
_PM_WORDS = frozenset({"中午", "下午", "傍晚", "晚上", "晚", "pm"})


def _adjust_hour(hour: int, period: str) -> int:
    period = period.replace(".", "")
    if period in ("am", "凌晨") and hour == 12:
        return 0
    if period == "中午":
        return hour + 12 if 1 <= hour <= 5 else hour
    if period in _PM_WORDS and 1 <= hour <= 11:
        return hour + 12
    return hour


def _zh_minutes(groups: tuple[str | None, ...]) -> int | None:
    half, quarter, three_quarters, number = groups
    if half or quarter or three_quarters:
        return 30 if half else 15 if quarter else 45
    return cn_number(number) if number else 0


def _take_time(s: str, phrase: Phrase) -> str:
    for index, pattern in enumerate(_TIME_PATTERNS):
        match = pattern.search(s)
        if match is None:
            continue
        groups = match.groups()
        if groups[1] == "noon":
            hour, minute = 12, 0
        elif index == 1:
            hour_n = cn_number(groups[1])
            minute_n = _zh_minutes(groups[2:])
            if hour_n is None or minute_n is None:
                phrase.bad_time = True
                return s[: match.start()] + " " + s[match.end() :]
            hour, minute = _adjust_hour(hour_n, groups[0] or ""), minute_n
        else:
            period = groups[0] or (groups[3] if len(groups) > 3 else None) or ""
            hour = _adjust_hour(int(groups[1]), period)
            minute = int(groups[2]) if groups[2] else 0
        phrase.hour, phrase.minute = hour, minute
        phrase.bad_time = not (0 <= hour <= 23 and 0 <= minute <= 59)
        return s[: match.start()] + " " + s[match.end() :]
    return s


_ZH_WEEKDAY = dict(
    zip("一二三四五六日天1234567", (0, 1, 2, 3, 4, 5, 6, 6, 0, 1, 2, 3, 4, 5, 6), strict=True)
)
_ZH_WD = r"(?:周|星期|礼拜)\s*([一二三四五六日天1-7])"
_ZH_NTH = re.compile(
    rf"(?:第\s*([一二三四1-4])\s*个?|(最后一|最后|倒数第一)\s*个?|(首|头)\s*个?)\s*{_ZH_WD}"
)
_ZH_PLAIN = re.compile(_ZH_WD)
_EN_DAYS = (
    "monday|mon",
    "tuesday|tues|tue",
    "wednesday|wed",
    "thursday|thurs|thu",
    "friday|fri",
    "saturday|sat",
    "sunday|sun",
)
_EN_WD = "(" + "|".join(_EN_DAYS) + ")"
_EN_ORD = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3}
_EN_ORD |= {"fourth": 4, "4th": 4, "last": -1}
_EN_NTH = re.compile(rf"\b(first|1st|second|2nd|third|3rd|fourth|4th|last)\s+{_EN_WD}s?\b")
_EN_PLAIN = re.compile(rf"\b{_EN_WD}s?\b")


def _en_weekday(name: str) -> int:
    return next(i for i, alts in enumerate(_EN_DAYS) if name in alts.split("|"))


def _take_weekdays(s: str, phrase: Phrase) -> str:
    def nth_zh(m: re.Match[str]) -> str:
        nth = -1 if m.group(2) else 1 if m.group(3) else cn_number(m.group(1))
        phrase.weekdays.append((_ZH_WEEKDAY[m.group(4)], nth))
        return " "

    def plain_zh(m: re.Match[str]) -> str:
        phrase.weekdays.append((_ZH_WEEKDAY[m.group(1)], None))
        return " "

    def nth_en(m: re.Match[str]) -> str:
        phrase.weekdays.append((_en_weekday(m.group(2)), _EN_ORD[m.group(1)]))
        return " "

    def plain_en(m: re.Match[str]) -> str:
        phrase.weekdays.append((_en_weekday(m.group(1)), None))
        return " "

    s = _ZH_NTH.sub(nth_zh, s)
    s = _ZH_PLAIN.sub(plain_zh, s)
    s = _EN_NTH.sub(nth_en, s)
    return _EN_PLAIN.sub(plain_en, s)


_QUARTER_MONTH = (
    (re.compile(r"首月|第\s*[一1]\s*个?月|头一?个月"), 1),
    (re.compile(r"次月|中间一?个?月|第\s*[二2]\s*个?月"), 2),
    (re.compile(r"末月|尾月|最后一?个?月|第\s*[三3]\s*个?月"), 3),
    (re.compile(r"\b(?:first|1st)\s+month\s+of\b"), 1),
    (re.compile(r"\b(?:second|2nd|middle)\s+month\s+of\b"), 2),
    (re.compile(r"\b(?:third|3rd|last)\s+month\s+of\b"), 3),
)


def _take_quarter_month(s: str, phrase: Phrase) -> str:
    for pattern, position in _QUARTER_MONTH:
        s, found = pattern.subn(" ", s)
        if found:
            phrase.quarter_month = position if phrase.quarter_month in (None, position) else 0
    return s


_N = r"(\d{1,2}|[一二两三四五六七八九十]{1,3}|two|three|four|five|six)"
_FREQ_PATTERNS = (
    (re.compile(r"每\s*隔\s*一?\s*个?\s*(?:周|星期|礼拜)|隔周|双周"), "weekly", 2),
    (re.compile(r"每\s*隔\s*一?\s*个\s*月|隔月"), "monthly", 2),
    (re.compile(r"每\s*个?\s*季度?"), "quarterly", 1),
    (re.compile(rf"每\s*{_N}?\s*年度?"), "yearly", 1),
    (re.compile(rf"每\s*{_N}?\s*个?\s*月"), "monthly", 1),
    (re.compile(rf"每\s*{_N}?\s*个?\s*(?:周|星期|礼拜)"), "weekly", 1),
    (re.compile(r"\bevery\s+other\s+week\b|\bbiweekly\b|\bfortnightly\b"), "weekly", 2),
    (re.compile(r"\bevery\s+other\s+month\b|\bbimonthly\b"), "monthly", 2),
    (re.compile(rf"\bevery\s+{_N}\s+weeks\b"), "weekly", 1),
    (re.compile(rf"\bevery\s+{_N}\s+months\b"), "monthly", 1),
    (re.compile(rf"\bevery\s+{_N}\s+years\b"), "yearly", 1),
    (re.compile(r"\b(?:every|each)\s+week\b|\bweekly\b"), "weekly", 1),
    (re.compile(r"\b(?:every|each)\s+month\b|\bmonthly\b"), "monthly", 1),
    (re.compile(r"\b(?:every|each)\s+quarter\b|\bquarterly\b"), "quarterly", 1),
    (re.compile(r"\b(?:every|each)\s+year\b|\byearly\b|\bannually\b"), "yearly", 1),
    (re.compile(r"每|\bevery\b|\beach\b"), "bare", 1),
)


def _take_frequency(s: str, phrase: Phrase) -> str:
    for pattern, freq, interval in _FREQ_PATTERNS:
        match = pattern.search(s)
        if match is None:
            continue
        phrase.freq, phrase.interval = freq, interval
        if match.groups() and match.group(1):
            number = cn_number(match.group(1))
            phrase.interval = number if number else 0
        return s[: match.start()] + " " + s[match.end() :]
    return s


_EN_MONTHS = (
    "january|jan",
    "february|feb",
    "march|mar",
    "april|apr",
    "may",
    "june|jun",
    "july|jul",
    "august|aug",
    "september|sept|sep",
    "october|oct",
    "november|nov",
    "december|dec",
)
_EN_MONTH = re.compile(r"\b(" + "|".join(_EN_MONTHS) + r")\b")
_ZH_MONTH = re.compile(rf"({_NUM})\s*月(?:份)?")
_ZH_DAY = re.compile(rf"({_NUM})\s*[日号號]")
_LAST_DAY = re.compile(r"最后\s*一\s*天|月\s*底|月\s*末|\blast\s+day\b")
_EN_DAY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\b")


def _take_days(s: str, phrase: Phrase) -> str:
    def month_en(m: re.Match[str]) -> str:
        phrase.months.append(
            next(i for i, a in enumerate(_EN_MONTHS, 1) if m.group(1) in a.split("|"))
        )
        return " "

    def number_into(target: list[int]) -> Callable[[re.Match[str]], str]:
        def repl(m: re.Match[str]) -> str:
            number = cn_number(m.group(1))
            if number is None:
                phrase.bad_number = True
            else:
                target.append(number)
            return " "

        return repl

    s = _EN_MONTH.sub(month_en, s)
    s = _ZH_MONTH.sub(number_into(phrase.months), s)
    s = _ZH_DAY.sub(number_into(phrase.monthdays), s)
    return _EN_DAY.sub(number_into(phrase.monthdays), s)


_FILLER = re.compile(r"[\s,;.、的在于和及与]+|\b(?:on|at|of|the|in|and)\b")


def lex_phrase(text: str) -> Phrase:
    """Split a spec into its pieces; anything unrecognised ends up in Phrase.leftover."""
    # NFKC folds full-width digits, colons and commas to ASCII so one set of patterns serves.
    s = unicodedata.normalize("NFKC", text).lower()
    phrase = Phrase()
    s = _take_time(s, phrase)
    s = _take_weekdays(s, phrase)
    s = _take_quarter_month(s, phrase)
    # Before the frequency, so "每月底" leaves "每" rather than a stray "底".
    s, lasts = _LAST_DAY.subn(" ", s)
    phrase.monthdays.extend([-1] * lasts)
    s = _take_frequency(s, phrase)
    s = _take_days(s, phrase)
    phrase.leftover = _FILLER.sub("", s)
    return phrase
