"""How long repairs are kept (`hearth.core.retention`): a completed or cancelled repair is
anonymised the set number of years after it closed. Dates, priority, trade and the right to
repair days stay for the measures; what was reported and who reported it go."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Q, QuerySet

from hearth.core import retention
from hearth.core.retention import REMOVED
from hearth.repairs.models import Repair, RepairPhoto, Status


def _due(cutoff: date) -> QuerySet[Repair]:
    return Repair.objects.filter(
        Q(status=Status.COMPLETED, completed_at__date__lt=cutoff)
        | Q(status=Status.CANCELLED, cancelled_at__date__lt=cutoff)
    ).exclude(description=REMOVED)


def _anonymise(rows: QuerySet[Any]) -> int:
    return Repair.objects.filter(pk__in=list(rows.values_list("pk", flat=True))).update(
        reporter=None, description=REMOVED, location="", cancellation_reason=""
    )


@retention.rule
def repairs() -> retention.Rule:
    return retention.Rule(
        "repairs.repair", "Repairs", "the repair was completed or cancelled", _due, _anonymise
    )


@retention.open_cases
def open_repairs() -> QuerySet[Any]:
    """People who reported a repair that is still open."""
    return Repair.objects.filter(status=Status.OPEN).values("reporter_id")


def _photos_due(cutoff: date) -> QuerySet[RepairPhoto]:
    return RepairPhoto.objects.filter(
        Q(repair__status=Status.COMPLETED, repair__completed_at__date__lt=cutoff)
        | Q(repair__status=Status.CANCELLED, repair__cancelled_at__date__lt=cutoff)
        | Q(repair__isnull=True, uploaded_at__date__lt=cutoff)
    )


@retention.rule
def repair_photos() -> retention.Rule:
    """Photos of a repair (or of a no-access visit) go with the repair's period; the note is
    on the repair's timeline (the visit's, for a photo with no repair)."""
    return retention.files(
        key="repairs.photo", label="Repair photos", closed="the repair was completed or cancelled",
        due=_photos_due, field="image", delete_rows=True, related=("repair", "visit"),
        case=lambda photo: photo.repair or photo.visit or photo,
    )  # fmt: skip
