"""The whole authorization table, walked through the sandbox: every action, every kind of person.

Allowed people are not refused; everyone else gets a polite refusal and the database stays as
it was. Button probes are pressed from each person's own chat with data made for someone else
(a replayed button), with the other branch's ids and with ids nobody has (forged).
"""

from __future__ import annotations

import asyncio
import logging
import re

import pytest
from sqlalchemy import update

import jobs.delivery
import jobs.dues
import jobs.hours
from bot.domain.authz import Reach, Who, table
from bot.domain.payloads import MAX_ID
from bot.sandbox.client import SandboxUser
from storage.models.approvals import ApprovalRequest
from tests.e2e.authz.probes import NOT_YET_REACHABLE, PROBED_ELSEWHERE, PROBES, Probe
from tests.e2e.authz.world import MatrixWorld, Snapshot, matrix_world, refused, snapshot
from tests.e2e.conftest import Harness
from tests.e2e.meetings.world import meetings_cleanup  # noqa: F401  (autouse fixture)


async def quiet(harness: Harness) -> None:
    """No background sends: a notice arriving between an attempt and its answer would be read
    as the answer."""
    for job in (jobs.delivery, jobs.dues, jobs.hours):
        await job.stop(harness.app)
    # The operator decides requests that no branch officer may (a lone secretary's own data
    # request); one left pending by an earlier test on this database would fill the operator's
    # /approve, and the matrix reads the operator as allowed there.
    async with harness.data.db.transaction() as s:
        await s.execute(
            update(ApprovalRequest)
            .where(ApprovalRequest.state == "pending", ApprovalRequest.kind == "data_request")
            .values(state="withdrawn")
        )


def fill(template: str, ids: dict[str, str]) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: ids[m.group(1)], template)


async def attempt(person: SandboxUser, anchor: int, probe: Probe, text: str) -> str:
    """What the bot answered: the alert or toast of a button, or the next message or edit."""
    if probe.button:
        answer = await person.press_data(text, anchor)
        said = str(answer.get("text") or "")
        if said:
            return said
        return (await person.wait_message(timeout=10)).body
    await person.send(text)
    return (await person.wait_message(timeout=10)).body


def diff(before: Snapshot, after: Snapshot) -> list[str]:
    return [name for name in before if before[name] != after.get(name)]


def expected(name: str, who: Who) -> bool:
    """The table's verdict for the probe's target (their own group / their own record)."""
    return table()[name].reach(who) is not Reach.NONE


def test_every_row_has_a_probe() -> None:
    assert set(PROBES) | set(NOT_YET_REACHABLE) | set(PROBED_ELSEWHERE) == set(table())
    assert not set(PROBES) & (set(NOT_YET_REACHABLE) | set(PROBED_ELSEWHERE))


@pytest.mark.timeout(300)
async def test_the_whole_table_through_the_sandbox(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    await quiet(harness)
    mw = await matrix_world(harness)
    wrong: list[str] = []
    for name, probe in sorted(PROBES.items()):
        people = [
            (who, person)
            for who, person in mw.people.items()
            # No id of this branch in it: they would act in their own branch.
            if who is not Who.OTHER_BRANCH or re.search(r"\{(?!month)", probe.text)
        ]
        # The refused first, between two looks at the database; then the allowed.
        people.sort(key=lambda item: expected(name, item[0]))
        before = await snapshot(mw)
        checked = False
        for who, person in people:
            if expected(name, who) and not checked:
                checked = True
                if changed := diff(before, await snapshot(mw)):
                    wrong.append(f"{name}: a refused attempt changed {changed}")
            text = fill(probe.text, mw.ids(who))
            with caplog.at_level(logging.ERROR):
                caplog.clear()
                said = await attempt(person, mw.anchors[who], probe, text)
                errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
            if probe.then:
                await person.send(probe.then)
                await asyncio.sleep(0.05)
            verdict = f"{name} as {who.value}: {text!r} -> {said[:70]!r}"
            if errors:
                wrong.append(f"{verdict} logged {errors}")
            elif refused(said) == expected(name, who):
                wrong.append(verdict + (" (refused)" if refused(said) else " (not refused)"))
    assert not wrong, "\n".join(wrong)


def _forged(mw: MatrixWorld, who: Who, template: str) -> list[str]:
    ids = mw.ids(who)
    absurd = {k: str(MAX_ID) for k in ids} | {"month": "209912"}
    found = [fill(template, absurd), fill(template, ids).replace(":", "::", 1)]
    if "{member}" in template:
        found.append(fill(template, dict(ids, member=ids["other_member"])))
    return found


@pytest.mark.timeout(300)
async def test_forged_officer_buttons_are_refused_and_change_nothing(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    """Another branch's ids, ids nobody has, malformed data: a polite answer, nothing changed.

    Pressed by the secretary (who may do every branch action), so only the data is wrong."""
    await quiet(harness)
    mw = await matrix_world(harness)
    who, person = Who.SECRETARY, mw.people[Who.SECRETARY]
    wrong: list[str] = []
    before = await snapshot(mw)
    for name, probe in sorted(PROBES.items()):
        if not probe.button or "{" not in probe.text:
            continue
        for data in _forged(mw, who, probe.text):
            with caplog.at_level(logging.ERROR):
                caplog.clear()
                answer = await person.press_data(data, mw.anchors[who])
                errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
            if not answer.get("answered") or errors:
                wrong.append(f"{name}: {data!r} -> {answer} {errors}")
    assert not diff(before, await snapshot(mw))
    assert not wrong, "\n".join(wrong)
