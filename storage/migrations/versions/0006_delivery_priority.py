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
    with op.batch_alter_table("deliveries", recreate="never") as batch:
        batch.add_column(
            sa.Column("priority", sa.SmallInteger(), server_default="1", nullable=False)
        )
        batch.create_index(
            batch.f("ix_deliveries_state_priority_next_attempt_at"),
            ["state", "priority", "next_attempt_at"],
            unique=False,
        )
    # Only rows still to send matter (in-flight ones may be re-queued); they keep their order
    # within a class. Kinds as in bot.domain.delivery.priority when this was written.
    urgent = (
        "'meeting_notice', 'meeting_reminder', 'meeting_change', 'leave_request', 'leave_result'"
    )
    for priority, kinds in ((0, urgent), (2, "'broadcast'")):
        op.execute(
            f"UPDATE deliveries SET priority = {priority} "
            "WHERE state IN ('queued', 'sending') "
            f"AND notice_id IN (SELECT id FROM notices WHERE kind IN ({kinds}))"
        )


def downgrade() -> None:
    with op.batch_alter_table("deliveries", recreate="never") as batch:
        batch.drop_index(batch.f("ix_deliveries_state_priority_next_attempt_at"))
        batch.drop_column("priority")
