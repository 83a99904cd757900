from __future__ import annotations

from datetime import date
from io import StringIO

from django.core.management import call_command

from hearth.contacts.models import Contact
from hearth.core import measures
from hearth.neighbourhood.models import (
    AsbCase,
    CleaningConcern,
    CleaningTask,
    FlyTipReport,
    Inspection,
)

TODAY = date(2026, 11, 26)
IDS = ["estate.inspections_completed", "estate.inspections_publicised", "estate.flytipping_removed",
       "estate.cleaning_concerns_answered", "estate.cleaning_schedules_displayed", "asb.monthly_updates",
       "NM01.asb", "NM01.hate"]  # fmt: skip


def test_the_demo_has_a_realistic_year_of_neighbourhood_work_with_every_measure(db):
    call_command("demo", "--homes", "1000", "--today", TODAY.isoformat(), stdout=StringIO())
    assert Inspection.objects.filter(completed_on__isnull=False).exists()
    assert Inspection.objects.filter(scheduled_on__gt=TODAY, published_on__isnull=False).exists()
    assert CleaningTask.objects.exists()
    assert 20 <= CleaningConcern.objects.count() <= 60
    assert FlyTipReport.objects.filter(removed_on__isnull=True).exists()
    cases = AsbCase.objects.all()
    assert (
        cases.filter(triage="household_noise").exists()
        and cases.filter(hate_incident=True).exists()
    )
    assert Contact.objects.filter(case_type="asb", purpose="asb_update").exists()
    year = {m["id"]: m for m in measures.report(date(2025, 11, 27), TODAY, only=IDS)["measures"]}
    for measure_id in IDS:
        assert year[measure_id]["value"] is not None, measure_id
    for measure_id in IDS[:6]:
        assert 50 < year[measure_id]["value"] <= 100, (measure_id, year[measure_id])
