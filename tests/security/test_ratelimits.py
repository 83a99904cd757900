"""Public forms are rate-limited in the cache every process shares (issue #10, defect 3):
30 anonymous complaints once went through in 25 seconds, each emailing whatever address was
typed and starting a statutory clock."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.core import mail
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.urls import reverse

from hearth.accounts.models import ApiToken
from hearth.complaints.models import Complaint

pytestmark = pytest.mark.django_db


@pytest.fixture
def low_limits(settings):  # type: ignore[no-untyped-def]
    settings.HEARTH_RATE_LIMITS = {
        **settings.HEARTH_RATE_LIMITS,
        "complaint": "3/h",
        "complaint-address": "2/h",
        "password-reset": "3/h",
        "password-reset-address": "2/h",
    }


def _complain(client: Client, email: str, phone: str = "") -> Any:
    about_you = {"contact_name": "Pat Public", "contact_email": email, "contact_phone": phone}
    for step, data in {
        "about": {"category": "estate_services"},
        "what-happened": {"description": "The bins have not been emptied for two weeks."},
        "what-you-want": {"desired_outcome": "Empty them."},
        "about-you": about_you,
    }.items():
        client.post(reverse("complaints_portal:new-step", args=[step]), data)
    return client.post(reverse("complaints_portal:check"))


def test_the_shared_cache_is_a_table_in_the_database_that_migrate_creates() -> None:
    assert settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    assert "hearth_cache" in connection.introspection.table_names()
    caches["default"].set("hello", "there")
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM hearth_cache")
        assert cursor.fetchone()[0] == 1


def test_the_fourth_anonymous_complaint_from_one_address_in_an_hour_is_refused_kindly(
    low_limits,
) -> None:
    client = Client()
    for n in range(3):
        assert _complain(client, f"pat{n}@example.org").status_code == 302
    refused = _complain(client, "pat9@example.org")
    assert refused.status_code == 429
    page = refused.content.decode()
    assert "You have sent this too many times" in page and "govuk-heading-l" in page
    assert int(refused["Retry-After"]) > 0
    assert Complaint.objects.count() == 3
    assert [m.to for m in mail.outbox if "pat9@example.org" in m.to] == []


def test_one_typed_email_address_is_sent_two_complaints_an_hour_from_any_client(
    low_limits,
) -> None:
    for n in range(2):
        client = Client(REMOTE_ADDR=f"10.0.0.{n + 1}")
        assert _complain(client, "victim@example.org").status_code == 302
    third = _complain(Client(REMOTE_ADDR="10.0.0.3"), "Victim@Example.org")
    assert third.status_code == 429
    assert Complaint.objects.count() == 2


def test_password_resets_are_limited_per_client_and_per_address_typed_alike_for_strangers(
    low_limits, officer
) -> None:
    url = reverse("accounts:password-reset")
    client = Client(REMOTE_ADDR="10.0.1.1")
    answers = [client.post(url, {"email": officer.email}).status_code for _ in range(3)]
    assert answers == [302, 302, 429]
    assert len(mail.outbox) == 2
    # An address with no account is limited the same way: the limit reveals nothing.
    stranger = [
        Client(REMOTE_ADDR=f"10.0.2.{n}").post(url, {"email": "nobody@example.org"}).status_code
        for n in range(3)
    ]
    assert stranger == [302, 302, 429]
    # And one client is limited whichever addresses it types.
    hopper = Client(REMOTE_ADDR="10.0.3.1")
    hops = [hopper.post(url, {"email": f"a{n}@example.org"}).status_code for n in range(4)]
    assert hops == [302, 302, 302, 429]


def test_the_api_answers_a_429_problem_when_one_typed_address_is_sent_too_many_complaints(
    low_limits, officer
) -> None:
    _, raw = ApiToken.issue(user=officer, name="Test")
    api = Client(headers={"Authorization": f"Bearer {raw}"})
    body = {
        "category": "estate_services",
        "description": "Bins not emptied",
        "desired_outcome": "Empty them",
        "contact_name": "Pat Public",
        "contact_email": "victim@example.org",
    }
    answers = [
        api.post("/api/v1/complaints", body, content_type="application/json") for _ in range(3)
    ]
    assert [a.status_code for a in answers] == [201, 201, 429]
    refused = answers[-1]
    assert refused["Content-Type"] == "application/problem+json"
    assert refused.json()["status"] == 429 and int(refused["Retry-After"]) > 0
