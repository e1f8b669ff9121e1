"""The assessment (一制度): how a member's term is scored, ranked, commended or found short.

Every figure is in tenths of a point (an int), so sums and corrections are exact and a score
prints as "12.5". The rules are a branch setting (branch.settings["cards.rules"], a dict of the
Rules fields); anything missing or absurd falls back to the default below.

Default rules, for a year (a quarter uses the caps and thresholds divided by four):
- attendance: +2 per meeting attended (present or late), +1 per absence made up (补学),
  -1 per absence neither excused (请假 approved) nor made up; capped at 40.
- duties: +3 per confirmed duty record on a post; capped at 30.
- residents: +2 per resident's request done, plus (rating - 3) per rated request
  (a 5 adds 2, a 1 takes 2); capped at 20.
- hours: +1 per approved volunteer hour (0.5 per half hour); capped at 20.
- dues: +1 per month paid in full by the month's end; -1 per month due and not so paid.
- 合格 (pass): 20 points; below is "fell short". 优秀党员 candidates: at least 60 points, no
  absence left unexcused and not made up, no month of dues late, and at most the best 20% of
  the members assessed (ties at the cut are all kept).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, fields, replace
from enum import StrEnum


class Item(StrEnum):
    """A scored item; the values are stored in score_corrections.item."""

    ATTENDANCE = "attendance"
    DUTIES = "duties"
    RESIDENTS = "residents"
    HOURS = "hours"
    DUES = "dues"


ITEMS: tuple[Item, ...] = tuple(Item)


@dataclass(frozen=True)
class Rules:
    """Points in tenths. Caps and thresholds are for a year."""

    attended: int = 20
    made_up: int = 10
    unexcused: int = -10
    attendance_cap: int = 400
    duty: int = 30
    duties_cap: int = 300
    request_done: int = 20
    rating_step: int = 10  # per star above (or below) 3
    residents_cap: int = 200
    per_half_hour: int = 5
    hours_cap: int = 200
    dues_on_time: int = 10
    dues_late: int = -10
    pass_min: int = 200
    excellent_min: int = 600
    excellent_share_pct: int = 20

    def for_quarter(self) -> Rules:
        """The same rates with caps and thresholds a quarter of the year's."""
        return replace(
            self,
            attendance_cap=self.attendance_cap // 4,
            duties_cap=self.duties_cap // 4,
            residents_cap=self.residents_cap // 4,
            hours_cap=self.hours_cap // 4,
            pass_min=self.pass_min // 4,
            excellent_min=self.excellent_min // 4,
        )


DEFAULT_RULES = Rules()
_LIMIT = 10_000  # no single figure beyond 1,000 points: a typo, not a rule


def rules_from(raw: object) -> Rules:
    """The branch's rules from its settings; unknown keys and absurd values are ignored."""
    if not isinstance(raw, Mapping):
        return DEFAULT_RULES
    known = {f.name for f in fields(Rules)}
    chosen: dict[str, int] = {}
    for key, value in raw.items():
        number = isinstance(value, int) and not isinstance(value, bool)
        if key in known and number and -_LIMIT <= value <= _LIMIT:
            chosen[key] = value
    rules = replace(DEFAULT_RULES, **chosen)
    if not 0 <= rules.excellent_share_pct <= 100 or min(_caps(rules)) < 0:
        return DEFAULT_RULES
    return rules


def rules_to(rules: Rules) -> dict[str, int]:
    return asdict(rules)


def _caps(rules: Rules) -> tuple[int, ...]:
    return (rules.attendance_cap, rules.duties_cap, rules.residents_cap, rules.hours_cap)


@dataclass(frozen=True)
class Facts:
    """What the records say about one member in one period."""

    member_id: int
    attended: int = 0
    on_leave: int = 0
    absent: int = 0  # missed without approved leave (made up or not)
    made_up: int = 0
    duties: int = 0  # confirmed duty records on posts
    requests_done: int = 0
    ratings_sum: int = 0
    ratings_count: int = 0
    halves: int = 0
    dues_due: int = 0  # months with something due that ended in the period
    dues_on_time: int = 0


