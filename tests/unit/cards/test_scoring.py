"""The assessment rules (bot.domain.cards.scoring): each item, caps, corrections, ranking."""

from __future__ import annotations

from datetime import date

from bot.domain.cards.periods import Period, due_periods, month_end, parse_period
from bot.domain.cards.scoring import (
    DEFAULT_RULES,
    Facts,
    Item,
    Ranked,
    Rules,
    candidates,
    fell_short,
    points,
    rank,
    rules_from,
    score,
)


def test_each_item_by_the_default_rules() -> None:
    f = Facts(
        member_id=1,
        attended=5,
        on_leave=2,
        absent=3,
        made_up=1,
        duties=4,
        requests_done=2,
        ratings_sum=9,  # a 5 and a 4: +2 and +1 stars above 3
        ratings_count=2,
        halves=7,
        dues_due=12,
        dues_on_time=10,
    )
    s = score(f, DEFAULT_RULES)
    assert dict(s.items) == {
        Item.ATTENDANCE: 5 * 20 + 1 * 10 - 2 * 10,  # two absences neither excused nor made up
        Item.DUTIES: 4 * 30,
        Item.RESIDENTS: 2 * 20 + 3 * 10,
        Item.HOURS: 7 * 5,
        Item.DUES: 10 * 10 - 2 * 10,
    }
    assert s.total == 90 + 120 + 70 + 35 + 80
    assert not s.clean  # absences left and late dues


def test_caps_hold_and_leave_costs_nothing() -> None:
    f = Facts(member_id=1, attended=100, on_leave=30, duties=50, halves=1000, requests_done=40)
    s = score(f, DEFAULT_RULES)
    assert s.item(Item.ATTENDANCE) == DEFAULT_RULES.attendance_cap
    assert s.item(Item.DUTIES) == DEFAULT_RULES.duties_cap
    assert s.item(Item.HOURS) == DEFAULT_RULES.hours_cap
    assert s.item(Item.RESIDENTS) == DEFAULT_RULES.residents_cap
    assert s.clean


def test_low_ratings_take_points_and_a_quarter_has_a_quarter_of_the_caps() -> None:
    s = score(Facts(member_id=1, requests_done=1, ratings_sum=1, ratings_count=1), DEFAULT_RULES)
    assert s.item(Item.RESIDENTS) == 20 - 2 * 10
    q = DEFAULT_RULES.for_quarter()
    assert q.attendance_cap == DEFAULT_RULES.attendance_cap // 4
    assert q.pass_min == DEFAULT_RULES.pass_min // 4
    assert q.attended == DEFAULT_RULES.attended


def test_corrections_add_to_their_item_and_are_kept_apart() -> None:
    f = Facts(member_id=1, attended=2)
    s = score(f, DEFAULT_RULES, {Item.DUTIES: 15, Item.ATTENDANCE: -5})
    assert s.item(Item.DUTIES) == 15 and s.item(Item.ATTENDANCE) == 35
    assert dict(s.corrections) == {Item.DUTIES: 15, Item.ATTENDANCE: -5}
    assert s.total == 50


def test_branch_settings_override_the_defaults_and_nonsense_is_ignored() -> None:
    assert rules_from({"attended": 30, "pass_min": 100}) == Rules(attended=30, pass_min=100)
    assert rules_from({"attended": "30", "bogus": 1, "duty": True}) == DEFAULT_RULES
    assert rules_from({"attended": 10**9}) == DEFAULT_RULES
    assert rules_from({"excellent_share_pct": 150}) == DEFAULT_RULES
    assert rules_from(None) == DEFAULT_RULES


def _s(member_id: int, total_attended: int, absent: int = 0) -> Facts:
    return Facts(member_id=member_id, attended=total_attended, absent=absent)


def test_ranking_shares_places_and_candidates_follow_the_rules() -> None:
    rules = Rules(excellent_min=60, pass_min=30, excellent_share_pct=50)
    scores = [
        score(_s(1, 4), rules),  # 80
        score(_s(2, 4), rules),  # 80
        score(_s(3, 5, absent=1), rules),  # 90, but an absence left
        score(_s(4, 1), rules),  # 20
    ]
    ranked = rank(scores)
    assert [(r.score.member_id, r.place) for r in ranked] == [(3, 1), (1, 2), (2, 2), (4, 4)]
    assert [r.score.member_id for r in candidates(ranked, rules)] == [1, 2]
    assert [r.score.member_id for r in fell_short(ranked, rules)] == [4]
    assert candidates([], rules) == []
    assert candidates(ranked, Rules(excellent_min=60, excellent_share_pct=0)) == []
    assert isinstance(ranked[0], Ranked)


def test_points_print_as_people_write_them() -> None:
    assert [points(v) for v in (0, 5, 10, 125, -35, -10)] == ["0", "0.5", "1", "12.5", "-3.5", "-1"]


def test_periods_and_when_tallies_are_due() -> None:
    assert parse_period("2026-Q3") == Period(2026, 3)
    assert parse_period("2026") == Period(2026)
    assert parse_period("2026-Q5") is None and parse_period("1899") is None
    q3 = Period(2026, 3)
    assert (q3.first, q3.end, q3.months) == (
        date(2026, 7, 1),
        date(2026, 10, 1),
        (202607, 202608, 202609),
    )
    assert Period(2026).end == date(2027, 1, 1) and len(Period(2026).months) == 12
    assert due_periods(date(2026, 10, 1)) == [Period(2026, 3)]
    assert due_periods(date(2026, 10, 31)) == [Period(2026, 3)]
    assert due_periods(date(2026, 11, 1)) == []  # too late: a new bot does not send old news
    assert due_periods(date(2027, 1, 2)) == [Period(2026)]  # the year stands for its Q4
    assert month_end(202612) == date(2027, 1, 1) and month_end(202602) == date(2026, 3, 1)
