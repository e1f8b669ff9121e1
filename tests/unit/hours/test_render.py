"""The chart and the certificate draw Chinese with a CJK font: no glyph is missing."""

from __future__ import annotations

import warnings

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

from bot.kernel import fonts
from bot.kernel.fonts import cjk_family
from bot.services.hours.render import (
    CertificateText,
    ChartText,
    certificate_figure,
    chart_figure,
    chart_png,
)

MONTHS = tuple(f"{m}月" for m in range(1, 13))
PNG = b"\x89PNG\r\n\x1a\n"


def _draw_and_collect(fig: Figure) -> list[str]:
    """Render the figure and return every warning raised while drawing (missing glyphs...)."""
    FigureCanvasAgg(fig)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.canvas.draw()
    return [str(w.message) for w in caught]


def _texts(fig: Figure) -> list[Text]:
    return [t for t in fig.findobj(Text) if t.get_text()]


def test_the_chart_uses_the_cjk_font_and_misses_no_glyph() -> None:
    text = ChartText("王阿姨 近12个月志愿服务时长", "小时", MONTHS)
    fig = chart_figure(text, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 25])
    assert _draw_and_collect(fig) == []
    family = cjk_family()
    used = {t.get_fontname() for t in _texts(fig) if any(ord(c) > 0x2E80 for c in t.get_text())}
    assert used == {family}
    shown = {t.get_text() for t in _texts(fig)}
    assert {"王阿姨 近12个月志愿服务时长", "小时", "3月", "12.5"} <= shown
    assert chart_png(text, [1] * 12).startswith(PNG)


def test_the_certificate_uses_the_cjk_font_and_misses_no_glyph() -> None:
    fig = certificate_figure(
        CertificateText(
            title="志愿服务证明",
            body="兹证明 王阿姨 同志\n于 2026-01-01 至 2026-03-10 期间\n累计服务 12.5 小时。",
            code_line="验证码：VH-1-ABCDEFGHJKLM",
            issuer="象山社区党支部",
            date_line="开具日期：2026-03-10",
            verify_hint="核验方法：发送 /verify 验证码",
        )
    )
    assert _draw_and_collect(fig) == []
    assert {t.get_fontname() for t in _texts(fig)} == {cjk_family()}


def test_the_check_would_see_empty_boxes_with_a_latin_font() -> None:
    """Without the CJK font the same text does warn: the tests above would catch tofu."""
    fig = Figure()
    fig.text(0.1, 0.5, "志愿服务", fontfamily="DejaVu Sans")
    messages = _draw_and_collect(fig)
    assert any("missing from font" in m for m in messages)


def test_without_any_cjk_font_the_error_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(fonts, "CJK_FAMILIES", ("No Such Font CJK",))
    fonts.cjk_family.cache_clear()
    try:
        with pytest.raises(fonts.CjkFontMissing, match="fonts-wqy-microhei"):
            fonts.cjk_family()
    finally:
        monkeypatch.undo()
        fonts.cjk_family.cache_clear()
