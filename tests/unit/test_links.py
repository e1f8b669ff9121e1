"""Deep-link payloads, URLs, QR codes and invite validity."""

import re
import struct
import zlib
from datetime import UTC, datetime, timedelta, timezone

import pytest

from bot.domain.links import (
    DEFAULT_MAX_USES,
    DEFAULT_TTL,
    MAX_PAYLOAD_CHARS,
    LinkKind,
    LinkRefusal,
    ParsedPayload,
    deep_link,
    group_deep_link,
    invite_usable,
    is_valid_payload,
    link_expiry,
    new_token,
    parse_payload,
    qr_png,
)

NOW = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
TELEGRAM_PAYLOAD = re.compile(r"[A-Za-z0-9_-]{1,64}")


@pytest.mark.parametrize("kind", list(LinkKind))
def test_new_token_shape(kind: LinkKind) -> None:
    token = new_token(kind)
    assert TELEGRAM_PAYLOAD.fullmatch(token)
    assert len(token) <= MAX_PAYLOAD_CHARS
    prefix, random_part = token.split("_", 1)
    assert prefix == kind.value
    assert len(random_part) * 6 >= 128  # url-safe base64: 6 bits a character
    assert parse_payload(token) == ParsedPayload(kind, token)


def test_prefixes_match_the_brief() -> None:
    assert {k: k.value for k in LinkKind} == {
        LinkKind.INVITE: "i",
        LinkKind.BIND: "b",
        LinkKind.SECRETARY_INVITE: "s",
        LinkKind.CHECKIN: "c",
        LinkKind.COMMUNITY_REPORT: "p",
        LinkKind.RESIDENT: "q",
        LinkKind.FEEDBACK: "f",
    }


def test_tokens_do_not_repeat() -> None:
    tokens = {new_token(LinkKind.INVITE) for _ in range(2_000)}
    assert len(tokens) == 2_000
    randoms = {t[2:] for t in tokens}
    assert len({ch for r in randoms for ch in r}) > 50  # uses the whole alphabet


GOOD_RANDOM = "A1b2C3d4E5f6G7h8I9j0K_-z"


@pytest.mark.parametrize(
    "payload",
    [
        "",
        "i",
        "i_",
        "i_short",
        "i_" + "a" * 21,  # one character short of 128 bits
        "i_" + "a" * 63,  # 65 characters
        "x" * 65,
        "z_" + GOOD_RANDOM,  # unknown kind
        "I_" + GOOD_RANDOM,  # kinds are lower case
        "i-" + GOOD_RANDOM,
        "ib_" + GOOD_RANDOM,
        "_i_" + GOOD_RANDOM,
        "i_" + GOOD_RANDOM + "=",
        "i_" + GOOD_RANDOM[:-1] + "$",
        "i_" + GOOD_RANDOM[:-1] + " ",
        " i_" + GOOD_RANDOM,
        "i_" + GOOD_RANDOM + "\n",
        "i_" + "ä" * 22,
        "i_" + "１" * 22,  # full-width digits are not ASCII
        "i_../../etc/passwd",
        "i_' OR 1=1 --aaaaaaaaaaa",
        "help",
    ],
)
def test_parse_payload_rejects_forged_and_malformed(payload: str) -> None:
    assert parse_payload(payload) is None


def test_parse_payload_accepts_the_longest_allowed() -> None:
    payload = "b_" + "Z" * 62
    assert len(payload) == 64
    assert parse_payload(payload) == ParsedPayload(LinkKind.BIND, payload)
    assert parse_payload("s_" + GOOD_RANDOM) == ParsedPayload(
        LinkKind.SECRETARY_INVITE, "s_" + GOOD_RANDOM
    )


def test_is_valid_payload_is_telegrams_rule() -> None:
    assert is_valid_payload("a")
    assert is_valid_payload("-" * 64)
    assert not is_valid_payload("a" * 65)
    assert not is_valid_payload("a.b")


def test_deep_links() -> None:
    token = "i_" + GOOD_RANDOM
    assert deep_link("party_bot", token) == f"https://t.me/party_bot?start={token}"
    assert deep_link("@Party_Bot", token) == f"https://t.me/Party_Bot?start={token}"
    assert group_deep_link("party_bot", token) == f"https://t.me/party_bot?startgroup={token}"


@pytest.mark.parametrize("username", ["", "@", "bot", "party bot", "party-bot", "1party_bot",
                                      "a" * 33, "party_bot/evil"])  # fmt: skip
