"""What the process's long-lived parts offer each other, typed, so BotData holds no `Any`."""

from __future__ import annotations

from typing import Protocol


class Waker(Protocol):
    """The delivery sender as enqueuers see it: new rows are due, send now."""

    def wake(self) -> None: ...
