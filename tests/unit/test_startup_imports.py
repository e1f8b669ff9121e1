"""`partybot run` loads only what every start needs (issue 10: start time and idle RSS).

Spreadsheets, charts, QR codes, the migration machinery and the HTTP listener are imported
where they are used; a module-level import of any of them would silently cost every process
tens of milliseconds and megabytes again. The check runs in a fresh interpreter, since this
test process has imported everything already.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from pathlib import Path

from alembic.script import ScriptDirectory

from storage import migrate
from storage.db import Database

# Loaded only by the actions that need them; asyncpg only on PostgreSQL; httpx's command-line
# client (click, rich, pygments) never, though the dev tools install it.
LAZY = (
    "openpyxl", "matplotlib", "segno", "PIL", "hypothesis", "alembic", "aiohttp", "asyncpg",
    "click", "rich", "pygments",
)  # fmt: skip

# What `partybot run` does up to its first getUpdates, short of the network: the command line,
# the schema check on a database at the head, the application with every handler.
START = """
import asyncio, json, sys
from bot.__main__ import main  # noqa: F401
from bot.config import Settings
from bot.roles.run import run  # noqa: F401
from bot.roles.schema import prepare_schema
from bot.app import build_application
from bot.plumbing.runner import serve  # noqa: F401
from bot.sandbox.state import make_token
import jobs  # noqa: F401

problem = asyncio.run(prepare_schema(sys.argv[1], may_create=False))
build_application(Settings(database_url=sys.argv[1]), token=make_token())
print(json.dumps({"problem": problem, "loaded": [m for m in sys.argv[2:] if m in sys.modules]}))
"""


def test_start_imports_no_heavy_library(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'head.sqlite3'}"

    async def at_head() -> None:
        db = Database(url)
        try:
            await migrate.upgrade(db.engine)
        finally:
            await db.close()

    asyncio.run(at_head())
    done = subprocess.run(
        [sys.executable, "-c", START, url, *LAZY],
        cwd=tmp_path,  # no .env of the checkout
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found == {"problem": None, "loaded": []}


def test_scripts_read_from_source_agree_with_alembic() -> None:
    directory = ScriptDirectory.from_config(migrate.alembic_config())
    parsed = migrate._parse_scripts()
    assert parsed is not None, "a migration script is not in the form migrate.scripts() reads"
    assert parsed.heads == frozenset(directory.get_heads())
    assert parsed.revisions == frozenset(r.revision for r in directory.walk_revisions())
    assert migrate.scripts() == parsed
