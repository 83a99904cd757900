"""Reads of complaints that more than one place needs: who may see which, the work queue, and
the themes the learning page and the annual report show."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.db.models import Count, Min, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from hearth.complaints import clocks
from hearth.complaints.models import (
    OPEN_STATUSES,
    Category,
    Complaint,
    ComplaintAction,
    ComplaintQuerySet,
    RootCause,
)
from hearth.core import calendar
from hearth.core.bulk import chunked
from hearth.core.permissions import Can, can


def _resident_person_id(user: Any) -> int | None:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    if not getattr(user, "is_resident", False):
        return None
    return user.person_id  # type: ignore[no-any-return]


def visible_complaints(user: Any) -> ComplaintQuerySet:
    """Every complaint for staff who log or handle complaints; a resident's own otherwise."""
    if can(user, Can.LOG_COMPLAINTS):
        return Complaint.objects.all()
    return Complaint.objects.for_person(_resident_person_id(user))


def get_complaint_for_user(user: Any, ref: str) -> Complaint:
    """The complaint with this reference, or a 404 if the user may not see it."""
    try:
        return (
            visible_complaints(user)
            .select_related(
                "tenancy", "home", "complainant", "stage1_handler", "stage2_handler", "created_by"
            )
            .get(ref=ref)
        )
    except (Complaint.DoesNotExist, ValueError):
        raise Http404("Not found") from None


def refresh_open_clocks() -> int:
    """Recount the stored due dates of open complaints (after the calendar changed)."""
    changed: list[Complaint] = []
    open_ids = list(Complaint.objects.open().values_list("pk", flat=True))
    for chunk in chunked(open_ids):
        for complaint in Complaint.objects.filter(pk__in=chunk):
            if clocks.refresh(complaint):
                changed.append(complaint)
    Complaint.objects.bulk_update(changed, ["next_action", "next_due_on"], batch_size=500)
    return len(changed)


@dataclass(frozen=True)
class QueueFilter:
    """What the work queue shows: `stage` 1 or 2, `who` ("mine", "unassigned" or ""),
    `due` ("overdue", "soon" or ""), `category`, `status` ("open", "closed", "all" or one)."""

    status: str = "open"
    stage: int | None = None
    who: str = ""
    due: str = ""
    category: str = ""
    search: str = ""


def work_queue(user: Any, wanted: QueueFilter, *, today: date | None = None) -> ComplaintQuerySet:
    """Complaints by next due date (acknowledgement or response), most urgent first."""
    today = today or timezone.localdate()
    complaints = visible_complaints(user).select_related(
        "complainant", "stage1_handler", "stage2_handler", "home"
    )
    if wanted.status == "open":
        complaints = complaints.open()
    elif wanted.status == "closed":
        complaints = complaints.exclude(status__in=OPEN_STATUSES)
    elif wanted.status and wanted.status != "all":
        complaints = complaints.filter(status=wanted.status)
    if wanted.stage == 1:
        complaints = complaints.filter(stage2_requested_on__isnull=True)
    elif wanted.stage == 2:
        complaints = complaints.filter(stage2_requested_on__isnull=False)
    if wanted.who == "mine":
        complaints = complaints.filter(
            Q(stage2_requested_on__isnull=True, stage1_handler=user)
            | Q(stage2_requested_on__isnull=False, stage2_handler=user)
        )
    elif wanted.who == "unassigned":
        complaints = complaints.filter(
            Q(stage2_requested_on__isnull=True, stage1_handler__isnull=True)
            | Q(stage2_requested_on__isnull=False, stage2_handler__isnull=True)
        )
    if wanted.due == "overdue":
        complaints = complaints.filter(next_due_on__lt=today)
    elif wanted.due == "soon":
        horizon = calendar.add_working_days(today, settings.HEARTH_DUE_SOON_WORKING_DAYS)
        complaints = complaints.filter(next_due_on__gte=today, next_due_on__lte=horizon)
    if wanted.category:
        complaints = complaints.filter(category=wanted.category)
    if wanted.search:
        term = wanted.search.strip()
        complaints = complaints.filter(
            Q(ref__iexact=term)
            | Q(complainant__full_name__icontains=term)
            | Q(contact_name__icontains=term)
            | Q(home__address__icontains=term)
        )
    return complaints.order_by("next_due_on", "received_on", "pk")


def open_actions() -> QuerySet[ComplaintAction]:
    return ComplaintAction.objects.filter(done_on__isnull=True).select_related("complaint", "owner")


def quarter_of(day: date) -> str:
    """A financial quarter's label: Q1 is April to June."""
    fy = day.year if day.month >= 4 else day.year - 1
    quarter = ((day.month - 4) % 12) // 3 + 1
    return f"{fy}/{str(fy + 1)[-2:]} Q{quarter}"


def quarters_between(start: date, end: date) -> list[str]:
    labels: list[str] = []
    cursor = date(start.year, start.month, 1)
    while cursor <= end:
        label = quarter_of(cursor)
        if label not in labels:
            labels.append(label)
        cursor = date(cursor.year + (cursor.month // 12), cursor.month % 12 + 1, 1)
    return labels


def themes_by_quarter(start: date, end: date) -> dict[str, Any]:
    """Complaints received in [start, end] (those taken on), counted by category and quarter,
    and by root cause: one aggregate query each."""
    quarters = quarters_between(start, end)
    received = Complaint.objects.counted().filter(received_on__range=(start, end))
    by_month = received.values("category", "received_on__year", "received_on__month").annotate(
        n=Count("pk")
    )
    table: OrderedDict[str, dict[str, int]] = OrderedDict(
        (str(label), dict.fromkeys(quarters, 0)) for label in Category.labels
    )
    labels = dict(Category.choices)
    for row in by_month:
        quarter = quarter_of(date(row["received_on__year"], row["received_on__month"], 1))
        category = str(labels.get(row["category"], row["category"]))
        table.setdefault(category, dict.fromkeys(quarters, 0))
        table[category][quarter] = table[category].get(quarter, 0) + row["n"]
    causes = dict(RootCause.choices)
    root_causes = [
        (str(causes.get(row["root_cause"], row["root_cause"])), row["n"])
        for row in received.exclude(root_cause="")
        .values("root_cause")
        .annotate(n=Count("pk"))
        .order_by("-n", "root_cause")
    ]
    rows = [(category, counts) for category, counts in table.items() if any(counts.values())]
    return {"quarters": quarters, "rows": rows, "root_causes": root_causes}


def improvements(start: date, end: date) -> QuerySet[Complaint]:
    """Complaints answered in [start, end] whose lessons led to a change, newest first."""
    return (
        Complaint.objects.filter(
            Q(stage1_responded_on__range=(start, end)) | Q(stage2_responded_on__range=(start, end))
        )
        .exclude(improvement="")
        .order_by("-stage1_responded_on", "-pk")
    )


def improvement_summary(start: date, end: date) -> list[dict[str, Any]]:
    """Each change made in [start, end], once, with how many complaints led to it."""
    return list(
        improvements(start, end)
        .order_by()
        .values("improvement")
        .annotate(complaints=Count("pk"), lesson=Min("lessons_learned"))
        .order_by("-complaints", "improvement")
    )
