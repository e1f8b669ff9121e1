"""`partybot db upgrade` as a release step and `partybot db backup`, as an operator runs them."""

from __future__ import annotations

import asyncio
import os
import shutil
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import asyncpg  # type: ignore[import-untyped]
import pytest
from alembic.script import ScriptDirectory

from storage.migrate import alembic_config
from tests.conftest import _PG, PG_ADMIN_DSN

PARTYBOT = [sys.executable, "-m", "bot"]
HEADS = ",".join(sorted(ScriptDirectory.from_config(alembic_config()).get_heads()))


def _env(url: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "DATABASE_URL"))}
    env["DATABASE_URL"] = url
    env.update(extra)
    return env


def _db(
    env: dict[str, str], *words: str, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*PARTYBOT, "db", *words], env=env, cwd=cwd, capture_output=True, text=True, timeout=180
    )


def test_upgrade_prints_revisions_and_backup_is_a_verified_copy(tmp_path: Path) -> None:
    live = tmp_path / "live.sqlite3"
    env = _env(f"sqlite+aiosqlite:///{live}")
    up = _db(env, "upgrade")
    assert up.returncode == 0, up.stderr
    assert f"from base to {HEADS}" in up.stdout
    again = _db(env, "upgrade")
    assert again.returncode == 0 and f"unchanged (now at {HEADS})" in again.stdout

    with sqlite3.connect(live) as conn:  # something to find in the copy
        conn.execute(
            "INSERT INTO branches (name, settings, timezone, created_at, updated_at) "
            "VALUES ('备份测试支部', '{}', 'Asia/Shanghai', '2026-01-01', '2026-01-01')"
        )
    copy = tmp_path / "copies" / "one.sqlite3"
    made = _db(env, "backup", "--to", str(copy))
    assert made.returncode == 0, made.stderr
    assert "integrity ok" in made.stdout and f"revision {HEADS}" in made.stdout
    assert {p.name for p in copy.parent.iterdir()} == {"one.sqlite3"}  # self-contained
    with sqlite3.connect(copy) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT name FROM branches").fetchall() == [("备份测试支部",)]

    # Never overwrites; a missing database is a clear error, not an empty "backup".
    twice = _db(env, "backup", "--to", str(copy))
    assert twice.returncode == 1 and twice.stderr.startswith("Backup error:")
    missing = _db(_env(f"sqlite+aiosqlite:///{tmp_path / 'none.sqlite3'}"), "backup")
    assert missing.returncode == 1 and "nothing to back up" in missing.stderr
    assert "Traceback" not in twice.stderr + missing.stderr

    # The default place: backups/ beside the database file.
    default = _db(env, "backup")
    assert default.returncode == 0, default.stderr
    assert len(list((tmp_path / "backups").glob("partybot-*.sqlite3"))) == 1

    # Restore (README): stop the bot, copy the file back, start it.
    live.unlink()
    shutil.copy(copy, live)
    assert f"unchanged (now at {HEADS})" in _db(env, "upgrade").stdout


def _pg(sql: str) -> None:
    async def run() -> None:
        conn = await asyncpg.connect(PG_ADMIN_DSN)
        try:
            await conn.execute(sql)
        finally:
            await conn.close()

    asyncio.run(run())


@pytest.mark.skipif(not _PG, reason="PostgreSQL is not reachable")
def test_postgres_backup_runs_pg_dump_and_restores(tmp_path: Path) -> None:
    if shutil.which("pg_dump") is None or shutil.which("pg_restore") is None:
        pytest.skip("pg_dump / pg_restore are not installed")
    names = [f"partybot_test_{uuid.uuid4().hex[:12]}" for _ in range(2)]
    base = PG_ADMIN_DSN.rsplit("/", 1)[0]
    for name in names:
        _pg(f'CREATE DATABASE "{name}"')
    try:
        env = _env(f"{base.replace('postgresql://', 'postgresql+asyncpg://')}/{names[0]}")
        assert _db(env, "upgrade").returncode == 0
        dump = tmp_path / "district.dump"
        made = _db(env, "backup", "--to", str(dump))
        assert made.returncode == 0, made.stderr
        assert "pg_dump command: pg_dump --format=custom" in made.stdout
        assert f"revision {HEADS}" in made.stdout
        assert dump.stat().st_size > 0
        # The README's restore line, into an empty database.
        restore = subprocess.run(
            ["pg_restore", "--no-owner", "--no-privileges", f"--dbname={base}/{names[1]}",
             str(dump)],
            capture_output=True, text=True, timeout=180, check=False,
        )  # fmt: skip
        assert restore.returncode == 0, restore.stderr
        other = _env(f"{base.replace('postgresql://', 'postgresql+asyncpg://')}/{names[1]}")
        assert f"unchanged (now at {HEADS})" in _db(other, "upgrade").stdout

        # Without pg_dump installed the command is still printed, to run elsewhere.
        bare = _db({**env, "PATH": str(tmp_path)}, "backup", "--to", str(tmp_path / "x.dump"))
        assert bare.returncode == 0, bare.stderr
        assert "pg_dump command:" in bare.stdout and "not installed" in bare.stdout
    finally:
        for name in names:
            _pg(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
