"""What an uploaded file may be, judged from Telegram's description of it (name, MIME type,
size) before any byte is downloaded or the file is passed on to members."""

from __future__ import annotations

from enum import StrEnum

MAX_FORWARD_BYTES = 20 * 1024 * 1024  # what a bot may download; more than any agenda needs

# Files the bot passes on to members (meeting agendas): what people open on a phone. Programs,
# scripts, web pages and archives (which may hide either) are refused.
FORWARDABLE_SUFFIXES: tuple[str, ...] = (
    ".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".wps", ".et", ".dps",
    ".txt", ".rtf", ".ofd", ".jpg", ".jpeg", ".png", ".gif", ".webp", ".heic",
    ".mp3", ".m4a", ".aac", ".wav", ".amr", ".mp4", ".mov",
)  # fmt: skip
_MEDIA_TYPES = ("image/", "audio/", "video/", "application/pdf")


class UploadProblem(StrEnum):
    """Why a file is refused; rendered as the text "upload.<value>"."""

    EMPTY = "empty"
    TOO_BIG = "too_big"
    WRONG_TYPE = "wrong_type"


def suffix_of(file_name: str | None) -> str:
    """The lower-case extension with its dot ("" when none)."""
    if not file_name or "." not in file_name:
        return ""
    return "." + file_name.rsplit(".", 1)[-1].strip().lower()


def check_upload(
    file_name: str | None,
    mime_type: str | None,
    size: int | None,
    *,
    max_bytes: int,
    suffixes: tuple[str, ...],
) -> UploadProblem | None:
    """None when the file may be read or passed on.

    size None (Telegram may leave it out): whoever reads the bytes checks their length again.
    A file without a name is judged by its MIME type alone (a photo sent as a file).
    """
    if size is not None and size <= 0:
        return UploadProblem.EMPTY
    if size is not None and size > max_bytes:
        return UploadProblem.TOO_BIG
    suffix = suffix_of(file_name)
    if suffix:
        return None if suffix in suffixes else UploadProblem.WRONG_TYPE
    media = (mime_type or "").lower().startswith(_MEDIA_TYPES)
    return None if media and suffixes is FORWARDABLE_SUFFIXES else UploadProblem.WRONG_TYPE
