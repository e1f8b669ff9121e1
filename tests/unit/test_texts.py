"""The catalog is complete: every key in both languages with the same placeholders."""

import string

from bot.texts import LANGS, catalog, t, variants


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_key_has_every_language_with_same_placeholders() -> None:
    for key, texts in catalog().items():
        assert set(texts) == set(LANGS), key
        assert _fields(texts["zh"]) == _fields(texts["en"]), key
        assert all(v.strip() for v in texts.values()), key


def test_lookup_falls_back_to_chinese_and_formats() -> None:
    assert "小王" in t("start.stranger", "fr", name="小王")
    assert t("start.stranger", "fr", name="x") == t("start.stranger", "zh", name="x")
    assert t("language.set", "en") == "Language set to English."
    assert variants("menu.help") == {"❓ 帮助", "❓ Help"}
