"""Authorization rows of the dues feature (see bot/domain/authz.py).

Incomes are personal information: only the secretary and the one committee member in charge of
dues (the treasurer) see and record them; other committee members are refused like members.
"""

from __future__ import annotations

from bot.domain.authz import DUES_OFFICERS, MEMBERS_OWN, SECRETARY_ONLY, action

ACTIONS = (
    action("dues.own", "one's own dues card; claim a payment (/dues)", **MEMBERS_OWN),
    action("dues.record_dues", "record bases and payments, confirm claims", **DUES_OFFICERS),
    action("dues.ledger", "the dues ledger spreadsheet (incomes)", **DUES_OFFICERS),
    action("dues.publish", "publish the dues 公示", **SECRETARY_ONLY),
    action("dues.settings", "reminder days and months paid ahead (/duesset)", **SECRETARY_ONLY),
    action("dues.treasurer", "put a committee member in charge of dues", **SECRETARY_ONLY),
)
