"""Authorization rows of the public-interest posts feature (see bot/domain/authz.py).

Confirming a duty record is the hours permission (hours.record_activity), decided through the
approval queue like volunteer hours.
"""

from __future__ import annotations

from bot.domain.authz import MEMBERS_OWN, OFFICERS, action

ACTIONS = (
    action("posts.manage_posts", "categories, posts, holders, the reporting link", **OFFICERS),
    action("posts.own", "claim and release a post, record duty done (/posts)", **MEMBERS_OWN),
    action("posts.report", "在职党员 report to the community by the branch's link", **MEMBERS_OWN),
)
