"""Queries for meetings, attendance, leave, reminders and claims; never commits."""

from __future__ import annotations

from storage.repos.meetings._common import (
    ACTIVE as ACTIVE,
)
from storage.repos.meetings._common import (
    _insert as _insert,
)
from storage.repos.meetings.attendance import (
    attendance_for_member as attendance_for_member,
)
from storage.repos.meetings.attendance import (
    attendance_of as attendance_of,
)
from storage.repos.meetings.attendance import (
    attendance_rows as attendance_rows,
)
from storage.repos.meetings.attendance import (
    count_pending_leaves as count_pending_leaves,
)
from storage.repos.meetings.attendance import (
    count_wrong_codes as count_wrong_codes,
)
from storage.repos.meetings.attendance import (
    decide_leave_if_pending as decide_leave_if_pending,
)
from storage.repos.meetings.attendance import (
    get_leave as get_leave,
)
from storage.repos.meetings.attendance import (
    insert_attendance as insert_attendance,
)
from storage.repos.meetings.attendance import (
    insert_rsvp as insert_rsvp,
)
from storage.repos.meetings.attendance import (
    pending_leaves as pending_leaves,
)
from storage.repos.meetings.attendance import (
    rsvp_member_ids as rsvp_member_ids,
)
from storage.repos.meetings.attendance import (
    update_attendance_if as update_attendance_if,
)
from storage.repos.meetings.invited import (
    AudienceRule as AudienceRule,
)
from storage.repos.meetings.invited import (
    ReminderTarget as ReminderTarget,
)
from storage.repos.meetings.invited import (
    categories_in as categories_in,
)
from storage.repos.meetings.invited import (
    expected_members as expected_members,
)
from storage.repos.meetings.people import (
    active_members as active_members,
)
from storage.repos.meetings.people import (
    get_member as get_member,
)
from storage.repos.meetings.people import (
    officers as officers,
)
from storage.repos.meetings.reminders import (
    cancelled_occurrences as cancelled_occurrences,
)
from storage.repos.meetings.reminders import (
    claim_reminder as claim_reminder,
)
from storage.repos.meetings.reminders import (
    claim_run as claim_run,
)
from storage.repos.meetings.reminders import (
    future_occurrences as future_occurrences,
)
from storage.repos.meetings.reminders import (
    live_branches as live_branches,
)
from storage.repos.meetings.reminders import (
    prune_attempts as prune_attempts,
)
from storage.repos.meetings.reminders import (
    reachable_count as reachable_count,
)
from storage.repos.meetings.reminders import (
    reminder_logs as reminder_logs,
)
from storage.repos.meetings.reminders import (
    runs_in_periods as runs_in_periods,
)
from storage.repos.meetings.reminders import (
    sent_notice_copies as sent_notice_copies,
)
from storage.repos.meetings.schedule import (
    claim_announcement as claim_announcement,
)
from storage.repos.meetings.schedule import (
    claim_close as claim_close,
)
from storage.repos.meetings.schedule import (
    due_announcements as due_announcements,
)
from storage.repos.meetings.schedule import (
    earliest_remind_at as earliest_remind_at,
)
from storage.repos.meetings.schedule import (
    get_branch as get_branch,
)
from storage.repos.meetings.schedule import (
    get_meeting as get_meeting,
)
from storage.repos.meetings.schedule import (
    get_series as get_series,
)
from storage.repos.meetings.schedule import (
    insert_occurrence as insert_occurrence,
)
from storage.repos.meetings.schedule import (
    mark_reminders_due as mark_reminders_due,
)
from storage.repos.meetings.schedule import (
    meeting_files as meeting_files,
)
from storage.repos.meetings.schedule import (
    meetings_starting_between as meetings_starting_between,
)
from storage.repos.meetings.schedule import (
    member_meetings as member_meetings,
)
from storage.repos.meetings.schedule import (
    postpone_reminders as postpone_reminders,
)
from storage.repos.meetings.schedule import (
    reminders_to_decide as reminders_to_decide,
)
from storage.repos.meetings.schedule import (
    series_files as series_files,
)
from storage.repos.meetings.schedule import (
    series_to_extend as series_to_extend,
)
from storage.repos.meetings.schedule import (
    unclosed_before as unclosed_before,
)
from storage.repos.meetings.schedule import (
    upcoming_announced_ids as upcoming_announced_ids,
)
from storage.repos.meetings.tick import (
    RosterEntry as RosterEntry,
)
from storage.repos.meetings.tick import (
    active_members_of as active_members_of,
)
from storage.repos.meetings.tick import (
    branches_by_id as branches_by_id,
)
from storage.repos.meetings.tick import (
    claim_reminders as claim_reminders,
)
from storage.repos.meetings.tick import (
    claim_runs as claim_runs,
)
from storage.repos.meetings.tick import (
    file_counts as file_counts,
)
from storage.repos.meetings.tick import (
    group_names_of as group_names_of,
)
from storage.repos.meetings.tick import (
    held_meetings as held_meetings,
)
from storage.repos.meetings.tick import (
    last_participation_of as last_participation_of,
)
from storage.repos.meetings.tick import (
    lock_meetings as lock_meetings,
)
from storage.repos.meetings.tick import (
    postpone_many as postpone_many,
)
from storage.repos.meetings.tick import (
    series_by_id as series_by_id,
)
