"""Outbox queries: notices, delivery rows, the sender's claim, reports; never commits."""

from __future__ import annotations

from storage.repos.delivery._common import (
    _CHUNK as _CHUNK,
)
from storage.repos.delivery._common import (
    _PENDING_SQL as _PENDING_SQL,
)
from storage.repos.delivery._common import (
    _QUEUED_SQL as _QUEUED_SQL,
)
from storage.repos.delivery._common import (
    PENDING_STATES as PENDING_STATES,
)
from storage.repos.delivery._common import (
    _chunks as _chunks,
)
from storage.repos.delivery._common import (
    _insert as _insert,
)
from storage.repos.delivery.notices import (
    add_notice_if_absent as add_notice_if_absent,
)
from storage.repos.delivery.notices import (
    add_notices_if_absent as add_notices_if_absent,
)
from storage.repos.delivery.notices import (
    listed_notices as listed_notices,
)
from storage.repos.delivery.notices import (
    notice as notice,
)
from storage.repos.delivery.notices import (
    notice_by_key as notice_by_key,
)
from storage.repos.delivery.notices import (
    recent_notices as recent_notices,
)
from storage.repos.delivery.notices import (
    set_notice as set_notice,
)
from storage.repos.delivery.notices import (
    set_notice_status_if as set_notice_status_if,
)
from storage.repos.delivery.notices import (
    settle_many as settle_many,
)
from storage.repos.delivery.recipients import (
    _ADD_COLUMNS as _ADD_COLUMNS,
)
from storage.repos.delivery.recipients import (
    _UNNEST as _UNNEST,
)
from storage.repos.delivery.recipients import (
    Recipient as Recipient,
)
from storage.repos.delivery.recipients import (
    _add_unnest as _add_unnest,
)
from storage.repos.delivery.recipients import (
    add_deliveries as add_deliveries,
)
from storage.repos.delivery.recipients import (
    add_deliveries_from as add_deliveries_from,
)
from storage.repos.delivery.recipients import (
    add_notice_ids_locked as add_notice_ids_locked,
)
from storage.repos.delivery.recipients import (
    add_notices_locked as add_notices_locked,
)
from storage.repos.delivery.recipients import (
    has_chat_copy as has_chat_copy,
)
from storage.repos.delivery.recipients import (
    has_group_copy as has_group_copy,
)
from storage.repos.delivery.recipients import (
    mark_done as mark_done,
)
from storage.repos.delivery.recipients import (
    member_ids_by_notice as member_ids_by_notice,
)
from storage.repos.delivery.recipients import (
    notices_without_rows as notices_without_rows,
)
from storage.repos.delivery.recipients import (
    queued_member_ids as queued_member_ids,
)
from storage.repos.delivery.recipients import (
    recipients as recipients,
)
from storage.repos.delivery.recipients import (
    recipients_in_branches as recipients_in_branches,
)
from storage.repos.delivery.recipients import (
    settle_notices as settle_notices,
)
from storage.repos.delivery.reports import (
    acked_count as acked_count,
)
from storage.repos.delivery.reports import (
    cancel_queued as cancel_queued,
)
from storage.repos.delivery.reports import (
    cancel_queued_for_member as cancel_queued_for_member,
)
from storage.repos.delivery.reports import (
    delivery as delivery,
)
from storage.repos.delivery.reports import (
    group_copy_state as group_copy_state,
)
from storage.repos.delivery.reports import (
    member_ids_where as member_ids_where,
)
from storage.repos.delivery.reports import (
    member_tg_id as member_tg_id,
)
from storage.repos.delivery.reports import (
    reason_counts as reason_counts,
)
from storage.repos.delivery.reports import (
    record_ack as record_ack,
)
from storage.repos.delivery.reports import (
    state_counts as state_counts,
)
from storage.repos.delivery.reports import (
    unacked_names as unacked_names,
)
from storage.repos.delivery.reports import (
    unreached_people as unreached_people,
)
from storage.repos.delivery.sender import (
    _CLAIMED as _CLAIMED,
)
from storage.repos.delivery.sender import (
    _LEVELS as _LEVELS,
)
from storage.repos.delivery.sender import (
    Claimed as Claimed,
)
from storage.repos.delivery.sender import (
    _claim_level as _claim_level,
)
from storage.repos.delivery.sender import (
    claim_due as claim_due,
)
from storage.repos.delivery.sender import (
    extend_lease as extend_lease,
)
from storage.repos.delivery.sender import (
    extend_leases as extend_leases,
)
from storage.repos.delivery.sender import (
    finish as finish,
)
from storage.repos.delivery.sender import (
    mark_member_blocked as mark_member_blocked,
)
from storage.repos.delivery.sender import (
    mark_sending as mark_sending,
)
from storage.repos.delivery.sender import (
    mark_sending_many as mark_sending_many,
)
from storage.repos.delivery.sender import (
    move_group_chat as move_group_chat,
)
from storage.repos.delivery.sender import (
    reclaim_orphans as reclaim_orphans,
)
from storage.repos.delivery.sender import (
    release_claims as release_claims,
)
from storage.repos.delivery.sender import (
    requeue_expired as requeue_expired,
)
from storage.repos.delivery.sender import (
    settle_if_done as settle_if_done,
)
from storage.repos.delivery.sender import (
    unsettled_notices as unsettled_notices,
)
