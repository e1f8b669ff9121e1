"""Engine and transactions: one `Database` per process, opened in post_init.

Three kinds of transaction:

- `transaction()`: a write transaction from its first statement (SQLite: BEGIN IMMEDIATE).
- `read()`: reads only; never takes SQLite's write lock, and refuses to write.
- `unit()`: one update's transaction. It starts as a read and becomes a write transaction at
  its first write or locking read (`FOR UPDATE`), so a button press that changes nothing
  takes no lock and waits for no writer.

SQLite has one write lock per database, held from BEGIN IMMEDIATE to COMMIT across awaits. If
writers queued in SQLite's busy handler they would sleep and poll (latencies climb in ~100 ms
steps), so on SQLite every write transaction first takes `Database.write_lock`, an asyncio lock:
writers of this process queue in the application, in order, and SQLite's busy timeout is left
for other processes (the CLI, a second bot by mistake).

How `unit()` upgrades on SQLite: it runs in a deferred transaction (a consistent snapshot for
its reads). Just before the first write or locking read it takes `write_lock`, ends the read
snapshot and issues BEGIN IMMEDIATE; everything from there on is serialised. Reads before that
point behave like PostgreSQL's READ COMMITTED (the data may have changed since), which the
code already has to be correct for: every read-then-write that matters reads with
`with_for_update`, which upgrades here and locks rows on PostgreSQL.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import ORMExecuteState, Session
from sqlalchemy.util import await_only

log = logging.getLogger(__name__)

SQLITE_BUSY_TIMEOUT_MS = 30_000

# Execution option naming the `_SqliteTx` of a read() or unit() connection.
_TX_OPTION = "partybot_sqlite_tx"
# session.info key of `Database.process_memo` (SQLite only).
PROCESS_MEMO = "partybot_process_memo"
_READ_STATEMENTS = ("SELECT", "BEGIN", "COMMIT", "ROLLBACK", "PRAGMA")


class ReadOnlyTransactionError(RuntimeError):
    """A write inside `Database.read()`."""


class _SqliteTx:
    """How one SQLite transaction began, and whether it holds the application's write lock.

    `mode`: "write" takes the lock at BEGIN, "unit" at its first write, "read" never.
    """

    def __init__(self, lock: asyncio.Lock, mode: str) -> None:
        self.lock = lock
        self.mode = mode
        self.writing = False
        self.statements = 0  # executed, for tests and benchmarks

    def begin(self, conn: Connection) -> None:
        """Runs inside SQLAlchemy's greenlet, with the connection already checked out: the lock
        holder never waits for a pooled connection, so lock and pool cannot deadlock."""
        if self.mode == "write":
            await_only(self.lock.acquire())
            self.writing = True
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")

    def upgrade(self, conn: Connection) -> None:
        """Become the writer (inside SQLAlchemy's greenlet, so it may await the lock)."""
        if self.writing:
            return
        if self.mode != "unit":
            raise ReadOnlyTransactionError("a write inside Database.read()")
        await_only(self.lock.acquire())
        self.writing = True
        cursor = conn.connection.cursor()
        try:
            # The read snapshot may be older than the last commit; a write from it would fail
            # (SQLITE_BUSY_SNAPSHOT), so end it and start the write transaction afresh.
            cursor.execute("COMMIT")
            cursor.execute("BEGIN IMMEDIATE")
        finally:
            cursor.close()

    def finish(self) -> None:
        if self.writing:
            self.writing = False
            self.lock.release()


def _tx_of(conn: Connection) -> _SqliteTx | None:
    tx = conn.get_execution_options().get(_TX_OPTION)
    return tx if isinstance(tx, _SqliteTx) else None


def _sqlite_setup(engine: AsyncEngine) -> None:
    """WAL, foreign keys, busy timeout, and how each kind of transaction begins.

    With a deferred BEGIN, two read-then-write transactions can both take the read lock and then
    deadlock on the upgrade ("database is locked", see FACTS.md); so a write transaction takes
    the write lock at BEGIN (BEGIN IMMEDIATE), and a unit upgrades as described above.
    """

    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Stop the driver from issuing its own BEGIN so ours is the only one.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(conn: Connection) -> None:
        tx = _tx_of(conn)
        if tx is None:  # outside Database (migrations, tests): a plain write transaction
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            tx.begin(conn)

    @event.listens_for(engine.sync_engine, "before_cursor_execute")
    def _before_execute(
        conn: Connection,
        _cursor: Any,
        statement: str,
        _parameters: Any,
        _context: Any,
        _executemany: bool,
    ) -> None:
        tx = _tx_of(conn)
        if tx is None:
            return
        tx.statements += 1
        if not statement.lstrip().upper().startswith(_READ_STATEMENTS):
            tx.upgrade(conn)


class _Session(Session):
    """Our sessions, so the locking-read hook below applies to them only."""


@event.listens_for(_Session, "do_orm_execute")
def _locking_read(state: ORMExecuteState) -> None:
    # SQLite drops FOR UPDATE when compiling, so see it here, before it is lost: a locking read
    # means "what I read now decides what I write", which needs the write lock from here on.
    if not state.is_select or getattr(state.statement, "_for_update_arg", None) is None:
        return
    conn = state.session.connection()
    tx = _tx_of(conn)
    if tx is not None and tx.mode == "unit":
        tx.upgrade(conn)


def create_engine(url: str, *, echo: bool = False) -> AsyncEngine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_async_engine(
            url, echo=echo, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}
        )
        _sqlite_setup(engine)
        return engine
    return create_async_engine(url, echo=echo, pool_size=10, max_overflow=20, pool_pre_ping=True)


