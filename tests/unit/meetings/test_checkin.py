"""Check-in window, rotating code, location and proxy rules."""

from __future__ import annotations

import hashlib
import hmac
import math
from datetime import UTC, datetime, timedelta

import pytest

from bot.domain.meetings.checkin import (
    EARTH_RADIUS_M,
    CheckinStatus,
    CheckinWindow,
    can_check_in_for,
    checkin_status,
    checkin_window,
    code_step,
    haversine_m,
    normalize_code,
    proves_presence,
    rotating_code,
    seconds_left_in_step,
    valid_point,
    verify_code,
    within_radius,
)

START = datetime(2025, 6, 26, 1, 0, tzinfo=UTC)
M, S = timedelta(minutes=1), timedelta(seconds=1)
US = timedelta(microseconds=1)


# ---- window ---------------------------------------------------------------------------------


def test_default_window() -> None:
    assert checkin_window(START) == CheckinWindow(START - 30 * M, START + 60 * M)
    assert checkin_window(START, 15 * M, 90 * M) == CheckinWindow(START - 15 * M, START + 90 * M)


def test_window_rejects_bad_settings() -> None:
    with pytest.raises(ValueError):
        checkin_window(START, -M)
    with pytest.raises(ValueError):
        checkin_window(START, 30 * M, timedelta(0))
    with pytest.raises(ValueError):
        checkin_window(datetime(2025, 6, 26, 9))


@pytest.mark.parametrize(
    ("offset", "status"),
    [
        (-30 * M - US, CheckinStatus.TOO_EARLY),
        (-30 * M, CheckinStatus.ON_TIME),
        (timedelta(0), CheckinStatus.ON_TIME),
        (10 * M, CheckinStatus.ON_TIME),
        (10 * M + US, CheckinStatus.LATE),
        (60 * M - US, CheckinStatus.LATE),
        (60 * M, CheckinStatus.CLOSED),
        (5 * 60 * M, CheckinStatus.CLOSED),
    ],
)
def test_status_at_boundaries(offset: timedelta, status: CheckinStatus) -> None:
    window = checkin_window(START)
    assert checkin_status(START + offset, START, window) == status


def test_custom_late_after() -> None:
    window = checkin_window(START)
    assert (
        checkin_status(START + 3 * M, START, window, late_after=timedelta(0)) == CheckinStatus.LATE
    )
    assert checkin_status(START, START, window, late_after=timedelta(0)) == CheckinStatus.ON_TIME


# ---- rotating code --------------------------------------------------------------------------

SECRET = bytes(range(32))
MEETING = 42
STEP_START = datetime.fromtimestamp(45 * 38_888_888, tz=UTC)  # on a 45-s boundary


def reference_code(secret: bytes, meeting_id: int, counter: int) -> str:
    """RFC 4226 dynamic truncation, written out independently."""
    mac = hmac.new(
        secret, meeting_id.to_bytes(8, "big") + counter.to_bytes(8, "big"), hashlib.sha256
    ).digest()
    offset = mac[-1] & 0xF
    value = (
        ((mac[offset] & 0x7F) << 24)
        | (mac[offset + 1] << 16)
        | (mac[offset + 2] << 8)
        | mac[offset + 3]
    )
    return f"{value % 1_000_000:06d}"


def test_code_matches_reference_and_shape() -> None:
    code = rotating_code(SECRET, MEETING, STEP_START)
    assert code == reference_code(SECRET, MEETING, 38_888_888)
    assert len(code) == 6
    assert code.isdigit()


def test_code_constant_within_step_and_changes_between_steps() -> None:
    first = rotating_code(SECRET, MEETING, STEP_START)
    assert rotating_code(SECRET, MEETING, STEP_START + 44 * S + 999_999 * US) == first
    codes = {rotating_code(SECRET, MEETING, STEP_START + k * 45 * S) for k in range(20)}
    assert len(codes) >= 19  # a repeat among 20 six-digit codes is possible but not two
    assert rotating_code(SECRET, MEETING, STEP_START + 45 * S) != first


def test_code_depends_on_meeting_and_secret() -> None:
    code = rotating_code(SECRET, MEETING, STEP_START)
    assert rotating_code(SECRET, MEETING + 1, STEP_START) != code
    assert rotating_code(bytes(32), MEETING, STEP_START) != code
    assert not verify_code(SECRET, MEETING + 1, code, STEP_START)


