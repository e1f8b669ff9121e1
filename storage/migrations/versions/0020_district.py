"""district: the claim has one index to choose; the reaper its own small one

Revision ID: 0020_district
Revises: 0016_posts
Create Date: 2026-12-07 15:30:00

With (state, next_attempt_at) beside the claim's partial index, PostgreSQL planning on
statistics taken before a burst of reminders (autovacuum re-analyzes a 15M-row table only
after 1.5M changes) chose it for the claim: read every due queued row, then sort (issue 16:
22,023 rows for claim_due(32)). The claim (state = 'queued', ordered by priority,
next_attempt_at, id) now has only ix_deliveries_queued_claim, which it reads in order and
stops after the rows it returns; the pending-rows index, whose predicate the claim's
`state = 'queued'` implied (an equally cheap full scan plus sort on stale statistics), now
also says `notice_id IS NOT NULL` (always true), which the claim cannot prove. The reaper (state = 'sending' AND lease_until < now) gets
a partial index over the rows in flight: a few dozen, however long the history.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020_district"
down_revision: str | Sequence[str] | None = "0016_posts"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SENDING = sa.text("state = 'sending'")
_PENDING_OLD = sa.text("state IN ('queued', 'sending')")
_PENDING = sa.text("state IN ('queued', 'sending') AND notice_id IS NOT NULL")


def _pending(where: sa.TextClause) -> None:
    op.drop_index("ix_deliveries_pending_notice_id", table_name="deliveries")
    op.create_index(
        "ix_deliveries_pending_notice_id",
        "deliveries",
        ["notice_id"],
        postgresql_where=where,
        sqlite_where=where,
    )


def upgrade() -> None:
    op.drop_index("ix_deliveries_state_next_attempt_at", table_name="deliveries")
    _pending(_PENDING)
    op.create_index(
        "ix_deliveries_sending_lease_until",
        "deliveries",
        ["lease_until"],
        postgresql_where=_SENDING,
        sqlite_where=_SENDING,
    )


def downgrade() -> None:
    op.drop_index("ix_deliveries_sending_lease_until", table_name="deliveries")
    _pending(_PENDING_OLD)
    op.create_index(
        "ix_deliveries_state_next_attempt_at", "deliveries", ["state", "next_attempt_at"]
    )
