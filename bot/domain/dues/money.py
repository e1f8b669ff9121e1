"""Amounts in yuan as Decimal to the fen: parsing what people type, and printing."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum

FEN = Decimal("0.01")
ZERO = Decimal("0.00")
# A monthly income or pension above this is a typo (an extra zero), not a salary.
MAX_INCOME = Decimal("1000000.00")
# One payment (several months and a voluntary extra) above this is a typo too.
MAX_PAYMENT = Decimal("100000.00")

_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_NOISE = re.compile(r"[\s,，_]|元|块|人民币|RMB|rmb|CNY|cny|¥|￥")
_CHINESE_NUMERALS = frozenset("零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟")
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．－", "0123456789.-")


class AmountError(StrEnum):
    """Why a typed amount is refused; rendered as "dues.amount.<value>"."""

    EMPTY = "empty"
    WORDS = "words"  # 「三千」: ask for digits
    NOT_A_NUMBER = "not_a_number"
    NEGATIVE = "negative"
    TOO_PRECISE = "too_precise"  # more than two decimals
    TOO_LARGE = "too_large"


def parse_amount(text: str, *, maximum: Decimal = MAX_INCOME) -> Decimal | AmountError:
    """Yuan typed by a person ("3000", "3,000.5元", "￥12.30") as Decimal, or why not."""
    raw = text.strip().translate(_FULL_WIDTH)
    if not raw:
        return AmountError.EMPTY
    cleaned = _NOISE.sub("", raw)
    if cleaned.startswith("-") or raw.startswith("负"):
        return AmountError.NEGATIVE
    if any(ch in _CHINESE_NUMERALS for ch in cleaned):
        return AmountError.WORDS
    if not _NUMBER.fullmatch(cleaned):
        return AmountError.NOT_A_NUMBER
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return AmountError.NOT_A_NUMBER
    if "." in cleaned and len(cleaned.split(".", 1)[1]) > 2:
        return AmountError.TOO_PRECISE
    if value > maximum:
        return AmountError.TOO_LARGE
    return value.quantize(FEN)


def to_fen(value: Decimal) -> Decimal:
    """Rounded half up to the fen, as 党费 are computed."""
    return value.quantize(FEN, rounding=ROUND_HALF_UP)


def yuan(value: Decimal) -> str:
    """ "12.50" — always two decimals, never scientific notation."""
    return f"{to_fen(value):.2f}"
