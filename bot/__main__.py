"""`partybot` command line: run the bot, run the sandbox, migrate and back up the database."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from bot import __version__

# httpx's package __init__ imports its command-line client (click, rich, pygments: ~90 ms and
# ~4 MB) whenever those happen to be installed, as the dev tools install them. The bot never
# runs that client; marking the module missing makes httpx take its own fallback (a `main`
# that explains the missing extra), so a checkout starts as light as a production install.
sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]

if TYPE_CHECKING:
    from bot.config import Settings

log = logging.getLogger("partybot")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="partybot",
        description="Telegram bot for community Party branches (社区党支部).",
    )
    parser.add_argument("--version", action="version", version=f"partybot {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    run = sub.add_parser(
        "run",
        help="start the bot: against Telegram when BOT_TOKEN is set, otherwise against the "
        "local sandbox (with its web chat page); a new, empty database is created, one that "
        "is behind needs `partybot db upgrade` first",
    )
    _add_role(run)
    sandbox = sub.add_parser(
        "sandbox",
        help="start the local Bot API sandbox with its web chat page and run the bot against it",
    )
    sandbox.add_argument(
        "--demo",
        action="store_true",
        help="seed a lively demo branch (象山社区党支部) to try every feature",
    )
    sandbox.add_argument("--port", type=int, default=None, help="web port (default SANDBOX_PORT)")
    sandbox.add_argument(
        "--enforce-limits",
        action="store_true",
        help="make the sandbox refuse sends over Telegram's flood limits",
    )
    sandbox.add_argument(
        "--strict-limits",
        action="store_true",
        help="the strict reading of the limits (implies --enforce-limits): one message a "
        "second per private chat, no bursts",
    )
    sandbox.add_argument(
        "--latency-ms",
        type=_latency,
        default=0.0,
        metavar="N",
        help="answer every Bot API call after N ms, as Telegram is 50-200 ms away",
    )
    db = sub.add_parser("db", help="database migrations and backups")
    db_sub = db.add_subparsers(dest="db_command", required=True, metavar="ACTION")
    up = db_sub.add_parser(
        "upgrade",
        help="apply migrations (default: all, to the newest); the release step of a deployment,"
        " prints the revisions before and after",
    )
    up.add_argument("revision", nargs="?", default="heads")
    down = db_sub.add_parser("downgrade", help="revert migrations (default: the last one)")
    down.add_argument("revision", nargs="?", default="-1")
    backup = db_sub.add_parser(
        "backup",
        help="a verified copy of the database: SQLite through the online backup API (safe "
        "while the bot runs), PostgreSQL with pg_dump (the command is printed)",
    )
    backup.add_argument(
        "--to",
        type=Path,
        default=None,
        metavar="PATH",
        help="where to write it (default: backups/partybot-<UTC time>.sqlite3 beside the "
        "SQLite file, or backups/partybot-<UTC time>.dump)",
    )
    return parser


def _add_role(run: argparse.ArgumentParser) -> None:
    from bot.roles import Role

    run.add_argument(
        "--role",
        choices=[r.value for r in Role],
        default=Role.ALL.value,
        help="all (default): one process does everything; web: webhook updates only; "
        "worker: the scheduler and the outbox sender, one active at a time (PostgreSQL only "
        "for web and worker)",
    )


def _run_role(settings: Settings, args: argparse.Namespace) -> int:
    """`partybot run`: check the role and the schema, then the sandbox or the real bot."""
    from bot.roles import Role
    from bot.roles.run import refusal, run
    from bot.roles.schema import prepare_schema

    role = Role(args.role)
    problem = refusal(settings, role)
    if problem is not None:
        print(problem, file=sys.stderr)
        return 2
    problem = asyncio.run(prepare_schema(settings.database_url, may_create=role is Role.ALL))
    if problem is not None:
        print(problem, file=sys.stderr)
        return 1
    if settings.bot_token is None:
        asyncio.run(_run_sandbox(settings, args))
        return 0
    return asyncio.run(run(settings, role))


def _latency(raw: str) -> float:
    try:
        value = float(raw)
    except ValueError:
        raise argparse.ArgumentTypeError("must be a number of milliseconds") from None
    if not 0 <= value <= 60_000:
        raise argparse.ArgumentTypeError("must be between 0 and 60000")
    return value


async def _migrate(settings: Settings, action: str, revision: str) -> tuple[str, str]:
    """Apply the migration; (revisions before, revisions after), "base" for none."""
    from storage import migrate
    from storage.db import Database

    db = Database(settings.database_url)
    try:
        before = await migrate.current_heads(db.engine)
        if action == "upgrade":
            await migrate.upgrade(db.engine, revision)
        else:
            await migrate.downgrade(db.engine, revision)
        after = await migrate.current_heads(db.engine)
    finally:
        await db.close()
    return _revisions(before), _revisions(after)


def _revisions(heads: set[str]) -> str:
    return ",".join(sorted(heads)) or "base"


def _db_command(settings: Settings, args: argparse.Namespace) -> int:
    if args.db_command == "backup":
        return _backup(settings, args.to)
    from alembic.util.exc import CommandError

    try:
        before, after = asyncio.run(_migrate(settings, args.db_command, args.revision))
    except CommandError as exc:
        print(f"Migration error: {exc}", file=sys.stderr)
        return 1
    change = "unchanged" if before == after else f"from {before} to {after}"
    print(f"database {args.db_command}: {change} (now at {after})")
    return 0


def _backup(settings: Settings, target: Path | None) -> int:
    from storage.backup import BackupError, backup

    try:
        result = backup(settings.database_url, target)
    except (BackupError, OSError) as exc:
        print(f"Backup error: {exc}", file=sys.stderr)
        return 1
    if result.command is not None:
        print(f"pg_dump command: {result.command}")
        if not result.ran:
            print("pg_dump is not installed here: run the command above where it is")
            return 0
    revision = result.revision or "unknown"
    checks = "integrity ok, " if settings.is_sqlite else "archive readable, "
    print(f"backup written: {result.path} ({result.size:,} bytes; {checks}revision {revision})")
    return 0


async def _run_sandbox(settings: Settings, args: argparse.Namespace) -> None:
    from bot.devtools.sandbox_run import run_sandbox

    await run_sandbox(
        settings,
        port=getattr(args, "port", None),
        demo=bool(getattr(args, "demo", False)),
        enforce_limits=bool(getattr(args, "enforce_limits", False)),
        strict_limits=bool(getattr(args, "strict_limits", False)),
        latency_ms=float(getattr(args, "latency_ms", 0.0)),
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    # Imported here, not at the top: `--version` and `--help` answer without reading settings.
    from bot.config import ConfigError, load_settings
    from bot.logs import setup_logging

    try:
        settings = load_settings()
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return 2
    setup_logging(
        settings.bot_log_level,
        settings.bot_log_format,
        personal_data=settings.bot_log_personal_data,
        secrets=settings.secret_values(),
    )
    try:
        if args.command == "db":
            return _db_command(settings, args)
        if args.command == "run":
            return _run_role(settings, args)
        # The sandbox is for trying the bot: it brings its database up to date itself.
        asyncio.run(_migrate(settings, "upgrade", "heads"))
        asyncio.run(_run_sandbox(settings, args))
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
