"""Authorization rows of residents' requests (居民点单, see bot/domain/authz.py).

Anyone with the branch's notice-board link may ask, and sees only their own requests. Taking
one is for members holding a post of its category (their own, as the posts slice says) and the
secretary; everything about the link and waiting requests is the secretary's.
"""

from __future__ import annotations

from bot.domain.authz import EVERYONE, MEMBERS_OWN, SECRETARY_ONLY, Reach, action

ACTIONS = (
    action(
        "residents.ask",
        "ask for help by the branch's notice-board link; see, withdraw and rate one's own",
        **EVERYONE,
    ),
    action(
        "residents.take",
        "「我来办」 and 办结 on a request of a category whose post one holds",
        **{**MEMBERS_OWN, "secretary": Reach.BRANCH},
    ),
    action(
        "residents.manage",
        "the link and QR, waiting requests, assign, close, block, settings (/residents)",
        **SECRETARY_ONLY,
    ),
)
