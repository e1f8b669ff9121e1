"""Reads and writes of the four cards and the assessment. Never commits.

The tally reads a whole branch with one grouped query per kind of record (attendance, duties,
requests, hours, dues, corrections), never one query per member: a branch of 10,000 members is
six queries. The same functions with `member_ids` serve one member's cards.
"""

from __future__ import annotations

from storage.repos.cards.feedback import FeedbackRow as FeedbackRow
from storage.repos.cards.feedback import feedback as feedback
from storage.repos.cards.feedback import feedback_by_branch as feedback_by_branch
from storage.repos.cards.feedback import link as link
from storage.repos.cards.feedback import link_by_token as link_by_token
from storage.repos.cards.feedback import resident_ratings as resident_ratings
from storage.repos.cards.feedback import use_link as use_link
from storage.repos.cards.people import ASSESSED_STATUS as ASSESSED_STATUS
from storage.repos.cards.people import NOT_ASSESSED_CATEGORIES as NOT_ASSESSED_CATEGORIES
from storage.repos.cards.people import MemberRow as MemberRow
from storage.repos.cards.people import assessed_members as assessed_members
from storage.repos.cards.people import branch as branch
from storage.repos.cards.people import branches as branches
from storage.repos.cards.people import community_report as community_report
from storage.repos.cards.people import community_reports as community_reports
from storage.repos.cards.people import group_names as group_names
from storage.repos.cards.people import member as member
from storage.repos.cards.people import posts_held as posts_held
from storage.repos.cards.people import posts_held_by_branch as posts_held_by_branch
from storage.repos.cards.people import teams_by_branch as teams_by_branch
from storage.repos.cards.people import teams_of as teams_of
from storage.repos.cards.records import add as add
from storage.repos.cards.records import attendance as attendance
from storage.repos.cards.records import correction_sums as correction_sums
from storage.repos.cards.records import corrections as corrections
from storage.repos.cards.records import dues as dues
from storage.repos.cards.records import duties as duties
from storage.repos.cards.records import flush as flush
from storage.repos.cards.records import hours as hours
from storage.repos.cards.records import requests_done as requests_done
from storage.repos.cards.tally import claim_tally as claim_tally
from storage.repos.cards.tally import tally_run as tally_run
from storage.repos.cards.tally import tally_run_by_id as tally_run_by_id
