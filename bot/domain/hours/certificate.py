"""Verification codes of volunteer-service certificates: an HMAC over what the certificate says.

The code names the certificate row and carries a MAC over its facts; /verify recomputes the MAC
from the stored row, so a made-up code, a code for another row, or an altered row all fail.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from dataclasses import dataclass
from datetime import date

MAC_CHARS = 12  # base32 characters: 60 bits, far beyond guessing through a chat bot
_CODE = re.compile(r"^VH-?(\d{1,15})-?([A-Z2-7]{12})$")


@dataclass(frozen=True)
class Facts:
    cert_id: int
    member_id: int
    name: str
    first: date
    last: date
    halves: int


def _mac(secret: bytes, facts: Facts) -> str:
    message = (
        f"hours-cert:{facts.cert_id}:{facts.member_id}:{facts.name}:"
        f"{facts.first.isoformat()}:{facts.last.isoformat()}:{facts.halves}"
    ).encode()
    digest = hmac.new(secret, message, hashlib.sha256).digest()
    return base64.b32encode(digest).decode()[:MAC_CHARS]


def code_for(secret: bytes, facts: Facts) -> str:
    return f"VH-{facts.cert_id}-{_mac(secret, facts)}"


def parse_code(text: str) -> tuple[int, str] | None:
    """(certificate id, mac) from a typed code; spaces, dashes and case do not matter."""
    cleaned = re.sub(r"[\s_]", "", text).upper()
    found = _CODE.match(cleaned)
    if found is None:
        return None
    return int(found.group(1)), found.group(2)


def genuine(secret: bytes, facts: Facts, mac: str) -> bool:
    return hmac.compare_digest(_mac(secret, facts), mac)
