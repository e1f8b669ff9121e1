"""Feedback on the cards: the secretary's and a group leader's ratings, a partner unit's link,
the secretary's corrections; and every bad input refused with nothing saved."""

from __future__ import annotations

import re
from datetime import timedelta

from bot.domain.cards.scoring import Item
from bot.texts import t
from handlers.cards.buttons import (
    CorrectDelta,
    CorrectScore,
    PartnerLink,
    PartnerStars,
    RateMember,
    RateStars,
    ShowCard,
    ShowRules,
    StepRule,
)
from storage.models.cards import FeedbackEntry, FeedbackLink, ScoreCorrection
from tests.e2e.cards.world import CardsWorld, cards_world
from tests.e2e.conftest import Harness
from tests.e2e.meetings.world import meetings_cleanup  # noqa: F401
from tests.said import said


async def _card_of(cw: CardsWorld, officer: str, name: str, number: int) -> int:
    user = cw.user(officer)
    await user.send("/card")
    mine = await user.wait_message(contains=said("cards.title.1"))
    await user.press_data(ShowCard(cw.ids[name], number, 2026).data, mine.message_id)
    await user.wait_message(contains=said("cards.screen.of", name=name))
    return mine.message_id


async def test_secretary_and_group_leader_rate_within_their_rights(harness: Harness) -> None:
    cw = await cards_world(harness)
    sec = cw.user("书记老张")
    screen = await _card_of(cw, "书记老张", "王阿姨", 4)
    await sec.press("⭐ 写评价", message_id=screen)
    await sec.wait_message(contains=said("cards.rate.ask"))
    await sec.press("★★★★☆", message_id=screen)
    await sec.wait_message(contains=said("cards.rate.comment"))
    await sec.send("热心肠，邻里都夸")
    await sec.wait_message(contains=said("cards.rate.saved"))
    # A forged rating of 9 (no button makes it) and a rating of oneself change nothing.
    bad = await sec.press_data(f"cd:fr:{cw.ids['王阿姨']}:9", screen)
    assert bad.get("text") == t("error.stale_button", "zh")
    own = await sec.press_data(RateMember(cw.ids["书记老张"]).data, screen)
    assert "不能给自己评价" in (own.get("text") or "")
    # The group leader rates their group, not another group, and skips the comment.
    leader = cw.user("组长老刘")
    screen = await _card_of(cw, "组长老刘", "王阿姨", 4)
    await leader.press("⭐ 写评价", message_id=screen)
    await leader.wait_message(contains=said("cards.rate.ask"))
    await leader.press("★★★★★", message_id=screen)
    await leader.wait_message(contains=said("cards.rate.comment"))
    await leader.press("✅ 不写评语，直接提交", message_id=screen)
    await leader.wait_message(contains=said("cards.rate.saved"))
    other = await leader.press_data(RateMember(cw.ids["李大爷"]).data, screen)
    assert "党小组长可查看本小组党员" in (other.get("text") or "")
    member = cw.user("李大爷")
    await member.send("/card")
    his = await member.wait_message(contains=said("cards.title.1"))
    forged = await member.press_data(RateStars(cw.ids["王阿姨"], 5).data, his.message_id)
    assert "只能查看自己的四卡" in (forged.get("text") or "")
    assert [(e.source, e.rating, e.comment) for e in await cw.feedback("王阿姨")] == [
        ("secretary", 4, "热心肠，邻里都夸"),
        ("leader", 5, ""),
    ]
    wang = cw.user("王阿姨")
    await wang.send("/card")
    card = await wang.wait_message(contains=said("cards.title.1"))
    await wang.press_data(ShowCard(None, 4, 2026).data, card.message_id)
    four = await wang.wait_message(contains=said("cards.title.4"))
    assert "书记评价·书记老张" in four.body and "★★★★☆ 热心肠，邻里都夸" in four.body
    assert "党小组长评价·组长老刘" in four.body and "平均星级：4.6" in four.body
    assert await cw.audit_actions() == ["cards.feedback", "cards.feedback"]


async def test_a_partner_unit_rates_once_through_the_link(harness: Harness) -> None:
    cw = await cards_world(harness)
    sec = cw.user("书记老张")
    screen = await _card_of(cw, "书记老张", "小钱", 4)
    await sec.press("🔗 驻区单位反馈链接", message_id=screen)
    await sec.wait_message(contains=said("cards.link.ask_name"))
    await sec.send("区人民医院党委")
    made = await sec.wait_message(contains=said("cards.link.made"))
    assert made.photo is not None  # the QR code
    url = re.search(r"https://t\.me/\S+", made.body)
    assert url is not None
    partner = await harness.user("医院王主任")
    await partner.open_link(url.group(0))
    ask = await partner.wait_message(contains="区人民医院党委")
    assert "小钱" in ask.body
    await partner.send("还没点星")
    await partner.wait_message(contains=said("cards.partner.press"))
    await partner.press("★★★★★", message_id=ask.message_id)
    await partner.wait_message(contains=said("cards.partner.comment"))
    await partner.send("工作之余常去社区服务，值得表扬")
    await partner.wait_message(contains=said("cards.partner.thanks"))
    # The same link again, by the partner or anyone: refused kindly, nothing saved.
    await partner.open_link(url.group(0))
    await partner.wait_message(contains=said("cards.refuse.link_used"))
    stranger = await harness.user("路人")
    await stranger.open_link(url.group(0))
    await stranger.wait_message(contains=said("cards.refuse.link_used"))
    [entry] = await cw.feedback("小钱")
    assert (entry.source, entry.rating, entry.author_name) == ("partner", 5, "区人民医院党委")
    # A second link left until it expired.
    await sec.press_data(PartnerLink(cw.ids["小钱"]).data, screen)
    await sec.wait_message(contains=said("cards.link.ask_name"))
    await sec.send("街道企业联合党委")
    made = await sec.wait_message(contains="街道企业联合党委")
    url = re.search(r"https://t\.me/\S+", made.body)
    assert url is not None
    late = await harness.user("企业李书记")
    harness.clock.set(harness.clock.now() + timedelta(days=14, hours=-1))
    await late.open_link(url.group(0))
    ask = await late.wait_message(contains=said("cards.partner.ask"))
    await late.press("★★★☆☆", message_id=ask.message_id)
    await late.wait_message(contains=said("cards.partner.comment"))
    harness.clock.set(harness.clock.now() + timedelta(hours=2))  # expires while typing
    await late.send("还行")
    await late.wait_message(contains=said("cards.refuse.link_expired"))
    await late.open_link(url.group(0))
    await late.wait_message(contains=said("cards.refuse.link_expired"))
    assert await cw.count(FeedbackEntry, member_id=cw.ids["小钱"]) == 1
    assert await cw.count(FeedbackLink, member_id=cw.ids["小钱"]) == 2
    # A forged partner rating outside a link flow.
    forged = await stranger.press_data(PartnerStars(5).data, ask.message_id)
    assert "链接无效" in (forged.get("text") or "")


