"""All models, imported so that `Base.metadata` knows every table (Alembic autogenerate)."""

from storage.models import core, delivery, meetings, members
from storage.models.base import Base

__all__ = ["Base", "core", "delivery", "meetings", "members"]
