"""Roster import: GBK CSV and openpyxl .xlsx, preview, confirm, binding links; bad files."""

from __future__ import annotations

import io

from openpyxl import Workbook, load_workbook

from bot.domain.members.roster import parse_roster
from bot.sandbox.client import SandboxUser
from bot.texts import t
from tests.e2e.conftest import Harness
from tests.e2e.members.support import (
    branch_with_secretary,
    confirm_binding,
    member_row,
    roster_count,
)
from tests.said import said

HEADER = "姓名,手机号,类别,党小组,入党日期,转正日期,工作单位"
GOOD = [
    "张建国,13812345678,直管,第一党小组,1985-07-01,1986-07-01,",
    "李秀英,13900001111,离退休党员,第二党小组,1978/3/15,1979/3/15,",
    "王强,13700002222,在职党员,第一党小组,2015年6月30日,2016年6月30日,市第一医院",
    "赵敏,,预备党员,,2025-01-10,,",
]
BAD = [
    ",13600003333,直管,,,,",  # line 6: no name
    "钱伟,12345,直管,,,,",  # line 7: phone
    "孙丽,13500004444,外星人,,,,",  # line 8: category
    "周杰,13400005555,直管,第九党小组,,,",  # line 9: group
    "张建国,13812345678,直管,,,,",  # line 10: repeats line 2
]


def gbk_csv() -> bytes:
    return "\r\n".join([HEADER, *GOOD, *BAD]).encode("gbk")


async def links_sheet(sec: SandboxUser) -> dict[str, str]:
    """The binding-links .xlsx the bot sent: name -> link."""
    message = await sec.wait_message(contains=said("members.links.caption"))
    assert message.document is not None
    data = await sec.download(message.document["file_id"])
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet is not None
    return {
        str(row[0]): str(row[2])
        for row in sheet.iter_rows(min_row=3, values_only=True)
        if row[0] is not None
    }


async def test_gbk_csv_preview_confirm_and_binding(harness: Harness) -> None:
    setup = await branch_with_secretary(harness)
    sec = setup.secretary
    url = harness.settings.database_url
    await sec.send_document("党员名单.csv", gbk_csv(), mime_type="text/csv")
    preview = await sec.wait_message(contains=said("members.import.preview_head"))
    body = preview.body
    assert "可以导入：4" in body and "有问题：5" in body
    for line, reason in (
        (6, "姓名不能为空"),
        (7, "手机号格式不对"),
        (8, "类别无法识别"),
        (9, "党小组不存在"),
        (10, "重复"),
    ):
        assert f"第 {line} 行" in body and reason in body, (line, body)
    assert await roster_count(url, setup.name) == 1  # nothing written before confirming
    confirm = preview.button(t("members.import.confirm", "zh", n=4))["callback_data"]
    await sec.press(t("members.import.confirm", "zh", n=4), message_id=preview.message_id)
    links = await links_sheet(sec)
    assert set(links) == {"张建国", "李秀英", "王强", "赵敏"}
    assert await roster_count(url, setup.name) == 5
    row = await member_row(url, setup.name, "王强")
    assert row is not None and row.work_unit == "市第一医院" and row.category == "employed"
    assert row.tg_user_id is None

    # Pressing confirm again imports nothing twice.
    again = await sec.press_data(confirm, preview.message_id)
    assert "已经导入过" in (again.get("text") or "")
    assert await roster_count(url, setup.name) == 5

    person = await harness.user("建国")
    await person.open_link(links["张建国"])
    await confirm_binding(person)
    bound = await person.wait_message(contains=said("members.bind.done"))
    assert bound.reply_keyboard is not None
    row = await member_row(url, setup.name, "张建国")
    assert row is not None and row.tg_user_id == person.id
    await person.open_link(links["张建国"])
    await person.wait_message(contains=said("members.bind.already"))
    intruder = await harness.user("别人")
    await intruder.open_link(links["张建国"])
    await intruder.wait_message(contains=said("members.bind.taken"))
    row = await member_row(url, setup.name, "张建国")
    assert row is not None and row.tg_user_id == person.id
    # The bound person may not take a second record of the same branch.
    await person.open_link(links["李秀英"])
    await person.wait_message(contains=said("members.bind.has_other_record"))
    row = await member_row(url, setup.name, "李秀英")
    assert row is not None and row.tg_user_id is None


async def test_openpyxl_workbook_imports(harness: Harness) -> None:
    setup = await branch_with_secretary(harness)
    sec = setup.secretary
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["姓名", "手机号", "类别", "党小组", "入党日期", "转正日期", "工作单位"])
    ws.append(["陈志明", 13811112222, "离退休", "第一党小组", None, None, None])
    ws.append(
        ["林小红", "139 0000 3333", "在职", "第二党小组", "2012-07-01", "2013-07-01", "区税务局"]
    )
    ws.append(["错日期", None, "直管", None, "2099-01-01", None, None])
    out = io.BytesIO()
    wb.save(out)
    await sec.send_document("名单.xlsx", out.getvalue())
    preview = await sec.wait_message(contains=said("members.import.preview_head"))
    assert "可以导入：2" in preview.body and "第 4 行" in preview.body
    await sec.press(t("members.import.confirm", "zh", n=2), message_id=preview.message_id)
    links = await links_sheet(sec)
    assert set(links) == {"陈志明", "林小红"}
    row = await member_row(harness.settings.database_url, setup.name, "林小红")
    assert row is not None and row.phone == "13900003333"


async def test_bad_files_get_kind_answers_and_change_nothing(harness: Harness) -> None:
    setup = await branch_with_secretary(harness)
    sec = setup.secretary
    url = harness.settings.database_url
    before = await roster_count(url, setup.name)
    await sec.send_document("大名单.xlsx", b"PK\x03\x04" + b"\0" * (20 * 1024 * 1024))
    await sec.wait_message(contains=said("members.import.too_big"))
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 200
    await sec.send_document("名单.xlsx", png)
    await sec.wait_message(contains=said("members.import.file.not_a_spreadsheet"))
    await sec.send_document("无表头.csv", "张三,13800000000,直管\n李四,13900000000,在职\n".encode())
    await sec.wait_message(contains=said("members.import.file.no_header"))
    many = "\n".join([HEADER] + [f"人员{i},,直管,,,," for i in range(10_000)]).encode()
    await sec.send_document("一万人.csv", many)
    reply = await sec.wait_message(contains=said("members.import.file.too_many_rows", rows=10000))
    assert "2000" in reply.body
    # A photo after 「导入名单」.
    await sec.send("/members")
    listing = await sec.wait_message(contains=said("members.list.head"))
    await sec.press(t("members.list.import", "zh"), message_id=listing.message_id)
    instructions = await sec.wait_message(contains=said("members.import.instructions"))
    await sec.press(t("members.template.get_xlsx", "zh"), message_id=instructions.message_id)
    template = await sec.wait_message(contains=said("members.template.caption"))
    assert template.document is not None
    parsed = parse_roster("模板.xlsx", await sec.download(template.document["file_id"]))
    assert parsed.ok and parsed.rows == [] and parsed.example_skipped
    await sec.send_photo(png)
    await sec.wait_message(contains=said("members.import.not_a_file"))
    assert await roster_count(url, setup.name) == before


async def test_member_sending_a_roster_is_refused(harness: Harness) -> None:
    setup = await branch_with_secretary(harness)
    stranger = await harness.user("陌生人")
    await stranger.send_document("名单.csv", gbk_csv())
    await stranger.wait_message(contains=said("members.import.only_secretary"))
    assert await roster_count(harness.settings.database_url, setup.name) == 1