async def test_the_secretary_corrects_a_score_with_a_reason(harness: Harness) -> None:
    cw = await cards_world(harness)
    sec = cw.user("书记老张")
    screen = await _card_of(cw, "书记老张", "王阿姨", 3)
    await sec.press("✏️ 更正分数", message_id=screen)
    await sec.wait_message(contains=said("cards.correct.item"))
    await sec.press("岗位履职", message_id=screen)
    await sec.wait_message(contains=said("cards.correct.delta"))
    await sec.press("+2", message_id=screen)
    await sec.wait_message(contains=said("cards.correct.reason"))
    await sec.send("很" * 301)
    await sec.wait_message(contains=said("cards.refuse.too_long"))
    await sec.send("补录 6 月楼道值守两次")
    await sec.wait_message(contains=said("cards.correct.saved", name="王阿姨"))
    [fix] = await cw.corrections()
    assert (fix.item, fix.delta_tenths, fix.term) == ("duties", 20, 2026)
    assert await cw.audit_actions() == ["cards.correct"]
    wang = cw.user("王阿姨")
    await wang.send("/card")
    card = await wang.wait_message(contains=said("cards.title.1"))
    await wang.press_data(ShowCard(None, 3, 2026).data, card.message_id)
    three = await wang.wait_message(contains=said("cards.title.3"))
    assert "总分：15 分" in three.body and "岗位履职：5 分（含更正 2）" in three.body
    assert "书记更正「岗位履职」+2 分，原因：补录 6 月楼道值守两次" in three.body
    # Members and group leaders cannot correct; nor can anyone correct a forged item.
    duties = CorrectDelta(cw.ids["王阿姨"], 2026, Item.DUTIES, 9).data
    answer = await wang.press_data(duties, card.message_id)
    assert "只能查看自己的四卡" in (answer.get("text") or "")
    leader_screen = await _card_of(cw, "组长老刘", "王阿姨", 3)
    leader = cw.user("组长老刘")
    answer = await leader.press_data(CorrectScore(cw.ids["王阿姨"], 2026).data, leader_screen)
    assert "只能查看自己的四卡" in (answer.get("text") or "")
    answer = await sec.press_data(f"cd:ci:{cw.ids['王阿姨']}:2026:bonus", screen)
    assert answer.get("text") == t("error.stale_button", "zh")
    answer = await sec.press_data(CorrectDelta(cw.outsider_id, 2026, Item.DUTIES, 9).data, screen)
    await sec.send("想改外支部的分")
    await sec.wait_message(contains=said("cards.refuse.not_found"))
    assert await cw.count(ScoreCorrection) == 1


async def test_the_secretary_adjusts_the_scoring_rules_members_see_them(
    harness: Harness,
) -> None:
    cw = await cards_world(harness)
    wang = cw.user("王阿姨")
    await wang.send("/card")
    card = await wang.wait_message(contains=said("cards.title.1"))
    await wang.press_data(ShowRules().data, card.message_id)
    rules = await wang.wait_message(contains=said("cards.rules.body"))
    assert "每参加一次 +2 分" in rules.body and "调整考核标准" not in str(rules.inline_buttons)
    forged = await wang.press_data(StepRule(0, True).data, card.message_id)
    assert "只能查看自己的四卡" in (forged.get("text") or "")
    sec = cw.user("书记老张")
    screen = await _card_of(cw, "书记老张", "王阿姨", 3)
    await sec.press("📏 分数怎么算", message_id=screen)
    shown = await sec.wait_message(contains=said("cards.rules.body"))
    await sec.press("⚙️ 调整考核标准", message_id=shown.message_id)
    editor = await sec.wait_message(contains=said("cards.rules.body"))
    assert "参加会议 2" in str(editor.inline_buttons)
    for _ in range(2):
        await sec.press_data(StepRule(0, True).data, editor.message_id)
    await sec.wait_message(contains=said("cards.rules.body", attended=3))
    assert await cw.audit_actions() == ["cards.rules", "cards.rules"]
    await wang.press_data(ShowCard(None, 3, 2026).data, card.message_id)
    three = await wang.wait_message(contains=said("cards.title.3"))
    assert "组织生活：4 分" in three.body and "总分：14 分" in three.body
    await sec.press("↩️ 恢复默认标准", message_id=editor.message_id)
    await sec.wait_message(contains=said("cards.rules.body", attended=2))
