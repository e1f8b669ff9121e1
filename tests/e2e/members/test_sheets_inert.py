"""Hostile names from an uploaded roster come back as text in the bot's own spreadsheets."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from bot.sandbox.client import SandboxUser
from bot.texts import t
from handlers.members.buttons import UnboundLinks
from tests.e2e.conftest import Harness
from tests.e2e.members.support import ROSTER_HEADER, branch_with_secretary
from tests.said import said

NAMES = ['=HYPERLINK("http://x.cn","点")', "=cmd|' /C calc'!A0", "@SUM(1)李四", "-2+3张三"]


def csv_field(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


async def cells(user: SandboxUser) -> list[tuple[str, object]]:
    message = await user.wait_message(contains=said("members.links.caption"))
    assert message.document is not None
    book = load_workbook(io.BytesIO(await user.download(message.document["file_id"])))
    return [(c.data_type, c.value) for s in book.worksheets for r in s.iter_rows() for c in r]


async def test_formula_names_are_text_in_the_binding_sheets(harness: Harness) -> None:
    setup = await branch_with_secretary(harness)
    sec = setup.secretary
    rows = [f"{csv_field(n)},,直管,,,," for n in NAMES]
    await sec.send_document("名单.csv", "\n".join([ROSTER_HEADER, *rows]).encode())
    preview = await sec.wait_message(contains=said("members.import.preview_head"))
    assert f"可以导入：{len(NAMES)}" in preview.body, preview.body
    await sec.press(t("members.import.confirm", "zh", n=len(NAMES)), message_id=preview.message_id)
    after_import = await cells(sec)
    await sec.send("/members")
    listing = await sec.wait_message(contains=said("members.list.head"))
    await sec.press_data(UnboundLinks().data, listing.message_id)
    unbound = await cells(sec)
    for sheet in (after_import, unbound):
        assert all(kind != "f" for kind, _ in sheet), sheet
        texts = [v for _, v in sheet if isinstance(v, str)]
        assert not [v for v in texts if v[:1] in "=+-@"], texts
        assert {"'" + n for n in NAMES} <= set(texts)
