"""The printed cards draw Chinese in the CJK font: the glyphs are there, not empty boxes."""

from __future__ import annotations

import io
import warnings

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text
from PIL import Image, ImageChops

from bot.kernel.fonts import cjk_family
from bot.services.cards.render import Page, page_figure, page_png, pages_pdf

PAGE = Page(
    title="党员基本情况卡",
    subtitle="党员：王阿姨　　年度：2026",
    rows=(("姓名", "王阿姨"), ("认领岗位", "楼道宣传员（宣传教育）；助老服务岗（助老助残）" * 2)),
    paragraphs=("2026-12-01 书记更正「岗位履职」+1 分，原因：补录履职", "居民评价：★★★★☆ 很好"),
    footer="测试社区党支部　2026-12-07",
)


def _draw(fig: Figure) -> list[str]:
    FigureCanvasAgg(fig)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.canvas.draw()
    return [str(w.message) for w in caught]


def test_every_chinese_text_uses_the_cjk_font_and_no_glyph_is_missing() -> None:
    fig = page_figure(PAGE)
    assert _draw(fig) == []
    chinese = [t for t in fig.findobj(Text) if any(ord(c) > 0x2E80 for c in t.get_text())]
    assert chinese and {t.get_fontname() for t in chinese} == {cjk_family()}


def _glyph(family: str) -> Image.Image:
    fig = Figure(figsize=(1, 1))
    fig.text(0.1, 0.2, "党", fontfamily=family, fontsize=48)
    FigureCanvasAgg(fig)
    out = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fig.savefig(out, format="png", dpi=72)
    return Image.open(io.BytesIO(out.getvalue())).convert("L")


def test_the_character_drawn_is_not_a_tofu_box() -> None:
    """The same character in a Latin font is the empty box; in ours it must differ from it."""
    ours, tofu = _glyph(cjk_family()), _glyph("DejaVu Sans")
    assert ImageChops.difference(ours, tofu).getbbox() is not None
    # And ink was laid: not a blank square either.
    darkest = ours.getextrema()[0]
    assert isinstance(darkest, int) and darkest < 128


def test_png_and_a_four_page_pdf() -> None:
    png = page_png(PAGE)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    pdf = pages_pdf([PAGE] * 4)
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page ") >= 4
    # The CJK font is embedded in the PDF (a subset named after it).
    assert cjk_family().split()[0].encode() in pdf
