"""Meeting check-in (签到): time window, rotating on-screen code, location and proxy rules."""

from __future__ import annotations

import hashlib
import hmac
import math
import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from bot.domain.meetings.walltime import require_aware

__all__ = [
    "CODE_DIGITS",
    "DEFAULT_CLOSES_AFTER",
    "DEFAULT_LATE_AFTER",
    "DEFAULT_OPENS_BEFORE",
    "DEFAULT_STEP_SECONDS",
    "EARTH_RADIUS_M",
    "MIN_SECRET_BYTES",
    "CheckinStatus",
    "CheckinWindow",
    "can_check_in_for",
    "checkin_status",
    "checkin_window",
    "code_step",
    "haversine_m",
    "normalize_code",
    "proves_presence",
    "rotating_code",
    "seconds_left_in_step",
    "valid_point",
    "verify_code",
    "within_radius",
]

DEFAULT_OPENS_BEFORE = timedelta(minutes=30)
# An hour covers a typical 1-2 h session's first half; members arriving later are recorded
# by the secretary (proxy) or do 补学.
DEFAULT_CLOSES_AFTER = timedelta(minutes=60)
DEFAULT_LATE_AFTER = timedelta(minutes=10)
DEFAULT_STEP_SECONDS = 45
CODE_DIGITS = 6
MIN_SECRET_BYTES = 16
EARTH_RADIUS_M = 6_371_008.8  # IUGG mean radius

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class CheckinWindow:
    """Check-in is open for opens_at <= now < closes_at."""

    opens_at: datetime
    closes_at: datetime


class CheckinStatus(StrEnum):
    """Where `now` falls relative to a meeting's check-in window."""

    TOO_EARLY = "too_early"
    ON_TIME = "on_time"
    LATE = "late"
    CLOSED = "closed"


def checkin_window(
    starts_at: datetime,
    opens_before: timedelta = DEFAULT_OPENS_BEFORE,
    closes_after: timedelta = DEFAULT_CLOSES_AFTER,
) -> CheckinWindow:
    """The window around a meeting start (branch settings override the defaults)."""
    require_aware(starts_at, "starts_at")
    if opens_before < timedelta(0) or closes_after <= timedelta(0):
        raise ValueError("opens_before must be >= 0 and closes_after > 0")
    return CheckinWindow(starts_at - opens_before, starts_at + closes_after)


def checkin_status(
    now: datetime,
    starts_at: datetime,
    window: CheckinWindow,
    late_after: timedelta = DEFAULT_LATE_AFTER,
) -> CheckinStatus:
    """too_early < opens_at <= on_time <= start+late_after < late < closes_at <= closed."""
    require_aware(now, "now")
    require_aware(starts_at, "starts_at")
    if now < window.opens_at:
        return CheckinStatus.TOO_EARLY
    if now >= window.closes_at:
        return CheckinStatus.CLOSED
    if now <= starts_at + late_after:
        return CheckinStatus.ON_TIME
    return CheckinStatus.LATE


def code_step(t: datetime, step_seconds: int = DEFAULT_STEP_SECONDS) -> int:
    """The time-step counter (RFC 6238 T) containing t."""
    require_aware(t, "t")
    if step_seconds <= 0:
        raise ValueError("step_seconds must be positive")
    return (t - _EPOCH) // timedelta(seconds=step_seconds)


def _code_for_step(secret: bytes, meeting_id: int, step: int) -> str:
    if len(secret) < MIN_SECRET_BYTES:
        raise ValueError(f"secret must be at least {MIN_SECRET_BYTES} bytes")
    if meeting_id < 0:
        raise ValueError("meeting_id must be non-negative")
    # The meeting id is in the MAC input so one meeting's code is useless for another.
    message = meeting_id.to_bytes(8, "big") + step.to_bytes(8, "big", signed=True)
    digest = hmac.new(secret, message, hashlib.sha256).digest()
    offset = digest[-1] & 0x0F  # RFC 4226 dynamic truncation
    number = int.from_bytes(digest[offset : offset + 4], "big") & 0x7FFF_FFFF
    return str(number % 10**CODE_DIGITS).zfill(CODE_DIGITS)


