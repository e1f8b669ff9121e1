"""The catalog is complete: every key in both languages with the same placeholders."""

import string

from bot.texts import LANGS, catalog, t, variants


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_key_has_every_language_with_same_placeholders() -> None:
    for key, texts in catalog().items():
        plain = {lang for lang in texts if "#" not in lang}
        assert plain == set(LANGS), key
        assert all(v.strip() for v in texts.values()), key
        for lang, text in texts.items():
            assert _fields(text) == _fields(texts["zh"]), (key, lang)
            if "#" in lang:  # a plural form: of a known language and form, counting n
                base, form = lang.split("#")
                assert base in LANGS and form in {"zero", "one", "two", "few", "many"}, key
                assert "n" in _fields(text), key


def test_plural_forms_follow_the_count() -> None:
    assert t("posts.home.held", "en", n=1, limit=2).startswith("You hold 1 post ")
    assert t("posts.home.held", "en", n=2, limit=2).startswith("You hold 2 posts ")
    # Chinese has one form; a language without the plural variant keeps its one text.
    assert t("posts.home.held", "zh", n=1, limit=2).startswith("您已认领 1 个岗位")
    assert t("posts.duty.hours", "en", h=1) == " (1 h)"


def test_lookup_falls_back_to_chinese_and_formats() -> None:
    assert "小王" in t("start.stranger", "fr", name="小王")
    assert t("start.stranger", "fr", name="x") == t("start.stranger", "zh", name="x")
    assert t("language.set", "en") == "Language set to English."
    assert variants("menu.help") == {"❓ 帮助", "❓ Help"}