def test_verify_accepts_current_and_previous_step() -> None:
    code = rotating_code(SECRET, MEETING, STEP_START)
    assert verify_code(SECRET, MEETING, code, STEP_START)
    assert verify_code(SECRET, MEETING, code, STEP_START + 44 * S)
    assert verify_code(SECRET, MEETING, code, STEP_START + 50 * S)  # one step later
    assert verify_code(SECRET, MEETING, code, STEP_START + 89 * S)
    assert not verify_code(SECRET, MEETING, code, STEP_START + 90 * S)  # two steps later


def test_verify_rejects_three_minute_old_code() -> None:
    code = rotating_code(SECRET, MEETING, STEP_START)
    assert not verify_code(SECRET, MEETING, code, STEP_START + 3 * M)


def test_verify_rejects_future_code() -> None:
    later = rotating_code(SECRET, MEETING, STEP_START + 45 * S)
    assert not verify_code(SECRET, MEETING, later, STEP_START)


def test_verify_accept_previous_steps_setting() -> None:
    code = rotating_code(SECRET, MEETING, STEP_START)
    assert not verify_code(SECRET, MEETING, code, STEP_START + 50 * S, accept_previous_steps=0)
    assert verify_code(SECRET, MEETING, code, STEP_START + 3 * M, accept_previous_steps=4)


def test_verify_rejects_wrong_digits() -> None:
    code = rotating_code(SECRET, MEETING, STEP_START)
    for i in range(6):
        wrong = code[:i] + str((int(code[i]) + 1) % 10) + code[i + 1 :]
        assert not verify_code(SECRET, MEETING, wrong, STEP_START)


@pytest.mark.parametrize(
    "bad", ["", "abcdef", "12345", "1234567", "12a456", "１２３", "12.456", "-12345"]
)
def test_verify_rejects_non_codes(bad: str) -> None:
    assert not verify_code(SECRET, MEETING, bad, STEP_START)


def test_verify_accepts_full_width_and_spaced_input() -> None:
    code = rotating_code(SECRET, MEETING, STEP_START)
    full_width = "".join(chr(ord(c) - ord("0") + ord("０")) for c in code)
    assert verify_code(SECRET, MEETING, full_width, STEP_START)
    assert verify_code(SECRET, MEETING, f" {code[:3]} {code[3:]} ", STEP_START)


def test_normalize_code() -> None:
    assert normalize_code("１２３ ４５６") == "123456"
    assert normalize_code("123-456") == "123456"
    assert normalize_code("١٢٣٤٥٦") is None  # other scripts' digits are not accepted


def test_short_secret_and_bad_args_rejected() -> None:
    with pytest.raises(ValueError):
        rotating_code(b"short", MEETING, STEP_START)
    with pytest.raises(ValueError):
        rotating_code(SECRET, -1, STEP_START)
    with pytest.raises(ValueError):
        rotating_code(SECRET, MEETING, STEP_START, step_seconds=0)
    with pytest.raises(ValueError):
        verify_code(SECRET, MEETING, "123456", STEP_START, accept_previous_steps=-1)


def test_code_step_and_seconds_left() -> None:
    assert code_step(STEP_START) == 38_888_888
    assert code_step(STEP_START - US) == 38_888_887
    assert seconds_left_in_step(STEP_START) == 45
    assert seconds_left_in_step(STEP_START + US) == 45
    assert seconds_left_in_step(STEP_START + 44 * S) == 1
    assert seconds_left_in_step(STEP_START + 44 * S + 500_000 * US) == 1
    assert seconds_left_in_step(STEP_START + 30 * S, step_seconds=60) == 30


# ---- location -------------------------------------------------------------------------------

TIANANMEN = (39.9087, 116.3975)
METRE_IN_DEG_LAT = 180 / (math.pi * EARTH_RADIUS_M)


def north_of(point: tuple[float, float], metres: float) -> tuple[float, float]:
    return point[0] + metres * METRE_IN_DEG_LAT, point[1]


def test_haversine_100_m_north_of_tiananmen() -> None:
    lat2, lon2 = north_of(TIANANMEN, 100)
    assert haversine_m(*TIANANMEN, lat2, lon2) == pytest.approx(100, abs=1e-6)


