"""roles: handled update ids (one effect per update across processes) and the shared send budget

Revision ID: 0024_roles
Revises: 0021_privacy
Create Date: 2026-12-07 15:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import storage.types

revision: str = "0024_roles"
down_revision: str | Sequence[str] | None = "0021_privacy"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# One round trip per Bot API call, row locks held for microseconds (see bot/roles/budget.py).
# Locks are always taken chat row, then global, then bulk: no two callers wait on each other
# in opposite orders. A negative answer means "this chat is busy: wait that long, ask again";
# otherwise the seconds until the booked slot.
SEND_SLOT = """
CREATE OR REPLACE FUNCTION partybot_send_slot(
    p_bot text, p_chat text, p_chat_gap float8, p_bulk boolean, p_gap float8, p_bulk_gap float8
) RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE
    now_t float8 := extract(epoch FROM clock_timestamp());
    g_key text := 'g:' || p_bot;
    b_key text := 'b:' || p_bot;
    c_key text := 'c:' || p_bot || ':' || p_chat;
    c float8;
    g float8;
    b float8;
    slot float8;
BEGIN
    IF p_chat IS NOT NULL THEN
        INSERT INTO send_budget (key, next_at) VALUES (c_key, 0) ON CONFLICT (key) DO NOTHING;
        SELECT next_at INTO c FROM send_budget WHERE key = c_key FOR UPDATE;
        IF c > now_t THEN
            RETURN -(c - now_t);
        END IF;
    END IF;
    INSERT INTO send_budget (key, next_at) VALUES (g_key, 0) ON CONFLICT (key) DO NOTHING;
    SELECT next_at INTO g FROM send_budget WHERE key = g_key FOR UPDATE;
    slot := greatest(now_t, g);
    IF p_bulk THEN
        INSERT INTO send_budget (key, next_at) VALUES (b_key, 0) ON CONFLICT (key) DO NOTHING;
        SELECT next_at INTO b FROM send_budget WHERE key = b_key FOR UPDATE;
        slot := greatest(slot, b);
        UPDATE send_budget SET next_at = slot + p_bulk_gap WHERE key = b_key;
    END IF;
    UPDATE send_budget SET next_at = slot + p_gap WHERE key = g_key;
    IF p_chat IS NOT NULL THEN
        UPDATE send_budget SET next_at = slot + p_chat_gap WHERE key = c_key;
    END IF;
    RETURN slot - now_t;
END $$;
"""


def upgrade() -> None:
    op.create_table(
        "handled_updates",
        sa.Column("bot_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("update_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("handled_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("bot_id", "update_id", name=op.f("pk_handled_updates")),
    )
    op.create_index(
        op.f("ix_handled_updates_handled_at"), "handled_updates", ["handled_at"], unique=False
    )
    op.create_table(
        "send_budget",
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("next_at", sa.Double(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_send_budget")),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(SEND_SLOT)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "DROP FUNCTION IF EXISTS partybot_send_slot(text, text, float8, boolean, float8, float8)"
        )
    op.drop_table("send_budget")
    op.drop_index(op.f("ix_handled_updates_handled_at"), table_name="handled_updates")
    op.drop_table("handled_updates")
