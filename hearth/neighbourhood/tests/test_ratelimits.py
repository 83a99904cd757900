"""The estate reporting forms anyone can reach from a block poster's QR code, and the Open311
create endpoint, are rate-limited in the shared cache (issue #12): past the limit a person sees
the friendly 429 page and a GeoReport client a 429 error list, and nothing is created."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from hearth.accounts.models import ApiToken
from hearth.estates.tests.factories import BlockFactory
from hearth.neighbourhood.models import CleaningConcern, FlyTipReport

pytestmark = pytest.mark.django_db
OPEN311 = "/neighbourhood/open311/v2/requests.json"


@pytest.fixture
def low_limits(settings):  # type: ignore[no-untyped-def]
    settings.HEARTH_RATE_LIMITS = {
        **settings.HEARTH_RATE_LIMITS,
        "estate-report": "3/h",
        "estate-report-address": "2/h",
        "open311-create": "2/h",
    }


def test_the_fourth_cleaning_concern_from_one_address_in_an_hour_gets_the_friendly_429_page(
    low_limits,
) -> None:
    block = BlockFactory(ref="BLK-Q")
    url = reverse("neighbourhood_portal:qr-cleaning", args=[block.ref])
    client = Client(REMOTE_ADDR="10.9.0.1")
    answers = [client.post(url, {"description": f"Sticky floor {n}"}) for n in range(4)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    refused = answers[-1]
    assert "You have sent this too many times" in refused.content.decode()
    assert int(refused["Retry-After"]) > 0
    assert CleaningConcern.objects.count() == 3
    # Another client is not held up by the first one's limit.
    other = Client(REMOTE_ADDR="10.9.0.2").post(url, {"description": "Dirty stairs"})
    assert other.status_code == 200 and CleaningConcern.objects.count() == 4


def test_one_typed_email_address_gets_two_acknowledgements_an_hour_from_any_client(
    low_limits,
) -> None:
    block = BlockFactory(ref="BLK-Q")
    url = reverse("neighbourhood_portal:qr-flytipping", args=[block.ref])
    answers = [
        Client(REMOTE_ADDR=f"10.9.1.{n}").post(
            url, {"location": f"By the bins {n}", "email": "Victim@Example.org", "same": "new"}
        )
        for n in range(3)
    ]
    assert [a.status_code for a in answers] == [200, 200, 429]
    assert FlyTipReport.objects.count() == 2
    assert len([m for m in mail.outbox if "victim@example.org" in [t.lower() for t in m.to]]) <= 2


def test_open311_create_answers_429_in_the_georeport_error_format_past_the_limit(
    low_limits, client, estate_officer
) -> None:
    BlockFactory(ref="BLK-7")
    _token, raw = ApiToken.issue(user=estate_officer, name="FixMyStreet")
    body = {"api_key": raw, "service_code": "flytipping", "attribute[block]": "BLK-7",
            "description": "A sofa"}  # fmt: skip
    answers = [client.post(OPEN311, body) for _ in range(3)]
    assert [a.status_code for a in answers] == [201, 201, 429]
    refused = answers[-1]
    [error] = refused.json()
    assert error["code"] == 429 and "Too many requests" in error["description"]
    assert int(refused["Retry-After"]) > 0
    assert FlyTipReport.objects.count() == 2
