"""Dates and times as people read them, in zh and en, from CLDR through Babel.

One place instead of strftime patterns scattered over features: 「3月2日 09:00」 reads naturally to
an older member where 「03-02 09:00」 reads like a code, and English gets "Mar 2, 09:00".
Moments are stored in UTC and shown in the branch's time zone.
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel.dates import format_skeleton

__all__ = ["clock", "day", "day_long", "moment", "month", "weekday"]

_LOCALES = {"zh": "zh_Hans_CN", "en": "en"}


def _locale(lang: str | None) -> str:
    return _LOCALES.get(lang or "zh", _LOCALES["zh"])


def _local(when: datetime, tz: str | tzinfo | None) -> datetime:
    zone = ZoneInfo(tz) if isinstance(tz, str) else tz
    return when.astimezone(zone) if zone is not None else when


@lru_cache(maxsize=4096)
def _formatted(skeleton: str, d: date, locale: str) -> str:
    # Babel matches the skeleton against the locale's CLDR patterns on every call (~1 ms): a
    # district's monthly digests and a minute's reminders format tens of thousands of days,
    # mostly the same few. A day's text in a locale never changes, so each is made once.
    return format_skeleton(skeleton, d, locale=locale)


def day(d: date, lang: str | None) -> str:
    """「3月2日」 / "Mar 2"."""
    return _formatted("MMMd", d, _locale(lang))


def day_long(d: date, lang: str | None) -> str:
    """「2026年3月2日」 / "Mar 2, 2026"."""
    return _formatted("yMMMd", d, _locale(lang))


def weekday(d: date, lang: str | None) -> str:
    """「周一」 / "Mon"."""
    return _formatted("EEE", d, _locale(lang))


def month(d: date, lang: str | None) -> str:
    """「2026年3月」 / "March 2026"."""
    return _formatted("yMMMM", d, _locale(lang))


def clock(when: datetime, tz: str | tzinfo | None = None) -> str:
    """「09:05」 in the branch's zone (the same 24-hour clock in both languages)."""
    local = _local(when, tz)
    return f"{local.hour:02d}:{local.minute:02d}"


def moment(when: datetime, tz: str | tzinfo | None, lang: str | None, *, year: bool = False) -> str:
    """「3月2日 09:05」 / "Mar 2, 09:05" (with the year: 「2026年3月2日 09:05」)."""
    local = _local(when, tz)
    shown = day_long(local.date(), lang) if year else day(local.date(), lang)
    separator = " " if _locale(lang).startswith("zh") else ", "
    return f"{shown}{separator}{clock(local)}"
