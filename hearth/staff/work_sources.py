"""The work sources that exist before the case domains: cautionary alerts due for review, and
messages to residents that failed or could not be sent (an officer must reach them another way).
Registered in StaffConfig.ready()."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from hearth.core import deadlines
from hearth.core.models import Message, MessageStatus
from hearth.core.permissions import Can, can
from hearth.core.work import WorkItem
from hearth.tenancies.models import CautionaryAlert

# Bounded queries keep My work fast whatever the backlog; the outbox page shows everything.
LIMIT = 200
# A failed message older than this has been dealt with or is history: the outbox keeps it.
FAILED_MESSAGE_DAYS = 30


def alerts_due_for_review(user: Any, *, until: date) -> Iterator[WorkItem]:
    if not can(user, Can.MANAGE_ALERTS):
        return
    alerts = (
        CautionaryAlert.objects.active()
        .filter(review_on__lte=until)
        .select_related("person", "home")
        .order_by("review_on", "pk")[:LIMIT]
    )
    for alert in alerts:
        if alert.person_id:
            url = reverse("staff:person", args=[alert.person_id])
            subject = str(alert.person)
        else:
            url = reverse("staff:home", args=[alert.home_id])
            subject = str(alert.home)
        yield WorkItem(
            title=_("Review cautionary alert: %(category)s") % {"category": alert.category},
            url=url,
            case_type=_("Cautionary alert"),
            due=alert.review_on,
            state=deadlines.state(alert.review_on),
            detail=subject,
        )


def messages_not_delivered(user: Any, *, until: date) -> Iterator[WorkItem]:
    if not can(user, Can.VIEW_OUTBOX):
        return
    since = timezone.now() - timedelta(days=FAILED_MESSAGE_DAYS)
    messages = (
        Message.objects.filter(
            status__in=[MessageStatus.FAILED, MessageStatus.NOT_SENT],
            created_at__gte=since,
            # Messages to staff (reminders) are not a resident left uninformed.
            staff_recipient__isnull=True,
        )
        .select_related("person")
        .order_by("created_at", "pk")[:LIMIT]
    )
    for message in messages:
        due = deadlines.local_date(message.created_at)
        if due > until:
            continue
        who = message.person.full_name if message.person else message.to_address
        if message.person_id:
            url = reverse("staff:person", args=[message.person_id]) + "#messages"
        else:
            url = reverse("staff:outbox") + f"?status={message.status}"
        yield WorkItem(
            title=_("Message not delivered: %(what)s")
            % {"what": message.subject or message.purpose},
            url=url,
            case_type=_("Message"),
            due=due,
            state=deadlines.state(due),
            detail=f"{who}. {message.get_status_display()}: {message.status_detail}".rstrip(": "),
        )