def rotating_code(
    secret: bytes, meeting_id: int, t: datetime, step_seconds: int = DEFAULT_STEP_SECONDS
) -> str:
    """The 6-digit code shown on the secretary's screen at time t (HMAC-SHA256, TOTP-style)."""
    return _code_for_step(secret, meeting_id, code_step(t, step_seconds))


_CODE_RE = re.compile(rf"[0-9]{{{CODE_DIGITS}}}")


def normalize_code(code: str) -> str | None:
    """Full-width digits to ASCII, spaces and dashes removed; None unless exactly 6 digits."""
    cleaned = re.sub(r"[\s\-]", "", unicodedata.normalize("NFKC", code))
    return cleaned if _CODE_RE.fullmatch(cleaned) else None


def verify_code(
    secret: bytes,
    meeting_id: int,
    code: str,
    now: datetime,
    step_seconds: int = DEFAULT_STEP_SECONDS,
    accept_previous_steps: int = 1,
) -> bool:
    """True if code is the current step's or one of the previous accept_previous_steps' codes.

    With the defaults a code stays valid 45-90 s: slow typing is fine, an old screenshot is not.
    Every candidate is compared in constant time.
    """
    if accept_previous_steps < 0:
        raise ValueError("accept_previous_steps must be >= 0")
    current = code_step(now, step_seconds)
    candidate = normalize_code(code)
    if candidate is None:
        return False
    given = candidate.encode()
    ok = False
    for step in range(current - accept_previous_steps, current + 1):
        # No early exit: every candidate step is compared, each in constant time.
        ok |= hmac.compare_digest(given, _code_for_step(secret, meeting_id, step).encode())
    return ok


def seconds_left_in_step(now: datetime, step_seconds: int = DEFAULT_STEP_SECONDS) -> int:
    """Whole seconds (rounded up, 1..step) until the code changes: for a countdown."""
    code_step(now, step_seconds)  # validates arguments
    step = timedelta(seconds=step_seconds)
    remaining = step - (now - _EPOCH) % step
    return math.ceil(remaining / timedelta(seconds=1))


def proves_presence(live_period: int | None) -> bool:
    """Whether a shared location may check someone in: only a live one (Telegram keeps
    updating it from the phone's position). A single point, a pin dropped on the map
    included, can be sent from anywhere."""
    return live_period is not None and live_period > 0


def valid_point(lat: float, lon: float) -> bool:
    """True for finite latitude -90..90 and longitude -180..180."""
    return math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180


def _check_point(lat: float, lon: float) -> None:
    if not valid_point(lat, lon):
        raise ValueError(f"not a location: {lat}, {lon}")


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres on a sphere (error under 0.5 %, fine for 签到)."""
    _check_point(lat1, lon1)
    _check_point(lat2, lon2)
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlmb = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def within_radius(
    member_loc: tuple[float, float],
    place_loc: tuple[float, float],
    radius_m: float,
    accuracy_m: float | None = None,
) -> bool:
    """True if the member (lat, lon) is within radius_m of the place.

    A reported GPS accuracy gives the benefit of the doubt, but at most radius_m more, so a
    faked huge accuracy cannot check someone in from across town. Raises ValueError on
    impossible coordinates, non-positive radius or negative accuracy.
    """
    if not (math.isfinite(radius_m) and radius_m > 0):
        raise ValueError("radius_m must be positive")
    slack = 0.0
    if accuracy_m is not None:
        if not (math.isfinite(accuracy_m) and accuracy_m >= 0):
            raise ValueError("accuracy_m must be >= 0")
        slack = min(accuracy_m, radius_m)
    distance = haversine_m(member_loc[0], member_loc[1], place_loc[0], place_loc[1])
    return distance <= radius_m + slack


def can_check_in_for(
    *,
    actor_id: int,
    actor_branch_id: int,
    actor_is_secretary: bool,
    actor_led_group_ids: Collection[int],
    target_id: int,
    target_branch_id: int,
    target_group_id: int | None,
) -> bool:
    """Proxy check-in: the secretary for any member of the branch, a group leader for own group.

    Checking in oneself is not a proxy check-in (False); audience membership is checked apart.
    """
    if actor_id == target_id or actor_branch_id != target_branch_id:
        return False
    if actor_is_secretary:
        return True
    return target_group_id is not None and target_group_id in actor_led_group_ids
