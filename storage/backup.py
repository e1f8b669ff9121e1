"""`partybot db backup`: a consistent copy of the database, checked before it is trusted.

SQLite: the online backup API copies the live file page by page while the bot keeps running
(a plain `cp` of a WAL database can miss committed pages). The copy is then opened on its own,
`PRAGMA integrity_check` must say "ok", and its Alembic revision is read back.

PostgreSQL: `pg_dump --format=custom`, the documented tool (a restorable archive, restored with
`pg_restore`). The command is printed (never with the password, which goes through PGPASSWORD);
it is run when pg_dump is on PATH, and the archive must be non-empty and listable by pg_restore.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.engine import URL, make_url

__all__ = ["BackupError", "BackupResult", "backup", "default_target", "pg_dump_command"]


class BackupError(Exception):
    """The backup could not be made or did not verify; the message says why."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size: int
    revision: str | None  # the copy's Alembic revision(s), when it could be read
    command: str | None = None  # the pg_dump line (PostgreSQL)
    ran: bool = True  # False: pg_dump is not installed, only the command was printed


def default_target(database_url: str, now: datetime | None = None) -> Path:
    """backups/partybot-<UTC time>.<sqlite3|dump>, beside the SQLite file or in the cwd."""
    url = make_url(database_url)
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M%S")
    if url.get_backend_name() == "sqlite":
        base = Path(url.database or ".").parent
        return base / "backups" / f"partybot-{stamp}.sqlite3"
    return Path("backups") / f"partybot-{stamp}.dump"


def backup(database_url: str, target: Path | None = None) -> BackupResult:
    url = make_url(database_url)
    path = target or default_target(database_url)
    if path.exists():
        raise BackupError(f"{path} exists already; choose another --to")
    path.parent.mkdir(parents=True, exist_ok=True)
    if url.get_backend_name() == "sqlite":
        return _sqlite(url, path)
    return _postgres(url, path)


def _sqlite(url: URL, path: Path) -> BackupResult:
    source = url.database
    if not source or source == ":memory:" or not Path(source).exists():
        raise BackupError(f"no SQLite database at {source!r}: nothing to back up")
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(path)
    try:
        with dst:
            # Pages copied in steps, so a long copy never holds the bot's writers for long.
            src.backup(dst, pages=1024)
        # One self-contained file (the copy inherits WAL mode, which wants -wal/-shm beside it).
        dst.execute("PRAGMA journal_mode=DELETE")
    finally:
        dst.close()
        src.close()
    revision = _verify_sqlite(path)
    return BackupResult(path, path.stat().st_size, revision)


def _verify_sqlite(path: Path) -> str | None:
    """Open the copy alone: integrity must be ok; its schema revision is read back."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        verdict = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        if verdict != ["ok"]:
            raise BackupError(f"the copy at {path} failed integrity_check: {verdict[:3]}")
        try:
            rows = conn.execute("SELECT version_num FROM alembic_version ORDER BY 1").fetchall()
        except sqlite3.OperationalError:
            return None  # a database never migrated: still a faithful copy
        return ",".join(str(r[0]) for r in rows) or None
    finally:
        conn.close()


def pg_dump_command(url: URL, path: Path) -> list[str]:
    """The documented pg_dump line for this database (no password in it)."""
    plain = url.set(drivername="postgresql", password=None)
    return [
        "pg_dump",
        "--format=custom",
        "--no-owner",
        "--no-privileges",
        f"--file={path}",
        f"--dbname={plain.render_as_string(hide_password=False)}",
    ]


def _postgres(url: URL, path: Path) -> BackupResult:
    cmd = pg_dump_command(url, path)
    line = shlex.join(cmd)
    if shutil.which("pg_dump") is None:
        return BackupResult(path, 0, None, command=line, ran=False)
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        path.unlink(missing_ok=True)
        raise BackupError(f"pg_dump failed ({done.returncode}): {done.stderr.strip()[:500]}")
    size = path.stat().st_size if path.exists() else 0
    if size == 0:
        raise BackupError(f"pg_dump wrote nothing to {path}")
    return BackupResult(path, size, _verify_dump(path, env), command=line)


def _verify_dump(path: Path, env: dict[str, str]) -> str | None:
    """pg_restore must be able to read the archive's table of contents."""
    if shutil.which("pg_restore") is None:
        return None
    listed = subprocess.run(
        ["pg_restore", "--list", str(path)], env=env, capture_output=True, text=True, check=False
    )
    if listed.returncode != 0 or "TABLE DATA" not in listed.stdout:
        raise BackupError(f"pg_restore cannot read {path}: {listed.stderr.strip()[:300]}")
    # The revision as stored in the archive: the COPY block of alembic_version.
    data = subprocess.run(
        ["pg_restore", "--data-only", "--table=alembic_version", "--file=-", str(path)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    lines = data.stdout.splitlines()
    try:
        start = next(i for i, line in enumerate(lines) if line.startswith("COPY "))
    except StopIteration:
        return None
    revisions = []
    for line in lines[start + 1 :]:
        if line == "\\.":
            break
        revisions.append(line.strip())
    return ",".join(sorted(revisions)) or None
