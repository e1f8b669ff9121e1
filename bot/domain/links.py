"""Deep-link payloads for invites and personal binding links, their URLs, QR codes and validity.

A payload is "<kind letter>_<random>"; the whole payload is the token stored in the DB, whose
row holds expiry, use limit and revocation (checked by invite_usable).
"""

from __future__ import annotations

import io
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum, StrEnum


class LinkKind(StrEnum):
    """What a payload opens; the value is its prefix letter."""

    INVITE = "i"  # join a branch (pending until approved)
    BIND = "b"  # one person's binding link from an imported roster
    SECRETARY_INVITE = "s"  # appoint the first secretary of a branch
    CHECKIN = "c"  # meeting check-in code
    COMMUNITY_REPORT = "p"  # 在职党员到社区报到: a branch's reporting link and QR (posts)
    RESIDENT = "q"  # a branch's public link for residents' requests (居民点单), on the notice board
    FEEDBACK = "f"  # a partner unit's one feedback on a member (社区表现反馈)


class LinkRefusal(Enum):
    """Why a stored invite or binding link can no longer be used."""

    EXPIRED = "expired"
    REVOKED = "revoked"
    USED_UP = "used_up"


MAX_PAYLOAD_CHARS = 64  # Telegram's limit for /start payloads
TOKEN_BYTES = 18  # 144 random bits -> 24 url-safe characters
MIN_RANDOM_CHARS = 22  # 132 bits: anything shorter was not made by new_token

# How long a fresh link lives and how often it may be used; None: no limit.
DEFAULT_TTL: Mapping[LinkKind, timedelta] = {
    LinkKind.INVITE: timedelta(days=7),
    LinkKind.BIND: timedelta(days=30),
    LinkKind.SECRETARY_INVITE: timedelta(days=3),
    LinkKind.CHECKIN: timedelta(hours=12),
    # Printed on the notice board: a year, then the secretary makes a new one.
    LinkKind.COMMUNITY_REPORT: timedelta(days=365),
    # Printed on the notice board: it lives until the secretary renews or revokes it.
    LinkKind.RESIDENT: timedelta(days=3650),
    LinkKind.FEEDBACK: timedelta(days=14),
}
DEFAULT_MAX_USES: Mapping[LinkKind, int | None] = {
    LinkKind.INVITE: None,
    LinkKind.BIND: 1,
    LinkKind.SECRETARY_INVITE: 1,
    LinkKind.CHECKIN: None,
    LinkKind.COMMUNITY_REPORT: None,
    LinkKind.RESIDENT: None,
    LinkKind.FEEDBACK: 1,
}

_PAYLOAD = re.compile(r"[A-Za-z0-9_-]{1,64}")
_USERNAME = re.compile(r"[A-Za-z][A-Za-z0-9_]{4,31}")
_BY_PREFIX = {kind.value: kind for kind in LinkKind}


@dataclass(frozen=True)
class ParsedPayload:
    """A well-formed payload; token is the whole payload, the DB key as new_token made it."""

    kind: LinkKind
    token: str


def new_token(kind: LinkKind) -> str:
    """A fresh payload for kind, e.g. "i_Xk3...": prefix plus 144 random url-safe bits."""
    return f"{kind.value}_{secrets.token_urlsafe(TOKEN_BYTES)}"


def is_valid_payload(payload: str) -> bool:
    """Whether Telegram accepts payload as a /start parameter (1-64 of A-Za-z0-9_-)."""
    return _PAYLOAD.fullmatch(payload) is not None


def parse_payload(payload: str) -> ParsedPayload | None:
    """The kind and token of a payload made by new_token; None for anything else."""
    if not is_valid_payload(payload):
        return None
    prefix, sep, rest = payload.partition("_")
    kind = _BY_PREFIX.get(prefix)
    if kind is None or not sep or len(rest) < MIN_RANDOM_CHARS:
        return None
    return ParsedPayload(kind, payload)


def _username(bot_username: str) -> str:
    name = bot_username.removeprefix("@")
    if _USERNAME.fullmatch(name) is None:
        raise ValueError(f"not a bot username: {bot_username!r}")
    return name


def deep_link(bot_username: str, payload: str) -> str:
    """https://t.me/<bot>?start=<payload>: opens a private chat and sends /start <payload>."""
    if not is_valid_payload(payload):
        raise ValueError(f"not a valid start payload: {payload!r}")
    return f"https://t.me/{_username(bot_username)}?start={payload}"


def group_deep_link(bot_username: str, payload: str) -> str:
    """https://t.me/<bot>?startgroup=<payload>: asks the user to add the bot to a group."""
    if not is_valid_payload(payload):
        raise ValueError(f"not a valid start payload: {payload!r}")
    return f"https://t.me/{_username(bot_username)}?startgroup={payload}"


def qr_png(url: str, *, scale: int = 10) -> bytes:
    """A PNG QR code of url, scale pixels per module with the standard 4-module quiet zone."""
    if not url:
        raise ValueError("empty url")
    import segno  # only QR codes need it; not imported at start

    # Level M survives a smudged printout; the URL is short enough to stay a small version.
    qr = segno.make(url, error="m", micro=False)
    out = io.BytesIO()
    qr.save(out, kind="png", scale=scale, border=4)
    return out.getvalue()


def _aware(value: datetime, label: str) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{label} must be timezone-aware")
    return value


def link_expiry(kind: LinkKind, now: datetime) -> datetime:
    """Default expiry for a link of kind created at now."""
    return _aware(now, "now") + DEFAULT_TTL[kind]


def invite_usable(
    expires_at: datetime | None,
    now: datetime,
    max_uses: int | None,
    used: int,
    revoked_at: datetime | None,
) -> LinkRefusal | None:
    """None if the link may be used now, else why not (revoked before expired before used up)."""
    _aware(now, "now")
    if revoked_at is not None:
        return LinkRefusal.REVOKED
    if expires_at is not None and now >= _aware(expires_at, "expires_at"):
        return LinkRefusal.EXPIRED
    if max_uses is not None and used >= max_uses:
        return LinkRefusal.USED_UP
    return None
