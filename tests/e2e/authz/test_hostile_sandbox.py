"""Hostile input through the sandbox, drawn by hypothesis: typed text and command arguments,
deep-link payloads, button data and uploaded files. Every one gets a polite answer, nothing is
logged as an error, and what was refused left the database as it was.

Hypothesis runs in a worker thread and hands each example to the bot's event loop, so the bot
keeps serving while the property waits for its answer.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import TypeVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.domain.authz import Who
from handlers import all_handlers
from handlers.buttons import kinds_in
from handlers.guard import button_data_ok
from tests.e2e.authz.test_authz_matrix import diff, fill, quiet
from tests.e2e.authz.world import MatrixWorld, matrix_world, snapshot
from tests.e2e.conftest import Harness
from tests.e2e.meetings.world import meetings_cleanup  # noqa: F401  (autouse fixture)
from tests.forged_data import all_templates
from tests.hostile_text import nasty_text
from tests.said import said

T = TypeVar("T")
GENERIC = said("error.generic")


def run_property(
    loop: asyncio.AbstractEventLoop,
    strategy: st.SearchStrategy[T],
    check: Callable[[T], Coroutine[object, object, None]],
    examples: int,
) -> None:
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def prop(value: T) -> None:
        asyncio.run_coroutine_threadsafe(check(value), loop).result(timeout=60)

    prop()


class Watch:
    """Errors logged while one example ran."""

    def __init__(self, caplog: pytest.LogCaptureFixture) -> None:
        self.caplog = caplog

    def start(self) -> None:
        self.caplog.clear()

    def errors(self) -> list[str]:
        return [r.getMessage() for r in self.caplog.records if r.levelno >= logging.ERROR]


async def _world(harness: Harness) -> MatrixWorld:
    await quiet(harness)
    return await matrix_world(harness)


# Where typed text goes: free text, every command that takes arguments, a deep link.
ENTRIES: list[tuple[Who, str]] = [
    (Who.MEMBER, "{}"),
    (Who.STRANGER, "{}"),
    (Who.SECRETARY, "{}"),
    (Who.SECRETARY, "/duesbasis {}"),
    (Who.SECRETARY, "/duespaid {}"),
    (Who.SECRETARY, "/duesremit {}"),
    (Who.SECRETARY, "/duesset {}"),
    (Who.SECRETARY, "/duestreasurer {}"),
    (Who.MEMBER, "/checkin {}"),
    (Who.MEMBER, "/verify {}"),
    (Who.MEMBER, "/start {}"),
    (Who.STRANGER, "/start {}"),
]


# Buttons and commands that open a step waiting for typed text.
FLOW_OPENERS = [
    "mem:sq",
    "mem:ef:{member}:name",
    "mem:ef:{member}:phone",
    "mem:ef:{member}:joined",
    "mem:ef:{member}:work_unit",
    "/broadcast",
]


def typed(entry: tuple[Who, str], text: str) -> str:
    """What Telegram would deliver: at most 4096 characters (NUL never arrives)."""
    return entry[1].format(text)[:4000]


@pytest.mark.timeout(300)
async def test_typed_text_and_command_arguments(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    mw = await _world(harness)
    watch = Watch(caplog)

    async def check(drawn: tuple[tuple[Who, str], str]) -> None:
        (who, entry), text = drawn
        message = typed((who, entry), text)
        person = mw.people[who]
        before = await snapshot(mw) if who is not Who.SECRETARY else None
        watch.start()
        await person.send(message)
        answer = await person.wait_message(timeout=15)
        assert answer.body and not GENERIC.search(answer.body), (message, answer.body)
        assert not watch.errors(), (message, watch.errors())
        if before is not None:
            assert not diff(before, await snapshot(mw)), message

    async def in_flow(drawn: tuple[str, str]) -> None:
        opener, text = drawn
        secretary = mw.people[Who.SECRETARY]
        watch.start()
        if opener.startswith("/"):
            await secretary.send(opener)
        else:
            data = fill(opener, mw.ids(Who.SECRETARY))
            await secretary.press_data(data, mw.anchors[Who.SECRETARY])
        await secretary.wait_message(timeout=15)
        await secretary.send(text[:4000])
        answer = await secretary.wait_message(timeout=15)
        assert answer.body and not GENERIC.search(answer.body), (opener, text, answer.body)
        assert not watch.errors(), (opener, text, watch.errors())
        await secretary.send("/cancel")  # whatever step is still open
        await secretary.wait_message(timeout=15)

    with caplog.at_level(logging.ERROR):
        await asyncio.to_thread(
            run_property,
            asyncio.get_running_loop(),
            st.tuples(st.sampled_from(ENTRIES), nasty_text()).filter(
                lambda d: typed(*d).strip() != "" and "\x00" not in typed(*d)
            ),
            check,
            40,
        )
        # The text steps of multi-step flows (a search, a field being corrected, a notice).
        steps = st.tuples(st.sampled_from(FLOW_OPENERS), nasty_text()).filter(
            lambda d: d[1].strip() != "" and "\x00" not in d[1] and not d[1].startswith("/")
        )
        await asyncio.to_thread(run_property, asyncio.get_running_loop(), steps, in_flow, 25)


def _mutated(template: str, piece: str) -> str:
    return fill(
        template.replace("{n}", "{x}", 1),
        {"x": piece, "n": "1", "d": "20260301", "h": "09", "m": "30", "s": "1", "y": "202603"},
    )


@pytest.mark.timeout(300)
async def test_button_data(harness: Harness, caplog: pytest.LogCaptureFixture) -> None:
    mw = await _world(harness)
    watch = Watch(caplog)
    templates = all_templates()
    kinds = kinds_in(all_handlers())
    forged = st.one_of(
        st.text(min_size=1, max_size=64),
        st.builds(_mutated, st.sampled_from(templates), nasty_text(20)),
        st.sampled_from(templates).map(lambda tpl: _mutated(tpl, "1")),
    )

    real_buttons = {_mutated(tpl, "1") for tpl in templates}

    async def check(drawn: tuple[Who, str]) -> None:
        who, data = drawn
        # A member's press of anything forged changes nothing; the secretary's may (a real
        # button of theirs drawn by chance), but must still be answered without an error.
        # Data the guard lets through may be a real button of the member's own (an hours
        # certificate, hiding their name): the matrix test checks rights per action. What
        # the guard refuses must leave no trace.
        forged_press = who is Who.MEMBER and (
            data not in real_buttons and not button_data_ok(data, kinds)
        )
        before = await snapshot(mw) if forged_press else None
        watch.start()
        answer = await mw.people[who].press_data(data, mw.anchors[who])
        assert answer.get("answered"), data
        assert not GENERIC.search(str(answer.get("text") or "")), data
        assert not watch.errors(), (data, watch.errors())
        if before is not None:
            assert not diff(before, await snapshot(mw)), data

    with caplog.at_level(logging.ERROR):
        fits = st.tuples(
            st.sampled_from([Who.MEMBER, Who.SECRETARY]),
            forged.filter(lambda d: 0 < len(d.encode()) <= 64),
        )
        await asyncio.to_thread(run_property, asyncio.get_running_loop(), fits, check, 50)


@pytest.mark.timeout(300)
async def test_uploaded_files(harness: Harness, caplog: pytest.LogCaptureFixture) -> None:
    """The secretary's roster upload takes any spreadsheet; a member's photo goes nowhere."""
    mw = await _world(harness)
    watch = Watch(caplog)
    names = st.one_of(
        st.sampled_from(["名单.xlsx", "名单.csv", "a.xls", "x.pdf", "无后缀", "=1+1.xlsx"]),
        nasty_text(40).map(lambda s: (s.replace("/", "_") or "x") + ".xlsx"),
    )
    files = st.tuples(st.sampled_from([Who.SECRETARY, Who.MEMBER]), names, st.binary(max_size=4000))

    async def check(drawn: tuple[Who, str, bytes]) -> None:
        who, name, content = drawn
        person = mw.people[who]
        before = await snapshot(mw)
        watch.start()
        await person.send_document(name[:200], content)
        answer = await person.wait_message(timeout=15)
        assert answer.body and not GENERIC.search(answer.body), (name, answer.body)
        assert not watch.errors(), (name, watch.errors())
        assert not diff(before, await snapshot(mw)), name

    with caplog.at_level(logging.ERROR):
        sendable = files.filter(lambda f: bool(f[2]) and f[1].isprintable())
        await asyncio.to_thread(run_property, asyncio.get_running_loop(), sendable, check, 20)
