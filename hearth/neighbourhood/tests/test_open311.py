"""The Open311 GeoReport v2 endpoint, called as a GeoReport v2 client calls it (the published
specification, http://wiki.open311.org/GeoReport_v2): discover the services and the definition,
post a form-encoded request with an API key, then read its status and the filtered list."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from hearth.accounts.models import ApiToken
from hearth.core.models import Message
from hearth.estates.tests.factories import BlockFactory
from hearth.neighbourhood import services
from hearth.neighbourhood.models import FlyTipReport

pytestmark = pytest.mark.django_db
BASE = "/neighbourhood/open311/v2/"


class GeoReportClient:
    """A minimal GeoReport v2 client: JSON format, form-encoded POSTs."""

    def __init__(self, client, api_key: str) -> None:
        self.http = client
        self.api_key = api_key

    def services(self):
        return self.http.get(BASE + "services.json")

    def definition(self, code: str):
        return self.http.get(BASE + f"services/{code}.json")

    def post_request(self, **fields):
        return self.http.post(BASE + "requests.json", {"api_key": self.api_key, **fields})

    def request(self, request_id: str):
        return self.http.get(BASE + f"requests/{request_id}.json")

    def requests(self, **params):
        return self.http.get(BASE + "requests.json", params)


@pytest.fixture
def georeport(client, estate_officer):
    _token, raw = ApiToken.issue(user=estate_officer, name="FixMyStreet")
    return GeoReportClient(client, raw)


def test_a_client_reports_fly_tipping_which_is_removed_and_the_reporter_is_told(
    georeport, estate_officer
):
    block = BlockFactory(ref="BLK-7", name="Nye Bevan House")
    listed = georeport.services().json()
    assert {s["service_code"] for s in listed} == {"flytipping", "cleaning"}
    assert all(s["type"] == "realtime" and s["metadata"] is True for s in listed)
    definition = georeport.definition("flytipping").json()
    attribute = definition["attributes"][0]
    assert attribute["code"] == "block" and attribute["required"] is True
    assert {"key": "BLK-7", "name": f"Nye Bevan House, {block.estate.name}"} in attribute["values"]

    created = georeport.post_request(
        service_code="flytipping", **{"attribute[block]": "BLK-7"}, lat="51.5570", long="-0.0420",
        address_string="Behind the garages", description="Two mattresses and a sofa",
        email="fms-user@example.org", first_name="Frankie", last_name="Reporter",
    )  # fmt: skip
    assert created.status_code == 201
    [receipt] = created.json()
    request_id = receipt["service_request_id"]
    assert receipt["service_notice"] == "We will remove it within 3 working days."

    [status] = georeport.request(request_id).json()
    assert (status["status"], status["service_code"], status["address_id"]) == (
        "open",
        "flytipping",
        "BLK-7",
    )
    assert status["lat"] == 51.557 and "fms-user" not in str(status)

    report = FlyTipReport.objects.get(ref=request_id)
    assert report.channel == "open311"
    services.record_flytipping_removed(report=report, actor=estate_officer)
    [status] = georeport.request(request_id).json()
    assert status["status"] == "closed"
    told = Message.objects.get(purpose="flytipping_removed")
    assert told.to_address == "fms-user@example.org"


def test_the_request_list_filters_by_date_and_status(georeport, estate_officer):
    block = BlockFactory(ref="BLK-1")
    now = timezone.now()
    old = services.report_flytipping(block=block, location="Old", channel="phone", actor=None, received_at=now - timedelta(days=20))  # fmt: skip
    fresh = services.report_flytipping(block=block, location="New", channel="phone", actor=None)
    services.record_flytipping_removed(report=old, actor=estate_officer)
    everything = [
        r["service_request_id"] for r in georeport.requests(service_code="flytipping").json()
    ]
    assert everything == [fresh.ref, old.ref]
    closed = georeport.requests(service_code="flytipping", status="closed").json()
    assert [r["service_request_id"] for r in closed] == [old.ref]
    recent = georeport.requests(service_code="flytipping", start_date=(now - timedelta(days=2)).isoformat()).json()  # fmt: skip
    assert [r["service_request_id"] for r in recent] == [fresh.ref]
    by_id = georeport.requests(service_request_id=f"{old.ref},{fresh.ref}").json()
    assert {r["service_request_id"] for r in by_id} == {old.ref, fresh.ref}


def test_bad_calls_get_the_specifications_error_list_never_a_500(georeport, client):
    BlockFactory(ref="BLK-2")
    no_key = client.post(
        BASE + "requests.json", {"service_code": "flytipping", "attribute[block]": "BLK-2"}
    )
    assert no_key.status_code == 403 and no_key.json()[0]["code"] == 403
    no_block = georeport.post_request(service_code="flytipping", description="Sofa")
    assert no_block.status_code == 400 and "attribute[block]" in no_block.json()[0]["description"]
    unknown = georeport.post_request(service_code="potholes", **{"attribute[block]": "BLK-2"})
    assert unknown.status_code == 400
    assert georeport.request("FT-NOPE").status_code == 404
    assert georeport.definition("potholes").status_code == 404
    assert georeport.requests(start_date="yesterday").status_code == 400
    assert georeport.requests(status="pending").status_code == 400
