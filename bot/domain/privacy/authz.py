"""Authorization rows of the privacy feature (see bot/domain/authz.py)."""

from __future__ import annotations

from bot.domain.authz import EVERYONE, MEMBERS_OWN, SECRETARY_ONLY, B, action

ACTIONS = (
    action(
        "privacy.accept",
        "accept the privacy notice a link shows before anything is stored",
        **EVERYONE,
    ),
    action(
        "privacy.own_data",
        "one's own data as files, correction or deletion requests (/mydata)",
        **MEMBERS_OWN,
    ),
    action(
        "privacy.decide_requests",
        "decide members' correction and deletion requests (/approve); the operator only those "
        "no officer of the branch may (a lone secretary's own)",
        **SECRETARY_ONLY,
        operator=B,
    ),
    action("privacy.audit", "read and export the branch's audit log (/audit)", **SECRETARY_ONLY),
    action("privacy.notice", "the branch's privacy notice text (/privacynotice)", **SECRETARY_ONLY),
)
