"""Authorization rows of the four cards and the assessment (see bot/domain/authz.py).

Opening cards is the members' view_reports reach (bot.services.cards.common.target); the rest
is checked by the cards services with the same reach.
"""

from __future__ import annotations

from bot.domain.authz import EVERYONE, GROUP_OFFICERS, MEMBERS_OWN, SECRETARY_ONLY, G, action

ACTIONS = (
    action(
        "cards.view",
        "open the four cards, print them (/card)",
        **{**MEMBERS_OWN, **GROUP_OFFICERS},
    ),
    action(
        "cards.rate",
        "add a rating and comment to a member's feedback card",
        group_leader=G,
        **SECRETARY_ONLY,
    ),
    action("cards.partner_link", "make a partner unit's one-use feedback link", **SECRETARY_ONLY),
    action("cards.partner_feedback", "rate once through a partner feedback link", **EVERYONE),
    action("cards.correct", "correct a score item, with a reason", **SECRETARY_ONLY),
    action(
        "cards.rules",
        "adjust the scoring rules (everyone in the branch reads them)",
        **SECRETARY_ONLY,
    ),
    action(
        "cards.letter",
        "the 在职 member's year-end performance letter",
        **{**MEMBERS_OWN, **SECRETARY_ONLY},
    ),
    action(
        "cards.export",
        "the tally's ranking and the .xlsx of every member's cards",
        **SECRETARY_ONLY,
    ),
)
