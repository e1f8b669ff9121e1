"""Pure privacy rules: no Telegram, no SQL."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Collection
from datetime import date
from enum import StrEnum

# The notice text in the catalog; a branch's own text gets a version from its content, so an
# acceptance names exactly the words the person saw.
DEFAULT_VERSION = "default-1"
MAX_NOTICE_CHARS = 1500
MAX_REQUEST_CHARS = 500
AUDIT_PAGE = 10  # audit entries on one screen

# Columns that name the person a row is about (the subject); other member columns (who
# decided, who recorded) are about the officer, not the person asking for their data.
SUBJECT_COLUMNS = frozenset({"member_id", "requester_member_id"})
# Free text and photos a person left in rows the branch keeps after a deletion (leave reasons,
# what they did, payment photos): cleared; the rows stay, as counts and sums.
SCRUBBED_COLUMNS = frozenset(
    {
        "reason",
        "what",
        "dispute_note",
        "pause_reason",
        "comment",
        "photos",
        "photo_file_id",
        "author_name",
        "rating_comment",
        "contact_name",
        "contact_phone",
    }
)


class RequestKind(StrEnum):
    """What a member asks of their data through /mydata."""

    CORRECT = "correct"
    DELETE = "delete"


def notice_version(custom: str | None) -> str:
    """The version an acceptance records: the default, or a digest of the branch's text."""
    if not custom:
        return DEFAULT_VERSION
    digest = hashlib.sha256(custom.encode()).hexdigest()[:12]
    return f"custom-{digest}"


def _plain(text: str) -> str:
    # Control characters and direction marks make a notice read differently than it looks.
    kept = "".join(
        ch for ch in text if ch in "\n" or unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co")
    )
    lines = [" ".join(line.split()) for line in kept.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def clean_notice_text(text: str) -> str | None:
    """A secretary's notice as stored, or None when empty or longer than MAX_NOTICE_CHARS."""
    cleaned = _plain(text)
    if not cleaned or len(cleaned) > MAX_NOTICE_CHARS:
        return None
    return cleaned


def clean_request_text(text: str) -> str | None:
    """What a member typed for a correction, or None when empty or too long."""
    cleaned = _plain(text)
    if not cleaned or len(cleaned) > MAX_REQUEST_CHARS:
        return None
    return cleaned


def mask_phone(phone: str | None) -> str:
    """A phone number as shown to someone proving who they are: 138****5678."""
    if not phone:
        return ""
    digits = "".join(ch for ch in phone if ch.isdigit())
    if len(digits) == 13 and digits.startswith("86"):
        digits = digits[2:]  # +86: the person knows their number without the country code
    if len(digits) >= 7:
        return f"{digits[:3]}****{digits[-4:]}"
    if len(digits) >= 3:
        return "*" * (len(digits) - 2) + digits[-2:]
    return "*" * len(digits)


def anonymised_name(member_id: int) -> str:
    """The name a deleted member's kept record carries: unique, says nothing of the person."""
    return f"已删除成员{member_id}"


_ID_CARD = re.compile(r"身份证|证件号|公民身份|id\s*card|id\s*(no|number)|identity", re.I)


def id_card_header(header: str) -> bool:
    """Whether a spreadsheet column holds national ID numbers (never read, never kept)."""
    return _ID_CARD.search(header or "") is not None


def page_count(total: int, size: int = AUDIT_PAGE) -> int:
    return max(1, -(-total // size))


def safe_page(page: int, total: int, size: int = AUDIT_PAGE) -> int:
    """The page to show: forged or stale page numbers land on the nearest real page."""
    return min(max(page, 0), page_count(total, size) - 1)


# Buttons whose answer is a file or a screen of other people's personal data (registers,
# ledgers, hours, binding links, the audit log) or one's own (/mydata's button): answered in a
# private chat only, so a button pressed (or forged) under one of the bot's messages in a group
# never posts such a file there.
PERSONAL_EXPORTS = re.compile(
    r"^(mt:(xl|rg):|vh:xl:|du:xl$|mem:(ul|bl:)|pv:(ax|au|ap|af):|pv:md:o$)"
)


def personal_export(data: str | None) -> bool:
    return bool(data) and PERSONAL_EXPORTS.match(data or "") is not None


def personal_file_name(what: str, branch: str, day: date, ext: str = "xlsx") -> str:
    """A file with personal data says so in its name, so nobody forwards it unaware."""
    safe = re.sub(r"[\\/:*?\"<>|\s]+", "_", f"{what}_{branch}")[:60]
    return f"{safe}_{day.isoformat()}_含个人信息.{ext}"


# Keys of an audit row's before/after values that hold a deleted person's particulars: dropped.
PERSONAL_AUDIT_KEYS = frozenset(
    {
        "phone",
        "work_unit",
        "joined_party_on",
        "full_member_on",
        "tg_user_id",
        "username",
        "first_name",
        "address",
        "contact_name",
        "contact_phone",
        "note",
        "reason",
        "text",
        "comment",
    }
)
_NAME_KEYS = frozenset({"name", "member_name", "full_name"})


def scrub_mentions(value: object, name: str, label: str, erase: Collection[str] = ()) -> object:
    """An audit value about someone else's record that mentions a deleted person: only the
    mention goes (their name becomes the label, their phone or work unit is cut out); keys and
    the other people's names stay, since the row is not about the deleted person."""
    if isinstance(value, dict):
        return {key: scrub_mentions(item, name, label, erase) for key, item in value.items()}
    if isinstance(value, list):
        return [scrub_mentions(item, name, label, erase) for item in value]
    if isinstance(value, str):
        for text in erase:
            if text:
                value = value.replace(text, "")
        return value.replace(name, label) if name else value
    return value


def scrub_audit_values(value: object, name: str, label: str, erase: Collection[str] = ()) -> object:
    """An audit before/after value with a deleted person's particulars gone: personal keys
    dropped, names replaced by the kept record's label, their former name inside other text
    replaced by the label and erase (phone, work unit) cut out. The trail keeps what was
    done, not to whom."""
    if isinstance(value, dict):
        out: dict[str, object] = {}
        for key, item in value.items():
            if key in PERSONAL_AUDIT_KEYS:
                continue
            scrubbed = scrub_audit_values(item, name, label, erase)
            out[key] = label if key in _NAME_KEYS and item else scrubbed
        return out
    if isinstance(value, list):
        return [scrub_audit_values(item, name, label, erase) for item in value]
    return scrub_mentions(value, name, label, erase)
