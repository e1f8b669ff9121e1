"""The live progress text and the final report of a notice, with its buttons.

The sender edits the secretary's progress message with these (jobs/delivery/progress.py) and the
/broadcast handlers show the same report. They live here, not in handlers/delivery/render.py,
because jobs never import handlers (import-linter contract); handlers may use the sender's views.
"""

from __future__ import annotations

import html

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.services.delivery.reports import NAMES_SHOWN, Report
from bot.texts import t
from jobs.delivery.buttons import RefreshReport, RemindUnacked, ShowUnreached


def _inline(rows: list[list[tuple[str, str]]]) -> InlineKeyboardMarkup:
    # handlers.keyboards.inline, which a job may not import.
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(text, callback_data=data) for text, data in row] for row in rows]
    )


def progress_text(report: Report, lang: str) -> str:
    done = report.total - report.pending
    return t(
        "delivery.progress",
        lang,
        title=html.escape(report.title),
        done=done,
        total=report.total,
        sent=report.sent,
        acked=report.acked,
        problems=report.blocked + report.not_started + report.failed_total,
    )


def report_text(report: Report, lang: str) -> str:
    lines = [
        t("delivery.report.title", lang, title=html.escape(report.title)),
        t("delivery.report.sent", lang, sent=report.sent, total=report.total),
    ]
    if report.ack:
        lines.append(t("delivery.report.acked", lang, acked=report.acked, sent=report.sent))
        if report.unacked_names:
            names = "、".join(html.escape(n) for n in report.unacked_names[:NAMES_SHOWN])
            if len(report.unacked_names) > NAMES_SHOWN:
                names += "…"
            lines.append(t("delivery.report.unacked_names", lang, names=names))
    lines.append(t("delivery.report.blocked", lang, count=report.blocked))
    lines.append(t("delivery.report.not_started", lang, count=report.not_started))
    lines.append(t("delivery.report.failed", lang, count=report.failed_total))
    for reason, count in sorted(report.failed.items(), key=lambda kv: -kv[1]):
        lines.append(
            t("delivery.report.reason", lang, reason=reason_text(reason, lang), count=count)
        )
    if report.pending:
        lines.append(t("delivery.report.pending", lang, count=report.pending))
    if report.cancelled:
        lines.append(t("delivery.report.cancelled", lang, count=report.cancelled))
    if report.group_copy is not None:
        lines.append(t(f"delivery.report.group.{_group_state(report.group_copy)}", lang))
    return "\n".join(lines)


def _group_state(state: str) -> str:
    return state if state in ("sent", "queued", "sending") else "failed"


def reason_text(reason: str, lang: str) -> str:
    key = f"delivery.reason.{reason}"
    text = t(key, lang)
    return reason if text == key else text


def report_keyboard(report: Report, lang: str) -> InlineKeyboardMarkup:
    nid = report.notice_id
    rows: list[list[tuple[str, str]]] = []
    if report.ack and report.acked < report.total:
        # The re-send goes to everyone without 「收到」, reached or not yet.
        waiting = report.total - report.acked
        rows.append([(t("delivery.btn.remind_them", lang, n=waiting), RemindUnacked(nid).data)])
    if report.not_started or report.blocked:
        rows.append([(t("delivery.btn.unreached", lang), ShowUnreached(nid).data)])
    rows.append([(t("delivery.btn.refresh", lang), RefreshReport(nid).data)])
    return _inline(rows)


def final_report(report: Report, lang: str) -> tuple[str, InlineKeyboardMarkup]:
    return report_text(report, lang), report_keyboard(report, lang)