def test_haversine_100_m_east_of_tiananmen() -> None:
    dlon = 100 * METRE_IN_DEG_LAT / math.cos(math.radians(TIANANMEN[0]))
    assert haversine_m(*TIANANMEN, TIANANMEN[0], TIANANMEN[1] + dlon) == pytest.approx(
        100, abs=1e-3
    )


def test_haversine_known_distances() -> None:
    assert haversine_m(0, 0, 0, 1) == pytest.approx(111_195.08, abs=0.01)
    assert haversine_m(0, 0, 0, 180) == pytest.approx(math.pi * EARTH_RADIUS_M, rel=1e-12)
    assert haversine_m(90, 0, -90, 0) == pytest.approx(math.pi * EARTH_RADIUS_M, rel=1e-12)
    shanghai = (31.2304, 121.4737)  # People's Square
    assert 1_060_000 < haversine_m(*TIANANMEN, *shanghai) < 1_075_000
    assert haversine_m(*TIANANMEN, *shanghai) == haversine_m(*shanghai, *TIANANMEN)
    assert haversine_m(*TIANANMEN, *TIANANMEN) == 0


@pytest.mark.parametrize(
    "point",
    [(91.0, 0.0), (-90.5, 0.0), (0.0, 180.5), (0.0, -181.0), (math.nan, 0.0), (0.0, math.inf)],
)
def test_haversine_rejects_impossible_coordinates(point: tuple[float, float]) -> None:
    assert not valid_point(*point)
    with pytest.raises(ValueError):
        haversine_m(*point, *TIANANMEN)
    with pytest.raises(ValueError):
        within_radius(point, TIANANMEN, 100)


def test_within_radius() -> None:
    member = north_of(TIANANMEN, 100)
    assert within_radius(member, TIANANMEN, 150)
    assert within_radius(north_of(TIANANMEN, 99.9), TIANANMEN, 100)
    assert not within_radius(north_of(TIANANMEN, 100.1), TIANANMEN, 100)
    assert not within_radius(member, TIANANMEN, 50)
    # Accuracy gives the benefit of the doubt, capped at the radius itself.
    assert within_radius(member, TIANANMEN, 50, accuracy_m=60)
    assert not within_radius(member, TIANANMEN, 50, accuracy_m=40)
    assert not within_radius(member, TIANANMEN, 30, accuracy_m=1500)
    assert within_radius(member, TIANANMEN, 50, accuracy_m=50)


def test_within_radius_rejects_bad_arguments() -> None:
    with pytest.raises(ValueError):
        within_radius(TIANANMEN, TIANANMEN, 0)
    with pytest.raises(ValueError):
        within_radius(TIANANMEN, TIANANMEN, 100, accuracy_m=-1)


# ---- proxy ----------------------------------------------------------------------------------


def proxy(
    *,
    secretary: bool = False,
    led: tuple[int, ...] = (),
    target_group: int | None = 1,
    target_branch: int = 7,
    target: int = 2,
) -> bool:
    return can_check_in_for(
        actor_id=1,
        actor_branch_id=7,
        actor_is_secretary=secretary,
        actor_led_group_ids=led,
        target_id=target,
        target_branch_id=target_branch,
        target_group_id=target_group,
    )


def test_secretary_can_check_in_any_member_of_own_branch() -> None:
    assert proxy(secretary=True, target_group=1)
    assert proxy(secretary=True, target_group=None)
    assert not proxy(secretary=True, target_branch=8)


def test_group_leader_only_own_group() -> None:
    assert proxy(led=(1,), target_group=1)
    assert proxy(led=(3, 1), target_group=1)
    assert not proxy(led=(1,), target_group=2)
    assert not proxy(led=(1,), target_group=None)
    assert not proxy(led=(1,), target_group=1, target_branch=8)


def test_ordinary_member_and_self_are_not_proxies() -> None:
    assert not proxy()
    assert not proxy(secretary=True, target=1)


@pytest.mark.parametrize(
    ("live_period", "proves"), [(None, False), (0, False), (60, True), (900, True)]
)
def test_only_a_live_location_proves_presence(live_period: int | None, proves: bool) -> None:
    assert proves_presence(live_period) is proves
