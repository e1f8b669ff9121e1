"""The getUpdates request layer: an update the library cannot parse is skipped, not retried.

PTB parses a whole getUpdates batch at once; one update it cannot read (a field it needs is
missing, a newer Bot API shape) fails the batch, the offset never moves past it, and the updater
asks for the same batch again at once, forever: thousands of CRITICAL lines a second and nobody
answered. Here each update of a batch is tried on its own first; one that does not parse is
logged once and replaced by its bare `update_id`, which PTB reads as an empty update, so the
offset moves on and the rest of the batch is handled as usual.
"""

from __future__ import annotations

import logging
from typing import Any

from telegram import Update
from telegram.request import HTTPXRequest

log = logging.getLogger(__name__)


def skip_unparseable(updates: list[Any]) -> list[Any]:
    """The batch with every update the library cannot parse reduced to its bare update_id."""
    kept: list[Any] = []
    for raw in updates:
        update_id = raw.get("update_id") if isinstance(raw, dict) else None
        if not isinstance(update_id, int):
            # Without an id nothing can confirm it; dropping it is all that is left to do.
            log.error("skipped an update without an update_id: %.200r", raw)
            continue
        try:
            Update.de_json(raw, None)
        except Exception as exc:
            # The kinds of field it had, not their values: an update carries people's messages.
            kinds = sorted(k for k in raw if k != "update_id")
            log.error(
                "skipped update %s that could not be read (%s: %s; fields %s)",
                update_id,
                type(exc).__name__,
                str(exc)[:200],
                kinds,
            )
            kept.append({"update_id": update_id})
            continue
        kept.append(raw)
    return kept


class UpdatesRequest(HTTPXRequest):
    """HTTPXRequest for getUpdates only: skips the updates the library cannot parse."""

    @staticmethod
    def parse_json_payload(payload: bytes) -> dict[str, Any]:
        data: dict[str, Any] = HTTPXRequest.parse_json_payload(payload)
        result = data.get("result")
        if data.get("ok") and isinstance(result, list):
            data["result"] = skip_unparseable(result)
        return data


def updates_request(read_timeout: float) -> UpdatesRequest:
    """The request object PTB's builder would make for getUpdates (one connection), guarded."""
    return UpdatesRequest(connection_pool_size=1, read_timeout=read_timeout)


__all__ = ["UpdatesRequest", "skip_unparseable", "updates_request"]
