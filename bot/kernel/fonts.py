"""A font with Chinese glyphs for every printed page (hours' charts and certificates, the
four cards): matplotlib's default draws empty boxes, so the font is found by family name and
its absence is a clear error, never a silently broken image."""

from __future__ import annotations

from functools import cache

# Families that cover simplified Chinese, in order of preference (Debian: fonts-noto-cjk,
# fonts-wqy-microhei, fonts-wqy-zenhei; fonts-arphic-*; Android's fallback).
CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Sans CJK JP",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "AR PL UMing CN",
    "Droid Sans Fallback",
)


class CjkFontMissing(RuntimeError):
    """No font with Chinese glyphs is installed."""


def _known() -> set[str]:
    from matplotlib import font_manager

    return {f.name for f in font_manager.fontManager.ttflist}


@cache
def cjk_family() -> str:
    """The first installed CJK family; fonts installed after matplotlib's cache are added."""
    from matplotlib import font_manager

    names = _known()
    for family in CJK_FAMILIES:
        if family in names:
            return family
    # The font cache may predate the font's installation: look at the system's files once.
    listed = {f.fname for f in font_manager.fontManager.ttflist}
    for path in font_manager.findSystemFonts():
        if path not in listed:
            try:
                font_manager.fontManager.addfont(path)
            except (OSError, RuntimeError, ValueError):
                continue
    names = _known()
    for family in CJK_FAMILIES:
        if family in names:
            return family
    raise CjkFontMissing(
        "no CJK font found for printed pages (looked for "
        + ", ".join(CJK_FAMILIES)
        + "); install one, e.g. `apt-get install fonts-wqy-microhei` or fonts-noto-cjk"
    )
