"""Pure privacy rules: notice versions, masking, cleaning typed text, paging, file names."""

from __future__ import annotations

from datetime import date

import pytest

from bot.domain.privacy import (
    DEFAULT_VERSION,
    MAX_NOTICE_CHARS,
    MAX_REQUEST_CHARS,
    anonymised_name,
    clean_notice_text,
    clean_request_text,
    id_card_header,
    mask_phone,
    notice_version,
    page_count,
    personal_export,
    personal_file_name,
    safe_page,
    scrub_audit_values,
    scrub_mentions,
)


def test_notice_version_names_the_exact_words() -> None:
    assert notice_version(None) == DEFAULT_VERSION
    assert notice_version("") == DEFAULT_VERSION
    a, b = notice_version("保存三年"), notice_version("保存两年")
    assert a.startswith("custom-") and a != b and a == notice_version("保存三年")
    assert len(a) <= 40  # fits privacy_consents.version


@pytest.mark.parametrize(
    ("phone", "shown"),
    [
        ("13812345678", "138****5678"),
        ("+86 138-1234-5678", "138****5678"),
        ("12345", "***45"),
        ("12", "**"),
        (None, ""),
        ("", ""),
    ],
)
def test_phones_are_masked(phone: str | None, shown: str) -> None:
    assert mask_phone(phone) == shown


def test_notice_text_is_cleaned_and_bounded() -> None:
    assert clean_notice_text("  保存\u202e什么  \n\n\n\n为什么 ") == "保存什么\n\n为什么"
    assert clean_notice_text("   ") is None
    assert clean_notice_text("字" * MAX_NOTICE_CHARS) is not None
    assert clean_notice_text("字" * (MAX_NOTICE_CHARS + 1)) is None


def test_request_text_is_cleaned_and_bounded() -> None:
    assert clean_request_text("手机号\x00应为 139") == "手机号应为 139"
    assert clean_request_text("\u200f") is None
    assert clean_request_text("x" * (MAX_REQUEST_CHARS + 1)) is None


@pytest.mark.parametrize(
    "header", ["身份证号", "身份证号码", "公民身份号码", "证件号", "ID card", "ID number", "id no"]
)
def test_id_card_columns_are_recognised(header: str) -> None:
    assert id_card_header(header)


@pytest.mark.parametrize("header", ["姓名", "手机号", "党小组", "工作单位", "入党日期", "name"])
def test_other_columns_are_not_id_cards(header: str) -> None:
    assert not id_card_header(header)


def test_paging_clamps_forged_and_stale_pages() -> None:
    assert page_count(0) == 1 and page_count(10) == 1 and page_count(11) == 2
    assert safe_page(-5, 23) == 0
    assert safe_page(2**53, 23) == 2
    assert safe_page(1, 23) == 1
    assert safe_page(3, 0) == 0


def test_personal_files_say_so_and_have_safe_names() -> None:
    name = personal_file_name("审计日志", "象山/社区 党支部", date(2026, 3, 1))
    assert name == "审计日志_象山_社区_党支部_2026-03-01_含个人信息.xlsx"
    assert personal_file_name("我的数据", "x", date(2026, 3, 1), "json").endswith(".json")


def test_anonymised_names_are_unique_and_say_nothing() -> None:
    assert anonymised_name(7) != anonymised_name(8)
    assert "7" in anonymised_name(7)


@pytest.mark.parametrize(
    "data",
    ["mt:xl:5", "mt:rg:month:0", "vh:xl:month:0", "du:xl", "mem:ul", "mem:bl:7", "pv:ax:-:-"],
)
def test_buttons_answering_with_personal_data(data: str) -> None:
    assert personal_export(data)


@pytest.mark.parametrize("data", ["mt:go:5", "du:pay", "vh:menu", "pv:n", "pv:md:c", None, ""])
def test_other_buttons_are_not_personal_exports(data: str | None) -> None:
    assert not personal_export(data)


def test_scrub_audit_values_drops_particulars_and_relabels_names() -> None:
    value = {
        "name": "王芳",
        "phone": "13800001111",
        "rows": [{"member_name": "王芳", "months": 3}, "王芳 13800001111 缴费"],
        "state": "active",
        "group_id": None,
    }
    assert scrub_audit_values(value, "王芳", "已删除成员7", ["13800001111"]) == {
        "name": "已删除成员7",
        "rows": [{"member_name": "已删除成员7", "months": 3}, "已删除成员7  缴费"],
        "state": "active",
        "group_id": None,
    }
    assert scrub_audit_values(None, "王芳", "x") is None


def test_scrub_mentions_keeps_keys_and_other_people() -> None:
    """A row about a post that names the deleted holder beside another: only the mention goes."""
    value = {
        "name": "楼道保洁员",
        "holders": ["王芳", "李强"],
        "note": "王芳（13800001111）换班",
        "capacity": 2,
    }
    assert scrub_mentions(value, "王芳", "已删除成员7", ["13800001111"]) == {
        "name": "楼道保洁员",
        "holders": ["已删除成员7", "李强"],
        "note": "已删除成员7（）换班",
        "capacity": 2,
    }
