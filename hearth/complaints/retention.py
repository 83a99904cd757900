"""How long complaints are kept (`hearth.core.retention`): a closed, refused or withdrawn
complaint, or one answered at stage 1 and not taken further, is anonymised the set number of
years after it closed. Dates, category, outcome and compensation stay for the measures."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.db.models.functions import Coalesce

from hearth.complaints.models import Complaint, Status
from hearth.core import retention
from hearth.core.retention import REMOVED

CLOSED = (Status.CLOSED, Status.EXCLUDED, Status.WITHDRAWN, Status.STAGE1_ANSWERED)


def _due(cutoff: date) -> QuerySet[Complaint]:
    closed_on = Coalesce(
        "stage2_responded_on", "stage1_responded_on", "excluded_on", "withdrawn_on"
    )
    return (
        Complaint.objects.filter(status__in=CLOSED)
        .annotate(closed_on=closed_on)
        .filter(closed_on__lt=cutoff)
        .exclude(description=REMOVED)
    )


def _anonymise(rows: QuerySet[Any]) -> int:
    return Complaint.objects.filter(pk__in=list(rows.values_list("pk", flat=True))).update(
        complainant=None, contact_name="", contact_email="", contact_phone="",
        contact_address="", representative_name="", representative_relationship="",
        representative_contact="", description=REMOVED, desired_outcome="",
        stage1_definition="", stage1_extension_reason="", stage2_reason="",
        stage2_definition="", stage2_extension_reason="", exclusion_explanation="",
    )  # fmt: skip


@retention.rule
def complaints() -> retention.Rule:
    return retention.Rule(
        "complaints.complaint", "Complaints", "the complaint closed", _due, _anonymise
    )


@retention.open_cases
def open_complaints() -> QuerySet[Any]:
    """People whose complaint is still open: kept until it closes and its period passes."""
    return Complaint.objects.exclude(status__in=CLOSED).values("complainant_id")
