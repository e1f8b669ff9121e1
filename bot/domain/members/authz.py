"""Authorization rows of the core: the branch roles' permissions and the core's own actions.

The `perm` rows are what members_roles.can / scope / can_act_on_member read for each
Permission; the services of every feature check those. See bot/domain/authz.py.
"""

from __future__ import annotations

from bot.domain.authz import (
    EVERYONE,
    GROUP_OFFICERS,
    MEMBERS_OWN,
    OFFICERS,
    OPERATOR_ONLY,
    SECRETARY_ONLY,
    action,
)

# Permission value -> row name; members_roles looks its permissions up through this.
PERMISSION_ROWS: dict[str, str] = {
    "approve_member": "members.approve_member",
    "invite": "members.invite",
    "edit_member": "members.edit_member",
    "archive_member": "members.archive_member",
    "import_roster": "members.import_roster",
    "view_roster": "members.view_roster",
    "manage_roles": "members.manage_roles",
    "manage_settings": "members.manage_settings",
    "broadcast": "delivery.broadcast",
    "schedule_meeting": "meetings.schedule_meeting",
    "approve_leave": "meetings.approve_leave",
    "proxy_checkin": "meetings.proxy_checkin",
    "view_reports": "meetings.view_reports",
    "record_activity": "hours.record_activity",
    "record_dues": "dues.record_dues",
    "manage_posts": "posts.manage_posts",
}

ACTIONS = (
    action("core.help", "/start, /help, /language", **EVERYONE),
    action("members.own_card", "see one's own record (/card)", **MEMBERS_OWN),
    action("members.approve_member", "admit an applicant", **OFFICERS),
    action("members.invite", "make invitation links (/invite)", **OFFICERS),
    action("members.edit_member", "correct a member's record", **OFFICERS),
    action("members.archive_member", "archive or transfer a member out", **SECRETARY_ONLY),
    action("members.import_roster", "import the roster spreadsheet", **OFFICERS),
    action("members.view_roster", "the member list (/members)", **GROUP_OFFICERS),
    action("members.manage_roles", "appoint or remove officers", **SECRETARY_ONLY),
    action("members.manage_settings", "branch settings (/settings)", **SECRETARY_ONLY),
    action("members.group_chat", "link a Telegram group to the branch", **SECRETARY_ONLY),
    action("members.new_branch", "create a branch and its secretary (/newbranch)", **OPERATOR_ONLY),
    action("approvals.inbox", "the approval inbox (/approve)", **GROUP_OFFICERS),
    action("delivery.broadcast", "send a notice (/broadcast)", **GROUP_OFFICERS),
    action("meetings.own", "see meetings, ask leave, check in (/meetings)", **MEMBERS_OWN),
    action("meetings.schedule_meeting", "schedule or change a meeting", **GROUP_OFFICERS),
    action("meetings.approve_leave", "decide a leave request", **GROUP_OFFICERS),
    action("meetings.proxy_checkin", "check someone in on their behalf", **GROUP_OFFICERS),
    action("meetings.view_reports", "attendance reports (/report)", **GROUP_OFFICERS),
)
