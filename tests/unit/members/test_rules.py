"""Member rules: categories, roles and permissions, party age, field validation, diffs."""

from datetime import date
from decimal import Decimal

import pytest

from bot.domain.members import (
    Category,
    Duplicate,
    DuplicateIndex,
    DuplicateKind,
    ExistingMember,
    FieldChange,
    MemberError,
    MemberStatus,
    Permission,
    Role,
    RoleChangeError,
    Scope,
    add_years,
    at_least,
    audit_values,
    can,
    can_act_on_group,
    can_act_on_member,
    can_branchwide,
    can_change_status,
    check_role_change,
    diff_member,
    find_duplicate,
    has_vote,
    is_party_member,
    is_voting_member,
    member_party_age,
    name_key,
    normalize_phone,
    parse_category,
    parse_date,
    parse_role,
    party_age,
    party_age_or_none,
    pays_dues,
    probation_due,
    probation_ends_on,
    role_rank,
    scope,
    status_change_permission,
    validate_membership_dates,
    validate_name,
    validate_work_unit,
)

# --- enums -------------------------------------------------------------------------------


def test_stored_values_are_stable_lowercase() -> None:
    assert [c.value for c in Category] == [
        "direct", "employed", "mobile", "retired", "probationary", "activist",
    ]  # fmt: skip
    assert [r.value for r in Role] == ["member", "group_leader", "committee", "secretary"]
    assert [s.value for s in MemberStatus] == [
        "pending", "active", "transferred", "archived", "rejected",
    ]  # fmt: skip
    assert Category("retired") is Category.RETIRED


def test_error_codes_are_not_strings_so_str_results_are_unambiguous() -> None:
    assert MemberError.NAME_EMPTY.value == "name_empty"
    assert not isinstance(MemberError.NAME_EMPTY, str)


# --- who votes ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("category", "member", "vote"),
    [
        (Category.DIRECT, True, True),
        (Category.EMPLOYED, True, True),
        (Category.MOBILE, True, True),
        (Category.RETIRED, True, True),
        (Category.PROBATIONARY, True, False),
        (Category.ACTIVIST, False, False),
    ],
)
def test_membership_and_vote(category: Category, member: bool, vote: bool) -> None:
    assert is_party_member(category) is member
    assert pays_dues(category) is member
    assert has_vote(category) is vote


def test_only_active_full_members_count_for_quorum() -> None:
    assert is_voting_member(Category.RETIRED, MemberStatus.ACTIVE)
    assert not is_voting_member(Category.RETIRED, MemberStatus.PENDING)
    assert not is_voting_member(Category.RETIRED, MemberStatus.ARCHIVED)
    assert not is_voting_member(Category.PROBATIONARY, MemberStatus.ACTIVE)


# --- roles and permissions ---------------------------------------------------------------


def test_role_order() -> None:
    assert [role_rank(r) for r in Role] == [0, 1, 2, 3]
    assert at_least(Role.SECRETARY, Role.COMMITTEE)
    assert at_least(Role.COMMITTEE, Role.COMMITTEE)
    assert not at_least(Role.GROUP_LEADER, Role.COMMITTEE)
    assert parse_role(" Secretary ") is Role.SECRETARY
    assert parse_role("boss") is None


def test_member_can_do_nothing_to_others() -> None:
    for permission in Permission:
        assert not can(Role.MEMBER, permission), permission
        assert not can_act_on_member(Role.MEMBER, 1, 1, permission), permission
    assert not can(Role.MEMBER, Permission.BROADCAST)


def test_secretary_can_do_everything_in_the_branch() -> None:
    for permission in Permission:
        assert can_branchwide(Role.SECRETARY, permission), permission
        assert can_act_on_member(Role.SECRETARY, None, 7, permission)
        assert can_act_on_member(Role.SECRETARY, 3, None, permission)


def test_committee_lacks_only_secretary_powers() -> None:
    withheld = {p for p in Permission if not can(Role.COMMITTEE, p)}
    assert withheld == {
        Permission.MANAGE_ROLES,
        Permission.MANAGE_SETTINGS,
        Permission.ARCHIVE_MEMBER,
    }
    assert can_act_on_member(Role.COMMITTEE, 1, 2, Permission.APPROVE_LEAVE)
    assert can_branchwide(Role.COMMITTEE, Permission.BROADCAST)


