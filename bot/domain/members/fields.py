"""Member record fields: categories, error codes, and parsing of what people type or import."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from enum import Enum, StrEnum


class Category(StrEnum):
    """Kind of member; values are stored in the DB."""

    DIRECT = "direct"  # 直管党员
    EMPLOYED = "employed"  # 在职党员
    MOBILE = "mobile"  # 流动党员
    RETIRED = "retired"  # 离退休党员
    PROBATIONARY = "probationary"  # 预备党员
    ACTIVIST = "activist"  # 入党积极分子: a contact, not a member


class MemberError(Enum):
    """Why a member field or roster row is refused; the caller renders the text."""

    NAME_EMPTY = "name_empty"
    NAME_TOO_LONG = "name_too_long"
    NAME_BAD_CHARS = "name_bad_chars"
    NAME_NO_LETTERS = "name_no_letters"
    PHONE_MALFORMED = "phone_malformed"
    CATEGORY_MISSING = "category_missing"
    CATEGORY_UNKNOWN = "category_unknown"
    GROUP_UNKNOWN = "group_unknown"
    JOINED_DATE_INVALID = "joined_date_invalid"
    FULL_DATE_INVALID = "full_date_invalid"
    JOINED_IN_FUTURE = "joined_in_future"
    FULL_IN_FUTURE = "full_in_future"
    JOINED_TOO_EARLY = "joined_too_early"
    FULL_TOO_EARLY = "full_too_early"
    FULL_BEFORE_JOINED = "full_before_joined"
    PROBATIONARY_HAS_FULL_DATE = "probationary_has_full_date"
    ACTIVIST_HAS_DATES = "activist_has_dates"
    WORK_UNIT_TOO_LONG = "work_unit_too_long"
    DUPLICATE_EXISTING = "duplicate_existing"
    PHONE_TAKEN = "phone_taken"
    DUPLICATE_IN_FILE = "duplicate_in_file"


NAME_MAX_CHARS = 30
WORK_UNIT_MAX_CHARS = 100  # members.work_unit is String(100)

# Label (normalised: NFKC, no spaces, casefolded, trailing 党员/member dropped) -> category.
_CATEGORY_LABELS: dict[str, Category] = {
    "直管": Category.DIRECT,
    "direct": Category.DIRECT,
    "在职": Category.EMPLOYED,
    "employed": Category.EMPLOYED,
    "流动": Category.MOBILE,
    "mobile": Category.MOBILE,
    "migrant": Category.MOBILE,
    "离退休": Category.RETIRED,
    "退休": Category.RETIRED,
    "离休": Category.RETIRED,
    "retired": Category.RETIRED,
    "预备": Category.PROBATIONARY,
    "probationary": Category.PROBATIONARY,
    "积极分子": Category.ACTIVIST,
    "入党积极分子": Category.ACTIVIST,
    "activist": Category.ACTIVIST,
}

_BAD_CHAR_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp"})
_MIDDLE_DOTS = "·•・‧"  # minority names: 买买提·艾力, typed with any of these
_PHONE_JUNK = re.compile(r"[\s\-()]")
_MOBILE = re.compile(r"1[3-9]\d{9}")
_TIME_SUFFIX = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
_DATE_SEPARATED = re.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})" + _TIME_SUFFIX)
_DATE_CHINESE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})[日号]?")
_DATE_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")


def parse_category(label: str) -> Category | None:
    """The category for a Chinese or English label (直管党员, 预备, retired ...), else None."""
    key = "".join(unicodedata.normalize("NFKC", label).split()).casefold()
    if key in _CATEGORY_LABELS:
        return _CATEGORY_LABELS[key]
    for suffix in ("党员", "member"):
        if key.endswith(suffix) and key != suffix:
            return _CATEGORY_LABELS.get(key.removesuffix(suffix))
    return None


def _joins_tight(ch: str) -> bool:
    """Characters between which a space is only alignment padding (张　三 -> 张三)."""
    code = ord(ch)
    return (
        0x3400 <= code <= 0x4DBF
        or 0x4E00 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x3FFFF
        or ch in _MIDDLE_DOTS
    )


def _tidy_spaces(text: str) -> str:
    """Drop spaces between CJK characters, collapse other runs of spaces to one."""
    parts = text.split()
    if not parts:
        return ""
    out = [parts[0]]
    for part in parts[1:]:
        tight = _joins_tight(out[-1][-1]) and _joins_tight(part[0])
        out.append(part if tight else " " + part)
    return "".join(out)


def validate_name(raw: str) -> str | MemberError:
    """The cleaned name (trimmed, CJK padding removed), or why it is refused."""
    text = raw.strip()
    if not text:
        return MemberError.NAME_EMPTY
    if any(unicodedata.category(ch) in _BAD_CHAR_CATEGORIES for ch in text):
        return MemberError.NAME_BAD_CHARS
    name = _tidy_spaces(text)
    if len(name) > NAME_MAX_CHARS:
        return MemberError.NAME_TOO_LONG
    # Digits-only "names" are nearly always a phone or a serial number in the wrong column.
    if not any(unicodedata.category(ch).startswith("L") for ch in name):
        return MemberError.NAME_NO_LETTERS
    return name


def name_key(name: str) -> str:
    """A comparison key for names: width-, case- and padding-insensitive."""
    text = unicodedata.normalize("NFKC", name)
    for dot in _MIDDLE_DOTS:
        text = text.replace(dot, "·")
    return _tidy_spaces(text).casefold()


def normalize_phone(raw: str) -> str | MemberError | None:
    """An 11-digit mainland mobile number; None when blank; PHONE_MALFORMED otherwise."""
    text = _PHONE_JUNK.sub("", unicodedata.normalize("NFKC", raw))
    if not text:
        return None
    if text.startswith("+86"):
        text = text[3:]
    elif text.startswith("0086"):
        text = text[4:]
    elif len(text) == 13 and text.startswith("86"):
        text = text[2:]
    if _MOBILE.fullmatch(text):
        return text
    return MemberError.PHONE_MALFORMED


def parse_date(text: str) -> date | None:
    """A date from 2020-07-01, 2020/7/1, 2020.7.1, 2020年7月1日 or 20200701; None if invalid."""
    value = " ".join(unicodedata.normalize("NFKC", text).split())
    if m := _DATE_SEPARATED.fullmatch(value):
        year, _, month, day = m.groups()
    else:
        compact = value.replace(" ", "")
        m = _DATE_CHINESE.fullmatch(compact) or _DATE_COMPACT.fullmatch(compact)
        if m is None:
            return None
        year, month, day = m.groups()
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def validate_work_unit(raw: str) -> str | MemberError | None:
    """The cleaned work unit, None when blank, or WORK_UNIT_TOO_LONG."""
    text = "".join(ch for ch in raw if unicodedata.category(ch) not in _BAD_CHAR_CATEGORIES)
    value = " ".join(text.split())
    if not value:
        return None
    if len(value) > WORK_UNIT_MAX_CHARS:
        return MemberError.WORK_UNIT_TOO_LONG
    return value
