"""What the log may hold: never a bot token; personal data only behind its own switch."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

import pytest

from bot.logs import MASK, setup_logging
from tests.e2e.conftest import Harness
from tests.said import said


@pytest.fixture
def restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    levels = {name: logging.getLogger(name).level for name in logging.root.manager.loggerDict}
    yield
    root.handlers[:] = handlers
    root.setLevel(level)
    for name, old in levels.items():
        logging.getLogger(name).setLevel(old)


async def _debug_log_of_a_chat(harness: Harness, *, personal_data: bool) -> str:
    buffer = io.StringIO()
    setup_logging("DEBUG", personal_data=personal_data, stream=buffer)
    user = await harness.user("欧阳秘密")
    await user.send("/help")
    await user.wait_message(contains=said("help.member"))
    await user.send("13912345678")
    await user.wait_message()
    return buffer.getvalue()


@pytest.mark.usefixtures("restore_logging")
async def test_debug_log_has_no_token_and_no_personal_data(harness: Harness) -> None:
    text = await _debug_log_of_a_chat(harness, personal_data=False)
    assert "DEBUG" in text  # it really logged at DEBUG
    assert harness.token not in text
    assert harness.token.split(":")[1] not in text
    assert "欧阳秘密" not in text and "13912345678" not in text


@pytest.mark.usefixtures("restore_logging")
async def test_personal_data_switch_logs_sql_parameters_but_never_the_token(
    harness: Harness,
) -> None:
    text = await _debug_log_of_a_chat(harness, personal_data=True)
    assert "欧阳秘密" in text  # SQL parameters and Bot API payloads are there
    assert harness.token.split(":")[1] not in text


def test_a_token_in_an_exception_text_is_masked() -> None:
    buffer = io.StringIO()
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    try:
        setup_logging("INFO", fmt="json", stream=buffer, secrets=["s3cret-password"])
        try:
            raise ConnectionError(
                "https://api.telegram.org/bot123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/getMe"
                " with s3cret-password"
            )
        except ConnectionError:
            logging.getLogger("x").exception("failed")
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
    assert "AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw" not in buffer.getvalue()
    assert "s3cret-password" not in buffer.getvalue()
    assert MASK in buffer.getvalue()
