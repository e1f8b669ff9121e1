"""Roster import: reading uploaded files, checking rows, and the downloadable sheets."""

import codecs
import io
import zipfile
from collections.abc import Sequence
from datetime import date, datetime

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from bot.domain.members import Category, MemberError, parse_category
from bot.domain.members.roster import (
    MAX_ROWS,
    TEMPLATE_HEADERS,
    Column,
    ExistingMember,
    RawRow,
    RosterError,
    RosterRow,
    RowError,
    binding_links_xlsx,
    parse_roster,
    roster_template_csv,
    roster_template_xlsx,
    validate_roster,
)

TODAY = date(2024, 5, 1)
HEADER = "姓名,手机号,类别,党小组,入党日期,转正日期,工作单位"
PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06" + bytes(
    200
)
OLE_BYTES = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500)  # old .xls


def csv_bytes(lines: Sequence[str], encoding: str = "utf-8") -> bytes:
    return "\r\n".join(lines).encode(encoding)


def xlsx_bytes(rows: Sequence[Sequence[object]], *, sheets: Sequence[str] = ()) -> bytes:
    wb = Workbook()
    for title in sheets:  # extra sheets go first, the roster last
        wb.create_sheet(title, 0).append(["说明", "这里不是名单"])
    ws = wb.worksheets[-1]
    assert isinstance(ws, Worksheet)
    for row in rows:
        ws.append(list(row))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def zip_bytes(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


# --- reading files -----------------------------------------------------------------------


def test_gbk_csv_as_excel_saves_it_in_china() -> None:
    content = csv_bytes([HEADER, "李四,13812345678,预备党员,一组,2020年7月1日,,市医院"], "gbk")
    with pytest.raises(UnicodeDecodeError):
        content.decode("utf-8")
    parsed = parse_roster("名单.csv", content)
    assert parsed.ok
    assert parsed.rows == [
        RawRow(2, "李四", "13812345678", "预备党员", "一组", "2020年7月1日", "", "市医院")
    ]
    assert parsed.columns == frozenset(Column)
    assert parsed.header_line == 1


def test_utf8_csv_with_bom() -> None:
    content = codecs.BOM_UTF8 + csv_bytes([HEADER, "王五,,退休,,2000/7/1,2001/7/1,"])
    parsed = parse_roster("roster.CSV", content)
    assert parsed.ok
    assert parsed.rows[0].name == "王五"  # no BOM glued to the first header or value
    assert parsed.rows[0].joined == "2000/7/1"
    assert parsed.columns == frozenset(Column)


def test_utf16_tab_text_from_excel_unicode_export() -> None:
    content = "姓名\t手机号\n赵六\t13812345678\n".encode("utf-16")
    parsed = parse_roster("名单.txt", content)
    assert [(r.name, r.phone) for r in parsed.rows] == [("赵六", "13812345678")]


@pytest.mark.parametrize("sep", [";", "\t", ",", "，"])
def test_csv_delimiters_are_sniffed(sep: str) -> None:
    content = csv_bytes([sep.join(["姓名", "类别", "党小组"]), sep.join(["孙七", "直管", "二组"])])
    parsed = parse_roster("a.csv", content)
    assert [(r.name, r.category, r.group) for r in parsed.rows] == [("孙七", "直管", "二组")]


def test_csv_quoted_fields_and_excel_text_formula() -> None:
    content = csv_bytes(["姓名,手机号,工作单位", '周八,="13812345678","市一院, 内科"'])
    parsed = parse_roster("a.csv", content)
    assert parsed.rows == [RawRow(2, "周八", "13812345678", work_unit="市一院, 内科")]


def test_english_and_decorated_headers() -> None:
    content = csv_bytes(
        [
            "Name,Phone,Category,Group,Join Date,Full_On,Employer",
            "Li Lei,13812345678,retired,G1,2000-07-01,2001-07-01,Acme",
        ]
    )
    parsed = parse_roster("a.csv", content)
    assert parsed.columns == frozenset(Column)
    assert parsed.rows[0] == RawRow(
        2, "Li Lei", "13812345678", "retired", "G1", "2000-07-01", "2001-07-01", "Acme"
    )
    decorated = csv_bytes(
        ["序号,姓名（必填）,联系电话,入党时间,转正时间,备注", "1,张三丰,,1990.7.1,,"]
    )
    parsed = parse_roster("b.csv", decorated)
    assert parsed.columns == {Column.NAME, Column.PHONE, Column.JOINED, Column.FULL}
    assert parsed.ignored_headers == ["序号", "备注"]
    assert parsed.rows[0].name == "张三丰"
    assert parsed.rows[0].joined == "1990.7.1"


def test_xlsx_with_title_row_date_cells_and_numbers() -> None:
    content = xlsx_bytes(
        [
            ["象山社区党支部党员花名册"],
            ["序号", "姓名", "手机号", "类别", "党小组", "入党日期", "转正日期", "工作单位"],
            [1, "张三", 13812345678, "直管党员", "一组", datetime(2000, 7, 1), date(2001, 7, 1)],
            [],
            [3, "李四", 13812345679.0, "预备", None, 44013, None],
            [4, "王五", "138 1234 5670", "退休", "二组", 20200701, "2021年7月1日", "市医院"],
        ],
        sheets=["填写说明"],
    )
    parsed = parse_roster("名单.xlsx", content)
    assert parsed.ok, parsed.error
    assert parsed.header_line == 2
    assert parsed.ignored_headers == ["序号"]
    assert parsed.row_count == 3
    assert parsed.rows == [
        RawRow(3, "张三", "13812345678", "直管党员", "一组", date(2000, 7, 1), date(2001, 7, 1)),
        RawRow(5, "李四", "13812345679", "预备", "", date(2020, 7, 1), ""),
        RawRow(6, "王五", "138 1234 5670", "退休", "二组", "20200701", "2021年7月1日", "市医院"),
    ]


def test_xlsx_with_wrong_recorded_dimensions() -> None:
    # Some writers record <dimension ref="A1"/>; read-only openpyxl would trust it.
    content = xlsx_bytes([["姓名", "手机号"], ["张三", "13812345678"], ["李四", "13812345679"]])
    src = zipfile.ZipFile(io.BytesIO(content))
    files = {name: src.read(name) for name in src.namelist()}
    sheet = files["xl/worksheets/sheet1.xml"]
    assert b'<dimension ref="A1:B3" />' in sheet
    files["xl/worksheets/sheet1.xml"] = sheet.replace(b'ref="A1:B3"', b'ref="A1"')
    parsed = parse_roster("a.xlsx", zip_bytes(files))
    assert [(r.line, r.name, r.phone) for r in parsed.rows] == [
        (2, "张三", "13812345678"),
        (3, "李四", "13812345679"),
    ]


def test_xlsx_saved_under_csv_name_is_still_read() -> None:
    content = xlsx_bytes([["姓名"], ["钱九"]])
    assert [r.name for r in parse_roster("名单.csv", content).rows] == ["钱九"]


@pytest.mark.parametrize(
    ("filename", "content", "error"),
    [
        ("photo.xlsx", PNG_BYTES, RosterError.NOT_A_SPREADSHEET),
        ("photo.csv", PNG_BYTES, RosterError.NOT_A_SPREADSHEET),
        ("a.xlsx", zip_bytes({"hello.txt": b"hi"}), RosterError.NOT_A_SPREADSHEET),
        (
            "a.xlsx",
            zip_bytes({"[Content_Types].xml": b"<x/>", "word/document.xml": b"<w/>"}),
            RosterError.NOT_A_SPREADSHEET,
        ),
        ("a.xlsx", zip_bytes({"xl/workbook.xml": b"not xml"}), RosterError.NOT_A_SPREADSHEET),
        ("a.xlsx", b"just some text", RosterError.NOT_A_SPREADSHEET),
        ("a.xlsx", OLE_BYTES, RosterError.OLD_EXCEL_FORMAT),
        ("名单.xls", OLE_BYTES, RosterError.OLD_EXCEL_FORMAT),
        ("名单.pdf", b"%PDF-1.4", RosterError.UNKNOWN_EXTENSION),
        ("名单", csv_bytes([HEADER]), RosterError.UNKNOWN_EXTENSION),
        ("名单.xlsx.png", PNG_BYTES, RosterError.UNKNOWN_EXTENSION),
        ("a.csv", b"", RosterError.EMPTY),
        ("a.csv", b"\r\n\r\n,,,\r\n", RosterError.EMPTY),
        ("a.xlsx", xlsx_bytes([]), RosterError.EMPTY),
        ("a.csv", b"a,b\x00c\n", RosterError.NOT_A_SPREADSHEET),
    ],
)
def test_files_that_are_not_rosters(filename: str, content: bytes, error: RosterError) -> None:
    parsed = parse_roster(filename, content)
    assert parsed.error is error
    assert parsed.rows == []
    assert not parsed.ok


def test_file_without_header_row() -> None:
    content = csv_bytes(["张三,13812345678,直管", "李四,13812345679,退休"])
    assert parse_roster("a.csv", content).error is RosterError.NO_HEADER
    xlsx = xlsx_bytes([["张三", "直管", date(2000, 7, 1)]])
    assert parse_roster("a.xlsx", xlsx).error is RosterError.NO_HEADER


def test_header_without_a_name_column() -> None:
    content = csv_bytes(["手机号,类别", "13812345678,直管"])
    assert parse_roster("a.csv", content).error is RosterError.NO_NAME_COLUMN
    notes = csv_bytes([f"第{i}行说明" for i in range(12)] + ["姓名", "张三"])
    # The header is looked for among the first rows only.
    assert parse_roster("a.csv", notes).error is RosterError.NO_NAME_COLUMN


def test_too_many_rows_reports_the_count() -> None:
    lines = ["姓名,手机号"] + [f"党员{i},1380000{i:04d}" for i in range(10_000)]
    parsed = parse_roster("big.csv", csv_bytes(lines))
    assert parsed.error is RosterError.TOO_MANY_ROWS
    assert parsed.row_count == 10_000
    assert parsed.rows == []


def test_row_limit_is_inclusive_and_configurable() -> None:
    lines = ["姓名"] + [f"党员{i}" for i in range(MAX_ROWS)]
    parsed = parse_roster("a.csv", csv_bytes(lines))
    assert parsed.ok
    assert len(parsed.rows) == MAX_ROWS
    assert parsed.rows[-1].line == MAX_ROWS + 1
    small = parse_roster("a.csv", csv_bytes(lines[:5]), max_rows=3)
    assert (small.error, small.row_count) == (RosterError.TOO_MANY_ROWS, 4)


def test_xlsx_too_many_rows() -> None:
    rows: list[list[object]] = [["姓名"]]
    rows += [[f"党员{i}"] for i in range(2_500)]
    parsed = parse_roster("a.xlsx", xlsx_bytes(rows))
    assert (parsed.error, parsed.row_count) == (RosterError.TOO_MANY_ROWS, 2_500)


def test_too_big() -> None:
    content = b"x" * (20 * 1024 * 1024)
    assert parse_roster("big.csv", content).error is RosterError.TOO_BIG
    assert parse_roster("big.xlsx", content).error is RosterError.TOO_BIG
    just_fits = csv_bytes(["姓名", "张三"])
    assert parse_roster("a.csv", just_fits, max_bytes=len(just_fits)).ok
    assert parse_roster("a.csv", just_fits, max_bytes=len(just_fits) - 1).error is (
        RosterError.TOO_BIG
    )


def test_xlsx_that_inflates_far_beyond_its_size_is_refused() -> None:
    bomb = zip_bytes({"xl/workbook.xml": b"<x/>", "xl/worksheets/sheet1.xml": bytes(3_000_000)})
    assert len(bomb) < 100_000
    assert parse_roster("a.xlsx", bomb, max_bytes=100_000).error is RosterError.TOO_BIG


# --- checking rows -----------------------------------------------------------------------

GROUPS = {"一组": 1, "第二 党小组": 2}
EXISTING = [
    ExistingMember("吴五", "13900000005", member_id=5),
    ExistingMember("冯七", "13900000007", member_id=7),
    ExistingMember("张伟", "13900000011", member_id=11),
]


def check(lines: Sequence[str], **kwargs: object) -> tuple[list[RosterRow], dict[int, RowError]]:
    parsed = parse_roster("a.csv", csv_bytes([HEADER, *lines]))
    assert parsed.ok, parsed.error
    options: dict[str, object] = {"known_groups": GROUPS, "existing": EXISTING, "today": TODAY}
    options.update(kwargs)
    preview = validate_roster(parsed.rows, **options)  # type: ignore[arg-type]
    return preview.good, {e.line_number: e for e in preview.bad}


def test_every_bad_row_reason_with_its_line_number() -> None:
    good, bad = check(
        [
            "王芳,13900000001,直管,一组,2001-07-01,2002-07-01,",  # 2
            ",,,,,,",  # 3: empty, skipped
            ",13900000002,直管,,,,",  # 4
            "李雷,,群众,,,,",  # 5
            "韩梅梅,,直管,五组,,,",  # 6
            "赵一,,直管,,2021-02-30,,",  # 7
            "钱二,,直管,,2030-01-01,,",  # 8
            "孙三,,直管,,2010-07-01,2009-07-01,",  # 9
            "周四,12345,直管,,,,",  # 10
            "吴五,13900000005,直管,,,,",  # 11
            "郑六,13900000005,直管,,,,",  # 12
            "冯七,,直管,,,,",  # 13
            "王芳,13900000001,在职,,,,",  # 14
            "陈八,,预备,,2023-07-01,2024-03-01,",  # 15
            "楚九,,积极分子,,2023-07-01,,",  # 16
            "卫十,,直管,,1900-01-01,,",  # 17
            f"{'长' * 31},,直管,,,,",  # 18
            "13912345678,,直管,,,,",  # 19
            f"蒋一,,在职,,,,{'单' * 101}",  # 20
            "沈二,,直管,,7月1日,2020年13月1日,",  # 21
            "韩三,,直管,,,2099-01-01,",  # 22
            "张伟,13900000012,直管,第二党小组,,,",  # 23: same name as a member, other phone
        ]
    )
    assert [r.line for r in good] == [2, 23]
    assert {line: e.reasons for line, e in bad.items()} == {
        4: [MemberError.NAME_EMPTY],
        5: [MemberError.CATEGORY_UNKNOWN],
        6: [MemberError.GROUP_UNKNOWN],
        7: [MemberError.JOINED_DATE_INVALID],
        8: [MemberError.JOINED_IN_FUTURE],
        9: [MemberError.FULL_BEFORE_JOINED],
        10: [MemberError.PHONE_MALFORMED],
        11: [MemberError.DUPLICATE_EXISTING],
        12: [MemberError.PHONE_TAKEN, MemberError.DUPLICATE_IN_FILE],  # line 11's phone too
        13: [MemberError.DUPLICATE_EXISTING],
        14: [MemberError.DUPLICATE_IN_FILE],
        15: [MemberError.PROBATIONARY_HAS_FULL_DATE],
        16: [MemberError.ACTIVIST_HAS_DATES],
        17: [MemberError.JOINED_TOO_EARLY],
        18: [MemberError.NAME_TOO_LONG],
        19: [MemberError.NAME_NO_LETTERS],
        20: [MemberError.WORK_UNIT_TOO_LONG],
        21: [MemberError.JOINED_DATE_INVALID, MemberError.FULL_DATE_INVALID],
        22: [MemberError.FULL_IN_FUTURE],
    }
    assert bad[11].duplicate_of_member == 5
    assert (bad[12].duplicate_of_member, bad[12].duplicate_of_line) == (5, 11)
    assert bad[13].duplicate_of_member == 7
    assert (bad[14].duplicate_of_line, bad[14].duplicate_of_member) == (2, None)
    assert bad[4].name == ""
    assert bad[10].name == "周四"
    assert good[1].group_id == 2  # "第二党小组" matches "第二 党小组" once spaces are gone
    assert good[1].group_name == "第二 党小组"


def test_a_row_collects_all_its_reasons() -> None:
    _, bad = check(["吴五,1380,党员,九组,2030-01-01,,"])
    assert bad[2].reasons == [
        MemberError.PHONE_MALFORMED,
        MemberError.CATEGORY_UNKNOWN,
        MemberError.GROUP_UNKNOWN,
        MemberError.JOINED_IN_FUTURE,
        MemberError.DUPLICATE_EXISTING,  # same name, and the bad phone tells nothing apart
    ]


def test_good_row_values() -> None:
    good, bad = check(
        [
            "  张　三 ,+86 138-1234-5678, 离退休党员 ,一组,2000年7月1日,20010701, 市 医院 ",
            "李四,,,,,,",
            "王五,,预备党员,,2023.9.1,,",
            "赵六,,入党积极分子,,,,",
        ]
    )
    assert bad == {}
    assert good == [
        RosterRow(
            line=2,
            name="张三",
            phone="13812345678",
            category=Category.RETIRED,
            group_id=1,
            group_name="一组",
            joined_on=date(2000, 7, 1),
            full_on=date(2001, 7, 1),
            work_unit="市 医院",
        ),
        RosterRow(3, "李四", None, Category.DIRECT, None, None, None, None, None),
        RosterRow(4, "王五", None, Category.PROBATIONARY, None, None, date(2023, 9, 1), None, None),
        RosterRow(5, "赵六", None, Category.ACTIVIST, None, None, None, None, None),
    ]


def test_empty_category_can_be_required() -> None:
    good, bad = check(["李四,,,,,,", "王五,,在职,,,,"], default_category=None)
    assert bad[2].reasons == [MemberError.CATEGORY_MISSING]
    assert [r.line for r in good] == [3]


@pytest.mark.parametrize(
    "text",
    ["2020-07-01", "2020/7/1", "2020.7.1", "2020年7月1日", "20200701", "2020-07-01 00:00:00"],
)
def test_dates_in_every_format(text: str) -> None:
    good, bad = check([f"王五,,直管,,{text},{text},"])
    assert bad == {}
    assert (good[0].joined_on, good[0].full_on) == (date(2020, 7, 1), date(2020, 7, 1))


def test_dates_from_xlsx_cells() -> None:
    rows: list[list[object]] = [
        ["姓名", "入党日期", "转正日期"],
        ["甲", datetime(2020, 7, 1, 0, 0), date(2021, 7, 1)],
        ["乙", 44013, "2021/7/1"],
        ["丙", 20200701, "2021.7.1"],
        ["丁", "2020年7月1日", 1985],  # a bare year is not a date
    ]
    parsed = parse_roster("a.xlsx", xlsx_bytes(rows))
    preview = validate_roster(parsed.rows, known_groups={}, existing=[], today=TODAY)
    expected = (date(2020, 7, 1), date(2021, 7, 1))
    assert [(r.line, r.joined_on, r.full_on) for r in preview.good] == [
        (2, *expected),
        (3, *expected),
        (4, *expected),
    ]
    assert [(e.line_number, e.reasons) for e in preview.bad] == [
        (5, [MemberError.FULL_DATE_INVALID])
    ]


def test_in_file_duplicates_keep_the_first_row() -> None:
    good, bad = check(
        [
            "刘一,13800000001,直管,,,,",  # 2
            "刘二,13800000001,直管,,,,",  # 3: line 2's phone under another name
            "刘一,13800000009,直管,,,,",  # 4: same name, other phone: another person
            "刘 一,13800000009,直管,,,,",  # 5: repeats line 4
            "刘一,,直管,,,,",  # 6: no phone to tell it from line 2
        ]
    )
    assert [r.line for r in good] == [2, 4]
    assert {line: (e.reasons, e.duplicate_of_line) for line, e in bad.items()} == {
        3: ([MemberError.DUPLICATE_IN_FILE], 2),
        5: ([MemberError.DUPLICATE_IN_FILE], 4),
        6: ([MemberError.DUPLICATE_IN_FILE], 2),
    }


def test_duplicates_of_existing_and_in_file_together() -> None:
    _, bad = check(["吴五,,直管,,,,", "吴五,,直管,,,,"])
    assert bad[2].reasons == [MemberError.DUPLICATE_EXISTING]
    assert bad[3].reasons == [MemberError.DUPLICATE_EXISTING, MemberError.DUPLICATE_IN_FILE]
    assert bad[3].duplicate_of_line == 2


# --- templates and the binding-links sheet -----------------------------------------------


def test_xlsx_template_reads_back_with_the_example_dropped() -> None:
    content = roster_template_xlsx(["一组", "二组"])
    wb = load_workbook(io.BytesIO(content))
    assert wb.sheetnames == ["党员名单", "填写说明"]
    sheet = wb["党员名单"]
    assert [c.value for c in sheet[1]] == list(TEMPLATE_HEADERS)
    assert sheet["A2"].value == "张三"
    assert sheet["B2"].value == "13800138000"  # text, so Excel keeps all 11 digits
    assert sheet["E2"].value == datetime(2010, 7, 1)
    labels = [row[0] for row in wb["填写说明"].iter_rows(values_only=True) if row[0]]
    categories = {parse_category(str(label)) for label in labels} - {None}
    assert categories == set(Category)
    assert "二组" in labels
    parsed = parse_roster("template.xlsx", content)
    assert parsed.ok
    assert parsed.example_skipped
    assert parsed.rows == []
    assert parsed.columns == frozenset(Column)


def test_filled_in_xlsx_template_imports() -> None:
    wb = load_workbook(io.BytesIO(roster_template_xlsx()))
    wb["党员名单"].append(["李四", "13812345678", "在职党员", "一组", date(2015, 7, 1)])
    out = io.BytesIO()
    wb.save(out)
    parsed = parse_roster("名单.xlsx", out.getvalue())
    preview = validate_roster(parsed.rows, known_groups={"一组": 1}, existing=[], today=TODAY)
    assert [(r.line, r.name, r.category, r.group_id) for r in preview.good] == [
        (3, "李四", Category.EMPLOYED, 1)
    ]


def test_csv_template() -> None:
    content = roster_template_csv()
    assert content.startswith(codecs.BOM_UTF8)
    text = content.decode("utf-8-sig")
    assert text.splitlines()[0] == ",".join(TEMPLATE_HEADERS)
    parsed = parse_roster("template.csv", content)
    assert (parsed.ok, parsed.example_skipped, parsed.rows) == (True, True, [])
    filled = content + "李四,13812345678,在职,,2015-07-01,2016-07-01,\r\n".encode()
    assert [r.name for r in parse_roster("t.csv", filled).rows] == ["李四"]


def test_binding_links_sheet() -> None:
    link = "https://t.me/party_bot?start=b_" + "x" * 24
    content = binding_links_xlsx([("张三", "一组", link), ("李四", None, link + "y")])
    wb = load_workbook(io.BytesIO(content))
    ws = wb.active
    assert isinstance(ws, Worksheet)
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == "党员绑定链接"
    assert rows[1] == ("姓名", "党小组", "绑定链接")
    assert rows[2] == ("张三", "一组", link)
    assert rows[3] == ("李四", None, link + "y")
    assert ws["C3"].hyperlink is not None
    assert ws["C3"].hyperlink.target == link
    assert "A1:C1" in {str(r) for r in ws.merged_cells.ranges}
    assert (ws.column_dimensions["C"].width or 0) >= 60
    titled = load_workbook(io.BytesIO(binding_links_xlsx([], title="一组绑定链接")))
    assert titled.active is not None
    assert titled.active["A1"].value == "一组绑定链接"
