"""The four cards and the community performance letter as printable pages (PNG, PDF).

Drawn with matplotlib in the CJK font the hours certificates use (bot.kernel.fonts),
so Chinese never prints as empty boxes. Pages are A4 portrait, one card a page.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bot.kernel.fonts import cjk_family

if TYPE_CHECKING:
    from matplotlib.figure import Figure

A4 = (8.27, 11.69)
RED = "#b22222"
WRAP = 30  # characters on a line of the value column (CJK are wide)


@dataclass(frozen=True)
class Page:
    """One printed page: a title, a subtitle, rows of (label, value), free paragraphs, footer."""

    title: str
    subtitle: str
    rows: tuple[tuple[str, str], ...] = ()
    paragraphs: tuple[str, ...] = ()
    footer: str = ""


def _wrap(text: str, width: int = WRAP) -> list[str]:
    out: list[str] = []
    for line in text.splitlines() or [""]:
        out += textwrap.wrap(line, width) or [""]
    return out


def page_figure(page: Page) -> Figure:
    family = cjk_family()
    from matplotlib.figure import Figure
    from matplotlib.patches import Rectangle

    fig = Figure(figsize=A4)
    fig.patch.set_facecolor("white")
    ax = fig.add_axes((0.0, 0.0, 1.0, 1.0))
    ax.set_axis_off()
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.add_patch(Rectangle((0.05, 0.04), 0.90, 0.92, fill=False, edgecolor=RED, linewidth=2))
    common: dict[str, Any] = {"fontfamily": family, "parse_math": False}
    ax.text(0.5, 0.92, page.title, ha="center", fontsize=22, color=RED, **common)
    ax.text(0.5, 0.885, page.subtitle, ha="center", fontsize=11, color="#444444", **common)
    y = 0.84
    step = 0.026
    for label, value in page.rows:
        lines = _wrap(value)
        ax.text(0.09, y, label, ha="left", va="top", fontsize=11, color="#333333", **common)
        for line in lines:
            ax.text(0.33, y, line, ha="left", va="top", fontsize=11, **common)
            y -= step
        ax.plot([0.09, 0.91], [y + step * 0.35] * 2, color="#dddddd", linewidth=0.6)
        if y < 0.1:
            break
    for paragraph in page.paragraphs:
        for line in _wrap(paragraph, 40):
            if y < 0.1:
                break
            ax.text(0.09, y, line, ha="left", va="top", fontsize=11.5, **common)
            y -= step
        y -= step * 0.5
    if page.footer:
        ax.text(0.91, 0.07, page.footer, ha="right", fontsize=10, color="#555555", **common)
    return fig


def page_png(page: Page, dpi: int = 100) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = page_figure(page)
    FigureCanvasAgg(fig)
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=dpi)
    return out.getvalue()


def pages_pdf(pages: Sequence[Page]) -> bytes:
    """All pages in one PDF (the four cards of a member, ready to print)."""
    from matplotlib.backends.backend_pdf import PdfPages

    out = io.BytesIO()
    with PdfPages(out) as pdf:
        for page in pages:
            pdf.savefig(page_figure(page))
    return out.getvalue()
