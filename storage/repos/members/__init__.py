"""Members feature queries: branches, groups, roster records, links, imports; never commits."""

from __future__ import annotations

from storage.repos.members.branches import add_branch as add_branch
from storage.repos.members.branches import add_groups as add_groups
from storage.repos.members.branches import branch as branch
from storage.repos.members.branches import branch_by_chat as branch_by_chat
from storage.repos.members.branches import branch_by_name as branch_by_name
from storage.repos.members.branches import group_in_branch as group_in_branch
from storage.repos.members.branches import groups as groups
from storage.repos.members.branches import move_group_chat as move_group_chat
from storage.repos.members.branches import set_group_chat as set_group_chat
from storage.repos.members.imports import add_import as add_import
from storage.repos.members.imports import close_import as close_import
from storage.repos.members.imports import drop_open_imports as drop_open_imports
from storage.repos.members.imports import import_by_key as import_by_key
from storage.repos.members.imports import purge_imports as purge_imports
from storage.repos.members.links import add_invite as add_invite
from storage.repos.members.links import consume_invite as consume_invite
from storage.repos.members.links import invite as invite
from storage.repos.members.links import invite_by_token as invite_by_token
from storage.repos.members.links import member_links as member_links
from storage.repos.members.links import revoke_member_links as revoke_member_links
from storage.repos.members.links import usable_invites as usable_invites
from storage.repos.members.roster import MemberFilter as MemberFilter
from storage.repos.members.roster import add_member as add_member
from storage.repos.members.roster import bind_member as bind_member
from storage.repos.members.roster import count_by_status as count_by_status
from storage.repos.members.roster import count_members as count_members
from storage.repos.members.roster import count_secretaries as count_secretaries
from storage.repos.members.roster import count_unbound as count_unbound
from storage.repos.members.roster import current_branch_id as current_branch_id
from storage.repos.members.roster import history as history
from storage.repos.members.roster import language as language
from storage.repos.members.roster import lock_branch as lock_branch
from storage.repos.members.roster import member as member
from storage.repos.members.roster import member_of as member_of
from storage.repos.members.roster import officers as officers
from storage.repos.members.roster import page_members as page_members
from storage.repos.members.roster import pending_applications as pending_applications
from storage.repos.members.roster import roster_identities as roster_identities
from storage.repos.members.roster import secretary_ids as secretary_ids
from storage.repos.members.roster import unbound_members as unbound_members
from storage.repos.members.views import list_view as list_view
from storage.repos.members.views import save_list_view as save_list_view