@dataclass(frozen=True)
class Score:
    member_id: int
    items: tuple[tuple[Item, int], ...]  # after corrections
    corrections: tuple[tuple[Item, int], ...]  # the corrections' sums, by item
    total: int
    clean: bool  # no unexcused absence left, no late dues: may be commended

    def item(self, item: Item) -> int:
        return dict(self.items).get(item, 0)


def _cap(value: int, cap: int) -> int:
    return min(value, cap)


def raw_items(facts: Facts, rules: Rules) -> dict[Item, int]:
    """The items before corrections."""
    unexcused = max(facts.absent - facts.made_up, 0)
    attendance = (
        facts.attended * rules.attended
        + facts.made_up * rules.made_up
        + unexcused * rules.unexcused
    )
    rated = facts.ratings_sum - 3 * facts.ratings_count
    residents = facts.requests_done * rules.request_done + rated * rules.rating_step
    late = max(facts.dues_due - facts.dues_on_time, 0)
    return {
        Item.ATTENDANCE: _cap(attendance, rules.attendance_cap),
        Item.DUTIES: _cap(facts.duties * rules.duty, rules.duties_cap),
        Item.RESIDENTS: _cap(residents, rules.residents_cap),
        Item.HOURS: _cap(facts.halves * rules.per_half_hour, rules.hours_cap),
        Item.DUES: facts.dues_on_time * rules.dues_on_time + late * rules.dues_late,
    }


def score(facts: Facts, rules: Rules, corrections: Mapping[Item, int] | None = None) -> Score:
    """The member's score: each item by the rules, then the secretary's corrections added."""
    fixes = dict(corrections or {})
    items = raw_items(facts, rules)
    final = tuple((item, items[item] + fixes.get(item, 0)) for item in ITEMS)
    clean = facts.absent <= facts.made_up and facts.dues_on_time >= facts.dues_due
    return Score(
        member_id=facts.member_id,
        items=final,
        corrections=tuple((i, fixes[i]) for i in ITEMS if fixes.get(i)),
        total=sum(v for _i, v in final),
        clean=clean,
    )


@dataclass(frozen=True)
class Ranked:
    score: Score
    place: int  # 1 for the best; equal totals share a place


def rank(scores: Iterable[Score]) -> list[Ranked]:
    """Best first; equal totals share the place (1, 2, 2, 4), ties in member order."""
    ordered = sorted(scores, key=lambda s: (-s.total, s.member_id))
    out: list[Ranked] = []
    for index, s in enumerate(ordered):
        same = out and out[-1].score.total == s.total
        out.append(Ranked(s, out[-1].place if same else index + 1))
    return out


def candidates(ranked: Sequence[Ranked], rules: Rules) -> list[Ranked]:
    """优秀党员 candidates by the rules: enough points, clean, within the best share."""
    if not ranked:
        return []
    room = (
        max(1, len(ranked) * rules.excellent_share_pct // 100) if rules.excellent_share_pct else 0
    )
    return [
        r
        for r in ranked
        if r.score.total >= rules.excellent_min and r.score.clean and r.place <= room
    ]


def fell_short(ranked: Sequence[Ranked], rules: Rules) -> list[Ranked]:
    return [r for r in ranked if r.score.total < rules.pass_min]


def points(tenths: int) -> str:
    """12.5, 12, -3.5: a score as people write it."""
    sign = "-" if tenths < 0 else ""
    whole, part = divmod(abs(tenths), 10)
    return f"{sign}{whole}" if part == 0 else f"{sign}{whole}.{part}"


# Corrections the secretary can pick, in tenths: ±0.5, ±1, ±2, ±5, ±10 points.
CORRECTION_STEPS: tuple[int, ...] = (-100, -50, -20, -10, -5, 5, 10, 20, 50, 100)
