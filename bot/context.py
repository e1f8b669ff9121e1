"""Typed bot_data and callback context: no string keys, no globals."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from telegram import Update
from telegram.ext import CallbackContext, ExtBot

from bot.clock import Clock, SystemClock
from bot.config import Settings
from bot.kernel.ports import Waker
from bot.screens import CodeScreens
from storage.db import Database


@dataclass
class BotData:
    """Per-application state; PTB creates it empty, `build_application` fills it."""

    _settings: Settings | None = None
    _db: Database | None = None
    clock: Clock = field(default_factory=SystemClock)
    # This process's delivery sender, while it runs (jobs.delivery).
    sender: Waker | None = None
    # /approve's sections, one per feature, from the composition root (handlers.inbox).
    approve_sections: tuple[ApproveSection, ...] = ()
    # Meetings: reminder times rebuilt once per process; the check-in secret, read once;
    # the hosts' live code screens; who was told in a group to talk in private, and when.
    reminders_rebuilt: bool = False
    checkin_secret: bytes | None = None
    code_screens: CodeScreens = field(default_factory=CodeScreens)
    group_nudged: dict[tuple[int, int, str], float] = field(default_factory=dict)
    # "all", "web" or "worker" (bot.roles.Role). Background work starts in post_init only when
    # `start_jobs`; a worker starts it once it holds the worker lock (bot.roles.run).
    role: str = "all"
    start_jobs: bool = True
    # Set when this process holds the PostgreSQL worker lock: its sender is then the only one,
    # so rows another claim holds belong to a dead worker and are taken back at once.
    sole_sender: bool = False

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            raise RuntimeError("settings are not attached yet")
        return self._settings

    @property
    def db(self) -> Database:
        if self._db is None:
            raise RuntimeError("database is opened in post_init")
        return self._db


# Shows this person's waiting requests of one feature; whether it showed anything.
ApproveSection = Callable[[Update, "Context"], Awaitable[bool]]
Context = CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], BotData]
