"""Live screens: messages the process keeps editing in place (the host's check-in code), kept
in BotData so handlers and the stopping job see the same ones."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Screen:
    """One live code screen: its text message and QR photo, both edited in place until
    check-in closes (no time limit of its own: a code shown is always a current one)."""

    chat_id: int
    meeting_id: int
    lang: str
    text_id: int
    photo_id: int | None
    code: str
    host_id: int  # whose rights every refresh re-checks
    busy: bool = False  # a redraw is in flight: the next tick skips instead of piling up


@dataclass
class CodeScreens:
    # The live screen of each (chat, meeting); one per host and meeting.
    live: dict[tuple[int, int], Screen] = field(default_factory=dict)
    # Screens being redrawn now (by id): stopping the bot waits for them before the DB closes.
    running: set[int] = field(default_factory=set)
