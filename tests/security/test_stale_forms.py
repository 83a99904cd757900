"""Two officers editing the same case (issue #10): the second to submit a form shown before
the first one's change is told who changed the case and when, and nothing is overwritten.
The check is in the one staff action page (`hearth.core.action_page`), so every domain's
pages get it; here it is proved on complaints and on repairs."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse

from hearth.accounts.models import Role
from hearth.accounts.tests.factories import UserFactory
from hearth.complaints import services as complaints
from hearth.complaints.models import Complaint
from hearth.core.action_page import VERSION_FIELD
from hearth.core.models import TimelineEvent
from hearth.repairs.models import Repair
from hearth.repairs.tests.factories import london, make_repair

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def _shown(client: Client, url: str) -> str:
    """GET the form and give back the case version it carries."""
    page = client.get(url).content.decode()
    found = re.search(rf'name="{VERSION_FIELD}" value="(\d+)"', page)
    assert found, "the action page carries the case's version"
    return found.group(1)


def _signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _backdate_last_event(case: object, when: datetime) -> None:
    """The first officer's change is dated 12:19pm on 8 December 2026 (the clock runs on)."""
    event = TimelineEvent.objects.order_by("-pk").first()
    assert event is not None
    TimelineEvent.objects.filter(pk=event.pk).update(occurred_at=when)


def test_a_stale_complaint_form_is_refused_and_the_first_officers_choice_stands(tenancy) -> None:
    first: Any
    second: Any
    first, second = (
        UserFactory(username=name, first_name=name.title(), last_name="Officer",
                    role=Role.COMPLAINTS_OFFICER)
        for name in ("ann", "bob")
    )  # fmt: skip
    complaint = complaints.make_complaint(
        actor=None, tenancy=tenancy, category="repairs", description="The bath leaks.",
        desired_outcome="Fix it.", received_on=datetime(2026, 12, 1).date(),
    )  # fmt: skip
    url = reverse("complaints:assign", args=[complaint.ref, 1])
    ann, bob = _signed_in(first), _signed_in(second)
    ann_version, bob_version = _shown(ann, url), _shown(bob, url)
    assert ann_version == bob_version

    done = ann.post(url, {"handler": first.pk, VERSION_FIELD: ann_version})
    assert done.status_code == 302
    _backdate_last_event(complaint, datetime(2026, 12, 8, 12, 19, tzinfo=LONDON))
    events_before = TimelineEvent.objects.count()

    stale = bob.post(url, {"handler": second.pk, VERSION_FIELD: bob_version})

    assert stale.status_code == 200
    page = stale.content.decode()
    assert "Someone else changed this case at 12:19pm on 8 December 2026" in page
    assert "Ann Officer" in page
    assert "Nothing has been saved" in page
    assert Complaint.objects.get(pk=complaint.pk).handler_for(1) == first
    assert TimelineEvent.objects.count() == events_before

    # Having been told, the second officer can submit again from the page they were shown.
    again = re.search(rf'name="{VERSION_FIELD}" value="(\d+)"', page)
    assert again and again.group(1) != bob_version
    resubmitted = bob.post(url, {"handler": second.pk, VERSION_FIELD: again.group(1)})
    assert resubmitted.status_code == 302
    assert Complaint.objects.get(pk=complaint.pk).handler_for(1) == second


def test_a_stale_repair_priority_form_is_refused_and_the_first_priority_stands() -> None:
    first: Any = UserFactory(username="cleo", first_name="Cleo", last_name="Coordinator",
                        role=Role.REPAIRS_COORDINATOR)  # fmt: skip
    second = UserFactory(username="dev", first_name="Dev", last_name="Coordinator",
                         role=Role.REPAIRS_COORDINATOR)  # fmt: skip
    repair = make_repair(reported_at=london(2026, 12, 7, 9, 0), priority="routine")
    url = reverse("repairs:priority", args=[repair.ref])
    cleo, dev = _signed_in(first), _signed_in(second)
    cleo_version, dev_version = _shown(cleo, url), _shown(dev, url)

    done = cleo.post(url, {"priority": "urgent", "reason": "No water", VERSION_FIELD: cleo_version})
    assert done.status_code == 302
    _backdate_last_event(repair, datetime(2026, 12, 8, 14, 0, tzinfo=LONDON))

    stale = dev.post(url, {"priority": "emergency", "reason": "Flood", VERSION_FIELD: dev_version})

    page = stale.content.decode()
    assert stale.status_code == 200
    assert "Someone else changed this case at 2pm on 8 December 2026" in page
    assert "Cleo Coordinator" in page
    assert Repair.objects.get(pk=repair.pk).priority == "urgent"


def test_a_form_from_before_any_change_goes_through() -> None:
    coordinator = UserFactory(role=Role.REPAIRS_COORDINATOR)
    repair = make_repair(reported_at=london(2026, 12, 7, 9, 0), priority="routine")
    url = reverse("repairs:priority", args=[repair.ref])
    client = _signed_in(coordinator)
    version = _shown(client, url)
    response = client.post(
        url, {"priority": "urgent", "reason": "No water", VERSION_FIELD: version}
    )
    assert response.status_code == 302
    assert Repair.objects.get(pk=repair.pk).priority == "urgent"
