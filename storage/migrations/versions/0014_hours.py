"""volunteer hours: teams, team members, activities, hours records, prefs, certificates

Revision ID: 0014_hours
Revises: 0013_conversations
Create Date: 2026-12-07 12:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from storage.types import UTCDateTime

revision: str = "0014_hours"
down_revision: str | Sequence[str] | None = "0013_conversations"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
_JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def _stamps() -> list[sa.Column[object]]:
    return [
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
    ]


def _fk(table: str, column: str, target: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"), ondelete=ondelete
    )


def upgrade() -> None:
    op.create_table(
        "volunteer_teams",
        sa.Column("id", _ID, nullable=False),
        sa.Column("branch_id", _ID, nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("archived_at", UTCDateTime(), nullable=True),
        *_stamps(),
        _fk("volunteer_teams", "branch_id", "branches", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_volunteer_teams")),
        sa.UniqueConstraint("branch_id", "name", name=op.f("uq_volunteer_teams_branch_id_name")),
    )
    op.create_table(
        "volunteer_team_members",
        sa.Column("id", _ID, nullable=False),
        sa.Column("team_id", _ID, nullable=False),
        sa.Column("member_id", _ID, nullable=False),
        sa.Column("leader", sa.Boolean(), nullable=False),
        sa.Column("left_at", UTCDateTime(), nullable=True),
        *_stamps(),
        _fk("volunteer_team_members", "team_id", "volunteer_teams", "CASCADE"),
        _fk("volunteer_team_members", "member_id", "members", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_volunteer_team_members")),
        sa.UniqueConstraint(
            "team_id", "member_id", name=op.f("uq_volunteer_team_members_team_id_member_id")
        ),
    )
    op.create_index(
        op.f("ix_volunteer_team_members_member_id"), "volunteer_team_members", ["member_id"]
    )
    op.create_table(
        "volunteer_activities",
        sa.Column("id", _ID, nullable=False),
        sa.Column("branch_id", _ID, nullable=False),
        sa.Column("team_id", _ID, nullable=False),
        sa.Column("title", sa.String(length=100), nullable=False),
        sa.Column("place", sa.String(length=100), nullable=False),
        sa.Column("starts_at", UTCDateTime(), nullable=False),
        sa.Column("ends_at", UTCDateTime(), nullable=False),
        sa.Column("opened_by_member_id", _ID, nullable=True),
        sa.Column("closed_at", UTCDateTime(), nullable=True),
        *_stamps(),
        _fk("volunteer_activities", "branch_id", "branches", "CASCADE"),
        _fk("volunteer_activities", "team_id", "volunteer_teams", "CASCADE"),
        _fk("volunteer_activities", "opened_by_member_id", "members", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_volunteer_activities")),
    )
    op.create_index(
        op.f("ix_volunteer_activities_branch_id_ends_at"),
        "volunteer_activities",
        ["branch_id", "ends_at"],
    )
    op.create_index(op.f("ix_volunteer_activities_team_id"), "volunteer_activities", ["team_id"])
    op.create_table(
        "hours_records",
        sa.Column("id", _ID, nullable=False),
        sa.Column("branch_id", _ID, nullable=False),
        sa.Column("member_id", _ID, nullable=False),
        sa.Column("team_id", _ID, nullable=True),
        sa.Column("activity_type", sa.String(length=20), nullable=True),
        sa.Column("activity_id", _ID, nullable=True),
        sa.Column("source", sa.String(length=12), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("day", sa.Date(), nullable=True),
        sa.Column("halves", sa.Integer(), nullable=False),
        sa.Column("what", sa.Text(), nullable=True),
        sa.Column("photos", _JSON, nullable=False),
        sa.Column("checked_in_at", UTCDateTime(), nullable=True),
        sa.Column("checked_out_at", UTCDateTime(), nullable=True),
        sa.Column("flagged", sa.Boolean(), nullable=False),
        sa.Column("disputed_at", UTCDateTime(), nullable=True),
        sa.Column("dispute_note", sa.Text(), nullable=True),
        sa.Column("recorded_by_member_id", _ID, nullable=True),
        sa.Column("decided_by_member_id", _ID, nullable=True),
        sa.Column("decided_at", UTCDateTime(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        *_stamps(),
        _fk("hours_records", "branch_id", "branches", "CASCADE"),
        _fk("hours_records", "member_id", "members", "CASCADE"),
        _fk("hours_records", "team_id", "volunteer_teams", "SET NULL"),
        _fk("hours_records", "activity_id", "volunteer_activities", "SET NULL"),
        _fk("hours_records", "recorded_by_member_id", "members", "SET NULL"),
        _fk("hours_records", "decided_by_member_id", "members", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hours_records")),
        sa.UniqueConstraint(
            "activity_id", "member_id", name=op.f("uq_hours_records_activity_id_member_id")
        ),
    )
    op.create_index(
        op.f("ix_hours_records_branch_id_state_day"), "hours_records", ["branch_id", "state", "day"]
    )
    op.create_index(op.f("ix_hours_records_member_id_day"), "hours_records", ["member_id", "day"])
    op.create_table(
        "hours_prefs",
        sa.Column("member_id", _ID, nullable=False),
        sa.Column("hide_name", sa.Boolean(), nullable=False),
        _fk("hours_prefs", "member_id", "members", "CASCADE"),
        sa.PrimaryKeyConstraint("member_id", name=op.f("pk_hours_prefs")),
    )
    op.create_table(
        "hours_certificates",
        sa.Column("id", _ID, nullable=False),
        sa.Column("branch_id", _ID, nullable=False),
        sa.Column("member_id", _ID, nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.Column("halves", sa.Integer(), nullable=False),
        sa.Column("issued_by_member_id", _ID, nullable=True),
        sa.Column("issued_at", UTCDateTime(), nullable=False),
        _fk("hours_certificates", "branch_id", "branches", "CASCADE"),
        _fk("hours_certificates", "member_id", "members", "CASCADE"),
        _fk("hours_certificates", "issued_by_member_id", "members", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hours_certificates")),
    )
    op.create_index(op.f("ix_hours_certificates_member_id"), "hours_certificates", ["member_id"])


def downgrade() -> None:
    op.drop_table("hours_certificates")
    op.drop_table("hours_prefs")
    op.drop_table("hours_records")
    op.drop_table("volunteer_activities")
    op.drop_table("volunteer_team_members")
    op.drop_table("volunteer_teams")
