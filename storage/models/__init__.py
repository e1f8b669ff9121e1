"""All models, imported so that `Base.metadata` knows every table (Alembic autogenerate)."""

from storage.models import (
    approvals,
    cards,
    conversations,
    core,
    delivery,
    dues,
    hours,
    meetings,
    members,
    posts,
    privacy,
    residents,
    roles,
)
from storage.models.base import Base

__all__ = [
    "Base",
    "approvals",
    "cards",
    "conversations",
    "core",
    "delivery",
    "dues",
    "hours",
    "meetings",
    "members",
    "posts",
    "privacy",
    "residents",
    "roles",
]
