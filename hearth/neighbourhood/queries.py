"""Reads for pages, queues, "my work" and the API, scoped to what the user may see. A resident
asking for someone else's concern, report or case gets a 404, whether it exists or not."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from hearth.core.permissions import can
from hearth.neighbourhood.capabilities import Cap
from hearth.neighbourhood.models import (
    AsbCase,
    AsbEvidence,
    CleaningConcern,
    CleaningTask,
    CommunityEvent,
    FlyTipReport,
    FlyTipStatus,
    Improvement,
    Inspection,
    PartyRole,
)


def person_id(user: Any) -> int | None:
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_resident", False):
        return None
    return getattr(user, "person_id", None)


def blocks_for_resident(user: Any) -> list[Any]:
    """The blocks of the resident's current homes."""
    from hearth.tenancies.queries import current_tenancies_for_resident

    blocks: dict[int, Any] = {}
    for tenancy in current_tenancies_for_resident(user):
        blocks.setdefault(tenancy.home.block_id, tenancy.home.block)
    return list(blocks.values())


def home_for_resident(user: Any) -> Any:
    from hearth.tenancies.queries import current_tenancies_for_resident

    tenancy = current_tenancies_for_resident(user).first()
    return tenancy.home if tenancy else None


def get_block(ref: str) -> Any:
    from hearth.estates.models import Block

    block = Block.objects.select_related("estate").filter(ref=ref).first()
    if block is None:
        raise Http404("Not found")
    return block


def estates_with_blocks() -> QuerySet[Any]:
    from hearth.estates.models import Estate

    return Estate.objects.prefetch_related("blocks").order_by("name")


def next_inspection(block: Any, *, today: date | None = None) -> Inspection | None:
    """The next inspection residents have been told about."""
    today = today or timezone.localdate()
    return (
        Inspection.objects.filter(
            block=block,
            scheduled_on__gte=today,
            completed_on__isnull=True,
            published_on__isnull=False,
        )
        .order_by("scheduled_on")
        .first()
    )


def published_inspections(block: Any) -> QuerySet[Inspection]:
    return Inspection.objects.filter(block=block, published_on__isnull=False).order_by(
        "scheduled_on"
    )


def published_results(block: Any) -> QuerySet[Inspection]:
    return (
        Inspection.objects.filter(block=block, results_published_on__isnull=False)
        .prefetch_related("grades__item")
        .order_by("-completed_on")
    )


def cleaning_schedule(block: Any) -> QuerySet[CleaningTask]:
    return CleaningTask.objects.filter(block=block).order_by("pk")


def inspections_due(*, until: date) -> QuerySet[Inspection]:
    return (
        Inspection.objects.filter(completed_on__isnull=True, scheduled_on__lte=until)
        .select_related("block", "block__estate")
        .order_by("scheduled_on", "block__name")
    )


def open_concerns() -> QuerySet[CleaningConcern]:
    return (
        CleaningConcern.objects.filter(responded_on__isnull=True)
        .select_related("block")
        .order_by("due_on", "pk")
    )


def open_flytipping() -> QuerySet[FlyTipReport]:
    return (
        FlyTipReport.objects.filter(status=FlyTipStatus.OPEN, removed_on__isnull=True)
        .select_related("block")
        .order_by("due_on", "pk")
    )


def asb_updates_due(*, until: date, user: Any = None) -> QuerySet[AsbCase]:
    cases = AsbCase.objects.counted().open().filter(next_update_due_on__lte=until)
    if user is not None and not can(user, "manage_settings"):
        cases = cases.filter(Q(officer=user) | Q(officer__isnull=True))
    return cases.order_by("next_update_due_on", "pk")


def asb_overdue(*, today: date | None = None) -> QuerySet[AsbCase]:
    today = today or timezone.localdate()
    return (
        AsbCase.objects.counted()
        .open()
        .filter(next_update_due_on__lt=today)
        .order_by("next_update_due_on")
    )


def unreviewed_evidence(*, until: date) -> QuerySet[AsbEvidence]:
    return (
        AsbEvidence.objects.filter(reviewed_on__isnull=True, review_due_on__lte=until)
        .select_related("case")
        .order_by("review_due_on", "pk")
    )


def get_concern_for_staff(ref: str) -> CleaningConcern:
    found = CleaningConcern.objects.select_related("block", "reporter").filter(ref=ref).first()
    if found is None:
        raise Http404("Not found")
    return found


def get_flytipping_for_staff(ref: str) -> FlyTipReport:
    found = FlyTipReport.objects.select_related("block", "reporter").filter(ref=ref).first()
    if found is None:
        raise Http404("Not found")
    return found


def get_inspection(ref: str) -> Inspection:
    found = Inspection.objects.select_related("block", "block__estate").filter(ref=ref).first()
    if found is None:
        raise Http404("Not found")
    return found


def get_asb_for_staff(user: Any, ref: str) -> AsbCase:
    """An ASB case, for staff whose role works ASB cases only (everyone else: 404)."""
    if not can(user, Cap.HANDLE_ASB):
        raise Http404("Not found")
    found = AsbCase.objects.select_related("home", "block", "officer").filter(ref=ref).first()
    if found is None:
        raise Http404("Not found")
    return found


def concerns_for_resident(user: Any) -> QuerySet[CleaningConcern]:
    pid = person_id(user)
    if pid is None:
        return CleaningConcern.objects.none()
    return CleaningConcern.objects.filter(reporter_id=pid).select_related("block")


def flytipping_for_resident(user: Any) -> QuerySet[FlyTipReport]:
    pid = person_id(user)
    if pid is None:
        return FlyTipReport.objects.none()
    return FlyTipReport.objects.filter(Q(reporter_id=pid) | Q(reporter_user=user)).select_related(
        "block"
    )


def asb_for_resident(user: Any) -> QuerySet[AsbCase]:
    """The resident's own cases: those where they are a complainant."""
    pid = person_id(user)
    if pid is None:
        return AsbCase.objects.none()
    return AsbCase.objects.filter(
        parties__role=PartyRole.COMPLAINANT, parties__person_id=pid
    ).distinct()


def _one(queryset: QuerySet[Any], ref: str) -> Any:
    found = queryset.filter(ref=ref).first()
    if found is None:
        raise Http404("Not found")
    return found


def get_concern_for_resident(user: Any, ref: str) -> CleaningConcern:
    return _one(concerns_for_resident(user), ref)  # type: ignore[no-any-return]


def get_flytipping_for_resident(user: Any, ref: str) -> FlyTipReport:
    return _one(flytipping_for_resident(user), ref)  # type: ignore[no-any-return]


def get_asb_for_resident(user: Any, ref: str) -> AsbCase:
    return _one(asb_for_resident(user), ref)  # type: ignore[no-any-return]


def upcoming_events(*, today: date | None = None) -> QuerySet[CommunityEvent]:
    today = today or timezone.localdate()
    return CommunityEvent.objects.filter(
        published=True, starts_at__date__gte=today - timedelta(days=0)
    ).order_by("starts_at")


def newsletter_items(*, start: date, end: date) -> QuerySet[CommunityEvent]:
    """Events and projects for the newsletter: published, marked for it, starting in the
    window."""
    return CommunityEvent.objects.filter(
        published=True, in_newsletter=True, starts_at__date__range=(start, end)
    ).order_by("starts_at")


def improvements_for_resident(user: Any) -> QuerySet[Improvement]:
    pid = person_id(user)
    if pid is None:
        return Improvement.objects.none()
    return Improvement.objects.filter(proposed_by_id=pid)
