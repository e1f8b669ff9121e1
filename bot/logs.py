"""Logging set-up: readable text by default, one JSON object per line for collectors.

The log is kept apart from personal data: bot tokens are masked in every line (libraries put
them in URLs and exception texts), and the loggers that write SQL parameters, Bot API payloads
or whole updates (names, phones, binding tokens, what people wrote) stay quiet below WARNING or
INFO unless BOT_LOG_PERSONAL_DATA is switched on for a debugging session.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import TextIO

_STANDARD = set(vars(logging.makeLogRecord({})).keys()) | {"message", "asctime"}
# The shape of every bot token: "<bot id>:<35-odd url-safe characters>".
_TOKEN = re.compile(r"\d{3,20}:[A-Za-z0-9_-]{20,}")
MASK = "<secret>"

# Loggers whose lines below this level carry personal data.
_PERSONAL: dict[str, int] = {
    "sqlalchemy": logging.WARNING,  # statements with their parameters, result rows
    "aiosqlite": logging.WARNING,  # every call with its arguments
    "asyncpg": logging.WARNING,
    "telegram.Bot": logging.INFO,  # "Calling Bot API endpoint … with parameters …"
    "telegram.ext.ExtBot": logging.INFO,
    "telegram.ext.Application": logging.INFO,  # "Processing update …" with the whole update
    "telegram.ext.Updater": logging.INFO,
}


class _Redactor:
    def __init__(self, secrets: Iterable[str]) -> None:
        self._secrets = sorted({s for s in secrets if len(s) >= 8}, key=len, reverse=True)

    def __call__(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, MASK)
        return _TOKEN.sub(MASK, text)


class TextFormatter(logging.Formatter):
    def __init__(self, redact: _Redactor) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")
        self._redact = redact

    def format(self, record: logging.LogRecord) -> str:
        return self._redact(super().format(record))


class JsonFormatter(logging.Formatter):
    def __init__(self, redact: _Redactor | None = None) -> None:
        super().__init__()
        self._redact = redact or _Redactor(())

    def format(self, record: logging.LogRecord) -> str:
        payload: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        payload |= {k: v for k, v in vars(record).items() if k not in _STANDARD}
        if record.exc_info:
            payload["exc"] = self.formatException(record.exc_info)
        return self._redact(json.dumps(payload, ensure_ascii=False, default=str))


def setup_logging(
    level: str = "INFO",
    fmt: str = "text",
    *,
    personal_data: bool = False,
    secrets: Iterable[str] = (),
    stream: TextIO | None = None,
) -> None:
    redact = _Redactor(secrets)
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter(redact) if fmt == "json" else TextFormatter(redact))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # httpx logs every request at INFO: far too chatty for a bot that long-polls.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    logging.getLogger("alembic").setLevel(logging.WARNING)
    for name, quiet_below in _PERSONAL.items():
        logging.getLogger(name).setLevel(logging.NOTSET if personal_data else quiet_below)
