"""`partybot run` never migrates a database that is in use; it refuses one that is behind."""

from __future__ import annotations

from storage import migrate
from storage.db import Database


async def prepare_schema(database_url: str, *, may_create: bool) -> str | None:
    """None if the schema is current; otherwise the message to stop with.

    A database with no tables at all is created here when `may_create` (a newcomer's first
    `partybot run` on a fresh SQLite file); any other gap is for `partybot db upgrade`, a
    release step run once, not by every process that starts. A database at the head costs one
    read of its version table: Alembic is not even imported (migrate.scripts).
    """
    db = Database(database_url)
    try:
        current = await migrate.current_heads(db.engine)
        if not current and may_create:
            await migrate.upgrade(db.engine)
            return None
        wanted = migrate.scripts()
        if current == wanted.heads or not current <= wanted.revisions:
            # Equal, or written by a newer release (a rolling upgrade): this code can run.
            return None
        missing = ", ".join(sorted(wanted.heads - current)) or "?"
        return (
            f"The database schema is behind this version of partybot (missing: {missing}). "
            "Run `partybot db upgrade` once (a release step), then start again."
        )
    finally:
        await db.close()
