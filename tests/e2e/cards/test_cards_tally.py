"""The year-end tally job: the secretary's ranking and .xlsx, each member's summary, the 在职
member's letter; once only, whatever runs again."""

from __future__ import annotations

import io
from datetime import UTC, datetime

from openpyxl import load_workbook
from sqlalchemy import select

import jobs.cards
from bot.domain.sheets import FORMULA_PREFIXES
from bot.texts import t
from handlers.cards.buttons import ShowLetter, TallyXlsx, YearXlsx
from storage.models.cards import TallyRun
from storage.models.core import Branch, Member
from tests.e2e.cards.world import cards_world
from tests.e2e.conftest import Harness
from tests.e2e.meetings.world import meetings_cleanup, start_sender  # noqa: F401
from tests.said import said

YEAR = t("cards.period.year", "zh", year=2026)
HOSTILE = '=HYPERLINK("http://x","点我")'


async def test_the_year_end_tally_tells_the_secretary_and_every_member_once(
    harness: Harness,
) -> None:
    cw = await cards_world(harness)
    async with harness.data.db.transaction() as s:
        found = await s.get(Member, cw.ids["李大爷"])
        assert found is not None
        found.name = HOSTILE  # a hostile roster name stays text in the spreadsheet
    await start_sender(harness)
    assert await jobs.cards.run(harness.data) == 0  # December: nothing has ended yet
    # The test database is shared: earlier tests' branches would all be tallied too, and their
    # hundreds of summaries queue before ours. Their year counts as done already.
    async with harness.data.db.transaction() as s:
        done = select(TallyRun.branch_id).where(TallyRun.period == "2026")
        others = await s.scalars(
            select(Branch.id).where(Branch.id != cw.world.branch_id, Branch.id.not_in(done))
        )
        s.add_all(TallyRun(branch_id=b, period="2026", done_at=harness.clock.now()) for b in others)
    harness.clock.set(datetime(2027, 1, 1, 1, 0, tzinfo=UTC))  # 09:00 on 1 Jan in Shanghai
    assert await jobs.cards.run(harness.data) == 1
    sec = cw.user("书记老张")
    ranking = await sec.wait_message(contains=said("cards.tally.secretary", period=YEAR, n=5))
    assert "1. 王阿姨　13 分" in ranking.body and "共 5 人" in ranking.body
    assert "优秀党员候选" in ranking.body and "未达合格线" in ranking.body
    wang = cw.user("王阿姨")
    summary = await wang.wait_message(
        contains=said("cards.tally.member", period=YEAR, total=13, place=1, n=5)
    )
    assert "总分：13 分" in summary.body
    assert "第 1 名，共 5 人" in summary.body and "组织生活：3 分" in summary.body
    qian = cw.user("小钱")
    told = await qian.wait_message(contains=said("cards.tally.member", period=YEAR))
    await qian.press("📄 社区表现鉴定函", message_id=told.message_id)
    letter = await qian.wait_message(contains=said("cards.caption.letter"))
    assert letter.document is not None
    assert (await qian.download(letter.document["file_id"])).startswith(b"%PDF")
    await sec.press("📥 下载四卡汇总表", message_id=ranking.message_id)
    sent = await sec.wait_message(contains=said("cards.xlsx.name", period="2026"))
    assert sent.document is not None
    book = load_workbook(io.BytesIO(await sec.download(sent.document["file_id"])))
    assert book.sheetnames == [
        "党员基本情况卡",
        "活动记录卡",
        "社区表现卡",
        "社区表现反馈卡",
    ]
    for sheet in book.worksheets:
        names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
        assert len(names) == 5, sheet.title
    # The performance card's sheet is the ranking: place, name, group, total, items, verdict.
    best = next(book["社区表现卡"].iter_rows(min_row=2, values_only=True))
    assert best[:4] == (1, "王阿姨", "第一党小组", "13")
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type not in ("f", "e")
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(FORMULA_PREFIXES)
    # The spreadsheet is the secretary's only.
    for data in (TallyXlsx(1).data, YearXlsx(2026).data):
        answer = await wang.press_data(data, summary.message_id)
        assert "只能查看自己的四卡" in (answer.get("text") or ""), data
    # The letter is the member's and the secretary's, nobody else's.
    answer = await wang.press_data(ShowLetter(cw.ids["小钱"], 2026).data, summary.message_id)
    assert "只能查看自己的四卡" in (answer.get("text") or "")
    answer = await wang.press_data(ShowLetter(cw.ids["王阿姨"], 2026).data, summary.message_id)
    assert "在职党员" in (answer.get("text") or "")
    # Another pass, a restart's: nothing more.
    assert await jobs.cards.run(harness.data) == 0
    async with harness.data.db.read() as s:
        runs = list(
            await s.scalars(select(TallyRun.period).where(TallyRun.branch_id == cw.world.branch_id))
        )
    assert runs == ["2026"]