def test_group_leader_approves_leave_only_in_own_group() -> None:
    assert scope(Role.GROUP_LEADER, Permission.APPROVE_LEAVE) is Scope.OWN_GROUP
    assert can(Role.GROUP_LEADER, Permission.APPROVE_LEAVE)
    assert not can_branchwide(Role.GROUP_LEADER, Permission.APPROVE_LEAVE)
    assert can_act_on_member(Role.GROUP_LEADER, 4, 4, Permission.APPROVE_LEAVE)
    assert can_act_on_member(Role.GROUP_LEADER, 4, 4, Permission.PROXY_CHECKIN)
    assert not can_act_on_member(Role.GROUP_LEADER, 4, 5, Permission.APPROVE_LEAVE)
    assert not can_act_on_member(Role.GROUP_LEADER, 4, None, Permission.PROXY_CHECKIN)
    # A leader not (or no longer) attached to a group reaches nobody, not the groupless.
    assert not can_act_on_member(Role.GROUP_LEADER, None, None, Permission.APPROVE_LEAVE)


def test_group_leader_has_no_branch_powers() -> None:
    for permission in (
        Permission.APPROVE_MEMBER,
        Permission.INVITE,
        Permission.EDIT_MEMBER,
        Permission.IMPORT_ROSTER,
        Permission.ARCHIVE_MEMBER,
        Permission.RECORD_DUES,
        Permission.MANAGE_SETTINGS,
        Permission.MANAGE_ROLES,
    ):
        assert scope(Role.GROUP_LEADER, permission) is Scope.NONE, permission
        assert not can_act_on_member(Role.GROUP_LEADER, 1, 1, permission)


def test_group_leader_notifies_own_group_but_not_the_branch() -> None:
    assert can_act_on_group(Role.GROUP_LEADER, 2, 2, Permission.BROADCAST)
    assert not can_act_on_group(Role.GROUP_LEADER, 2, 3, Permission.BROADCAST)
    assert not can_act_on_group(Role.GROUP_LEADER, 2, None, Permission.BROADCAST)
    assert can_act_on_group(Role.COMMITTEE, None, None, Permission.BROADCAST)


def test_role_changes() -> None:
    ok = check_role_change(
        Role.SECRETARY, Role.MEMBER, Role.COMMITTEE, secretary_count=1, target_group_id=None
    )
    assert ok is None
    assert (
        check_role_change(
            Role.COMMITTEE, Role.MEMBER, Role.COMMITTEE, secretary_count=1, target_group_id=None
        )
        is RoleChangeError.NOT_ALLOWED
    )
    assert (
        check_role_change(
            Role.SECRETARY, Role.MEMBER, Role.MEMBER, secretary_count=1, target_group_id=None
        )
        is RoleChangeError.NO_CHANGE
    )
    assert (
        check_role_change(
            Role.SECRETARY, Role.SECRETARY, Role.MEMBER, secretary_count=1, target_group_id=None
        )
        is RoleChangeError.LAST_SECRETARY
    )
    assert (
        check_role_change(
            Role.SECRETARY, Role.SECRETARY, Role.MEMBER, secretary_count=2, target_group_id=None
        )
        is None
    )
    assert (
        check_role_change(
            Role.SECRETARY, Role.MEMBER, Role.GROUP_LEADER, secretary_count=1, target_group_id=None
        )
        is RoleChangeError.GROUP_LEADER_WITHOUT_GROUP
    )
    assert (
        check_role_change(
            Role.SECRETARY, Role.MEMBER, Role.GROUP_LEADER, secretary_count=1, target_group_id=9
        )
        is None
    )


# --- statuses ----------------------------------------------------------------------------


def test_status_transitions_and_the_permission_they_need() -> None:
    assert can_change_status(MemberStatus.PENDING, MemberStatus.ACTIVE)
    assert not can_change_status(MemberStatus.PENDING, MemberStatus.ARCHIVED)
    assert not can_change_status(MemberStatus.ACTIVE, MemberStatus.PENDING)
    assert not can_change_status(MemberStatus.ACTIVE, MemberStatus.ACTIVE)
    expected = Permission.APPROVE_MEMBER
    assert status_change_permission(MemberStatus.PENDING, MemberStatus.REJECTED) is expected
    expected = Permission.ARCHIVE_MEMBER
    assert status_change_permission(MemberStatus.ACTIVE, MemberStatus.TRANSFERRED) is expected
    assert status_change_permission(MemberStatus.ARCHIVED, MemberStatus.ACTIVE) is expected
    assert status_change_permission(MemberStatus.REJECTED, MemberStatus.PENDING) is None
    with pytest.raises(ValueError, match="not allowed"):
        status_change_permission(MemberStatus.REJECTED, MemberStatus.ACTIVE)


