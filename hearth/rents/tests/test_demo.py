"""The demo landlord's year of rent: every channel, some tenants behind and recovering,
ledgers that add up, and measures that survive export and import."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from hearth.core.measures import report
from hearth.interchange.services import export_folder, import_folder
from hearth.rents.models import (
    COLLECTED_KINDS,
    ArrearsCase,
    ArrearsEpisode,
    CaseStatus,
    DirectDebitMandate,
    Kind,
    MoneyAdviceOffer,
    Transaction,
)
from hearth.rents.services.ledger import balance_mismatches

pytestmark = pytest.mark.django_db
RENT_MEASURES = [
    "rent.collected",
    "rent.current_arrears",
    "arrears.contacted_in_5_days",
    "tenancy.money_advice_offered",
]
YEAR = (date(2025, 11, 27), date(2026, 11, 26))


def _measures() -> dict[str, tuple]:
    found = report(*YEAR, only=RENT_MEASURES)["measures"]
    return {m["id"]: (m["numerator"], m["denominator"], m["value"]) for m in found}


def test_the_demo_has_a_year_of_rent_by_every_channel_with_arrears_worked(tmp_path):
    with transaction.atomic():
        call_command("demo", "--homes", "200", "--today", "2026-11-26", stdout=StringIO())
        kinds = set(Transaction.objects.values_list("kind", flat=True))
        assert (
            set(COLLECTED_KINDS) <= kinds
            and {Kind.RENT, Kind.SERVICE_CHARGE, Kind.ADJUSTMENT} <= kinds
        )
        assert balance_mismatches() == []
        assert ArrearsEpisode.objects.filter(
            ended_on__isnull=False
        ).exists()  # fell behind and recovered
        assert ArrearsCase.objects.filter(status=CaseStatus.OPEN, owner__username="income").exists()
        assert DirectDebitMandate.objects.exists() and MoneyAdviceOffer.objects.exists()
        before = _measures()
        collected, arrears, contacted, advice = (before[m][2] for m in RENT_MEASURES)
        assert (
            90 <= collected <= 110
            and 0 < arrears < 10
            and 70 <= contacted <= 100
            and 60 <= advice <= 100
        )
        export_folder(tmp_path / "out")
        transaction.set_rollback(True)
    import_folder(tmp_path / "out")
    assert _measures() == before
    assert balance_mismatches() == []
