"""Every kind of button of the dues feature (`du:`), see bot/kernel/buttons.py.

Months are `Month` fields (the first of the month; bot.domain.dues.months keeps YYYYMM ints,
`month_of` turns one into the other). A group of None means every group.
"""

from __future__ import annotations

from typing import Annotated

from bot.domain.dues.brackets import BasisKind
from bot.kernel.buttons import Button, Month, Span
from bot.services.dues.buttons import ConfirmBasis, ConfirmPayment, QuestionBasis, QuestionPayment

__all__ = ["ConfirmBasis", "ConfirmPayment", "QuestionBasis", "QuestionPayment"]

Year = Annotated[int, Span(2000, 2099, 4)]  # the years a dues month may fall in

# --- a member pays, reports a basis ---------------------------------------------------------


class Pay(Button, prefix="du:pay"):
    pass


class PickMonth(Button, prefix="du:pm"):
    month: Month


class SubmitMonths(Button, prefix="du:pok"):
    pass


class CancelPicking(Button, prefix="du:px"):
    """Leaves the month picker (the recording list's cancel too: its pick is replaced anew)."""


class BasisMenu(Button, prefix="du:mb"):
    pass


class ChooseBasisKind(Button, prefix="du:mk"):
    kind: BasisKind  # members report four of them; the handler refuses the others


# --- officers: what waits, recording in bulk, the report and the ledger ----------------------


class PendingDues(Button, prefix="du:pend"):
    pass


class RecordGroups(Button, prefix="du:rec"):
    pass


class RecordGroup(Button, prefix="du:rg"):
    group: int | None


class RecordToggle(Button, prefix="du:rt"):
    group: int | None
    member: int


class RecordDone(Button, prefix="du:rdo"):
    group: int | None


class CollectionReport(Button, prefix="du:rep"):
    pass


class ReportMonth(Button, prefix="du:rm"):
    month: Month


class ReportYear(Button, prefix="du:ry"):
    year: Year


class PublishMonth(Button, prefix="du:pbm"):
    month: Month


class PublishYear(Button, prefix="du:pby"):
    year: Year


class Ledger(Button, prefix="du:xl"):
    """Personal data: bot.domain.privacy.rules keeps it out of groups by its data."""