# --- party age ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("since", "today", "years"),
    [
        (date(2000, 6, 15), date(2020, 6, 14), 19),
        (date(2000, 6, 15), date(2020, 6, 15), 20),
        (date(2000, 6, 15), date(2020, 6, 16), 20),
        (date(2000, 12, 31), date(2001, 1, 1), 0),
        (date(2000, 1, 1), date(2000, 12, 31), 0),
        (date(2020, 2, 29), date(2021, 2, 27), 0),
        (date(2020, 2, 29), date(2021, 2, 28), 1),
        (date(2020, 2, 29), date(2024, 2, 28), 3),
        (date(2020, 2, 29), date(2024, 2, 29), 4),
        (date(2019, 3, 1), date(2020, 2, 29), 0),
        (date(2019, 3, 1), date(2020, 3, 1), 1),
        (date(2025, 1, 1), date(2024, 1, 1), 0),
    ],
)
def test_party_age_counts_whole_years(since: date, today: date, years: int) -> None:
    assert party_age(since, today) == years


def test_party_age_helpers() -> None:
    assert party_age_or_none(None, date(2024, 1, 1)) is None
    assert party_age_or_none(date(2000, 1, 1), date(2024, 1, 1)) == 24
    assert add_years(date(2020, 2, 29), 1) == date(2021, 2, 28)
    assert add_years(date(2020, 2, 29), 4) == date(2024, 2, 29)
    assert probation_ends_on(date(2023, 7, 1)) == date(2024, 7, 1)
    assert not probation_due(date(2023, 7, 1), date(2024, 6, 30))
    assert probation_due(date(2023, 7, 1), date(2024, 7, 1))
    assert not probation_due(None, date(2024, 7, 1))


def test_member_party_age_counts_from_full_membership() -> None:
    today = date(2024, 7, 1)
    assert member_party_age(Category.RETIRED, date(1980, 7, 1), date(1981, 7, 1), today) == 43
    # No 转正 date on record: one year of probation is assumed.
    assert member_party_age(Category.RETIRED, date(1980, 7, 1), None, today) == 43
    assert member_party_age(Category.RETIRED, date(1980, 7, 2), None, today) == 42
    assert member_party_age(Category.DIRECT, None, None, today) is None
    assert member_party_age(Category.PROBATIONARY, date(2024, 1, 1), None, today) is None
    assert member_party_age(Category.ACTIVIST, None, None, today) is None


# --- categories --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "category"),
    [
        ("直管", Category.DIRECT),
        ("直管党员", Category.DIRECT),
        (" 直 管 党 员 ", Category.DIRECT),
        ("在职", Category.EMPLOYED),
        ("在职党员", Category.EMPLOYED),
        ("流动", Category.MOBILE),
        ("流动党员", Category.MOBILE),
        ("离退休", Category.RETIRED),
        ("退休", Category.RETIRED),
        ("离退休党员", Category.RETIRED),
        ("退休党员", Category.RETIRED),
        ("预备", Category.PROBATIONARY),
        ("预备党员", Category.PROBATIONARY),
        ("积极分子", Category.ACTIVIST),
        ("入党积极分子", Category.ACTIVIST),
        ("direct", Category.DIRECT),
        ("Employed", Category.EMPLOYED),
        ("MOBILE", Category.MOBILE),
        (" retired ", Category.RETIRED),
        ("Probationary Member", Category.PROBATIONARY),
        ("activist", Category.ACTIVIST),
        ("ｒｅｔｉｒｅｄ", Category.RETIRED),  # full-width letters from a Chinese IME
    ],
)
def test_parse_category(label: str, category: Category) -> None:
    assert parse_category(label) is category


@pytest.mark.parametrize("label", ["", "党员", "群众", "正式党员", "member", "dir", "直管党员党员"])
def test_parse_category_rejects(label: str) -> None:
    assert parse_category(label) is None


# --- names, phones, dates, work unit -----------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("张三", "张三"),
        ("  张三\t", "张三"),
        ("张　三", "张三"),  # full-width space used to align two-character names
        ("欧阳 修 文", "欧阳修文"),
        ("买买提 · 艾力", "买买提·艾力"),
        ("John   Smith", "John Smith"),
        ("李 Lei", "李 Lei"),
        ("王" * 30, "王" * 30),
    ],
)
def test_validate_name_cleans(raw: str, clean: str) -> None:
    assert validate_name(raw) == clean


