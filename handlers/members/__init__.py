"""Handlers of the members feature: branches, onboarding, roster, administration, card."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler

from bot.context import Context
from handlers.flows import Route
from handlers.members.admin import admin_handlers
from handlers.members.admin_input import admin_input, admin_input_route
from handlers.members.approval import approval_handlers
from handlers.members.branches import branch_handlers, new_branch_route
from handlers.members.card import card_handlers
from handlers.members.flow import Flows
from handlers.members.group import group_handlers
from handlers.members.invite import invite_handlers
from handlers.members.onboarding import registration, registration_route
from handlers.members.roster import import_handlers
from handlers.members.state import INPUT, NEW_BRANCH, REGISTER


def handlers() -> list[BaseHandler[Update, Context, Any]]:
    """This feature's handlers, in the order they must be tried.

    The guided flows come first: while one waits for typing, its fallbacks must see every
    command and button press first, to leave the flow before doing what was pressed.
    """
    flows = Flows()
    return [
        *registration(),  # /start <payload>: invites (guided) and binding links
        *branch_handlers(),  # /newbranch (guided) and renewing a secretary link
        *admin_input(),  # typed values on /members
        *approval_handlers(),
        *invite_handlers(),
        *import_handlers(flows),
        *admin_handlers(),
        *card_handlers(),
        *group_handlers(),
    ]


def flow_routes() -> dict[str, Route]:
    """The guided flows kept in the database, by name (see handlers/members/state.py)."""
    return {
        REGISTER: registration_route(),
        NEW_BRANCH: new_branch_route(),
        INPUT: admin_input_route(),
    }
