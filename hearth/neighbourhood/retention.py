"""How long neighbourhood records are kept (`hearth.core.retention`): a closed ASB case
(parties, incidents and what was said), an answered cleaning concern and removed fly-tipping
are anonymised the set number of years after they closed. Dates, categories and risk stay for
the measures."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import QuerySet

from hearth.core import retention
from hearth.core.retention import REMOVED
from hearth.neighbourhood.models import (
    AsbCase,
    AsbEvidence,
    AsbIncident,
    AsbParty,
    CleaningConcern,
    FlyTipPhoto,
    FlyTipReport,
    InspectionAction,
)


def _closed_asb(cutoff: date) -> QuerySet[AsbCase]:
    return AsbCase.objects.filter(closed_on__lt=cutoff).exclude(description=REMOVED)


def _anonymise_asb(rows: QuerySet[Any]) -> int:
    ids = list(rows.values_list("pk", flat=True))
    AsbParty.objects.filter(case_id__in=ids).update(
        person=None, name="", description="", email="", phone=""
    )
    AsbIncident.objects.filter(case_id__in=ids).update(description=REMOVED)
    return AsbCase.objects.filter(pk__in=ids).update(
        description=REMOVED, triage_reason="", risk_notes="", action_plan=""
    )


@retention.rule
def asb_cases() -> retention.Rule:
    return retention.Rule(
        "neighbourhood.asb_case", "ASB cases", "the case closed", _closed_asb, _anonymise_asb
    )


@retention.rule
def cleaning_concerns() -> retention.Rule:
    return retention.Rule(
        "neighbourhood.cleaning_concern", "Cleaning concerns", "the answer",
        lambda cutoff: CleaningConcern.objects.filter(responded_on__lt=cutoff).exclude(description=REMOVED),
        lambda rows: rows.update(reporter=None, reporter_name="", reporter_email="",
                                 reporter_phone="", description=REMOVED, response=""),
    )  # fmt: skip


@retention.rule
def flytipping() -> retention.Rule:
    return retention.Rule(
        "neighbourhood.flytipping", "Fly-tipping reports", "the removal",
        lambda cutoff: FlyTipReport.objects.filter(removed_on__lt=cutoff).exclude(description=REMOVED),
        lambda rows: rows.update(reporter=None, reporter_user=None, reporter_name="",
                                 reporter_email="", reporter_phone="", description=REMOVED),
    )  # fmt: skip


@retention.open_cases
def open_asb_cases() -> QuerySet[Any]:
    """People who are a party (complainant, perpetrator, witness) to an ASB case still open."""
    return AsbParty.objects.filter(case__closed_on__isnull=True).values("person_id")


@retention.open_cases
def open_cleaning_concerns() -> QuerySet[Any]:
    """People whose cleaning concern has not been answered yet."""
    return CleaningConcern.objects.filter(responded_on__isnull=True).values("reporter_id")


# Uploaded files: deleted with their case's period; the note goes on the case's timeline.


@retention.rule
def cleaning_photos() -> retention.Rule:
    return retention.files(
        key="neighbourhood.cleaning_photo", label="Cleaning concern photos", closed="the answer",
        due=lambda cutoff: CleaningConcern.objects.filter(responded_on__lt=cutoff).exclude(photo=""),
        field="photo", case=lambda concern: concern,
    )  # fmt: skip


@retention.rule
def flytipping_photos() -> retention.Rule:
    return retention.files(
        key="neighbourhood.flytipping_photo", label="Fly-tipping photos", closed="the removal",
        due=lambda cutoff: FlyTipPhoto.objects.filter(report__removed_on__lt=cutoff),
        field="image", delete_rows=True, related=("report",), case=lambda photo: photo.report,
    )  # fmt: skip


@retention.rule
def asb_evidence() -> retention.Rule:
    return retention.files(
        key="neighbourhood.asb_evidence", label="ASB evidence files", closed="the case closed",
        due=lambda cutoff: AsbEvidence.objects.filter(case__closed_on__lt=cutoff),
        field="file", delete_rows=True, related=("case",), case=lambda evidence: evidence.case,
    )  # fmt: skip


@retention.rule
def inspection_photos() -> retention.Rule:
    return retention.files(
        key="neighbourhood.inspection_photo", label="Estate inspection photos",
        closed="the defect was put right",
        due=lambda cutoff: InspectionAction.objects.filter(closed_on__lt=cutoff).exclude(photo=""),
        field="photo", related=("inspection",), case=lambda action: action.inspection,
    )  # fmt: skip
