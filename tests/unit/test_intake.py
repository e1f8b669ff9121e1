"""Updates the library cannot parse are reduced to their id, so polling moves past them."""

from __future__ import annotations

import json
import logging

import pytest

from bot.plumbing.intake import UpdatesRequest, skip_unparseable

_GOOD = {
    "update_id": 3,
    "message": {
        "message_id": 1,
        "date": 1_700_000_000,
        "chat": {"id": 5, "type": "private"},
        "from": {"id": 5, "is_bot": False, "first_name": "张"},
        "text": "/help",
    },
}


def test_a_good_batch_is_left_alone() -> None:
    assert skip_unparseable([_GOOD]) == [_GOOD]


@pytest.mark.parametrize(
    "broken",
    [
        {"update_id": 4, "message": {"message_id": 1, "text": "no chat, no date"}},
        {"update_id": 4, "callback_query": {"id": "1"}},
        {"update_id": 4, "message": "not an object"},
    ],
)
def test_an_unreadable_update_keeps_only_its_id_and_is_logged_once(
    broken: dict[str, object], caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR, logger="bot.plumbing.intake"):
        kept = skip_unparseable([_GOOD, broken])
    assert kept == [_GOOD, {"update_id": 4}]
    errors = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 1 and "skipped update 4" in errors[0].getMessage()
    # What people wrote stays out of the log.
    assert "no chat, no date" not in caplog.text


def test_an_update_without_an_id_is_dropped() -> None:
    assert skip_unparseable([{"message": {}}, _GOOD]) == [_GOOD]


def test_the_request_layer_filters_only_successful_update_lists() -> None:
    request = UpdatesRequest(connection_pool_size=1)
    payload = {"ok": True, "result": [{"update_id": 9, "message": 1}]}
    assert request.parse_json_payload(json.dumps(payload).encode()) == {
        "ok": True,
        "result": [{"update_id": 9}],
    }
    other = {"ok": True, "result": {"id": 1}}
    assert request.parse_json_payload(json.dumps(other).encode()) == other
