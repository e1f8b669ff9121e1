"""Flows kept in the database: a restart between two steps loses nothing; commands and menu
buttons leave a flow in one place; /help and /language keep it."""

from __future__ import annotations

import asyncio

from sqlalchemy import select

from bot.kernel import conversations
from bot.texts import t
from storage.models.conversations import Conversation
from tests.e2e.conftest import Harness
from tests.e2e.delivery.world import Person, World, make_world
from tests.said import said

PEOPLE = [
    Person("书记老王", group="第一党小组", role="secretary", category="retired"),
    Person("张大爷", group="第一党小组", category="retired"),
]


async def _prompted(world: World) -> None:
    sec = world.user("书记老王")
    await sec.send("/broadcast")
    await sec.wait_message(contains=said("delivery.compose.prompt"))


async def _flow_rows(h: Harness, user_id: int) -> list[str]:
    async with h.data.db.transaction() as s:
        rows = await s.scalars(select(Conversation.flow).where(Conversation.user_id == user_id))
        return list(rows)


async def test_a_restart_between_two_steps_goes_on_where_the_person_was(
    harness: Harness,
) -> None:
    world = await make_world(harness, PEOPLE)
    sec = world.user("书记老王")
    await _prompted(world)
    # A new Application (new process memory) handles the next step: the first one took step 1.
    await harness.restart()
    await sec.send("周六上午九点开支部大会")
    await sec.wait_message(contains=said("delivery.aud.prompt"))
    assert await _flow_rows(harness, sec.id) == []


async def test_a_hard_stop_between_two_steps_loses_nothing(harness: Harness) -> None:
    world = await make_world(harness, PEOPLE)
    sec = world.user("书记老王")
    await _prompted(world)
    # As close to kill -9 as one process allows: the run is cancelled, not asked to stop.
    assert harness.task is not None
    harness.task.cancel()
    await asyncio.gather(harness.task, return_exceptions=True)
    harness.task = None
    await harness.start()
    await sec.send("周六上午九点开支部大会")
    await sec.wait_message(contains=said("delivery.aud.prompt"))


async def test_help_keeps_the_flow_and_a_menu_button_or_command_leaves_it(
    harness: Harness,
) -> None:
    world = await make_world(harness, PEOPLE)
    sec = world.user("书记老王")
    await _prompted(world)
    await sec.send("/help")
    await sec.wait_message(contains=said("help.member"))
    await sec.send("第一条通知")
    await sec.wait_message(contains=said("delivery.aud.prompt"))

    await _prompted(world)
    await sec.press(t("menu.meetings", "zh"))
    await sec.wait_message()
    assert await _flow_rows(harness, sec.id) == []
    await sec.send("这句话不是通知")
    await sec.wait_message(contains=said("error.unknown_input"))

    await _prompted(world)
    await sec.send("/cancel")
    await sec.wait_message(contains=said("delivery.cancelled"))
    assert await _flow_rows(harness, sec.id) == []


async def test_a_lapsed_flow_is_not_taken_up_again(harness: Harness) -> None:
    world = await make_world(harness, PEOPLE)
    sec = world.user("书记老王")
    await _prompted(world)
    harness.clock.advance(conversations.DEFAULT_TTL)
    await sec.send("一天以后才发的话")
    await sec.wait_message(contains=said("error.unknown_input"))
