"""Neighbourhood over the API: staff with the capability see every inspection, concern, report
and case; a resident only what they reported (never the parties of an ASB case); anything else
is a 404, and every list is paged."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from hearth.accounts.models import ApiToken, Role
from hearth.accounts.tests.factories import UserFactory
from hearth.neighbourhood import services
from hearth.neighbourhood.models import AsbCaseRead
from hearth.neighbourhood.tests.factories import (
    CleaningConcernFactory,
    FlyTipReportFactory,
    InspectionFactory,
)

pytestmark = pytest.mark.django_db
API = "/api/v1/neighbourhood/"


def _api(user) -> Client:  # type: ignore[no-untyped-def]
    _token, raw = ApiToken.issue(user=user, name="test")
    return Client(headers={"Authorization": f"Bearer {raw}"})


def test_staff_page_through_inspections_filtered_by_block_and_state(estate_officer) -> None:
    first = InspectionFactory(scheduled_on=date(2026, 1, 15), completed_on=date(2026, 1, 15), grade="B", score=78)  # fmt: skip
    InspectionFactory(block=first.block, scheduled_on=date(2026, 2, 12))
    InspectionFactory(scheduled_on=date(2026, 2, 10))  # another block
    api = _api(estate_officer)
    page = api.get(API + "inspections", {"block_id": first.block_id, "page_size": 1}).json()
    assert page["count"] == 2 and page["next"] and page["previous"] is None
    assert [i["scheduled_on"] for i in page["items"]] == ["2026-01-15"]
    done = api.get(API + "inspections", {"state": "completed"}).json()
    assert [(i["ref"], i["grade"], i["score"]) for i in done["items"]] == [(first.ref, "B", 78)]
    ranged = api.get(API + "inspections", {"scheduled_from": "2026-02-11"}).json()
    assert [i["scheduled_on"] for i in ranged["items"]] == ["2026-02-12"]
    assert api.get(API + "inspections", {"scheduled_from": "2026-02-30"}).status_code == 422
    assert api.get(API + f"inspections/{first.ref}").json()["grades"] == []
    assert api.get(API + "inspections/INS-NONE").status_code == 404


def test_a_resident_sees_only_their_own_reports_and_a_404_for_anyone_elses(
    resident, other_resident, estate_officer
) -> None:
    mine = FlyTipReportFactory(reporter=resident.person)
    theirs = FlyTipReportFactory(reporter=other_resident.person)
    my_concern = CleaningConcernFactory(reporter=resident.person)
    their_concern = CleaningConcernFactory(reporter=other_resident.person)
    api = _api(resident)
    assert [r["ref"] for r in api.get(API + "fly-tipping").json()["items"]] == [mine.ref]
    assert [c["ref"] for c in api.get(API + "cleaning-concerns").json()["items"]] == [my_concern.ref]  # fmt: skip
    assert api.get(API + f"fly-tipping/{mine.ref}").status_code == 200
    assert api.get(API + f"fly-tipping/{theirs.ref}").status_code == 404
    assert api.get(API + f"cleaning-concerns/{their_concern.ref}").status_code == 404
    assert api.get(API + "inspections").status_code == 403
    staff = _api(estate_officer)
    assert {r["ref"] for r in staff.get(API + "fly-tipping").json()["items"]} == {mine.ref, theirs.ref}  # fmt: skip
    assert staff.get(API + "fly-tipping", {"state": "closed"}).json()["count"] == 0


def test_asb_cases_are_for_roles_that_work_them_and_a_complainant_never_sees_the_parties(
    resident, other_resident, estate_officer
) -> None:
    case = services.open_asb_case(category="Harassment", description="Threats on the stairs", channel="portal", actor=None, complainant=resident.person)  # fmt: skip
    services.add_party(case=case, role="perpetrator", name="Victor Neighbour", actor=None)
    other = services.open_asb_case(category="Noise", description="Music", channel="portal", actor=None, complainant=other_resident.person)  # fmt: skip

    staff = _api(estate_officer)
    listed = staff.get(API + "asb-cases").json()
    assert {c["ref"] for c in listed["items"]} == {case.ref, other.ref}
    detail = staff.get(API + f"asb-cases/{case.ref}").json()
    assert "Victor Neighbour" in [p["name"] for p in detail["parties"]]
    assert AsbCaseRead.objects.filter(case=case, user=estate_officer, what="API").count() == 1

    mine = _api(resident)
    assert [c["ref"] for c in mine.get(API + "asb-cases").json()["items"]] == [case.ref]
    seen = mine.get(API + f"asb-cases/{case.ref}")
    assert seen.status_code == 200 and "Victor" not in seen.content.decode()
    assert seen.json()["parties"] == [] and seen.json()["risk"] is None
    assert mine.get(API + f"asb-cases/{other.ref}").status_code == 404

    repairs = _api(UserFactory(username="coord", role=Role.REPAIRS_COORDINATOR))
    assert repairs.get(API + "asb-cases").status_code == 403
    assert repairs.get(API + f"asb-cases/{case.ref}").status_code == 404
