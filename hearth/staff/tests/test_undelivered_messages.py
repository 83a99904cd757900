"""Messages that did not reach a resident go to the people who can act, once, in plain words,
with "send again" and "post it by hand" (issue #15): the case's officer for a message that
could not reach this resident; the administrators, as one item, when texts and letters cannot
go at all because Notify is not set up."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse

from hearth.accounts.models import Role
from hearth.accounts.tests.factories import UserFactory
from hearth.accounts.tests.otp import sign_in_verified
from hearth.core.models import Message, MessageStatus, TimelineEvent
from hearth.core.notification_channels import NOTIFY_NOT_CONFIGURED
from hearth.core.notifications import (
    NO_ADDRESS,
    queue_message,
    record_posted_by_hand,
    will_send,
)
from hearth.core.work import work_for
from hearth.repairs.tests.factories import make_repair

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def notify_off(settings: Any) -> None:
    settings.NOTIFY_API_KEY = ""
    settings.NOTIFY_FILE_PATH = ""


def _text(key: str, person: Any, **fields: Any) -> Message:
    defaults = {
        "purpose": "repair_booked",
        "channel": "sms",
        "person": person,
        "to_address": "07700900123",
        "subject": f"Repair booked {key}",
        "body": "Your repair is booked.",
        "status": MessageStatus.NOT_SENT,
        "status_detail": NOTIFY_NOT_CONFIGURED,
    }
    return Message.objects.create(idempotency_key=key, **{**defaults, **fields})


def test_notify_not_set_up_is_one_item_for_administrators_and_nothing_for_officers(
    officer: Any, admin_user: Any, tenancy: Any
) -> None:
    estate_officer = UserFactory(role=Role.ESTATE_OFFICER, username="esme")
    for key in ("a", "b", "c"):
        _text(key, tenancy.lead_tenant, queued_by=officer)

    admin_items = [i for i in work_for(admin_user) if "not being sent" in i.title]
    officer_titles = [i.title for i in work_for(officer)]
    estate_titles = [i.title for i in work_for(estate_officer)]

    assert [i.title for i in admin_items] == [
        "Texts and letters are not being sent: Notify is not configured"
    ]
    assert admin_items[0].detail.startswith("3 messages are waiting.")
    assert "not sent: not sent" not in admin_items[0].title.lower()
    assert not [t for t in officer_titles if "Message" in t or "not being sent" in t]
    assert not [t for t in estate_titles if "Message" in t or "not being sent" in t]


def test_a_message_with_no_address_goes_to_the_officer_of_its_case_only(
    officer: Any, tenancy: Any
) -> None:
    other_officer = UserFactory(role=Role.HOUSING_OFFICER, username="other")
    repair = make_repair(
        reported_at=datetime(2026, 11, 30, 9, tzinfo=LONDON), home=tenancy.home, owner=officer
    )
    message = _text(
        "no-address",
        tenancy.lead_tenant,
        channel="letter",
        to_address="",
        status_detail=NO_ADDRESS,
        case_type=ContentType.objects.get_for_model(repair),
        case_id=str(repair.pk),
        queued_by=other_officer,
    )

    mine = [i for i in work_for(officer) if i.case_type == "Message"]
    theirs = [i for i in work_for(other_officer) if i.case_type == "Message"]

    assert [i.title for i in mine] == [f"Message not delivered: {message.subject}"]
    assert mine[0].detail == (
        "Rita Resident. We have no email address, mobile number or postal address for this person"
    )
    assert mine[0].url == reverse("staff:outbox-message", args=[message.pk])
    assert theirs == []


def test_the_message_page_offers_send_again_and_posting_it_by_hand(
    client: Client, officer: Any, tenancy: Any
) -> None:
    repair = make_repair(
        reported_at=datetime(2026, 11, 30, 9, tzinfo=LONDON), home=tenancy.home, owner=officer
    )
    message = _text(
        "failed",
        tenancy.lead_tenant,
        status=MessageStatus.FAILED,
        status_detail="failed: Notify rejected the message (phone number is not valid)",
        case_type=ContentType.objects.get_for_model(repair),
        case_id=str(repair.pk),
    )
    client.force_login(officer)

    page = client.get(reverse("staff:outbox-message", args=[message.pk])).content.decode()
    posted = client.post(reverse("staff:outbox-posted", args=[message.pk]))

    assert "Notify rejected the message (phone number is not valid)" in page
    assert "failed: " not in page
    assert "Send again" in page and "I have posted it by hand" in page
    assert posted.status_code == 302
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT
    assert message.status_detail == "posted by hand by Olu Officer"
    event = TimelineEvent.objects.get(verb="message_posted_by_hand")
    assert event.summary == "Olu Officer posted the text message “Repair booked failed” by hand"
    # Done: it leaves My work, and posting it again changes nothing.
    assert [i for i in work_for(officer) if i.case_type == "Message"] == []
    again = record_posted_by_hand(message=message, actor=officer)
    assert again.status_detail == "posted by hand by Olu Officer"
    assert TimelineEvent.objects.filter(verb="message_posted_by_hand").count() == 1


def test_a_resident_is_told_a_text_was_sent_only_when_it_can_go(
    notify_off: None,
    settings: Any,
    tmp_path: Path,
    tenancy: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    person = tenancy.lead_tenant
    person.contact_preference.channel = "sms"
    person.contact_preference.save()
    person.phone = "07700900123"
    person.save()

    with django_capture_on_commit_callbacks(execute=True):
        held = queue_message(person=person, purpose="welcome", context={}, idempotency_key="w1")
    held.refresh_from_db()

    assert held.channel == "sms"
    assert held.status == MessageStatus.NOT_SENT
    assert not will_send(held)

    # `make run` with no Notify key: texts and letters are written to files under var/.
    settings.NOTIFY_FILE_PATH = str(tmp_path)
    with django_capture_on_commit_callbacks(execute=True):
        written = queue_message(person=person, purpose="welcome", context={}, idempotency_key="w2")
    written.refresh_from_db()

    assert written.status == MessageStatus.SENT
    assert will_send(written)
    (text,) = (tmp_path / "texts").iterdir()
    assert text.read_text(encoding="utf-8").startswith("To: 07700900123\n")


def test_an_administrator_signed_in_sees_the_single_item_on_my_work(
    client: Client, admin_user: Any, tenancy: Any
) -> None:
    _text("x", tenancy.lead_tenant)
    _text("y", tenancy.lead_tenant)
    sign_in_verified(client, admin_user)

    html = client.get(reverse("staff:my-work")).content.decode()

    assert html.count("Texts and letters are not being sent") == 1
    assert "Not sent: not sent" not in html
