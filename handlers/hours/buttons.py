"""Every kind of button of the volunteer hours feature (`vh:`), see bot/kernel/buttons.py.

A period in the totals buttons is a `str` token: a preset (PeriodKind) or a typed range
("r" + first + last), checked by bot.domain.hours.periods.resolve in the service, which
refuses any other text. A team of None there means every team of the branch.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from bot.domain.hours.periods import PeriodKind
from bot.kernel.buttons import Button, Halves, Small
from bot.services.hours.activities import Start
from bot.services.hours.buttons import Approve, CheckIn, CheckOut, Decline, Dispute

__all__ = ["Approve", "CheckIn", "CheckOut", "Decline", "Dispute"]

# --- the menu, my records, my totals, certificates, settings --------------------------------


class HoursMenu(Button, prefix="vh:menu"):
    pass


class MyRecords(Button, prefix="vh:my"):
    pass


class EditRecord(Button, prefix="vh:ed"):
    record: int


class WithdrawRecord(Button, prefix="vh:wd"):
    record: int


class MyTotals(Button, prefix="vh:tot"):
    pass


class HideName(Button, prefix="vh:hide"):
    hide: bool


class MyChart(Button, prefix="vh:chart"):
    pass


class CertificatePeriods(Button, prefix="vh:cert"):
    pass


class MyCertificate(Button, prefix="vh:cf"):
    period: PeriodKind


class MemberCertificate(Button, prefix="vh:cm"):
    """An officer issues one for a member (from the totals' list)."""

    member: int
    period: str


class HoursSettings(Button, prefix="vh:set"):
    pass


class SetMaxAge(Button, prefix="vh:ma"):
    choice: Small  # an index into MAX_AGE_CHOICES


# --- the report draft ------------------------------------------------------------------------


class NewReport(Button, prefix="vh:new"):
    pass


class ReportDay(Button, prefix="vh:d"):
    report: int
    day: date


class ReportHours(Button, prefix="vh:h"):
    report: int
    halves: Halves


class ReportTeam(Button, prefix="vh:t"):
    report: int
    team: int


class ReportType(Button, prefix="vh:ty"):
    report: int
    choice: Small  # an index into ACTIVITY_TYPES


class ReportWhatDefault(Button, prefix="vh:wq"):
    """The default "what was done" (the team's name) with one tap."""

    report: int


class ReportTypeIn(Button, prefix="vh:in"):
    """Type this step (another day, other hours, what was done) or send a photo."""

    report: int
    step: Literal["day", "hours", "what", "photo"]


class ReportGoTo(Button, prefix="vh:go"):
    """Back to a step's buttons; `next` is the first step still missing, else the card."""

    report: int
    step: Literal["day", "hours", "team", "next"]


class SubmitReport(Button, prefix="vh:sb"):
    report: int
    anyway: bool  # sent again after the duplicate warning


class CancelReport(Button, prefix="vh:x"):
    report: int


# --- approvals -------------------------------------------------------------------------------


class PendingHours(Button, prefix="vh:ap"):
    pass


class ApproveAll(Button, prefix="vh:all"):
    pass


class DeclineWithReason(Button, prefix="vh:nr"):
    approval: int
    reason: Small  # hours.reason.<n>


class DeclineTypeReason(Button, prefix="vh:ny"):
    approval: int


# --- teams -----------------------------------------------------------------------------------


class Teams(Button, prefix="vh:tm"):
    pass


class JoinTeam(Button, prefix="vh:j"):
    team: int


class LeaveTeam(Button, prefix="vh:l"):
    team: int


class NewTeam(Button, prefix="vh:nt"):
    pass


class TeamLeaders(Button, prefix="vh:ld"):
    team: int


class ToggleLeader(Button, prefix="vh:lt"):
    team: int
    member: int


# --- activities: opening one, recording one afterwards ---------------------------------------


class Activities(Button, prefix="vh:act"):
    pass


class OpenActivity(Button, prefix="vh:ao"):
    pass


class RecordActivity(Button, prefix="vh:rc"):
    pass


class OpenForTeam(Button, prefix="vh:as"):
    team: int


class OpenStart(Button, prefix="vh:ad"):
    team: int
    start: Start


class OpenHours(Button, prefix="vh:aw"):
    team: int
    start: Start
    hours: Small  # one of DURATIONS, checked by the service


class OpenDefault(Button, prefix="vh:af"):
    """Open it with the default title, no typing."""

    team: int
    start: Start
    hours: Small


class RecordForTeam(Button, prefix="vh:rd"):
    team: int


class RecordDay(Button, prefix="vh:rh"):
    team: int
    day: date


class RecordSheet(Button, prefix="vh:rs"):
    team: int
    day: date
    halves: Halves


class TickPerson(Button, prefix="vh:rt"):
    team: int
    day: date
    halves: Halves
    member: int


class FinishRecord(Button, prefix="vh:rf"):
    team: int
    day: date
    halves: Halves


# --- totals, export and certificates for officers and leaders --------------------------------


class StatsPeriods(Button, prefix="vh:st"):
    pass


class StatsTeams(Button, prefix="vh:sp"):
    period: PeriodKind


class StatsTypeRange(Button, prefix="vh:sr"):
    pass


class ShowTotals(Button, prefix="vh:sg"):
    period: str
    team: int | None


class ExportHours(Button, prefix="vh:xl"):
    """Personal data: bot.domain.privacy.rules keeps it out of groups by its prefix."""

    period: str
    team: int | None


class CertificatePeople(Button, prefix="vh:cl"):
    period: str
    team: int | None