def test_deep_link_refuses_bad_usernames(username: str) -> None:
    with pytest.raises(ValueError, match="username"):
        deep_link(username, "i_" + GOOD_RANDOM)


@pytest.mark.parametrize("payload", ["", "a b", "a" * 65, "x&admin=1"])
def test_deep_link_refuses_bad_payloads(payload: str) -> None:
    with pytest.raises(ValueError, match="payload"):
        deep_link("party_bot", payload)
    with pytest.raises(ValueError, match="payload"):
        group_deep_link("party_bot", payload)


def png_size(png: bytes) -> tuple[int, int]:
    assert png[12:16] == b"IHDR"
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def test_qr_png_is_a_printable_png() -> None:
    url = deep_link("community_party_branch_bot", new_token(LinkKind.BIND))
    png = qr_png(url)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = png_size(png)
    assert width == height
    assert width > 200
    assert width % 10 == 0  # whole pixels per module at the default scale
    # The image data really is there: the IDAT stream inflates to one row per pixel line.
    idat = b""
    pos = 8
    while pos < len(png):
        (length,) = struct.unpack(">I", png[pos : pos + 4])
        kind = png[pos + 4 : pos + 8]
        if kind == b"IDAT":
            idat += png[pos + 8 : pos + 8 + length]
        pos += 12 + length
    raw = zlib.decompress(idat)
    assert len(raw) % height == 0
    assert len(raw) // height >= 1 + width // 8  # filter byte + at least 1 bit a pixel


def test_qr_png_scale() -> None:
    url = "https://t.me/party_bot?start=i_" + GOOD_RANDOM
    small, large = png_size(qr_png(url, scale=4)), png_size(qr_png(url, scale=12))
    assert large[0] == small[0] * 3
    with pytest.raises(ValueError, match="empty"):
        qr_png("")


def test_invite_usable() -> None:
    later = NOW + timedelta(days=1)
    assert invite_usable(later, NOW, 5, 4, None) is None
    assert invite_usable(None, NOW, None, 10_000, None) is None
    assert invite_usable(later, NOW, 5, 5, None) is LinkRefusal.USED_UP
    assert invite_usable(later, NOW, 0, 0, None) is LinkRefusal.USED_UP
    assert invite_usable(NOW, NOW, None, 0, None) is LinkRefusal.EXPIRED
    assert invite_usable(NOW - timedelta(seconds=1), NOW, None, 0, None) is LinkRefusal.EXPIRED
    assert invite_usable(NOW + timedelta(seconds=1), NOW, None, 0, None) is None
    assert invite_usable(later, NOW, None, 0, NOW) is LinkRefusal.REVOKED


def test_invite_refusal_order_revoked_then_expired_then_used_up() -> None:
    past = NOW - timedelta(days=1)
    assert invite_usable(past, NOW, 1, 1, past) is LinkRefusal.REVOKED
    assert invite_usable(past, NOW, 1, 1, None) is LinkRefusal.EXPIRED


def test_invite_usable_compares_instants_across_time_zones() -> None:
    beijing = timezone(timedelta(hours=8))
    expires = datetime(2024, 5, 1, 20, 0, tzinfo=beijing)  # == 12:00 UTC
    assert invite_usable(expires, NOW - timedelta(minutes=1), None, 0, None) is None
    assert invite_usable(expires, NOW, None, 0, None) is LinkRefusal.EXPIRED


def test_naive_datetimes_are_refused() -> None:
    naive = datetime(2024, 5, 1, 12, 0)
    with pytest.raises(ValueError, match="timezone-aware"):
        invite_usable(None, naive, None, 0, None)
    with pytest.raises(ValueError, match="expires_at"):
        invite_usable(naive, NOW, None, 0, None)
    with pytest.raises(ValueError, match="timezone-aware"):
        link_expiry(LinkKind.INVITE, naive)


def test_defaults_cover_every_kind() -> None:
    assert set(DEFAULT_TTL) == set(LinkKind) == set(DEFAULT_MAX_USES)
    assert DEFAULT_MAX_USES[LinkKind.BIND] == 1
    assert DEFAULT_MAX_USES[LinkKind.SECRETARY_INVITE] == 1
    assert link_expiry(LinkKind.BIND, NOW) == NOW + DEFAULT_TTL[LinkKind.BIND]
    assert link_expiry(LinkKind.INVITE, NOW) > NOW
