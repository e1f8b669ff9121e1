"""Alembic driven from code: the CLI, start-up and tests all migrate the same way."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy.ext.asyncio import AsyncEngine

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
# Features add their own migration branches; "heads" applies all of them.
HEAD = "heads"


def alembic_config(url: str | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("file_template", "%%(rev)s_%%(slug)s")
    if url:
        cfg.set_main_option("sqlalchemy.url", url)
    return cfg


async def _run(engine: AsyncEngine, fn: Any, *args: Any) -> None:
    cfg = alembic_config(engine.url.render_as_string(hide_password=False))

    def _with_connection(sync_conn: Any) -> None:
        cfg.attributes["connection"] = sync_conn
        fn(cfg, *args)

    async with engine.begin() as conn:
        await conn.run_sync(_with_connection)


async def upgrade(engine: AsyncEngine, revision: str = HEAD) -> None:
    await _run(engine, command.upgrade, revision)


async def downgrade(engine: AsyncEngine, revision: str = "base") -> None:
    await _run(engine, command.downgrade, revision)


async def check(engine: AsyncEngine) -> None:
    """Raise if the models and the migrations disagree (run in CI)."""
    await _run(engine, command.check)


async def current_heads(engine: AsyncEngine) -> set[str]:
    from alembic.runtime.migration import MigrationContext

    def _heads(sync_conn: Any) -> set[str]:
        return set(MigrationContext.configure(sync_conn).get_current_heads())

    async with engine.connect() as conn:
        return await conn.run_sync(_heads)
