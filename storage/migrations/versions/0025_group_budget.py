"""group budget: the shared send budget also keeps a group's 20 messages a minute across processes

Revision ID: 0025_group_budget
Revises: 0024_roles
Create Date: 2026-12-07 18:20:00
"""

import importlib.util
from collections.abc import Sequence
from pathlib import Path

from alembic import op

revision: str = "0025_group_budget"
down_revision: str | Sequence[str] | None = "0024_roles"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_SIGNATURE = "partybot_send_slot(text, text, float8, boolean, float8, float8)"
NEW_SIGNATURE = "partybot_send_slot(text, text, float8, boolean, float8, float8, int, float8)"

# As 0024's function, plus a sliding log of a chat's last `p_window_max` messages: rows
# 'm:<bot>:<chat>:<k>' (k = 0 .. p_window_max - 1) hold when each was booked, a ring whose next
# index is kept in 'mi:<bot>:<chat>'. The message p_window_max back must be a whole window old,
# or the chat is busy until it is. Read and written under the chat row's lock, like its gap.
# No schema change: the rows live in send_budget beside the others.
SEND_SLOT = """
CREATE OR REPLACE FUNCTION partybot_send_slot(
    p_bot text, p_chat text, p_chat_gap float8, p_bulk boolean, p_gap float8, p_bulk_gap float8,
    p_window_max int, p_window float8
) RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE
    now_t float8 := extract(epoch FROM clock_timestamp());
    g_key text := 'g:' || p_bot;
    b_key text := 'b:' || p_bot;
    c_key text := 'c:' || p_bot || ':' || p_chat;
    i_key text := 'mi:' || p_bot || ':' || p_chat;
    r_key text;
    idx int := 0;
    oldest float8;
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
        IF p_window_max > 0 THEN
            SELECT next_at::int INTO idx FROM send_budget WHERE key = i_key;
            idx := coalesce(idx, 0) % p_window_max;
            r_key := 'm:' || p_bot || ':' || p_chat || ':' || idx;
            SELECT next_at INTO oldest FROM send_budget WHERE key = r_key;
            IF oldest IS NOT NULL AND oldest + p_window > now_t THEN
                RETURN -(oldest + p_window - now_t);
            END IF;
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
        IF p_window_max > 0 THEN
            INSERT INTO send_budget (key, next_at) VALUES (r_key, slot)
                ON CONFLICT (key) DO UPDATE SET next_at = excluded.next_at;
            INSERT INTO send_budget (key, next_at) VALUES (i_key, (idx + 1) % p_window_max)
                ON CONFLICT (key) DO UPDATE SET next_at = excluded.next_at;
        END IF;
    END IF;
    RETURN slot - now_t;
END $$;
"""


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP FUNCTION IF EXISTS {OLD_SIGNATURE}")
        op.execute(SEND_SLOT)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP FUNCTION IF EXISTS {NEW_SIGNATURE}")
        op.execute("DELETE FROM send_budget WHERE key LIKE 'm:%' OR key LIKE 'mi:%'")
        op.execute(_previous_function())


def _previous_function() -> str:
    """0024's function text, from its module (versions/ is not a package)."""
    path = Path(__file__).with_name("0024_roles.py")
    spec = importlib.util.spec_from_file_location("partybot_migration_0024", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text: str = module.SEND_SLOT
    return text
