"""The retention schedule for former tenants and uploaded files (issue #10), and the daily
`retention` sweep. Counted from 1 June 2032 with the default six years, the cutoff is
1 June 2026: a tenancy that ended on 31 May 2026 is past its period, one that ended on
1 June 2026 is not; a repair completed on 31 May 2026 loses its photos, and a gas safety
record whose next check fell due on 31 May 2026 loses its file.

A former tenant is anonymised only once every tenancy they were on is past its period and no
domain has an open case for them; the rent ledger stays, their name, date of birth, contact
details, support needs and portal account go, and each change is noted on their timeline."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from hearth.accounts.models import ApiToken, Role
from hearth.accounts.tests.factories import UserFactory
from hearth.complaints.models import Complaint
from hearth.complaints.tests.factories import ComplaintFactory
from hearth.core import sweeps
from hearth.core.models import SweepRun, TimelineEvent
from hearth.core.retention import REMOVED
from hearth.involvement.models import Interest
from hearth.lettings.models import TenancyEnding
from hearth.rents.models import Kind, Transaction
from hearth.rents.services.accounts import account_for
from hearth.rents.tests.factories import post
from hearth.repairs.models import RepairPhoto
from hearth.repairs.tests.factories import london, make_repair
from hearth.safety.models import SafetyCheck
from hearth.safety.tests.factories import SafetyCheckFactory
from hearth.tenancies.models import ContactPreference, Person, SupportNeed
from hearth.tenancies.tests.factories import PersonFactory, TenancyFactory
from tests.security.test_retention import _retention  # counted from 1 June 2032

pytestmark = pytest.mark.django_db


def _notes(record: Any) -> list[str]:
    return list(
        TimelineEvent.objects.filter(
            content_type=ContentType.objects.get_for_model(record), object_id=str(record.pk),
            verb="anonymised",
        ).values_list("summary", flat=True)
    )  # fmt: skip


def _former_tenant(name: str, *, ended: date | None, **person: Any) -> Person:
    who = PersonFactory(full_name=name, **person)
    TenancyFactory(lead_tenant=who, start_date=date(2015, 4, 6), end_date=ended)
    return who


@pytest.fixture
def people(settings: Any) -> dict[str, Any]:
    settings.HEARTH_RETENTION_YEARS = 6
    settings.HEARTH_RETENTION_YEARS_BY_RECORD = {}
    gone = _former_tenant("Gwen Gone", ended=date(2026, 5, 31), date_of_birth=date(1970, 3, 2),
                          phone="07700 900111", email="gwen@example.org")  # fmt: skip
    tenancy = gone.memberships.get().tenancy
    SupportNeed.objects.create(person=gone, kind="hearing", description="Gwen uses a hearing aid")
    ContactPreference.objects.create(person=gone, channel="letter", postal_address="1 New Road",
                                     representative_name="Rob Rep")  # fmt: skip
    Interest.objects.create(person=gone, ways=["surveys"], methods=["phone"],
                            registered_on=date(2024, 1, 8), diversity_consent=True,
                            age_band="55-64", ethnicity="White British")  # fmt: skip
    TenancyEnding.objects.create(tenancy=tenancy, notice_given_on=date(2026, 5, 3),
                                 end_date=date(2026, 5, 31), forwarding_address="9 Far Lane")  # fmt: skip
    account = account_for(tenancy)
    post(account, date(2026, 5, 4), Kind.RENT, "101.23")
    post(account, date(2026, 5, 5), Kind.PAYMENT_CASH, "-101.23")
    user = UserFactory(role=Role.RESIDENT, username="gwen", email="gwen@example.org", person=gone,
                       password="a long pass phrase 1")  # fmt: skip
    ApiToken.issue(user=user, name="Gwen's app")
    ComplaintFactory(complainant=gone, tenancy=tenancy, ref="CMP-GWEN", status="closed",
                     received_on=date(2026, 3, 2), stage1_acknowledged_on=date(2026, 3, 3),
                     stage1_responded_on=date(2026, 3, 20), compensation=Decimal("25.00"))  # fmt: skip
    # An open complaint with no one named: its empty complainant must not keep everyone.
    ComplaintFactory(ref="CMP-ANON", received_on=date(2032, 5, 3))
    found = {"gone": gone, "user": user, "account": account}
    found["recent"] = _former_tenant("Rita Recent", ended=date(2026, 6, 1))
    found["current"] = _former_tenant("Cara Current", ended=None)
    found["moved_within"] = _former_tenant("Mo Moved", ended=date(2020, 1, 5))
    TenancyFactory(lead_tenant=found["moved_within"], start_date=date(2020, 1, 6))
    found["open_case"] = _former_tenant("Olu Open", ended=date(2024, 2, 1))
    ComplaintFactory(complainant=found["open_case"], ref="CMP-OPEN", received_on=date(2032, 5, 10))
    found["never_a_tenant"] = PersonFactory(full_name="Nina Neighbour")
    return found


def test_the_dry_run_counts_the_one_former_tenant_past_the_period(people: dict[str, Any]) -> None:
    said = _retention("--dry-run")

    assert (
        "Former tenants: 1 closed before 1 June 2026 (6 years after their last tenancy ended)"
        in said
    )
    assert Person.objects.get(pk=people["gone"].pk).full_name == "Gwen Gone"


def test_a_former_tenant_is_anonymised_and_the_ledger_and_case_facts_stay(
    people: dict[str, Any],
) -> None:
    _retention()

    gone = Person.objects.get(pk=people["gone"].pk)
    assert (gone.full_name, gone.date_of_birth, gone.phone, gone.email) == (REMOVED, None, "", "")
    assert not SupportNeed.objects.filter(person=gone).exists()
    preference = ContactPreference.objects.get(person=gone)
    assert (preference.postal_address, preference.representative_name) == ("", "")
    assert preference.channel == "letter"
    assert not Interest.objects.filter(person=gone).exists()
    assert TenancyEnding.objects.get(tenancy__members__person=gone).forwarding_address == ""
    # The change history held the old name; it goes too.
    assert not Person.history.filter(id=gone.pk).exclude(full_name=REMOVED).exists()
    assert not SupportNeed.history.filter(person_id=gone.pk).exists()
    # The money ledger and the complaint's facts stay.
    ledger = Transaction.objects.filter(account=people["account"]).order_by("date")
    assert [(t.date, t.amount) for t in ledger] == [
        (date(2026, 5, 4), Decimal("101.23")), (date(2026, 5, 5), Decimal("-101.23")),
    ]  # fmt: skip
    kept = Complaint.objects.get(ref="CMP-GWEN")
    assert (kept.received_on, kept.compensation, kept.status) == (
        date(2026, 3, 2), Decimal("25.00"), "closed",
    )  # fmt: skip
    # The portal account is disabled: no password sign-in and no API token.
    user = type(people["user"]).objects.get(pk=people["user"].pk)
    assert (user.is_active, user.email, user.has_usable_password()) == (False, "", False)
    assert not ApiToken.objects.filter(user=user, revoked_at__isnull=True).exists()
    assert _notes(gone) == [
        "Anonymised under the retention schedule (6 years after their last tenancy ended)"
    ]
    for kept_name in ("recent", "current", "moved_within", "open_case", "never_a_tenant"):
        assert Person.objects.get(pk=people[kept_name].pk).full_name != REMOVED, kept_name

    assert "Former tenants: 0" in _retention()


@pytest.fixture
def uploads(settings: Any) -> dict[str, Any]:
    settings.HEARTH_RETENTION_YEARS = 6
    settings.HEARTH_RETENTION_YEARS_BY_RECORD = {}
    found: dict[str, Any] = {}
    for name, completed in (("old", london(2026, 5, 31, 15, 0)),
                            ("recent", datetime(2026, 6, 1, 9, 0, tzinfo=UTC))):  # fmt: skip
        repair = make_repair(reported_at=london(2026, 5, 20, 9, 0), status="completed",
                             completed_at=completed)  # fmt: skip
        photo = RepairPhoto(repair=repair, content_type="image/jpeg", size=4, width=1, height=1)
        photo.image.save(f"{name}.jpg", ContentFile(b"jpeg"), save=True)
        found[f"{name}_repair"], found[f"{name}_photo"] = repair, photo
    uploads_home = found["old_repair"].home
    for name, next_due in (("old", date(2026, 5, 31)), ("recent", date(2026, 6, 1))):
        check: Any = SafetyCheckFactory(ref=f"SC-{name}", home=uploads_home, done_on=date(2025, 5, 31),
                                        next_due_on=next_due)  # fmt: skip
        check.certificate.save(f"{name}.pdf", ContentFile(b"%PDF-1.4"), save=True)
        found[f"{name}_check"] = check
    return found


def test_files_past_their_period_are_deleted_with_a_note_on_their_case(
    uploads: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    old_photo, old_certificate = (
        uploads["old_photo"].image.name,
        uploads["old_check"].certificate.name,
    )
    assert default_storage.exists(old_photo) and default_storage.exists(old_certificate)
    said = _retention("--dry-run")
    assert "Repair photos: 1 closed before 1 June 2026" in said
    assert "Safety certificate files: 1 closed before 1 June 2026" in said

    with django_capture_on_commit_callbacks(execute=True):
        _retention()

    assert not default_storage.exists(old_photo)
    assert not RepairPhoto.objects.filter(pk=uploads["old_photo"].pk).exists()
    assert default_storage.exists(uploads["recent_photo"].image.name)
    assert _notes(uploads["old_repair"]) == [
        "Anonymised under the retention schedule (6 years after the repair was completed or cancelled)",
        "File deleted under the retention schedule (6 years after the repair was completed or cancelled)",
    ]
    assert not default_storage.exists(old_certificate)
    check = SafetyCheck.objects.get(ref="SC-old")
    assert (check.certificate.name, check.outcome, check.done_on) == (
        "", "satisfactory", date(2025, 5, 31),
    )  # fmt: skip
    assert _notes(check) == [
        "File deleted under the retention schedule (6 years after the next check fell due)"
    ]
    assert SafetyCheck.objects.get(ref="SC-recent").certificate.name.endswith(".pdf")
    assert _notes(uploads["recent_repair"]) == []


def test_the_retention_sweep_runs_once_a_day_whatever_the_number_of_workers(
    people: dict[str, Any],
) -> None:
    three_am = datetime(2032, 6, 1, 3, 0, tzinfo=UTC)

    run = sweeps.run_sweep("retention", now=three_am)
    again = sweeps.run_sweep("retention", now=datetime(2032, 6, 1, 22, 0, tzinfo=UTC))

    assert run is not None
    assert run.result == {"complaints.complaint": 1, "tenancies.person": 1}  # CMP-GWEN too
    assert again is None  # the same day's slot is taken
    assert SweepRun.objects.get(name="retention").slot == "2032-06-01T00:00:00Z"
    assert Person.objects.get(pk=people["gone"].pk).full_name == REMOVED
