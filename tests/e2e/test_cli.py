"""The `partybot` command as a newcomer meets it."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

from bot import __version__

PARTYBOT = [sys.executable, "-m", "bot"]


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "DATABASE_URL"))}
    env["DATABASE_URL"] = f"sqlite+aiosqlite:///{tmp_path / 'cli.sqlite3'}"
    env.update(extra)
    return env


def test_version_and_help(tmp_path: Path) -> None:
    out = subprocess.run([*PARTYBOT, "--version"], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == f"partybot {__version__}"
    out = subprocess.run([*PARTYBOT, "--help"], capture_output=True, text=True, check=True)
    for word in ("run", "sandbox", "db"):
        assert re.search(rf"^\s+{word}\s", out.stdout, re.M), word
    out = subprocess.run([*PARTYBOT, "db", "--help"], capture_output=True, text=True, check=True)
    assert "upgrade" in out.stdout and "downgrade" in out.stdout


def test_wrong_setting_fails_with_one_line_naming_it(tmp_path: Path) -> None:
    for name, value in [
        ("BOT_TIMEZONE", "Mars/Base"),
        ("BOT_ADMIN_IDS", "abc"),
        ("DATABASE_URL", "mysql://x"),
        ("BOT_TOKEN", "changeme"),
    ]:
        out = subprocess.run(
            [*PARTYBOT, "run"],
            capture_output=True,
            text=True,
            env=_env(tmp_path, **{name: value}),
            timeout=60,
        )
        assert out.returncode == 2, name
        lines = out.stderr.strip().splitlines()
        assert len(lines) == 1 and name in lines[0], (name, out.stderr)
        assert "Traceback" not in out.stderr


def test_db_upgrade_and_downgrade(tmp_path: Path) -> None:
    env = _env(tmp_path)
    up = subprocess.run(
        [*PARTYBOT, "db", "upgrade"], env=env, capture_output=True, text=True, timeout=120
    )
    assert up.returncode == 0, up.stderr
    assert (tmp_path / "cli.sqlite3").exists()

    def db(*words: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*PARTYBOT, "db", *words], env=env, capture_output=True, text=True, timeout=120
        )

    step = db("downgrade")  # one migration back
    assert step.returncode == 0, step.stderr
    down = db("downgrade", "base")
    assert down.returncode == 0, down.stderr
    bad = db("upgrade", "no_such_rev")
    assert bad.returncode == 1
    assert bad.stderr.strip().startswith("Migration error:")
    assert "Traceback" not in bad.stderr


def test_run_without_token_starts_the_sandbox_and_stops_on_sigterm(tmp_path: Path) -> None:
    env = _env(tmp_path, SANDBOX_PORT="0")
    with subprocess.Popen(
        [*PARTYBOT, "run"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as proc:
        try:
            assert proc.stdout is not None
            line = proc.stdout.readline()
            match = re.search(r"(http://127\.0\.0\.1:\d+/)", line)
            assert match, line
            assert "BOT_TOKEN" in line
            with urllib.request.urlopen(match.group(1), timeout=10) as page:
                assert page.status == 200
                assert "<html" in page.read().decode().lower()
        finally:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        stderr = proc.stderr.read() if proc.stderr else ""
    assert proc.returncode == 0, stderr
    assert "Application.stop() complete" in stderr
