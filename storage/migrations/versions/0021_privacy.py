"""privacy: accepted privacy notices, members' data requests, tg_users.privacy_accepted_at

Existing members count as having accepted (version "existing"), so nothing changes for them.

Revision ID: 0021_privacy
Revises: 0020_district
Create Date: 2026-12-07 15:20:00
"""

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

import storage.types

revision: str = "0021_privacy"
down_revision: str | Sequence[str] | None = "0020_district"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "privacy_consents",
        sa.Column("id", _ID, nullable=False),
        sa.Column("tg_user_id", sa.BigInteger(), nullable=False),
        sa.Column("branch_id", _ID, nullable=True),
        sa.Column("version", sa.String(length=40), nullable=False),
        sa.Column("via", sa.String(length=12), nullable=False),
        sa.Column("accepted_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["branch_id"],
            ["branches.id"],
            name=op.f("fk_privacy_consents_branch_id_branches"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_privacy_consents")),
    )
    op.create_index(
        op.f("ix_privacy_consents_tg_user_id_branch_id"),
        "privacy_consents",
        ["tg_user_id", "branch_id"],
        unique=False,
    )
    op.create_table(
        "data_requests",
        sa.Column("id", _ID, nullable=False),
        sa.Column("branch_id", _ID, nullable=False),
        sa.Column("member_id", _ID, nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("created_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("decided_at", storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["branch_id"],
            ["branches.id"],
            name=op.f("fk_data_requests_branch_id_branches"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_data_requests_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_data_requests")),
    )
    op.create_index(
        op.f("ix_data_requests_branch_id_member_id"),
        "data_requests",
        ["branch_id", "member_id"],
        unique=False,
    )
    with op.batch_alter_table("tg_users", recreate="never") as batch:
        batch.add_column(
            sa.Column(
                "privacy_accepted_at", storage.types.UTCDateTime(timezone=True), nullable=True
            )
        )
    # People already in a branch agreed to be there before the notice existed.
    now = datetime.now(UTC)
    if op.get_bind().dialect.name == "sqlite":
        now = now.replace(tzinfo=None)
    op.execute(
        sa.text(
            "INSERT INTO privacy_consents (tg_user_id, branch_id, version, via, accepted_at) "
            "SELECT tg_user_id, branch_id, 'existing', 'existing', :now FROM members "
            "WHERE tg_user_id IS NOT NULL"
        ).bindparams(now=now)
    )
    op.execute(
        sa.text(
            "UPDATE tg_users SET privacy_accepted_at = :now "
            "WHERE id IN (SELECT tg_user_id FROM members WHERE tg_user_id IS NOT NULL)"
        ).bindparams(now=now)
    )


def downgrade() -> None:
    with op.batch_alter_table("tg_users", recreate="never") as batch:
        batch.drop_column("privacy_accepted_at")
    op.drop_index(op.f("ix_data_requests_branch_id_member_id"), table_name="data_requests")
    op.drop_table("data_requests")
    op.drop_index(op.f("ix_privacy_consents_tg_user_id_branch_id"), table_name="privacy_consents")
    op.drop_table("privacy_consents")
