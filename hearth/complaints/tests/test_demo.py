from __future__ import annotations

from datetime import date
from io import StringIO

from django.core.management import call_command

from hearth.complaints.models import (
    OPEN_STATUSES,
    Complaint,
    ComplaintResponse,
    SelfAssessmentAnswer,
)
from hearth.contacts.models import Contact
from hearth.core import measures
from hearth.core.timeline import events_for

TODAY = date(2026, 11, 26)


def test_the_demo_has_a_realistic_year_of_complaints_with_their_measures(db):
    call_command("demo", "--homes", "1000", "--today", TODAY.isoformat(), stdout=StringIO())
    complaints = Complaint.objects.all()
    assert 35 <= complaints.count() <= 55  # about 45 per 1,000 homes a year
    assert not complaints.filter(received_on__gt=TODAY).exists()
    assert complaints.filter(status__in=OPEN_STATUSES).exists()
    assert complaints.filter(stage2_requested_on__isnull=False).exists()
    assert complaints.exclude(stage1_extension_days=0, stage2_extension_days=0).exists()
    answered = complaints.filter(stage1_responded_on__isnull=False)
    responses = answered.count() + complaints.filter(stage2_responded_on__isnull=False).count()
    assert ComplaintResponse.objects.count() == responses
    complaint = answered.first()
    assert events_for(complaint).filter(verb="stage1_responded").exists()
    assert Contact.objects.filter(case_type="complaint", case_ref=complaint.ref).exists()
    assert SelfAssessmentAnswer.objects.filter(year=2026).exists()

    # Stage 2 is never handled by the stage 1 handler (Code 6.15).
    for escalated in complaints.filter(stage2_acknowledged_on__isnull=False):
        assert escalated.stage2_handler_id is not None
        assert escalated.stage2_handler_id != escalated.stage1_handler_id

    year = measures.report(date(2025, 11, 27), TODAY, only=["CH01.stage1", "CH02.stage1"])
    ch01, ch02 = year["measures"]
    assert ch01["numerator"] > 0 and ch01["value"] is not None
    # Some late, most on time.
    assert 0 < ch02["numerator"] < ch02["denominator"]
