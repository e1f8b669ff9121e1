"""What every feature's service answers when it does nothing: `Refused(reason)`.

Each feature names its reasons in its own enum (a member's "not your post" is not a dues
"month already paid") and subclasses `Refused` with it, so `isinstance(result, Refused)` in a
handler stays exact per feature while the shape — a reason, and a detail some texts fill in —
is written once and shared code (logging, the refusal texts' keys) can take any of them.
"""

# No `from __future__ import annotations`: the fields' types stay objects, so code that reads
# a feature's refusal through typing.get_type_hints in that feature's module finds `E`.
from dataclasses import dataclass
from enum import Enum
from typing import Generic, TypeVar

E = TypeVar("E", bound=Enum)


@dataclass(frozen=True)
class Refused(Generic[E]):
    """A service result meaning "nothing was done", and why."""

    reason: E
    # What the refusal's text fills in, where it has a blank: the hours already reported that
    # day, names over a limit, a rule's own code (dues' "too_far_ahead").
    detail: str = ""

    def key(self, feature: str) -> str:
        """The catalog key of the kind words for this refusal: `<feature>.refuse.<reason>`."""
        return f"{feature}.refuse.{self.reason.value}"
