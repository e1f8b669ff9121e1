"""deliveries.priority: urgent notices are claimed before bulk ones

Revision ID: 0006_delivery_priority
Revises: 0005_meeting_remind_at
Create Date: 2026-11-28 16:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_delivery_priority"
down_revision: str | Sequence[str] | None = "0005_meeting_remind_at"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("deliveries") as batch:
        batch.add_column(
            sa.Column("priority", sa.SmallInteger(), server_default="1", nullable=False)
        )
        batch.create_index(
            batch.f("ix_deliveries_state_priority_next_attempt_at"),
            ["state", "priority", "next_attempt_at"],
            unique=False,
        )
    # Only rows still queued matter. They keep their order among themselves; only these kinds change class
    # (the values of bot.domain.delivery_priority at the time of writing).
    op.execute(
        "UPDATE deliveries SET priority = 0 WHERE state = 'queued' AND notice_id IN (SELECT id FROM notices "
        "WHERE kind IN ('meeting_reminder', 'meeting_change', 'leave_request', 'leave_result'))"
    )
    op.execute(
        "UPDATE deliveries SET priority = 2 WHERE state = 'queued' AND notice_id IN "
        "(SELECT id FROM notices WHERE kind = 'broadcast')"
    )


def downgrade() -> None:
    with op.batch_alter_table("deliveries") as batch:
        batch.drop_index(batch.f("ix_deliveries_state_priority_next_attempt_at"))
        batch.drop_column("priority")
