"""The work sources that exist before the case domains: cautionary alerts due for review, and
messages to residents that failed or could not be sent (an officer must reach them another way).
Registered in StaffConfig.ready()."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hearth.core import deadlines
from hearth.core.models import Message, MessageStatus
from hearth.core.notifications import PROBLEM_STATUSES, is_configuration_problem, plain_reason
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


# Where a case keeps the officer who deals with it, in the order to look (each domain names it
# one of these). A message about a case with none goes to whoever queued it, else to admins.
CASE_OFFICER_FIELDS = ("owner", "officer", "income_officer", "stage2_handler", "stage1_handler")


def _officer_id(case: Any) -> int | None:
    for name in CASE_OFFICER_FIELDS:
        officer_id = getattr(case, f"{name}_id", None)
        if officer_id:
            return int(officer_id)
    return None


def _officers(messages: list[Message]) -> dict[int, int | None]:
    """Each message's case officer (by message id), one query per kind of case."""
    by_type: dict[int, list[Message]] = {}
    for message in messages:
        if message.case_type_id and message.case_id:
            by_type.setdefault(message.case_type_id, []).append(message)
    found: dict[int, int | None] = {}
    for type_id, group in by_type.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        if model is None:
            continue
        cases = model._default_manager.in_bulk([m.case_id for m in group])
        for message in group:
            case = cases.get(message.case_id) or cases.get(_int_or_none(message.case_id))
            found[message.pk] = _officer_id(case) if case is not None else None
    return found


def _int_or_none(value: str) -> int | None:
    return int(value) if value.isdigit() else None


def messages_not_delivered(user: Any, *, until: date) -> Iterator[WorkItem]:
    """Messages to residents that did not reach them, for the people who can act: a message
    that could not go because a channel is not set up is one item for administrators; any other
    (no address, refused) goes to the officer of its case (else whoever queued it, else the
    administrators), each shown once, with the reason in plain words."""
    if not can(user, Can.VIEW_OUTBOX):
        return
    since = timezone.now() - timedelta(days=FAILED_MESSAGE_DAYS)
    messages = list(
        Message.objects.filter(
            status__in=PROBLEM_STATUSES,
            created_at__gte=since,
            # Messages to staff (reminders) are not a resident left uninformed.
            staff_recipient__isnull=True,
        )
        .select_related("person")
        .order_by("created_at", "pk")[:LIMIT]
    )
    admin = can(user, Can.MANAGE_SETTINGS)
    setup = [m for m in messages if is_configuration_problem(m)]
    if admin and setup:
        yield from _setup_items(setup, until=until)
    others = [m for m in messages if not is_configuration_problem(m)]
    officers = _officers(others)
    for message in others:
        officer = officers.get(message.pk) or message.queued_by_id
        if officer != user.pk and not (officer is None and admin):
            continue
        due = deadlines.local_date(message.created_at)
        if due > until:
            continue
        who = message.person.full_name if message.person else message.to_address
        yield WorkItem(
            title=_("Message not delivered: %(what)s")
            % {"what": message.subject or message.purpose},
            url=reverse("staff:outbox-message", args=[message.pk]),
            case_type=_("Message"),
            due=due,
            state=deadlines.state(due),
            detail=f"{who or _('No address')}. {plain_reason(message)}",
        )


def _setup_items(messages: list[Message], *, until: date) -> Iterator[WorkItem]:
    """One item per reason a channel cannot send (Notify not set up, say), however many
    messages wait for it."""
    reasons: dict[str, list[Message]] = {}
    for message in messages:
        reasons.setdefault(plain_reason(message), []).append(message)
    for reason, waiting in reasons.items():
        due = min(deadlines.local_date(m.created_at) for m in waiting)
        if due > until:
            continue
        yield WorkItem(
            title=_("Texts and letters are not being sent: %(reason)s") % {"reason": reason},
            url=reverse("staff:outbox") + f"?status={MessageStatus.NOT_SENT}",
            case_type=_("Settings"),
            due=due,
            state=deadlines.state(due),
            detail=ngettext(
                "%(count)d message is waiting. Once this is fixed, send it again from the outbox.",
                "%(count)d messages are waiting. Once this is fixed, send them again from the outbox.",
                len(waiting),
            )
            % {"count": len(waiting)},
        )
