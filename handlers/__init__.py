"""Telegram update handlers. `all_handlers` is the one place that fixes their order."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler

from bot.context import Context
from handlers.flows import Route, StepHandler
from handlers.inbox import Section


def all_handlers() -> list[BaseHandler[Update, Context, None]]:
    """Order matters: features (with their conversations) first, core next, fallbacks last."""
    from handlers import (
        cards,
        common,
        delivery,
        dues,
        hours,
        meetings,
        members,
        posts,
        privacy,
        residents,
    )

    # Typed input a meetings step asked for (an agenda file, a leave reason, a code) goes
    # through the flow router (flow_routes), ahead of the members roster upload handler.
    return [
        *residents.handlers(),
        *cards.take_over_card(members.handlers()),
        *delivery.handlers(),
        *dues.handlers(),
        *meetings.handlers(),
        *hours.handlers(),
        *posts.handlers(),
        *privacy.handlers(),
        *cards.handlers(),
        *common.core_handlers(),
        *common.fallback_handlers(),
    ]


def flow_routes() -> dict[str, StepHandler | Route]:
    """Every feature's flows kept in the database (bot.kernel.conversations), by flow name."""
    from handlers import cards, dues, hours, meetings, members, posts, privacy, residents
    from handlers.delivery import compose as delivery_compose

    return {
        **delivery_compose.flow_routes(),
        **hours.flow_routes(),
        **dues.flow_routes(),
        **posts.flow_routes(),
        **residents.flow_routes(),
        **privacy.flow_routes(),
        **cards.flow_routes(),
        **meetings.flow_routes(),
        **members.flow_routes(),
    }


def approve_sections() -> list[Section]:
    """Every feature's part of the officers' /approve inbox (the members' own comes first)."""
    from handlers import dues, hours, posts, privacy

    # A team leader who holds no branch office still decides their team's hours.
    return [
        dues.approve_section,
        hours.approve_section,
        posts.approve_section,
        privacy.approve_section,
    ]
