"""the one approval queue: approval_requests

Revision ID: 0011_approvals
Revises: 0007_scale_indexes
Create Date: 2026-12-07 12:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from storage.types import UTCDateTime

revision: str = "0011_approvals"
down_revision: str | Sequence[str] | None = "0007_scale_indexes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "approval_requests",
        sa.Column("id", _ID, nullable=False),
        sa.Column("branch_id", _ID, nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("subject_id", sa.BigInteger(), nullable=False),
        sa.Column("requester_member_id", _ID, nullable=False),
        sa.Column("permission", sa.String(length=30), nullable=False),
        sa.Column("summary", sa.String(length=200), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("decided_by_member_id", _ID, nullable=True),
        sa.Column("decided_at", UTCDateTime(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["branch_id"],
            ["branches.id"],
            name=op.f("fk_approval_requests_branch_id_branches"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["requester_member_id"],
            ["members.id"],
            name=op.f("fk_approval_requests_requester_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_member_id"],
            ["members.id"],
            name=op.f("fk_approval_requests_decided_by_member_id_members"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_approval_requests")),
        sa.UniqueConstraint(
            "kind", "subject_id", name=op.f("uq_approval_requests_kind_subject_id")
        ),
    )
    op.create_index(
        op.f("ix_approval_requests_branch_id_state_created_at"),
        "approval_requests",
        ["branch_id", "state", "created_at"],
    )
    op.create_index(
        op.f("ix_approval_requests_requester_member_id"),
        "approval_requests",
        ["requester_member_id"],
    )


def downgrade() -> None:
    op.drop_table("approval_requests")
