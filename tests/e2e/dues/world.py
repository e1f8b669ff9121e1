"""Small helpers the dues end-to-end tests share."""

from __future__ import annotations

from bot.sandbox.client import SandboxUser
from tests.said import said


async def put_in_charge(secretary: SandboxUser, name: str) -> None:
    """The secretary puts a committee member in charge of dues (the treasurer)."""
    await secretary.send(f"/duestreasurer {name}")
    await secretary.wait_message(contains=said("dues.treasurer.done"))