@pytest.mark.parametrize(
    ("raw", "error"),
    [
        ("", MemberError.NAME_EMPTY),
        ("  \u3000 ", MemberError.NAME_EMPTY),
        ("王" * 31, MemberError.NAME_TOO_LONG),
        ("张\n三", MemberError.NAME_BAD_CHARS),
        ("张\x00三", MemberError.NAME_BAD_CHARS),
        ("张\u200b三", MemberError.NAME_BAD_CHARS),
        ("13812345678", MemberError.NAME_NO_LETTERS),
        ("--", MemberError.NAME_NO_LETTERS),
    ],
)
def test_validate_name_refuses(raw: str, error: MemberError) -> None:
    assert validate_name(raw) is error


def test_name_key_ignores_width_case_and_padding() -> None:
    assert name_key("张　三") == name_key("张三")
    assert name_key("JOHN smith") == name_key("john  Smith")
    assert name_key("买买提•艾力") == name_key("买买提·艾力")
    assert name_key("张三") != name_key("张四")


@pytest.mark.parametrize(
    ("raw", "phone"),
    [
        ("13812345678", "13812345678"),
        (" 138 1234 5678 ", "13812345678"),
        ("138-1234-5678", "13812345678"),
        ("+86 138 1234 5678", "13812345678"),
        ("+86-13812345678", "13812345678"),
        ("(+86)13812345678", "13812345678"),
        ("008613812345678", "13812345678"),
        ("8613812345678", "13812345678"),
        ("１３８１２３４５６７８", "13812345678"),
        ("19912345678", "19912345678"),
        ("", None),
        ("   ", None),
    ],
)
def test_normalize_phone(raw: str, phone: str | None) -> None:
    assert normalize_phone(raw) == phone


@pytest.mark.parametrize(
    "raw",
    ["12345", "1381234567", "138123456789", "12812345678", "23812345678", "0451-8765432",
     "138abcd5678", "+1 415 555 0100", "1.38E+10"],
)  # fmt: skip
def test_normalize_phone_refuses(raw: str) -> None:
    assert normalize_phone(raw) is MemberError.PHONE_MALFORMED


@pytest.mark.parametrize(
    "text",
    [
        "2020-07-01", "2020-7-1", "2020/07/01", "2020/7/1", "2020.7.1", "2020.07.01",
        "2020年7月1日", "2020年07月01日", "2020 年 7 月 1 日", "2020年7月1号", "2020年7月1",
        "20200701", " 2020-07-01 ", "2020-07-01 00:00:00", "2020-07-01T00:00",
        "２０２０－０７－０１",
    ],
)  # fmt: skip
def test_parse_date_formats(text: str) -> None:
    assert parse_date(text) == date(2020, 7, 1)


@pytest.mark.parametrize(
    "text",
    ["", "2021-02-30", "2021-13-01", "2020-07", "2020", "2020/07-01", "07/01/2020", "1.7.2020",
     "2020年13月1日", "20201301", "2020-07-01x", "yesterday", "44013"],
)  # fmt: skip
def test_parse_date_refuses(text: str) -> None:
    assert parse_date(text) is None


def test_leap_day_is_a_date_only_in_leap_years() -> None:
    assert parse_date("2020-02-29") == date(2020, 2, 29)
    assert parse_date("2021-02-29") is None


def test_validate_work_unit() -> None:
    assert validate_work_unit("  市第一  医院\n ") == "市第一 医院"
    assert validate_work_unit("   ") is None
    assert validate_work_unit("单" * 100) == "单" * 100
    assert validate_work_unit("单" * 101) is MemberError.WORK_UNIT_TOO_LONG


# --- membership dates --------------------------------------------------------------------

TODAY = date(2024, 5, 1)


