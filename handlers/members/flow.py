"""Small helpers the members feature's handlers share: /start payloads and the refreshed actor
after a membership change (quiet sends and edits are handlers/replies').

(The guided flows themselves live in the database: see handlers/members/state.py.)
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace

from telegram.ext import filters

from bot.domain.links import LinkKind
from bot.services.identity import Actor, Membership

log = logging.getLogger(__name__)

# Payload kinds this feature answers; other kinds (meeting check-in ...) belong to others.
OWN_KINDS = (LinkKind.INVITE, LinkKind.BIND, LinkKind.SECRETARY_INVITE)
_FOREIGN_PREFIXES = "|".join(re.escape(k.value + "_") for k in LinkKind if k not in OWN_KINDS)
START_PAYLOAD = filters.Regex(
    rf"^/start(@\w+)?\s+(?!{_FOREIGN_PREFIXES})" if _FOREIGN_PREFIXES else r"^/start(@\w+)?\s+"
)
PRIVATE = filters.ChatType.PRIVATE


def with_membership(actor: Actor, membership: Membership) -> Actor:
    """The actor as they are after a change to one membership (for the refreshed menu)."""
    others = tuple(m for m in actor.memberships if m.branch_id != membership.branch_id)
    memberships = (*others, membership)
    current = actor.current
    if (
        membership.active
        and (actor.member is None or actor.member.branch_id == membership.branch_id)
    ) or (current is not None and current.branch_id == membership.branch_id):
        current = membership
    return replace(actor, memberships=memberships, current=current)
