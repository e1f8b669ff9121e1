"""meetings.remind_at: when a meeting's next reminder is to be decided

Revision ID: 0005_meeting_remind_at
Revises: 0004_meetings
Create Date: 2026-11-28 16:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.types

revision: str = "0005_meeting_remind_at"
down_revision: str | Sequence[str] | None = "0004_meetings"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("meetings", recreate="never") as batch:
        batch.add_column(
            sa.Column("remind_at", storage.types.UTCDateTime(timezone=True), nullable=True)
        )
        batch.create_index(batch.f("ix_meetings_remind_at"), ["remind_at"], unique=False)
    # Meetings announced before this column existed: "decide now"; the first tick works out
    # each one's real next time (or records the reminders it can no longer send).
    op.execute(
        "UPDATE meetings SET remind_at = announced_at "
        "WHERE status = 'scheduled' AND announced_at IS NOT NULL AND closed_at IS NULL"
    )


def downgrade() -> None:
    # Never a table rebuild on SQLite: dropping the old "meetings" with foreign keys on would
    # cascade into attendance, leave and reminder rows. SQLite >= 3.35 drops a column in place.
    with op.batch_alter_table("meetings", recreate="never") as batch:
        batch.drop_index(batch.f("ix_meetings_remind_at"))
        batch.drop_column("remind_at")
