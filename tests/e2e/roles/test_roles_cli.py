"""`partybot run --role ...` refuses what cannot work, with one clear message."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PARTYBOT = [sys.executable, "-m", "bot"]
TOKEN = "123456789:AAroles-cli-test-token-xxxxxxxx"


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("BOT_", "DATABASE_URL", "WEBHOOK_"))
    }
    env["DATABASE_URL"] = f"sqlite+aiosqlite:///{tmp_path / 'roles.sqlite3'}"
    env.update(extra)
    return env


def _run(tmp_path: Path, *words: str, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*PARTYBOT, *words],
        env=_env(tmp_path, **extra),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_web_and_worker_need_postgresql(tmp_path: Path) -> None:
    for role in ("web", "worker"):
        out = _run(tmp_path, "run", "--role", role, BOT_TOKEN=TOKEN)
        assert out.returncode == 2, out.stderr
        assert "needs PostgreSQL" in out.stderr and "partybot run" in out.stderr
        assert "Traceback" not in out.stderr
    # Refused before touching the database.
    assert not (tmp_path / "roles.sqlite3").exists()


def test_webhook_without_secret_and_bad_listen_are_refused(tmp_path: Path) -> None:
    out = _run(tmp_path, "run", BOT_TOKEN=TOKEN, WEBHOOK_URL="https://bot.example.org/telegram")
    assert out.returncode == 2 and "WEBHOOK_SECRET" in out.stderr, out.stderr
    out = _run(tmp_path, "run", WEBHOOK_LISTEN="8443")
    assert out.returncode == 2 and "WEBHOOK_LISTEN" in out.stderr, out.stderr
    out = _run(tmp_path, "run", WEBHOOK_SECRET="has spaces")
    assert out.returncode == 2 and "WEBHOOK_SECRET" in out.stderr, out.stderr
    assert "has spaces" not in out.stderr


def test_run_refuses_a_schema_that_is_behind(tmp_path: Path) -> None:
    assert _run(tmp_path, "db", "upgrade").returncode == 0
    assert _run(tmp_path, "db", "downgrade").returncode == 0  # one migration back
    out = _run(tmp_path, "run", BOT_TOKEN=TOKEN)
    assert out.returncode == 1, out.stderr
    assert "behind" in out.stderr and "partybot db upgrade" in out.stderr
    assert "Traceback" not in out.stderr
