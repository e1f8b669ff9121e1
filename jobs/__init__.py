"""Scheduled and background work, started in post_init and stopped in post_stop."""

from __future__ import annotations

from typing import Any

from telegram.ext import Application


async def start_all(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Start every feature's background work; each rebuilds its state from the database."""
    from jobs import cards, delivery, dues, hours, meetings, posts, residents, roles

    await delivery.start(app)
    # After the sender, so notices from the catch-up tick go out at once.
    await meetings.start(app)
    await dues.start(app)
    await hours.start(app)
    await posts.start(app)
    await residents.start(app)
    await cards.start(app)
    await roles.start(app)


async def stop_all(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Stop background work before the database closes (a send in flight is finished)."""
    from jobs import cards, delivery, dues, hours, meetings, posts, residents, roles

    await roles.stop(app)
    await cards.stop(app)
    await residents.stop(app)
    await posts.stop(app)
    await hours.stop(app)
    await dues.stop(app)
    await meetings.stop(app)
    await delivery.stop(app)
