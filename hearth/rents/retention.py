"""What rents keeps under the retention schedule (`hearth.core.retention`): the rent ledger is
never anonymised (it is the landlord's accounts), and a former tenant with an open arrears
case on any tenancy they were on is kept until the case closes."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from hearth.core import retention
from hearth.rents.models import ArrearsCase, CaseStatus
from hearth.tenancies.models import TenancyMember


@retention.open_cases
def open_arrears_cases() -> QuerySet[Any]:
    """People on a tenancy whose arrears case is still open (a former tenant's debt)."""
    tenancies = ArrearsCase.objects.filter(status=CaseStatus.OPEN).values("account__tenancy_id")
    return TenancyMember.objects.filter(tenancy_id__in=tenancies).values("person_id")
