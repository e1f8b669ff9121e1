"""Branch-local wall time <-> UTC, with explicit DST gap and fold rules (zoneinfo, PEP 495)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = [
    "LocalParts",
    "is_ambiguous",
    "is_nonexistent",
    "is_valid_tz",
    "local_date",
    "local_day_bounds_utc",
    "local_parts",
    "local_to_utc",
    "require_aware",
    "to_local",
    "zone",
]


def zone(tz_name: str) -> ZoneInfo:
    """Return the ZoneInfo for an IANA name; raises ValueError for unknown names."""
    try:
        return ZoneInfo(tz_name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown time zone {tz_name!r}") from exc


def is_valid_tz(tz_name: str) -> bool:
    """True if tz_name is a known IANA time zone name."""
    try:
        zone(tz_name)
    except ValueError:
        return False
    return True


def require_aware(dt: datetime, name: str = "datetime") -> None:
    """Raise ValueError if dt is naive: rules never guess a time zone."""
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware")


def to_local(dt_utc: datetime, tz_name: str) -> datetime:
    """Convert an aware datetime to an aware datetime in tz_name."""
    require_aware(dt_utc, "dt_utc")
    return dt_utc.astimezone(zone(tz_name))


def local_to_utc(naive_local: datetime, tz_name: str) -> datetime:
    """Interpret a naive wall-clock time in tz_name and return it in UTC.

    A nonexistent time (spring-forward gap) moves forward by the gap's length
    (Berlin 02:30 on the switch day -> 03:30 CEST); an ambiguous time (autumn fold)
    is the first occurrence (Berlin 02:30 -> 02:30 CEST). Both follow from fold=0.
    """
    if naive_local.tzinfo is not None:
        raise ValueError("naive_local must be naive")
    return naive_local.replace(tzinfo=zone(tz_name), fold=0).astimezone(UTC)


def is_nonexistent(naive_local: datetime, tz_name: str) -> bool:
    """True if the wall time is skipped by a DST gap in tz_name."""
    if naive_local.tzinfo is not None:
        raise ValueError("naive_local must be naive")
    back = local_to_utc(naive_local, tz_name).astimezone(zone(tz_name)).replace(tzinfo=None)
    return back != naive_local


def is_ambiguous(naive_local: datetime, tz_name: str) -> bool:
    """True if the wall time happens twice in tz_name (DST fold)."""
    if is_nonexistent(naive_local, tz_name):
        return False
    tz = zone(tz_name)
    first = naive_local.replace(tzinfo=tz, fold=0).utcoffset()
    second = naive_local.replace(tzinfo=tz, fold=1).utcoffset()
    return first != second


@dataclass(frozen=True, slots=True)
class LocalParts:
    """A UTC instant as the branch sees it on the wall clock."""

    date: date
    time: time
    weekday: int  # 0 = Monday
    utc_offset: timedelta
    tz_abbrev: str


def local_parts(dt_utc: datetime, tz_name: str) -> LocalParts:
    """Split an aware instant into local date, time, weekday and offset for renderers."""
    local = to_local(dt_utc, tz_name)
    offset = local.utcoffset()
    assert offset is not None  # aware by construction
    return LocalParts(
        date=local.date(),
        time=local.time().replace(tzinfo=None),
        weekday=local.weekday(),
        utc_offset=offset,
        tz_abbrev=local.tzname() or tz_name,
    )


def local_date(dt_utc: datetime, tz_name: str) -> date:
    """The local calendar date of an aware instant."""
    return to_local(dt_utc, tz_name).date()


def local_day_bounds_utc(day: date, tz_name: str) -> tuple[datetime, datetime]:
    """UTC [start, end) of a local calendar day (23 or 25 hours long on DST days)."""
    start = local_to_utc(datetime.combine(day, time.min), tz_name)
    end = local_to_utc(datetime.combine(day + timedelta(days=1), time.min), tz_name)
    return start, end
