"""Privacy rules (PIPL): the notice's version, masking, what a deletion keeps, audit paging."""

from bot.domain.privacy.rules import (
    AUDIT_PAGE,
    DEFAULT_VERSION,
    MAX_NOTICE_CHARS,
    MAX_REQUEST_CHARS,
    SCRUBBED_COLUMNS,
    SUBJECT_COLUMNS,
    RequestKind,
    anonymised_name,
    clean_notice_text,
    clean_request_text,
    id_card_header,
    mask_phone,
    notice_version,
    page_count,
    personal_file_name,
    safe_page,
)

__all__ = [
    "AUDIT_PAGE",
    "DEFAULT_VERSION",
    "MAX_NOTICE_CHARS",
    "MAX_REQUEST_CHARS",
    "SCRUBBED_COLUMNS",
    "SUBJECT_COLUMNS",
    "RequestKind",
    "anonymised_name",
    "clean_notice_text",
    "clean_request_text",
    "id_card_header",
    "mask_phone",
    "notice_version",
    "page_count",
    "personal_file_name",
    "safe_page",
]
