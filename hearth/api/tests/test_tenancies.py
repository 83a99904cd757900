"""Tenancies and people: staff see all; a resident sees only their own tenancies."""

from __future__ import annotations

from datetime import date

import pytest

from hearth.tenancies.tests.factories import TenancyFactory

pytestmark = pytest.mark.django_db


def test_staff_see_every_tenancy_with_its_home_and_household(
    token_client, officer, tenancy, other_tenancy
):
    body = token_client(officer).get("/api/v1/tenancies").json()
    assert body["count"] == 2
    rita = next(t for t in body["items"] if t["ref"] == "T-RITA")
    assert rita["home"]["id"] == tenancy.home_id
    assert rita["members"] == [
        {
            "person_id": tenancy.lead_tenant.pk,
            "name": "Rita Resident",
            "role": "lead_tenant",
            "relationship": "",
        }
    ]


def test_a_resident_lists_only_their_own_tenancies(token_client, resident, other_tenancy):
    body = token_client(resident).get("/api/v1/tenancies").json()
    assert [t["ref"] for t in body["items"]] == ["T-RITA"]
    assert body["count"] == 1


def test_a_resident_sees_their_own_tenancy(token_client, resident, tenancy):
    response = token_client(resident).get(f"/api/v1/tenancies/{tenancy.pk}")
    assert response.status_code == 200
    assert response.json()["ref"] == "T-RITA"


def test_another_residents_tenancy_is_a_404_for_a_resident(token_client, resident, other_tenancy):
    response = token_client(resident).get(f"/api/v1/tenancies/{other_tenancy.pk}")
    assert response.status_code == 404
    assert "T-OMAR" not in response.content.decode()


def test_a_resident_account_not_linked_to_a_person_sees_no_tenancies(token_client, tenancy):
    from hearth.accounts.models import Role
    from hearth.accounts.tests.factories import UserFactory

    unlinked = UserFactory(role=Role.RESIDENT, person=None)
    client = token_client(unlinked)
    assert client.get("/api/v1/tenancies").json()["count"] == 0
    assert client.get(f"/api/v1/tenancies/{tenancy.pk}").status_code == 404


def test_tenancies_can_be_filtered_to_current_or_ended(token_client, officer, tenancy):
    ended = TenancyFactory(ref="T-ENDED", start_date=date(2010, 1, 1), end_date=date(2019, 1, 1))
    client = token_client(officer)
    current = client.get("/api/v1/tenancies?current=true").json()
    past = client.get("/api/v1/tenancies?current=false").json()
    assert [t["ref"] for t in current["items"]] == ["T-RITA"]
    assert [t["ref"] for t in past["items"]] == [ended.ref]
    assert past["items"][0]["is_current"] is False


def test_tenancies_can_be_filtered_by_home(token_client, officer, tenancy, other_tenancy):
    body = token_client(officer).get(f"/api/v1/tenancies?home_id={other_tenancy.home_id}").json()
    assert [t["ref"] for t in body["items"]] == ["T-OMAR"]


def test_staff_see_a_person_with_contact_preference_and_tenancies(token_client, officer, tenancy):
    person = tenancy.lead_tenant
    body = token_client(officer).get(f"/api/v1/people/{person.pk}").json()
    assert body["full_name"] == "Rita Resident"
    assert body["contact_preference"]["channel"] == "email"
    assert body["memberships"] == [
        {"tenancy_id": tenancy.pk, "tenancy_ref": "T-RITA", "role": "lead_tenant"}
    ]
    assert "support_needs" not in body


def test_a_person_without_a_contact_preference_has_null(token_client, officer, other_tenancy):
    person = other_tenancy.lead_tenant
    body = token_client(officer).get(f"/api/v1/people/{person.pk}").json()
    assert body["contact_preference"] is None


def test_a_resident_may_not_look_up_people(token_client, resident, tenancy):
    response = token_client(resident).get(f"/api/v1/people/{tenancy.lead_tenant.pk}")
    assert response.status_code == 403