class Database:
    """Owns the engine; hands out one transaction per unit of work."""

    def __init__(self, url: str, *, echo: bool = False) -> None:
        self.url = url
        self.engine = create_engine(url, echo=echo)
        self.sessions = async_sessionmaker(
            self.engine, expire_on_commit=False, sync_session_class=_Session
        )
        # SQLite's writers of this process queue here (see the module docstring).
        self.write_lock = asyncio.Lock()
        self.is_sqlite = self.engine.dialect.name == "sqlite"
        # What the layers above may remember between transactions about rows only this process
        # writes, in every session's info under PROCESS_MEMO. SQLite only: there the one bot
        # process is the only writer (roles other than `all` refuse SQLite; a second poller is
        # refused by Telegram). On PostgreSQL several processes share the rows, so nothing is
        # remembered and every read goes to the database.
        self.process_memo: dict[str, object] | None = {} if self.is_sqlite else None

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """A write transaction. Commit on success, roll back on any error; repositories never
        commit."""
        async with self._sqlite_tx("write") as session:
            yield session

    @asynccontextmanager
    async def read(self) -> AsyncIterator[AsyncSession]:
        """A read-only transaction: no write lock; a write in it raises
        ReadOnlyTransactionError on SQLite."""
        async with self._sqlite_tx("read") as session:
            yield session

    @asynccontextmanager
    async def unit(self) -> AsyncIterator[AsyncSession]:
        """An update's transaction: a read until its first write (then as `transaction()`)."""
        async with self._sqlite_tx("unit") as session:
            yield session

    @asynccontextmanager
    async def _sqlite_tx(self, mode: str) -> AsyncIterator[AsyncSession]:
        if not self.is_sqlite:
            async with self.sessions.begin() as session:
                yield session
            return
        tx = _SqliteTx(self.write_lock, mode)
        try:
            async with self.sessions.begin() as session:
                session.info[_TX_OPTION] = tx
                session.info[PROCESS_MEMO] = self.process_memo
                await session.connection(execution_options={_TX_OPTION: tx})
                yield session
        finally:
            tx.finish()

    async def close(self) -> None:
        await self.engine.dispose()


def statements_run(session: AsyncSession) -> tuple[int, bool] | None:
    """(statements executed, took the write lock) for a SQLite read() or unit() session."""
    tx = session.info.get(_TX_OPTION)
    return (tx.statements, tx.writing) if isinstance(tx, _SqliteTx) else None
