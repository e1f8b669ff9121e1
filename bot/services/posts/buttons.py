"""The posts buttons that notices carry (the outbox stores their data with the text).

They are defined here, not beside the handlers, because services build those notices and may
not import handlers; handlers/posts/buttons.py re-exports them with the rest of the slice's kinds.
"""

from __future__ import annotations

from bot.kernel.buttons import Button


class PostsMenu(Button, prefix="po:m"):
    """The member's posts home."""


class AdminPosts(Button, prefix="po:al"):
    """The secretary's list of this term's posts."""


class DutyPhotos(Button, prefix="po:ph"):
    """A decider sees the photos of a duty record waiting for them."""

    approval: int


class ConfirmDuty(Button, prefix="po:ok"):
    approval: int


class RejectDuty(Button, prefix="po:no"):
    """Asks why before rejecting (RejectWithReason decides)."""

    approval: int
