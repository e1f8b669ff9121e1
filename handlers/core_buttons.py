"""The core's buttons (language choice) and those one feature shows for another.

The cards screen offers /mydata (privacy) and a branch switch (members); the privacy notice of
an invite is answered by registration (members). Feature handlers may not import each other, so
these kinds live here, where both sides can.
"""

from __future__ import annotations

from bot.kernel.buttons import Button
from bot.texts import Lang


class ChooseLanguage(Button, prefix="lang"):
    code: Lang


class OpenMyData(Button, prefix="pv:md:o"):
    """The 🔒 button on one's own card: the same as typing /mydata (privacy answers it)."""


class AcceptInvite(Button, prefix="pv:yi"):
    """同意 under an invite's privacy notice (privacy shows it, registration in members answers
    it); a binding link's 同意 is privacy's own AcceptNotice."""

    payload: str


class SwitchBranch(Button, prefix="mem:sw"):
    """Show one's card in another branch one belongs to (members answers it)."""

    branch: int
