"""Authorization rows of the volunteer-hours feature (see bot/domain/authz.py).

A volunteer team's leader decides their team's hours whatever their branch role: that right
comes from the team, not the table, and the hours services check it beside these rows.
"""

from __future__ import annotations

from bot.domain.authz import GROUP_OFFICERS, MEMBERS_OWN, SECRETARY_ONLY, action

ACTIONS = (
    action("hours.own", "report and see one's own hours (/hours)", **MEMBERS_OWN),
    action("hours.record_activity", "decide and record volunteer hours", **GROUP_OFFICERS),
    action("hours.settings", "the branch's hours settings", **SECRETARY_ONLY),
)
