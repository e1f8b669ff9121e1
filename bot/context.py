"""Typed bot_data and callback context: no string keys, no globals."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from telegram.ext import CallbackContext, ExtBot

from bot.clock import Clock, SystemClock
from bot.config import Settings
from storage.db import Database


@dataclass
class BotData:
    """Per-application state; PTB creates it empty, `build_application` fills it."""

    _settings: Settings | None = None
    _db: Database | None = None
    clock: Clock = field(default_factory=SystemClock)
    # Feature services that live for the whole process (delivery engine, ...), by name.
    services: dict[str, Any] = field(default_factory=dict)
    # "all", "web" or "worker" (bot.roles.Role). Background work starts in post_init only when
    # `start_jobs`; a worker starts it once it holds the worker lock (bot.roles.run).
    role: str = "all"
    start_jobs: bool = True

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


Context = CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], BotData]
