"""Images of hours: the monthly bar chart and the certificate, drawn with a CJK font.

Matplotlib's default font has no Chinese glyphs and would draw empty boxes; the font is found by
family name and its absence is a clear error, never a silently broken image.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.kernel.fonts import cjk_family

if TYPE_CHECKING:  # matplotlib (with numpy) costs ~0.6 s and tens of MB: imported on first chart
    from matplotlib.figure import Figure


def _png(fig: Figure) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig)
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=110)
    return out.getvalue()


@dataclass(frozen=True)
class ChartText:
    title: str
    ylabel: str
    months: tuple[str, ...]


def chart_figure(text: ChartText, halves: Sequence[int]) -> Figure:
    family = cjk_family()
    from matplotlib.figure import Figure

    fig = Figure(figsize=(8, 4.2))
    ax = fig.add_subplot()
    hours = [h / 2 for h in halves]
    bars = ax.bar(range(len(hours)), hours, color="#c0392b")
    ax.set_xticks(range(len(hours)), list(text.months), fontfamily=family)
    ax.set_title(text.title, fontfamily=family, fontsize=14, parse_math=False)
    ax.set_ylabel(text.ylabel, fontfamily=family)
    for label in ax.get_yticklabels():
        label.set_fontfamily(family)
    for bar, value in zip(bars, hours, strict=True):
        if value:
            ax.annotate(
                f"{value:g}",
                (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                ha="center",
                va="bottom",
                fontfamily=family,
                fontsize=9,
            )
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig


def chart_png(text: ChartText, halves: Sequence[int]) -> bytes:
    return _png(chart_figure(text, halves))


@dataclass(frozen=True)
class CertificateText:
    title: str
    body: str  # the whole statement, already filled in
    code_line: str
    issuer: str
    date_line: str
    verify_hint: str


def certificate_figure(text: CertificateText) -> Figure:
    family = cjk_family()
    from matplotlib.figure import Figure
    from matplotlib.patches import Rectangle

    fig = Figure(figsize=(8, 5.6))
    fig.patch.set_facecolor("#fffaf0")
    ax = fig.add_axes((0.0, 0.0, 1.0, 1.0))
    ax.set_axis_off()
    ax.add_patch(Rectangle((0.03, 0.04), 0.94, 0.92, fill=False, edgecolor="#c0392b", linewidth=3))
    ax.text(0.5, 0.84, text.title, ha="center", fontsize=26, color="#c0392b", fontfamily=family)
    ax.text(
        0.1,
        0.56,
        text.body,
        ha="left",
        va="center",
        fontsize=14,
        fontfamily=family,
        linespacing=1.8,
    )
    ax.text(0.9, 0.30, text.issuer, ha="right", fontsize=13, fontfamily=family, parse_math=False)
    ax.text(0.9, 0.24, text.date_line, ha="right", fontsize=12, fontfamily=family)
    ax.text(0.1, 0.13, text.code_line, ha="left", fontsize=12, fontfamily=family)
    ax.text(0.1, 0.08, text.verify_hint, ha="left", fontsize=9, color="#555555", fontfamily=family)
    return fig


def certificate_png(text: CertificateText) -> bytes:
    return _png(certificate_figure(text))
