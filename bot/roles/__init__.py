"""Running the bot as several processes: web (updates), worker (jobs and the outbox), all."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """What one `partybot run` process does."""

    ALL = "all"  # today's single process: updates, the scheduler tick and the sender
    WEB = "web"  # webhook updates only
    WORKER = "worker"  # the scheduler tick and the outbox sender, one active at a time
