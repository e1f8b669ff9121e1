"""Uploads are judged by Telegram's description (name, type, size) before any byte is read."""

from __future__ import annotations

import pytest

from bot.domain.members.roster_read import ROSTER_SUFFIXES
from bot.domain.uploads import FORWARDABLE_SUFFIXES, UploadProblem, check_upload

MB = 1024 * 1024


@pytest.mark.parametrize(
    ("name", "mime", "size", "expected"),
    [
        ("学习材料.pdf", "application/pdf", 2 * MB, None),
        ("议程.DOCX", None, 1000, None),
        ("setup.exe", "application/x-msdownload", 1000, UploadProblem.WRONG_TYPE),
        ("资料.pdf.apk", None, 1000, UploadProblem.WRONG_TYPE),
        ("打包.zip", "application/zip", 1000, UploadProblem.WRONG_TYPE),
        ("页面.html", "text/html", 1000, UploadProblem.WRONG_TYPE),
        ("大文件.mp4", "video/mp4", 21 * MB, UploadProblem.TOO_BIG),
        ("空.pdf", "application/pdf", 0, UploadProblem.EMPTY),
        (None, "image/jpeg", 1000, None),
        (None, "application/octet-stream", 1000, UploadProblem.WRONG_TYPE),
        ("无后缀", None, None, UploadProblem.WRONG_TYPE),
    ],
)
def test_agenda_files(
    name: str | None, mime: str | None, size: int | None, expected: object
) -> None:
    found = check_upload(name, mime, size, max_bytes=20 * MB, suffixes=FORWARDABLE_SUFFIXES)
    assert found is expected


@pytest.mark.parametrize(
    ("name", "size", "expected"),
    [
        ("名单.xlsx", 100, None),
        ("名单.csv", None, None),
        ("名单.xls", 100, None),  # read far enough to say "save it as .xlsx"
        ("名单.xlsx", 6 * MB, UploadProblem.TOO_BIG),
        ("名单.exe", 100, UploadProblem.WRONG_TYPE),
        (None, 100, UploadProblem.WRONG_TYPE),
    ],
)
def test_roster_files(name: str | None, size: int | None, expected: object) -> None:
    found = check_upload(name, None, size, max_bytes=5 * MB, suffixes=ROSTER_SUFFIXES)
    assert found is expected
