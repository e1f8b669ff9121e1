"""The meetings feature's conversation state, kept in the database (bot.kernel.conversations).

One flow, "meetings": its step is what the person's next message is for (a topic, a place, a
leave reason, a check-in code…), or WIZARD while a /newmeeting draft waits for a button. The
draft rides along in the flow's data as JSON, so a restart or a second process loses nothing;
asking for typed input outside the wizard (a leave reason, say) keeps a draft in progress.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from telegram import Update

from bot.context import Context
from bot.domain.meetings import Audience, MeetingType
from bot.domain.meetings.recurrence import Recurrence
from bot.kernel.conversations import FlowState
from bot.services.meetings.scheduling import FileRef
from handlers import flows
from handlers.base import Unit, unit

FLOW = "meetings"
# A draft waiting for a button: no typed input is expected.
WIZARD = "wizard"
# The /newmeeting confirm card the person last published from (for a late or double press).
PUBLISHED = "published"
# Steps that take a map point or files besides text.
LOCATION_STEPS = frozenset({"place", "location", "move_place"})
FILE_STEPS = frozenset({"agenda"})


@dataclass
class Draft:
    """A /newmeeting in progress."""

    branch_id: int
    tz: str
    type: MeetingType | None = None
    title: str | None = None
    day: date | None = None
    hour: int | None = None
    minute: int | None = None
    duration: timedelta | None = None
    place: str | None = None
    location: tuple[float, float] | None = None
    audience: Audience | None = None
    agenda: str | None = None
    recurrence: Recurrence | None = None
    files: list[FileRef] = field(default_factory=list)
    places: tuple[tuple[str, float | None, float | None], ...] = ()
    groups: dict[int, str] = field(default_factory=dict)
    branch_wide: bool = True

    @property
    def start_local(self) -> datetime | None:
        if self.day is None or self.hour is None or self.minute is None:
            return None
        return datetime.combine(self.day, time(self.hour, self.minute))

    def to_data(self) -> dict[str, Any]:
        """JSON-able; groups as pairs, since a JSON object has string keys and jsonb no order."""
        return {
            "branch_id": self.branch_id,
            "tz": self.tz,
            "type": self.type.value if self.type else None,
            "title": self.title,
            "day": self.day.isoformat() if self.day else None,
            "hour": self.hour,
            "minute": self.minute,
            "duration_s": int(self.duration.total_seconds()) if self.duration else None,
            "place": self.place,
            "location": list(self.location) if self.location else None,
            "audience": self.audience.to_string() if self.audience else None,
            "agenda": self.agenda,
            "recurrence": self.recurrence.to_rrule_string() if self.recurrence else None,
            "files": [[f.kind, f.file_id, f.filename] for f in self.files],
            "places": [list(p) for p in self.places],
            "groups": [[gid, name] for gid, name in self.groups.items()],
            "branch_wide": self.branch_wide,
        }

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Draft:
        tz = str(data["tz"])
        location = data.get("location")
        duration = data.get("duration_s")
        rule = data.get("recurrence")
        return cls(
            branch_id=int(data["branch_id"]),
            tz=tz,
            type=MeetingType(data["type"]) if data.get("type") else None,
            title=data.get("title"),
            day=date.fromisoformat(data["day"]) if data.get("day") else None,
            hour=data.get("hour"),
            minute=data.get("minute"),
            duration=timedelta(seconds=duration) if duration else None,
            place=data.get("place"),
            location=(float(location[0]), float(location[1])) if location else None,
            audience=Audience.from_string(data["audience"]) if data.get("audience") else None,
            agenda=data.get("agenda"),
            recurrence=Recurrence.from_rrule_string(rule, tz) if rule else None,
            files=[FileRef(str(k), str(f), n) for k, f, n in data.get("files", [])],
            places=tuple((str(n), lat, lon) for n, lat, lon in data.get("places", [])),
            groups={int(gid): str(name) for gid, name in data.get("groups", [])},
            branch_wide=bool(data.get("branch_wide", True)),
        )


def draft_in(state: FlowState | None) -> Draft | None:
    if state is None or not state.data.get("draft"):
        return None
    return Draft.from_data(state.data["draft"])


async def state_of(u: Unit, update: Update) -> FlowState | None:
    """The person's meetings flow state, if they are in it."""
    return await flows.state_of(FLOW, u, update)


async def done(u: Unit, update: Update) -> None:
    """Leave the meetings flow (a draft in progress with it)."""
    await flows.done(FLOW, u, update)


async def keep_draft(u: Unit, update: Update, draft: Draft, step: str = WIZARD) -> None:
    """Save the draft; `step` is the typed input it now waits for (WIZARD: only buttons)."""
    await flows.expect(FLOW, u, update, step, {"draft": draft.to_data()})


async def save_draft(update: Update, context: Context, draft: Draft, step: str = WIZARD) -> None:
    """keep_draft in a unit of its own, for a wizard step between its answer and its reply."""
    async with unit(update, context) as u:
        await keep_draft(u, update, draft, step)


async def mark_published(u: Unit, update: Update, card: int) -> None:
    """The draft is published from confirm card `card`: a later press there says so."""
    await flows.expect(FLOW, u, update, PUBLISHED, {"card": card})


async def wait_for(u: Unit, update: Update, step: str, **data: object) -> None:
    """The next message is for `step` (outside the wizard); a draft in progress is kept."""
    state = await state_of(u, update)
    kept = dict(data)
    if state is not None and state.data.get("draft"):
        kept["draft"] = state.data["draft"]
    await flows.expect(FLOW, u, update, step, kept)


async def stop_waiting(u: Unit, update: Update, step: str | None = None) -> FlowState | None:
    """Typed input for `step` (any, if None) is no longer expected; returns what was waiting.

    A draft in progress goes back to waiting for its buttons; otherwise the flow ends.
    """
    state = await state_of(u, update)
    if state is None or state.step in (WIZARD, PUBLISHED):
        return None
    if step is not None and state.step != step:
        return None
    if state.data.get("draft"):
        await flows.expect(FLOW, u, update, WIZARD, {"draft": state.data["draft"]})
    else:
        await done(u, update)
    return state
