"""How each action of the authorization table is attempted through the sandbox.

A probe is a command typed ("/members") or button data pressed ("mem:rm:{member}"), with ids
filled in per presser (see MatrixWorld.ids). Each feature adds its probes here when it adds
rows; tests/e2e/authz/test_authz_matrix.py fails for a row without one. Button probes press
the first step of an action (the screen that checks the right) where the last step would use
up the record; the applicant and the leave are one per presser.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Probe:
    text: str  # "/command args" or callback data
    button: bool = False
    then: str | None = None  # a command that leaves whatever the action started (/cancel)


def btn(data: str) -> Probe:
    return Probe(data, button=True)


PROBES: dict[str, Probe] = {
    "core.help": Probe("/help"),
    "members.own_card": Probe("/card"),
    "members.approve_member": btn("mem:ap:{applicant}"),
    "members.invite": Probe("/invite"),
    "members.edit_member": btn("mem:ca:{member}"),
    "members.archive_member": btn("mem:st:{member}:archived"),
    "members.import_roster": btn("mem:im"),
    "members.view_roster": Probe("/members"),
    "members.manage_roles": btn("mem:rm:{member}"),
    "members.manage_settings": Probe("/settings"),
    "members.new_branch": Probe("/newbranch", then="/cancel"),
    "approvals.inbox": Probe("/approve"),
    "delivery.broadcast": Probe("/broadcast", then="/cancel"),
    "meetings.own": Probe("/meetings"),
    "meetings.schedule_meeting": Probe("/newmeeting", then="/cancel"),
    "meetings.approve_leave": btn("mt:la:{leave}"),
    "meetings.proxy_checkin": btn("mt:px:{meeting}:0"),
    "meetings.view_reports": Probe("/report"),
    "hours.own": Probe("/hours"),
    "hours.record_activity": btn("vh:ap"),
    "hours.settings": btn("vh:set"),
    "dues.own": Probe("/dues"),
    "dues.record_dues": Probe("/duesbasis 党员甲 退休 5000"),
    "dues.ledger": btn("du:xl"),
    "dues.publish": btn("du:pbm:{month}"),
    "posts.manage_posts": btn("po:a"),
    "posts.own": Probe("/posts"),
    "dues.settings": Probe("/duesset 10,25 2"),
    "dues.treasurer": Probe("/duestreasurer 出纳小周"),
    "residents.ask": btn("rq:my"),
    "residents.manage": btn("rq:ls"),
    "privacy.own_data": btn("pv:md:d"),
    "privacy.audit": Probe("/audit"),
    "privacy.notice": Probe("/privacynotice"),
    "cards.view": Probe("/card"),
    "cards.rate": btn("cd:fb:{member}"),
    "cards.partner_link": Probe("cd:fl:{member}", button=True, then="/cancel"),
    "cards.correct": btn("cd:co:{member}:2026"),
    "cards.rules": btn("cd:ra"),
}

# Rows with no way in yet: the feature's handlers have not landed. Keep this empty.
NOT_YET_REACHABLE: dict[str, str] = {}
# Rows whose way in is not a private chat, walked by their own tests.
PROBED_ELSEWHERE = {
    "members.group_chat": "tests/e2e/authz/test_authz_group_chat.py (adding the bot to a group)",
    "posts.report": "tests/e2e/posts/test_posts_report.py (a link made by the secretary)",
    "residents.take": "tests/e2e/residents/test_residents_attack.py (a request, its holders)",
    "privacy.accept": "tests/e2e/privacy/test_privacy_notice.py (an invite or binding link)",
    "privacy.decide_requests": "tests/e2e/privacy/test_privacy_mydata.py (a member's request)",
    "cards.partner_feedback": "tests/e2e/cards/test_cards_feedback.py (a link made by the "
    "secretary, opened by anyone)",
    "cards.letter": "tests/e2e/cards/test_cards_tally.py (needs an 在职 member's report)",
    "cards.export": "tests/e2e/cards/test_cards_tally.py (the .xlsx arrives after the answer)",
}
