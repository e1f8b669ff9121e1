"""All models, imported so that `Base.metadata` knows every table (Alembic autogenerate)."""

from storage.models import approvals, core, delivery, meetings, members
from storage.models.base import Base

__all__ = ["Base", "approvals", "core", "delivery", "meetings", "members"]
