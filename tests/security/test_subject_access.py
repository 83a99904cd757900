"""A subject access export (issue #10): everything held about one person, as a ZIP of a PDF
summary and a CSV per kind of record, gathered from every domain through
`hearth.core.subject_access`. It holds a known row from each domain, nothing about another
resident, and nothing about the alleged perpetrator of an ASB case the person reported."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from hearth.accounts.models import Role
from hearth.accounts.tests.factories import UserFactory
from hearth.accounts.tests.otp import sign_in_verified
from hearth.complaints.tests.factories import ComplaintFactory
from hearth.contacts.models import Contact
from hearth.core import subject_access, timeline
from hearth.core.models import Message, TimelineEvent
from hearth.lettings.models import TenancyEnding
from hearth.neighbourhood.models import AsbParty, PartyRole
from hearth.neighbourhood.tests.factories import AsbCaseFactory, CleaningConcernFactory
from hearth.rents.models import Kind
from hearth.rents.services.accounts import account_for
from hearth.rents.tests.factories import post
from hearth.repairs.tests.factories import london, make_repair
from hearth.safety.models import ResidentCopy
from hearth.safety.tests.factories import SafetyCheckFactory
from hearth.tenancies.models import SensitiveAccessLog, SupportNeed

pytestmark = pytest.mark.django_db


def _held_by(tenancy: Any, *, name: str) -> None:
    """One known row in every domain for the lead tenant of `tenancy`, each naming `name`."""
    person = tenancy.lead_tenant
    SupportNeed.objects.create(person=person, kind="hearing", description=f"{name} hearing aid")
    account = account_for(tenancy)
    post(account, date(2026, 11, 2), Kind.RENT, "101.23")
    repair = make_repair(reported_at=london(2026, 11, 3, 9, 0), home=tenancy.home,
                         tenancy=tenancy, description=f"{name} boiler broken")  # fmt: skip
    timeline.record(repair, verb="note", summary=f"{name} boiler: engineer booked")
    ComplaintFactory(complainant=person, tenancy=tenancy, description=f"{name} complaint text")
    Contact.objects.create(ref=f"C-{name}", case_type="tenancy", case_ref=tenancy.ref,
                           channel="phone", purpose="other", notes=f"{name} phoned about parking")  # fmt: skip
    Message.objects.create(idempotency_key=f"m-{name}", purpose="test", channel="email",
                           person=person, to_address=f"{name}@example.org",
                           subject=f"{name} letter", body="Hello")  # fmt: skip
    TenancyEnding.objects.create(tenancy=tenancy, notice_given_on=date(2026, 11, 1),
                                 end_date=date(2026, 11, 29), reason=f"{name} moving away",
                                 forwarding_address=f"{name} new flat")  # fmt: skip
    check: Any = SafetyCheckFactory(home=tenancy.home, ref=f"SC-{name}")
    ResidentCopy.objects.create(safety_check=check, tenancy=tenancy, occasion="after_check",
                                given_on=date(2026, 6, 2), channel="email")  # fmt: skip
    CleaningConcernFactory(reporter=person, description=f"{name} stairs dirty")


def _export(tenancy: Any) -> dict[str, list[list[str]]]:
    data = subject_access.export(tenancy.lead_tenant, actor=None)
    return _read(data)


def _read(data: bytes) -> dict[str, list[list[str]]]:
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert archive.read("summary.pdf").startswith(b"%PDF")
    return {
        name.removesuffix(".csv"): list(
            csv.reader(io.StringIO(archive.read(name).decode("utf-8-sig")))
        )
        for name in archive.namelist()
        if name.endswith(".csv")
    }


def _text(files: dict[str, list[list[str]]]) -> str:
    return "\n".join(",".join(row) for rows in files.values() for row in rows)


def test_the_export_holds_a_known_row_from_every_domain_and_nothing_of_another_resident(
    tenancy: Any, other_tenancy: Any
) -> None:
    _held_by(tenancy, name="Rita")
    _held_by(other_tenancy, name="Omar")
    asb: Any = AsbCaseFactory(description="Loud music every night from next door")
    AsbParty.objects.create(case=asb, role=PartyRole.COMPLAINANT, person=tenancy.lead_tenant,
                            phone="07700900111")  # fmt: skip
    AsbParty.objects.create(case=asb, role=PartyRole.PERPETRATOR, name="Pete Perpetrator",
                            description="Tall, red car", phone="07700900999")  # fmt: skip

    files = _export(tenancy)

    assert files["person"][1][0] == "Rita Resident"
    assert files["support_needs"][1][:2] == ["Hearing", "Rita hearing aid"]
    assert files["rent_ledger"][1][:2] == ["T-RITA", "2026-11-02"]
    assert files["rent_ledger"][1][4] == "101.23"
    assert "Rita boiler broken" in files["repairs"][1]
    assert "Rita complaint text" in files["complaints"][1]
    assert "Rita phoned about parking" in files["contact_log"][1]
    assert "Rita letter" in files["messages"][1]
    assert "Rita new flat" in files["tenancy_endings"][1]
    assert files["safety_records_given"][1][:2] == ["T-RITA", "SC-Rita"]
    assert "Rita stairs dirty" in files["cleaning_concerns"][1]
    assert files["asb_cases"][1][0] == asb.ref and "07700900111" in files["asb_cases"][1]
    assert files["tenancies"][1][0] == "T-RITA"
    assert [r[2] for r in files["timeline"][1:] if r[0].startswith("repair")] == [
        "Rita boiler: engineer booked"
    ]

    everything = _text(files)
    assert "Omar" not in everything and "T-OMAR" not in everything
    assert "Pete" not in everything and "07700900999" not in everything
    assert "Tall, red car" not in everything


def test_a_formula_typed_into_a_record_comes_out_as_text(tenancy: Any) -> None:
    SupportNeed.objects.create(
        person=tenancy.lead_tenant, kind="other", description="=HYPERLINK(1)"
    )
    files = _export(tenancy)
    assert files["support_needs"][1][1] == "'=HYPERLINK(1)"


def test_a_manager_downloads_it_from_the_person_page_and_it_is_logged(
    client: Client, tenancy: Any
) -> None:
    manager: Any = UserFactory(role=Role.MANAGER, first_name="Mira", last_name="Manager")
    sign_in_verified(client, manager)
    person = tenancy.lead_tenant
    SupportNeed.objects.create(person=person, kind="hearing", description="Rita hearing aid")
    page = client.get(reverse("staff:person", args=[person.pk])).content.decode()
    url = reverse("staff:person-everything", args=[person.pk])
    assert "Download everything we hold" in page and url in page
    logged_before = SensitiveAccessLog.objects.filter(person=person).count()

    response = client.post(url)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    files = _read(response.content)
    assert files["support_needs"][1][1] == "Rita hearing aid"
    made = TimelineEvent.objects.filter(verb="subject_access_export", object_id=str(person.pk))
    assert made.get().actor == manager
    assert SensitiveAccessLog.objects.filter(person=person).count() == logged_before + 1


@pytest.mark.parametrize(
    "role",
    [Role.HOUSING_OFFICER, Role.INCOME_OFFICER, Role.COMPLAINTS_OFFICER,
     Role.REPAIRS_COORDINATOR, Role.OPERATIVE, Role.ESTATE_OFFICER],
)  # fmt: skip
def test_other_staff_roles_get_a_404(client: Client, tenancy: Any, role: str) -> None:
    user: Any = UserFactory(role=role)
    client.force_login(user)
    url = reverse("staff:person-everything", args=[tenancy.lead_tenant.pk])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert not TimelineEvent.objects.filter(verb="subject_access_export").exists()


def test_a_resident_gets_a_404_even_for_themselves(client: Client, resident: Any) -> None:
    client.force_login(resident)
    url = reverse("staff:person-everything", args=[resident.person_id])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404


def test_a_new_domain_is_covered_by_registering_a_source(tenancy: Any) -> None:
    def library(person: Any) -> list[subject_access.Part]:
        return [
            subject_access.Part("library", "Library loans", ["book"], [[f"{person} borrowed Emma"]])
        ]

    subject_access.sources.register(library, key="test.library")
    try:
        files = _export(tenancy)
    finally:
        subject_access.sources.unregister("test.library")
    assert files["library"] == [["book"], ["Rita Resident borrowed Emma"]]


def test_involvement_and_lettings_are_in_the_export_and_nothing_of_another_applicant(
    tenancy: Any, other_tenancy: Any
) -> None:
    from hearth.involvement.models import Interest, Invitation, Suggestion
    from hearth.involvement.tests.factories import SurveyFactory, respond
    from hearth.lettings.models import Offer
    from hearth.lettings.tests.factories import make_void
    from hearth.neighbourhood.models import Inspection, WalkaboutSignup

    rita = tenancy.lead_tenant
    Interest.objects.create(person=rita, ways=["panel"], methods=["phone", "large_print"],
                            registered_on=date(2026, 2, 3), diversity_consent=True,
                            age_band="35-44", ethnicity="Black British")  # fmt: skip
    Suggestion.objects.create(ref="S-RITA", text="Rita wants a bench", source="portal",
                              person=rita, received_on=date(2026, 3, 4))  # fmt: skip
    Suggestion.objects.create(ref="S-ANON", text="Unsigned: more bins", source="paper",
                              received_on=date(2026, 3, 5))  # fmt: skip
    survey = SurveyFactory()
    invitation = Invitation.objects.create(survey=survey, tenancy=tenancy, person=rita,
                                           channel="email", invited_on=date(2025, 9, 1),
                                           token="rita-token")  # fmt: skip
    response = respond(survey, date(2025, 9, 8), tenancy=tenancy, TP01="very_satisfied")
    response.invitation = invitation
    response.save()
    respond(survey, date(2025, 9, 9), tenancy=other_tenancy, TP01="very_dissatisfied")
    void = make_void(ref="V-1")
    Offer.objects.create(void=void, position=1, applicant_name="Rita Resident", band="B",
                         band_date=date(2024, 1, 2), bidding_number="1234567",
                         email="RITA@example.org", status="refused",
                         reason="Rita: too far from school", offered_on=date(2026, 3, 10),
                         viewing_on=date(2026, 3, 12), decided_on=date(2026, 3, 13))  # fmt: skip
    Offer.objects.create(void=void, position=2, applicant_name="Ann Applicant", band="A",
                         band_date=date(2023, 5, 6), bidding_number="7654321",
                         email="ann@example.org")  # fmt: skip
    inspection = Inspection.objects.create(ref="INS-1", block=tenancy.home.block,
                                           scheduled_on=date(2026, 4, 7))  # fmt: skip
    WalkaboutSignup.objects.create(inspection=inspection, person=rita)

    files = _export(tenancy)

    assert files["involvement_register"][1][:5] == [
        "2026-02-03", "panel", "phone, large_print", "", "yes",
    ]  # fmt: skip
    assert files["involvement_register"][1][6] == "Black British"
    assert [row[0] for row in files["suggestions"][1:]] == ["S-RITA"]
    assert files["survey_invitations"][1][1:3] == ["T-RITA", "2025-09-01"]
    assert files["survey_answers"][1:] == [
        ["Tenant satisfaction survey 2025 to 2026", "2025-09-08", "TP01", "very_satisfied"]
    ]
    assert len(files["lettings"]) == 2
    assert files["lettings"][1][0] == "V-1" and files["lettings"][1][7] == "Refused"
    assert files["lettings"][1][-1] == "Rita: too far from school"
    assert files["estate_walkabouts"][1][0] == "INS-1"
    everything = _text(files)
    assert "Ann" not in everything and "more bins" not in everything
    assert "very_dissatisfied" not in everything
