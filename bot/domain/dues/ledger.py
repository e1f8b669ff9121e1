"""A member's dues lines: what is unpaid, arrears, which months a payment may cover."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any

from bot.domain.authz import permits, subject
from bot.domain.dues.money import ZERO
from bot.domain.dues.months import Month, add_months, is_month, months_between

DEFAULT_REMINDER_DAYS: tuple[int, ...] = (10, 25)
DEFAULT_PREPAY_MONTHS = 2  # the current month and two ahead: one quarter at a time
MAX_PREPAY_MONTHS = 12
BACK_PAY_MONTHS = 6  # back-payment normally no more than 6 months
# Art. 9 of the constitution: six months unpaid without reason.
LEAVING_LINE = 6
OFFICER_ALERTS = (3, 5, 6)


@dataclass(frozen=True)
class Line:
    """One month of one member: what was due and what was recorded paid."""

    month: Month
    due: Decimal | None  # None: no basis recorded yet (待核定)
    paid: Decimal = ZERO
    claimed: bool = False  # a 「我已缴纳」 waits for confirmation

    @property
    def settled(self) -> bool:
        return self.due is not None and self.paid >= self.due

    @property
    def owed(self) -> Decimal:
        if self.due is None:
            return ZERO
        return max(self.due - self.paid, ZERO)


@dataclass(frozen=True)
class Settings:
    """A branch's dues settings (stored in branches.settings["dues"])."""

    reminder_days: tuple[int, ...] = DEFAULT_REMINDER_DAYS
    prepay_months: int = DEFAULT_PREPAY_MONTHS
    # The committee member in charge of dues (the treasurer); None: the secretary alone.
    treasurer_id: int | None = None


def settings_from(raw: Mapping[str, Any] | None) -> Settings:
    """Valid settings from whatever is stored; anything odd falls back to the default."""
    dues = (raw or {}).get("dues")
    if not isinstance(dues, Mapping):
        return Settings()
    days = dues.get("reminder_days")
    valid_days = DEFAULT_REMINDER_DAYS
    if isinstance(days, list) and days and all(isinstance(d, int) and 1 <= d <= 28 for d in days):
        valid_days = tuple(sorted(set(days)))
    prepay = dues.get("prepay_months")
    valid_prepay = DEFAULT_PREPAY_MONTHS
    if isinstance(prepay, int) and 0 <= prepay <= MAX_PREPAY_MONTHS:
        valid_prepay = prepay
    treasurer = dues.get("treasurer_id")
    valid_treasurer = treasurer if isinstance(treasurer, int) and treasurer > 0 else None
    return Settings(valid_days, valid_prepay, valid_treasurer)


def handles_dues(role: str, member_id: int, treasurer_id: int | None) -> bool:
    """Whether someone sees incomes and confirms, records and reports dues.

    Incomes are personal information: the secretary and the one committee member the
    secretary put in charge of dues (the treasurer), not every committee member.
    """
    treasurer = treasurer_id is not None and member_id == treasurer_id
    return permits("dues.record_dues", subject(role, treasurer=treasurer))


def parse_days(text: str) -> tuple[int, ...] | None:
    """ "10,25" / "10 25" / "10、25" as reminder days (1-28), or None."""
    unified = text.replace("，", ",").replace("、", ",").replace(" ", ",")
    parts = [p for p in unified.split(",") if p]
    if not parts or len(parts) > 4 or not all(p.isdecimal() for p in parts):
        return None
    days = sorted({int(p) for p in parts})
    return tuple(days) if all(1 <= d <= 28 for d in days) else None


def unpaid(lines: Iterable[Line], current: Month) -> list[Line]:
    """Lines up to the current month that are owed (a line with no basis yet is not owed)."""
    return sorted(
        (ln for ln in lines if ln.month <= current and ln.due is not None and not ln.settled),
        key=lambda ln: ln.month,
    )


def arrears_months(lines: Iterable[Line], current: Month) -> int:
    """Months before the current one still unpaid (the current month is due, not in arrears)."""
    return sum(1 for ln in unpaid(lines, current) if ln.month < current and ln.owed > 0)


class Tone(StrEnum):
    """How a reminder is worded; rendered as "dues.remind.<value>"."""

    GENTLE = "gentle"  # only this month
    FIRM = "firm"  # earlier months too
    SERIOUS = "serious"  # close to the six-month line


def reminder_tone(arrears: int) -> Tone:
    if arrears == 0:
        return Tone.GENTLE
    if arrears < OFFICER_ALERTS[1]:
        return Tone.FIRM
    return Tone.SERIOUS


def officer_alert(arrears: int) -> int | None:
    """The alert the secretary gets privately (3, 5) or the flag at the line (6+)."""
    if arrears >= LEAVING_LINE:
        return LEAVING_LINE
    return arrears if arrears in OFFICER_ALERTS else None


def is_reminder_day(day_of_month: int, settings: Settings) -> bool:
    return day_of_month in settings.reminder_days


class MonthsError(StrEnum):
    """Why a set of months cannot be paid; rendered as "dues.months.<value>"."""

    NONE = "none"
    BAD_MONTH = "bad_month"
    TOO_FAR_AHEAD = "too_far_ahead"
    TOO_OLD = "too_old"
    ALREADY_PAID = "already_paid"
    ALREADY_CLAIMED = "already_claimed"
    BEFORE_START = "before_start"


def check_months(
    months: Sequence[Month],
    *,
    current: Month,
    settings: Settings,
    start: Month | None,
    lines: Mapping[Month, Line],
    ignore_claims: bool = False,
) -> MonthsError | None:
    """None if one payment may cover these months (back ≤ 6 months, ahead ≤ branch limit)."""
    if not months:
        return MonthsError.NONE
    if not all(is_month(m) for m in months):
        return MonthsError.BAD_MONTH
    for month in months:
        if months_between(current, month) > settings.prepay_months:
            return MonthsError.TOO_FAR_AHEAD
        if months_between(month, current) > BACK_PAY_MONTHS:
            return MonthsError.TOO_OLD
        if start is not None and month < start:
            return MonthsError.BEFORE_START
        line = lines.get(month)
        if line is not None and line.settled:
            return MonthsError.ALREADY_PAID
        if line is not None and line.claimed and not ignore_claims:
            return MonthsError.ALREADY_CLAIMED
    return None


def payable_months(
    *, current: Month, settings: Settings, start: Month | None, lines: Mapping[Month, Line]
) -> list[Month]:
    """Months a member may pick in 「我已缴纳」, oldest first."""
    found = []
    for offset in range(-BACK_PAY_MONTHS, settings.prepay_months + 1):
        month = add_months(current, offset)
        line = lines.get(month)
        if start is not None and month < start:
            continue
        if offset < 0 and (line is None or line.settled or line.owed == 0):
            continue  # the past: only months actually owed
        if line is not None and (line.settled or line.claimed):
            continue
        found.append(month)
    return found


def split_payment(amount: Decimal, owed: Sequence[Decimal]) -> tuple[list[Decimal], Decimal]:
    """How a paid amount covers each month in order; the rest is a voluntary extra."""
    parts: list[Decimal] = []
    left = amount
    for value in owed:
        part = min(left, value)
        parts.append(part)
        left -= part
    return parts, left
