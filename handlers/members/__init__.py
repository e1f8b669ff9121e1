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
from handlers.members.group import group_handlers
from handlers.members.invite import invite_handlers
from handlers.members.onboarding import registration, registration_route
from handlers.members.roster import import_handlers, import_route
from handlers.members.state import IMPORT, INPUT, NEW_BRANCH, REGISTER


def handlers() -> list[BaseHandler[Update, Context, Any]]:
    """This feature's handlers, in the order they must be tried.

    The typing inside a guided flow reaches its step through the flow router (flow_routes),
    which also leaves the flow on a command or menu button; these are the entries and buttons.
    """
    return [
        *registration(),  # /start <payload>: invites (guided) and binding links
        *branch_handlers(),  # /newbranch (guided) and renewing a secretary link
        *admin_input(),  # typed values on /members
        *approval_handlers(),
        *invite_handlers(),
        *import_handlers(),
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
        IMPORT: import_route(),
    }
