"""meetings.checkin_opened_at / checkin_closed_at: check-in opened early or closed by the host

Revision ID: 0015_checkin_by_hand
Revises: 0014_hours
Create Date: 2026-12-07 12:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.types

revision: str = "0015_checkin_by_hand"
down_revision: str | Sequence[str] | None = "0014_hours"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("meetings", recreate="never") as batch:
        batch.add_column(
            sa.Column("checkin_opened_at", storage.types.UTCDateTime(timezone=True), nullable=True)
        )
        batch.add_column(
            sa.Column("checkin_closed_at", storage.types.UTCDateTime(timezone=True), nullable=True)
        )


def downgrade() -> None:
    # In place (SQLite >= 3.35): a table rebuild would cascade into attendance rows.
    with op.batch_alter_table("meetings", recreate="never") as batch:
        batch.drop_column("checkin_closed_at")
        batch.drop_column("checkin_opened_at")
