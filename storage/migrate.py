"""Alembic driven from code: the CLI, start-up and tests all migrate the same way."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import inspect, text
from sqlalchemy.ext.asyncio import AsyncEngine

if TYPE_CHECKING:
    # Alembic is imported where it runs: `partybot run` on a database already at the head only
    # reads the version table and the scripts' ids (issue 10: ~50 ms and ~7 MB at every start).
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
VERSIONS_DIR = MIGRATIONS_DIR / "versions"
VERSION_TABLE = "alembic_version"  # Alembic's default; env.py does not change it
# Features add their own migration branches; "heads" applies all of them.
HEAD = "heads"
# `revision: str = "0024_roles"` / `down_revision = ("a", "b")` at the start of a line
_ID_LINE = re.compile(r"^(revision|down_revision)\b[^=\n]*=([^\n]*)$", re.MULTILINE)


@dataclass(frozen=True)
class Scripts:
    heads: frozenset[str]
    revisions: frozenset[str]


def alembic_config(url: str | None = None) -> Config:
    from alembic.config import Config

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
    from alembic import command

    await _run(engine, command.upgrade, revision)


async def downgrade(engine: AsyncEngine, revision: str = "base") -> None:
    from alembic import command

    await _run(engine, command.downgrade, revision)


async def check(engine: AsyncEngine) -> None:
    """Raise if the models and the migrations disagree (run in CI)."""
    from alembic import command

    await _run(engine, command.check)


async def current_heads(engine: AsyncEngine) -> set[str]:
    """The revisions the database is at (empty: no version table, or no rows in it); what
    Alembic's MigrationContext.get_current_heads reads, without importing Alembic."""

    def _heads(sync_conn: Any) -> set[str]:
        if not inspect(sync_conn).has_table(VERSION_TABLE):
            return set()
        rows = sync_conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}"))
        return {str(row[0]) for row in rows}

    async with engine.connect() as conn:
        return await conn.run_sync(_heads)


def scripts() -> Scripts:
    """The migration scripts' heads and revisions.

    Read from the scripts' source (their `revision` and `down_revision` literals) rather than
    through Alembic, which imports itself and executes every script; a script in another form
    falls back to Alembic. tests/unit/test_startup_imports.py checks both readings agree.
    """
    parsed = _parse_scripts()
    if parsed is not None:
        return parsed
    from alembic.script import ScriptDirectory

    directory = ScriptDirectory.from_config(alembic_config())
    return Scripts(
        heads=frozenset(directory.get_heads()),
        revisions=frozenset(rev.revision for rev in directory.walk_revisions()),
    )


def _parse_scripts() -> Scripts | None:
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in sorted(VERSIONS_DIR.glob("*.py")):
        ids = _script_ids(path)
        if ids is None:
            return None
        revision, down = ids
        revisions.add(revision)
        parents.update(down)
    if not revisions or not parents <= revisions:
        return None
    return Scripts(heads=frozenset(revisions - parents), revisions=frozenset(revisions))


def _script_ids(path: Path) -> tuple[str, tuple[str, ...]] | None:
    """(revision, down revisions) from a script's top-level literals, or None.

    Only the two assignment lines are read (parsing whole scripts costs as much as Alembic)."""
    found: dict[str, object] = {}
    for match in _ID_LINE.finditer(path.read_text(encoding="utf-8")):
        name = match.group(1)
        if name in found:
            continue
        try:
            found[name] = ast.literal_eval(match.group(2).strip())
        except (ValueError, SyntaxError):
            return None
    revision, down = found.get("revision"), found.get("down_revision", ...)
    if not isinstance(revision, str) or down is ...:
        return None
    if down is None:
        return revision, ()
    if isinstance(down, str):
        return revision, (down,)
    if isinstance(down, tuple | list) and all(isinstance(d, str) for d in down):
        return revision, tuple(down)
    return None
