"""The core's buttons (language choice)."""

from __future__ import annotations

from bot.kernel.buttons import Button
from bot.texts import Lang


class ChooseLanguage(Button, prefix="lang"):
    code: Lang
