"""The retention schedule (issue #10): `hearth retention --dry-run` lists, per kind of record,
what is past its period; without --dry-run those records are anonymised - names, contact
details and free text replaced - while the dates, categories and amounts the measures count
stay. Counted from 1 June 2032 with the default six years, the cutoff is 1 June 2026: a record
that closed on 31 May 2026 is due, one that closed on 1 June 2026 is not."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import call_command

from hearth.complaints.models import Complaint
from hearth.complaints.tests.factories import ComplaintFactory
from hearth.contacts.models import Contact
from hearth.core.models import Message, TimelineEvent
from hearth.core.retention import REMOVED
from hearth.neighbourhood.models import AsbCase, AsbParty, PartyRole
from hearth.neighbourhood.tests.factories import AsbCaseFactory
from hearth.repairs.models import Repair
from hearth.repairs.tests.factories import london, make_repair

pytestmark = pytest.mark.django_db
TODAY = "2032-06-01"


def _retention(*args: str) -> str:
    out = io.StringIO()
    call_command("retention", "--today", TODAY, *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def records(settings: Any) -> dict[str, Any]:
    settings.HEARTH_RETENTION_YEARS = 6
    settings.HEARTH_RETENTION_YEARS_BY_RECORD = {"neighbourhood.asb_case": 3}
    found: dict[str, Any] = {}
    found["old_complaint"] = ComplaintFactory(
        ref="CMP-OLD", received_on=date(2026, 5, 1), stage1_acknowledged_on=date(2026, 5, 4),
        stage1_responded_on=date(2026, 5, 29), contact_name="Casey Complainant",
        contact_email="casey@example.org", description="My kitchen tap", compensation=Decimal("50.00"),
    )  # fmt: skip
    found["recent_complaint"] = ComplaintFactory(
        ref="CMP-NEW", received_on=date(2026, 5, 20), stage1_acknowledged_on=date(2026, 5, 21),
        stage1_responded_on=date(2026, 6, 1), description="Still in its period",
    )  # fmt: skip
    found["open_complaint"] = ComplaintFactory(ref="CMP-OPEN", received_on=date(2020, 1, 6))
    found["old_repair"] = make_repair(
        reported_at=london(2026, 5, 20, 9, 0), status="completed",
        completed_at=london(2026, 5, 31, 15, 0), description="Boiler at Flat 4", location="Kitchen",
    )  # fmt: skip
    found["recent_repair"] = make_repair(
        reported_at=london(2026, 5, 20, 9, 0), status="completed",
        completed_at=datetime(2026, 6, 1, 9, 0, tzinfo=UTC), description="Still kept",
    )  # fmt: skip
    found["open_repair"] = make_repair(
        reported_at=london(2020, 1, 6, 9, 0), description="Still open"
    )
    found["asb"] = AsbCaseFactory(ref="ASB-OLD", opened_on=date(2029, 1, 5), closed_on=date(2029, 5, 31),
                                  description="Loud music from Flat 9")  # fmt: skip
    AsbParty.objects.create(case=found["asb"], role=PartyRole.PERPETRATOR, name="Pat Perpetrator",
                            phone="07700900999")  # fmt: skip
    found["asb_recent"] = AsbCaseFactory(ref="ASB-NEW", opened_on=date(2029, 5, 1),
                                         closed_on=date(2029, 6, 1), description="Kept")  # fmt: skip
    found["contact"] = Contact.objects.create(
        ref="C-OLD", case_type="tenancy", case_ref="T-1", contacted_on=date(2026, 5, 31),
        channel="phone", purpose="arrears", notes="Said she lost her job",
    )  # fmt: skip
    found["message"] = Message.objects.create(
        idempotency_key="old", purpose="welcome", channel="email", status="sent",
        to_address="casey@example.org", subject="Welcome", body="Dear Casey",
        created_at=datetime(2026, 5, 1, 10, 0, tzinfo=UTC),
    )  # fmt: skip
    return found


def test_the_dry_run_counts_each_kind_of_record_past_its_period_and_changes_nothing(
    records: dict[str, Any],
) -> None:
    said = _retention("--dry-run")

    assert "Dry run: nothing is changed" in said
    assert "Complaints: 1 closed before 1 June 2026 (6 years after the complaint closed)" in said
    assert "Repairs: 1 closed before 1 June 2026" in said
    assert "ASB cases: 1 closed before 1 June 2029 (3 years after the case closed)" in said
    assert "Contact log notes: 1 closed before 1 June 2026" in said
    assert "Messages sent: 1 closed before 1 June 2026" in said
    assert "Total: 5" in said
    assert Complaint.objects.get(ref="CMP-OLD").contact_name == "Casey Complainant"
    assert not Complaint.objects.filter(description=REMOVED).exists()


def test_anonymising_removes_who_and_what_was_said_and_keeps_what_measures_count(
    records: dict[str, Any],
) -> None:
    said = _retention()

    assert "Total: 5" in said
    old = Complaint.objects.get(ref="CMP-OLD")
    assert (old.contact_name, old.contact_email, old.description) == ("", "", REMOVED)
    assert (old.received_on, old.stage1_responded_on, old.compensation, old.category) == (
        date(2026, 5, 1), date(2026, 5, 29), Decimal("50.00"), "repairs",
    )  # fmt: skip
    assert Complaint.objects.get(ref="CMP-NEW").description == "Still in its period"
    assert Complaint.objects.get(ref="CMP-OPEN").description != REMOVED
    repair = Repair.objects.get(pk=records["old_repair"].pk)
    assert (repair.description, repair.location, repair.priority) == (REMOVED, "", "routine")
    assert Repair.objects.get(pk=records["recent_repair"].pk).description == "Still kept"
    assert Repair.objects.get(pk=records["open_repair"].pk).description == "Still open"
    assert AsbCase.objects.get(ref="ASB-OLD").description == REMOVED
    assert AsbCase.objects.get(ref="ASB-OLD").closed_on == date(2029, 5, 31)
    assert list(AsbParty.objects.values_list("name", "phone")) == [("", "")]
    assert AsbCase.objects.get(ref="ASB-NEW").description == "Kept"
    assert Contact.objects.get(ref="C-OLD").notes == ""
    message = Message.objects.get(idempotency_key="old")
    assert (message.to_address, message.body, message.status) == ("", REMOVED, "sent")
    assert TimelineEvent.objects.filter(verb="retention_applied").count() == 1

    again = _retention()
    assert "Total: 0" in again