@pytest.mark.parametrize(
    ("joined", "full", "category", "errors"),
    [
        (date(1980, 7, 1), date(1981, 7, 1), Category.RETIRED, []),
        (date(1980, 7, 1), None, Category.RETIRED, []),  # old records lack the 转正 date
        (None, None, Category.DIRECT, []),
        (date(1980, 7, 1), date(1980, 7, 1), Category.DIRECT, []),
        (date(2023, 9, 1), None, Category.PROBATIONARY, []),
        (TODAY, None, Category.PROBATIONARY, []),
        (None, None, Category.ACTIVIST, []),
        (date(2024, 5, 2), None, Category.PROBATIONARY, [MemberError.JOINED_IN_FUTURE]),
        (date(2020, 7, 1), date(2025, 7, 1), Category.DIRECT, [MemberError.FULL_IN_FUTURE]),
        (date(1900, 1, 1), None, Category.DIRECT, [MemberError.JOINED_TOO_EARLY]),
        (None, date(1921, 6, 30), Category.DIRECT, [MemberError.FULL_TOO_EARLY]),
        (date(2010, 7, 1), date(2009, 7, 1), Category.DIRECT, [MemberError.FULL_BEFORE_JOINED]),
        (
            date(2023, 7, 1),
            date(2024, 3, 1),
            Category.PROBATIONARY,
            [MemberError.PROBATIONARY_HAS_FULL_DATE],
        ),
        (date(2023, 7, 1), None, Category.ACTIVIST, [MemberError.ACTIVIST_HAS_DATES]),
        (
            date(2030, 1, 1),
            date(2029, 1, 1),
            None,
            [
                MemberError.JOINED_IN_FUTURE,
                MemberError.FULL_IN_FUTURE,
                MemberError.FULL_BEFORE_JOINED,
            ],
        ),
    ],
)
def test_validate_membership_dates(
    joined: date | None, full: date | None, category: Category | None, errors: list[MemberError]
) -> None:
    assert validate_membership_dates(joined, full, category, TODAY) == errors


# --- duplicates --------------------------------------------------------------------------


EXISTING = [
    ExistingMember("吴五", "13900000005", member_id=5),
    ExistingMember("冯七", "13900000007", member_id=7),
    ExistingMember("褚八", None, member_id=8),
    ExistingMember("张伟", "13900000011", member_id=11),
]


def test_duplicate_same_name_and_phone() -> None:
    assert find_duplicate("吴五", "139-0000-0005", EXISTING) == Duplicate(
        MemberError.DUPLICATE_EXISTING, EXISTING[0]
    )


def test_duplicate_same_phone_other_name() -> None:
    assert find_duplicate("郑六", "13900000005", EXISTING) == Duplicate(
        MemberError.PHONE_TAKEN, EXISTING[0]
    )


def test_duplicate_same_name_without_a_phone_to_tell_them_apart() -> None:
    assert find_duplicate("冯　七", None, EXISTING) == Duplicate(
        MemberError.DUPLICATE_EXISTING, EXISTING[1]
    )
    assert find_duplicate("褚八", "13900000008", EXISTING) == Duplicate(
        MemberError.DUPLICATE_EXISTING, EXISTING[2]
    )


def test_same_common_name_with_different_phones_is_another_person() -> None:
    assert find_duplicate("张伟", "13900000012", EXISTING) is None
    assert find_duplicate("李雷", None, EXISTING) is None


def test_duplicate_index_returns_the_first_reference() -> None:
    index: DuplicateIndex[int] = DuplicateIndex()
    index.add("王芳", "13900000001", 2)
    index.add("王芳", "13900000002", 3)
    assert index.find("王芳", "13900000002") == (DuplicateKind.SAME_PERSON, 3)
    assert index.find("王芳", None) == (DuplicateKind.SAME_PERSON, 2)
    assert index.find("李四", "13900000002") == (DuplicateKind.SAME_PHONE, 3)
    assert index.find("王芳", "13900000009") is None


# --- audit diff --------------------------------------------------------------------------


def test_diff_member_lists_changed_fields_in_order() -> None:
    before = {
        "name": "张三",
        "phone": None,
        "category": "direct",
        "joined_on": date(2000, 7, 1),
        "work_unit": "",
        "updated_at": 1,
    }
    after = {
        "name": "张三",
        "phone": "13812345678",
        "category": Category.RETIRED,
        "work_unit": None,
        "updated_at": 2,
        "group_id": 3,
    }
    assert diff_member(before, after) == [
        FieldChange("phone", None, "13812345678"),
        FieldChange("category", "direct", Category.RETIRED),
        FieldChange("group_id", None, 3),
    ]


def test_diff_member_equal_records_and_enum_values() -> None:
    record = {"category": Category.DIRECT, "joined_on": date(2000, 7, 1)}
    assert diff_member(record, dict(record)) == []
    assert diff_member({"category": "direct"}, {"category": Category.DIRECT}) == []
    assert diff_member({"a": 1}, {"a": 2}, ignore=("a",)) == []


def test_audit_values_are_json_safe() -> None:
    changes = [
        FieldChange("category", Category.DIRECT, Category.RETIRED),
        FieldChange("joined_on", None, date(2001, 7, 1)),
        FieldChange("base", Decimal("3000.50"), Decimal("3100")),
    ]
    assert audit_values(changes) == (
        {"category": "direct", "joined_on": None, "base": "3000.50"},
        {"category": "retired", "joined_on": "2001-07-01", "base": "3100"},
    )
