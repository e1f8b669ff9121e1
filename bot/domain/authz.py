"""Who may do what: one table of every action against every kind of person, and its lookup.

Each feature declares its own rows as `ACTIONS` in a domain module named `authz` inside its
package (bot/domain/dues/authz.py) or `<feature>_authz` beside the flat modules
(bot/domain/members/authz.py). `table()` finds and merges them, so a new slice adds its rows
without editing a central file. Handlers and services ask `permits()`; the role-level helpers
in members_roles (can, scope, can_act_on_member) read the same rows, and the README's table is
rendered from it (`python -m bot.domain.authz`; tests/unit/test_authz.py fails when they differ).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from pathlib import Path


class Who(StrEnum):
    """Every kind of person the table has a column for, as seen from one branch."""

    STRANGER = "stranger"  # a Telegram account with no membership anywhere
    RESIDENT = "resident"  # came through a residents' request link; not a Party member
    MEMBER = "member"
    GROUP_LEADER = "group_leader"
    COMMITTEE = "committee"
    # A committee member the secretary put in charge of dues: a duty on top of the role.
    TREASURER = "treasurer"
    SECRETARY = "secretary"
    OPERATOR = "operator"  # runs the bot (BOT_ADMIN_IDS); not a branch role
    OTHER_BRANCH = "other_branch"  # an officer or member of another branch


class Reach(StrEnum):
    """Over what a kind of person may do an action."""

    NONE = "—"
    OWN = "own"  # only on their own records (their leave, their dues, their hours)
    GROUP = "own group"  # a group leader over their own party group
    BRANCH = "yes"  # over the whole branch (or, for the operator, the whole bot)


@dataclass(frozen=True)
class Action:
    """One row: an action and, per kind of person, over what they may do it."""

    name: str  # "<feature>.<verb>", e.g. "dues.record"
    summary: str  # what it is, for the README
    grants: Mapping[Who, Reach] = field(default_factory=dict)

    def reach(self, who: Who) -> Reach:
        return self.grants.get(who, Reach.NONE)


def action(name: str, summary: str, **grants: Reach) -> Action:
    """A row; grants by Who value, e.g. action("x.y", "...", secretary=Reach.BRANCH)."""
    return Action(name, summary, {Who(k): v for k, v in grants.items()})


# Grant sets the feature modules combine.
B, G = Reach.BRANCH, Reach.GROUP
EVERYONE = dict.fromkeys((w.value for w in Who), B)
_IN_BRANCH = ("member", "group_leader", "committee", "treasurer", "secretary")
MEMBERS_OWN = dict.fromkeys(_IN_BRANCH, Reach.OWN)
OFFICERS = {"committee": B, "treasurer": B, "secretary": B}
GROUP_OFFICERS = {"group_leader": G, **OFFICERS}
SECRETARY_ONLY = {"secretary": B}
DUES_OFFICERS = {"treasurer": B, "secretary": B}
OPERATOR_ONLY = {"operator": B}


@dataclass(frozen=True)
class Subject:
    """Someone asking to act, as far as the table goes.

    kinds: what they are in their branch (committee and treasurer at once, say); operator
    is added for the bot's operator whatever else they are. branch_id/group_id: where.
    """

    kinds: frozenset[Who]
    branch_id: int | None = None
    group_id: int | None = None


def subject(
    role: str | None,
    *,
    branch_id: int | None = None,
    group_id: int | None = None,
    operator: bool = False,
    treasurer: bool = False,
    resident: bool = False,
) -> Subject:
    """A Subject from an active membership's role (None: not a member of any branch)."""
    kinds: set[Who] = set()
    if role is not None:
        try:
            kinds.add(Who(role))
        except ValueError:
            kinds.add(Who.MEMBER)
        if treasurer and Who.COMMITTEE in kinds:
            kinds.add(Who.TREASURER)
    elif resident:
        kinds.add(Who.RESIDENT)
    else:
        kinds.add(Who.STRANGER)
    if operator:
        kinds.add(Who.OPERATOR)
    return Subject(frozenset(kinds), branch_id if role is not None else None, group_id)


def permits(
    name: str,
    who: Subject,
    *,
    branch_id: int | None = None,
    group_id: int | None = None,
    own: bool = False,
) -> bool:
    """Whether who may do the action on something of branch_id (None: not branch-bound),
    of party group group_id (None: branch-wide), own=True when it is their own record."""
    row = table()[name]
    kinds = set(who.kinds)
    if branch_id is not None and who.branch_id != branch_id:
        # Someone else's branch: they are only "a member of another branch" there.
        kinds = {Who.OTHER_BRANCH} | ({Who.OPERATOR} & kinds)
    for kind in kinds:
        reach = row.reach(kind)
        if reach is Reach.BRANCH:
            return True
        if reach is Reach.GROUP and who.group_id is not None and who.group_id == group_id:
            return True
        if reach is Reach.OWN and own:
            return True
    return False


def reach_of(name: str, who: Who) -> Reach:
    """The plain cell of the table."""
    return table()[name].reach(who)


def _feature_modules() -> Iterable[str]:
    """Domain modules holding rows: <pkg>/authz.py and <name>_authz.py under bot/domain."""
    here = Path(__file__).parent
    for info in pkgutil.iter_modules([str(here)]):
        if info.ispkg and (here / info.name / "authz.py").exists():
            yield f"bot.domain.{info.name}.authz"
        elif not info.ispkg and info.name.endswith("_authz"):
            yield f"bot.domain.{info.name}"


@cache
def table() -> Mapping[str, Action]:
    """Every feature's rows, merged; a name declared twice is a mistake and raises."""
    rows: dict[str, Action] = {}
    for module_name in sorted(_feature_modules()):
        module = importlib.import_module(module_name)
        for row in getattr(module, "ACTIONS", ()):
            if row.name in rows:
                raise ValueError(f"authz action {row.name!r} declared twice ({module_name})")
            rows[row.name] = row
    return rows


def markdown() -> str:
    """The table as the README shows it."""
    cols = list(Who)
    head = "| action | " + " | ".join(c.value.replace("_", " ") for c in cols) + " |"
    rule = "|" + "---|" * (len(cols) + 1)
    lines = [head, rule]
    for name in sorted(table()):
        row = table()[name]
        cells = " | ".join(row.reach(c).value for c in cols)
        lines.append(f"| `{name}` {row.summary} | {cells} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(markdown(), end="")
