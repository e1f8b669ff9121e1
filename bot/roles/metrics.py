"""Prometheus metrics of this process (each process is scraped on its own /metrics)."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

REGISTRY = CollectorRegistry(auto_describe=True)

UPDATES = Counter(
    "partybot_updates_handled_total", "Updates handled by this process", registry=REGISTRY
)
DUPLICATE_UPDATES = Counter(
    "partybot_updates_duplicate_total",
    "Updates received again (same update_id) and not handled twice",
    registry=REGISTRY,
)
HANDLER_SECONDS = Histogram(
    "partybot_handler_seconds",
    "Time to handle one update",
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0),
    registry=REGISTRY,
)
CALLS = Counter(
    "partybot_bot_api_calls_total",
    "Bot API calls that went through, by priority and kind (rate() is the send rate)",
    ["priority", "kind"],
    registry=REGISTRY,
)
RETRY_AFTER = Counter(
    "partybot_retry_after_total",
    "429 answers by where they were charged: chat, global or free (not a message)",
    ["scope"],
    registry=REGISTRY,
)
SHARED_WAIT = Histogram(
    "partybot_shared_budget_wait_seconds",
    "Time a call waited for the bot's shared send budget (PostgreSQL roles)",
    buckets=(0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 5.0),
    registry=REGISTRY,
)
OUTBOX_QUEUED = Gauge(
    "partybot_outbox_queued", "Deliveries queued (due or not), read at scrape", registry=REGISTRY
)
OUTBOX_LAG = Gauge(
    "partybot_outbox_lag_seconds",
    "Age of the oldest due queued delivery (0 when none), read at scrape",
    registry=REGISTRY,
)
OUTBOX_SENT = Counter(
    "partybot_outbox_sent_total", "Deliveries sent by this process's sender", registry=REGISTRY
)
JOB_RUNS = Counter(
    "partybot_job_runs_total",
    "Scheduled job runs by job and outcome",
    ["job", "outcome"],
    registry=REGISTRY,
)
JOB_LAG = Gauge(
    "partybot_job_lag_seconds",
    "How late the last run of each job started after its scheduled time",
    ["job"],
    registry=REGISTRY,
)
WORKER_ACTIVE = Gauge(
    "partybot_worker_active", "1 while this process holds the worker lock", registry=REGISTRY
)
