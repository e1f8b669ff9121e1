"""All models, imported so that `Base.metadata` knows every table (Alembic autogenerate)."""

from storage.models import (
    approvals,
    conversations,
    core,
    delivery,
    dues,
    hours,
    meetings,
    members,
)
from storage.models.base import Base

__all__ = [
    "Base",
    "approvals",
    "conversations",
    "core",
    "delivery",
    "dues",
    "hours",
    "meetings",
    "members",
]
