"""Reads of core's tables that more than one page needs."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Case, IntegerField, QuerySet, Value, When

from hearth.core.models import Message, MessageStatus

# Problems first: what staff must act on comes before what is waiting or done.
_STATUS_ORDER = [
    MessageStatus.FAILED,
    MessageStatus.NOT_SENT,
    MessageStatus.RETRYING,
    MessageStatus.QUEUED,
    MessageStatus.SENT,
]


def outbox_for_staff(*, status: str | None = None) -> QuerySet[Message]:
    """The outbox as staff read it: failed and unsent messages first, newest first within each."""
    messages = Message.objects.select_related("person", "staff_recipient", "case_type")
    if status:
        messages = messages.filter(status=status)
    return messages.annotate(
        status_rank=Case(
            *[When(status=value, then=Value(rank)) for rank, value in enumerate(_STATUS_ORDER)],
            default=Value(len(_STATUS_ORDER)),
            output_field=IntegerField(),
        )
    ).order_by("status_rank", "-created_at", "-pk")


def outbox_counts() -> dict[str, int]:
    """How many messages are in each status (for a summary line above the outbox)."""
    rows = Message.objects.order_by().values_list("status").annotate(n=models.Count("pk"))
    counts = dict.fromkeys(MessageStatus.values, 0)
    counts.update(dict(rows))
    return counts


def messages_about(case: models.Model) -> QuerySet[Message]:
    """Every message sent (or tried) about one case, newest first."""
    return Message.objects.filter(
        case_type=ContentType.objects.get_for_model(case), case_id=str(case.pk)
    ).select_related("person", "staff_recipient")
