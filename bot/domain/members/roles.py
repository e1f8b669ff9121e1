"""Roles inside a branch, what each may do, and over whom (branch-wide or own party group)."""

from __future__ import annotations

from enum import Enum, StrEnum

from bot.domain.authz import Reach, Who, reach_of


class Role(StrEnum):
    """A member's role in the branch; values are stored in the DB."""

    MEMBER = "member"
    GROUP_LEADER = "group_leader"  # 党小组长
    COMMITTEE = "committee"  # 支委
    SECRETARY = "secretary"  # 书记


ROLE_ORDER: tuple[Role, ...] = (Role.MEMBER, Role.GROUP_LEADER, Role.COMMITTEE, Role.SECRETARY)


class Permission(StrEnum):
    """Something an officer may do to other members or the branch."""

    APPROVE_MEMBER = "approve_member"
    INVITE = "invite"
    EDIT_MEMBER = "edit_member"
    ARCHIVE_MEMBER = "archive_member"
    IMPORT_ROSTER = "import_roster"
    VIEW_ROSTER = "view_roster"
    BROADCAST = "broadcast"
    SCHEDULE_MEETING = "schedule_meeting"
    APPROVE_LEAVE = "approve_leave"
    PROXY_CHECKIN = "proxy_checkin"
    RECORD_ACTIVITY = "record_activity"
    RECORD_DUES = "record_dues"
    MANAGE_POSTS = "manage_posts"
    VIEW_REPORTS = "view_reports"
    MANAGE_SETTINGS = "manage_settings"
    MANAGE_ROLES = "manage_roles"


class Scope(Enum):
    """Over whom a role holds a permission."""

    NONE = 0
    OWN_GROUP = 1
    BRANCH = 2


def permission_row(permission: Permission) -> str:
    """The authorization table's row (bot/domain/authz.py) holding this permission."""
    from bot.domain.members.authz import PERMISSION_ROWS

    return PERMISSION_ROWS[permission.value]


_REACH_SCOPE = {Reach.BRANCH: Scope.BRANCH, Reach.GROUP: Scope.OWN_GROUP}


class RoleChangeError(Enum):
    """Why a role change is refused."""

    NOT_ALLOWED = "not_allowed"
    NO_CHANGE = "no_change"
    LAST_SECRETARY = "last_secretary"
    GROUP_LEADER_WITHOUT_GROUP = "group_leader_without_group"


def role_rank(role: Role) -> int:
    """Position of the role in ROLE_ORDER: member 0 ... secretary 3."""
    return ROLE_ORDER.index(role)


def at_least(role: Role, minimum: Role) -> bool:
    """Whether role ranks at or above minimum."""
    return role_rank(role) >= role_rank(minimum)


def parse_role(value: str) -> Role | None:
    """The Role for a stored value, or None for anything else."""
    try:
        return Role(value.strip().lower())
    except ValueError:
        return None


def scope(role: Role, permission: Permission) -> Scope:
    """Over whom role holds permission, as the authorization table says.

    A committee member counts with the treasurer's column too: the treasurer is a committee
    member with a duty, and the dues services check the duty itself (bot/domain/dues/authz.py).
    """
    row = permission_row(permission)
    kinds = [Who(role.value)] + ([Who.TREASURER] if role is Role.COMMITTEE else [])
    found = Scope.NONE
    for kind in kinds:
        granted = _REACH_SCOPE.get(reach_of(row, kind), Scope.NONE)
        if granted.value > found.value:
            found = granted
    return found


def can(role: Role, permission: Permission) -> bool:
    """Whether role holds permission in any scope (own group counts); see can_act_on_member."""
    return scope(role, permission) is not Scope.NONE


def lowest_role(permission: Permission) -> Role | None:
    """The least office holding permission at all: what a refusal names as who may do it."""
    for role in (Role.GROUP_LEADER, Role.COMMITTEE, Role.SECRETARY):
        if can(role, permission):
            return role
    return None


def can_branchwide(role: Role, permission: Permission) -> bool:
    """Whether role holds permission over the whole branch."""
    return scope(role, permission) is Scope.BRANCH


def can_act_on_member(
    actor_role: Role,
    actor_group_id: int | None,
    target_group_id: int | None,
    permission: Permission,
) -> bool:
    """Whether the actor may use permission on a member of target_group_id (None: no group)."""
    granted = scope(actor_role, permission)
    if granted is Scope.BRANCH:
        return True
    if granted is Scope.OWN_GROUP:
        return actor_group_id is not None and actor_group_id == target_group_id
    return False


def can_act_on_group(
    actor_role: Role, actor_group_id: int | None, group_id: int | None, permission: Permission
) -> bool:
    """Whether the actor may use permission on a whole party group (None: the whole branch)."""
    return can_act_on_member(actor_role, actor_group_id, group_id, permission)


def check_role_change(
    actor_role: Role,
    target_role: Role,
    new_role: Role,
    *,
    secretary_count: int,
    target_group_id: int | None,
) -> RoleChangeError | None:
    """None if actor may give target new_role; secretary_count counts active secretaries now."""
    if not can(actor_role, Permission.MANAGE_ROLES):
        return RoleChangeError.NOT_ALLOWED
    if target_role is new_role:
        return RoleChangeError.NO_CHANGE
    # A branch with no secretary would have nobody able to appoint one again.
    if target_role is Role.SECRETARY and secretary_count <= 1:
        return RoleChangeError.LAST_SECRETARY
    if new_role is Role.GROUP_LEADER and target_group_id is None:
        return RoleChangeError.GROUP_LEADER_WITHOUT_GROUP
    return None


def may_get_binding_link(asker: Role | None, record: Role, *, operator: bool = False) -> bool:
    """Whether someone of role asker may be handed the binding link of a record of role record.

    Whoever opens a binding link becomes that record, role and all: a link to a record ranked
    at or above the asker would let the asker promote himself through a second account. Only
    the secretary (or the operator, who appoints secretaries anyway) may hand those out.
    """
    if operator or asker is Role.SECRETARY:
        return True
    if asker is None:
        return False
    return role_rank(record) < role_rank(asker)


def binding_reported(record: Role) -> bool:
    """Whether binding a record of this role is reported to the branch's secretaries.

    These are the records only a secretary may hand a link to: the secretary hears when one of
    them gets an account, so a leaked or stale link cannot make an officer unnoticed.
    """
    return not may_get_binding_link(Role.COMMITTEE, record)


def binding_link_opens(link_role: Role, record: Role, issuer_now: Role | None) -> bool:
    """Whether a binding link made for a record of link_role may bind the record, now of record.

    issuer_now is the role the link's maker holds today (None: no longer an active member).
    A link never grants more than the role it was made for (the record was promoted since),
    and an officer's record opens only with a link from someone who may hand it out today.
    """
    if role_rank(record) > role_rank(link_role):
        return False
    return not binding_reported(record) or may_get_binding_link(issuer_now, record)
