from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from hearth.core import notification_channels, notifications, sweeps
from hearth.core.models import Message, MessageStatus, TimelineEvent
from hearth.core.notification_channels import NOTIFY_NOT_CONFIGURED, email_message_id
from hearth.core.notifications_render import UnknownPurpose
from hearth.core.queries import outbox_counts, outbox_for_staff
from hearth.core.tests.notify_servers import FakeNotify, free_port, notify_server, smtp_server
from hearth.tenancies.tests.factories import (
    ContactPreferenceFactory,
    PersonFactory,
    TenancyFactory,
)


def use_smtp(settings: Any, port: int) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5
    settings.DEFAULT_FROM_EMAIL = "housing@hearth.example"


@pytest.fixture
def smtp(settings: Any) -> Iterator[Any]:
    with smtp_server() as server:
        use_smtp(settings, server.port)
        yield server


@pytest.fixture
def notify(settings: Any) -> Iterator[FakeNotify]:
    with notify_server() as fake:
        settings.NOTIFY_API_KEY = fake.api_key
        settings.NOTIFY_BASE_URL = fake.base_url
        settings.NOTIFY_SMS_TEMPLATE_ID = "f33517ff-2a88-4f6e-b855-c550268ce08a"
        settings.NOTIFY_LETTER_TEMPLATE_ID = "0ba3a3ce-2f64-4b7e-9f22-2a7c2c4f5c1e"
        yield fake


def person_preferring(channel: str, **person: Any) -> Any:
    someone = PersonFactory(**person)
    ContactPreferenceFactory(person=someone, channel=channel)
    TenancyFactory(lead_tenant=someone, home__address="Flat 4, Nightingale House, Clapton Park")
    return someone


def welcome(person: Any, *, key: str = "welcome:1", case: Any = None) -> Message:
    return notifications.queue_message(
        person=person, purpose="welcome", context={}, case=case, idempotency_key=key
    )


def test_an_email_is_delivered_to_the_mail_server_only_after_the_transaction_commits(
    tenancy: Any, smtp: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        message = welcome(tenancy.lead_tenant)
        assert smtp.received == []
        assert Message.objects.get(pk=message.pk).status == MessageStatus.QUEUED

    message.refresh_from_db()
    assert message.status == MessageStatus.SENT
    assert message.attempts == 1
    assert message.sent_at is not None
    [envelope] = smtp.received
    assert envelope.rcpt_tos == ["rita@example.org"]
    assert envelope.mail_from == "housing@hearth.example"
    [received] = smtp.emails()
    assert received["Subject"] == message.subject
    assert received["Message-ID"] == email_message_id(message) == message.provider_reference
    assert "Dear Rita Resident," in received.get_content()


def test_queueing_the_same_idempotency_key_twice_keeps_one_row_and_sends_one_email(
    tenancy: Any, smtp: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        first = welcome(tenancy.lead_tenant, key="welcome:T-RITA")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        second = welcome(tenancy.lead_tenant, key="welcome:T-RITA")

    assert second.pk == first.pk
    assert callbacks == []
    assert Message.objects.filter(idempotency_key="welcome:T-RITA").count() == 1
    assert len(smtp.received) == 1


def test_a_message_already_sent_is_never_sent_again(
    tenancy: Any, smtp: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        message = welcome(tenancy.lead_tenant)

    assert notifications.send_message(message.pk) == "skipped"
    later = timezone.now() + timedelta(days=1)
    assert notifications.send_due_messages(now=later) == {}
    assert len(smtp.received) == 1


def test_when_the_mail_server_is_down_the_email_is_retried_with_backoff_and_sent_by_a_later_sweep(
    tenancy: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    port = free_port()
    use_smtp(settings, port)
    with django_capture_on_commit_callbacks(execute=True):
        message = welcome(tenancy.lead_tenant)

    message.refresh_from_db()
    assert message.status == MessageStatus.RETRYING
    assert message.attempts == 1
    assert message.status_detail.startswith("attempt 1 failed: could not reach the mail server")
    assert message.last_attempt_at is not None
    assert message.next_attempt_at == message.last_attempt_at + timedelta(minutes=1)

    not_yet = message.last_attempt_at + timedelta(seconds=30)
    assert notifications.send_due_messages(now=not_yet) == {}
    second_try = message.last_attempt_at + timedelta(minutes=1)
    assert notifications.send_due_messages(now=second_try) == {"retrying": 1}
    message.refresh_from_db()
    assert message.attempts == 2
    assert message.next_attempt_at == second_try + timedelta(minutes=5)

    with smtp_server(port) as server:
        run = sweeps.run_sweep("outbox", now=second_try + timedelta(minutes=5))
        assert run is not None and run.result == {"sent": 1}
        assert [envelope.rcpt_tos for envelope in server.received] == [["rita@example.org"]]
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT
    assert message.attempts == 3
    assert message.status_detail == ""


def test_a_message_that_keeps_failing_is_marked_failed_after_five_attempts(
    tenancy: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    use_smtp(settings, free_port())
    with django_capture_on_commit_callbacks(execute=True):
        message = welcome(tenancy.lead_tenant)

    when = timezone.now()
    for delay_minutes in (1, 5, 30, 120):
        message.refresh_from_db()
        assert message.status == MessageStatus.RETRYING
        assert message.next_attempt_at is not None
        assert message.next_attempt_at - message.last_attempt_at == timedelta(minutes=delay_minutes)  # type: ignore[operator]
        when = message.next_attempt_at
        notifications.send_due_messages(now=when)

    message.refresh_from_db()
    assert message.status == MessageStatus.FAILED
    assert message.attempts == notifications.MAX_ATTEMPTS == 5
    assert message.status_detail.startswith("failed after 5 attempts: could not reach")
    assert message.next_attempt_at is None
    assert notifications.send_due_messages(now=when + timedelta(days=1)) == {}


def test_with_no_notify_key_a_text_message_stays_in_the_outbox_as_not_sent(
    db: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.NOTIFY_API_KEY = ""
    person = person_preferring("sms", phone="07700 900456")
    with django_capture_on_commit_callbacks(execute=True):
        message = welcome(person)

    message.refresh_from_db()
    assert message.channel == "sms"
    assert message.status == MessageStatus.NOT_SENT
    assert message.status_detail == "not sent: Notify is not configured" == NOTIFY_NOT_CONFIGURED
    assert notifications.send_due_messages(now=timezone.now() + timedelta(hours=1)) == {}


def test_with_notify_configured_a_text_message_goes_through_the_notify_client(
    db: Any, notify: FakeNotify, django_capture_on_commit_callbacks: Any
) -> None:
    person = person_preferring("sms", phone="07700 900456")
    with django_capture_on_commit_callbacks(execute=True):
        message = welcome(person, key="welcome:sms")

    message.refresh_from_db()
    assert message.status == MessageStatus.SENT, message.status_detail
    [request] = notify.requests
    assert request["path"] == "/v2/notifications/sms"
    assert request["body"]["phone_number"] == "07700 900456"
    assert request["body"]["template_id"] == "f33517ff-2a88-4f6e-b855-c550268ce08a"
    assert request["body"]["personalisation"] == {"body": message.body}
    assert request["body"]["reference"] == "welcome:sms"
    assert message.provider_reference and len(message.provider_reference) == 36


def test_a_letter_goes_to_notify_with_the_home_address_and_records_large_print(
    db: Any, notify: FakeNotify, django_capture_on_commit_callbacks: Any
) -> None:
    person = person_preferring("letter", full_name="Lena Letter")
    person.contact_preference.large_print = True
    person.contact_preference.save()
    with django_capture_on_commit_callbacks(execute=True):
        message = welcome(person)

    message.refresh_from_db()
    assert message.status == MessageStatus.SENT, message.status_detail
    assert message.large_print is True
    assert message.to_address == "Lena Letter\nFlat 4\nNightingale House\nClapton Park\nE5 0PU"
    [request] = notify.requests
    assert request["path"] == "/v2/notifications/letter"
    assert request["body"]["personalisation"] == {
        "address_line_1": "Lena Letter",
        "address_line_2": "Flat 4",
        "address_line_3": "Nightingale House",
        "address_line_4": "Clapton Park",
        "address_line_5": "E5 0PU",
        "subject": message.subject,
        "body": message.body,
    }


def test_notify_refusing_a_message_fails_it_at_once_but_a_notify_outage_is_retried(
    db: Any, notify: FakeNotify, django_capture_on_commit_callbacks: Any
) -> None:
    notify.reply_with = (
        400,
        {
            "errors": [
                {"error": "ValidationError", "message": "phone_number Not a UK mobile number"}
            ]
        },
    )
    with django_capture_on_commit_callbacks(execute=True):
        refused = welcome(person_preferring("sms", phone="0207 946 0000"), key="a")
    notify.reply_with = (500, {"errors": [{"error": "Exception", "message": "Internal error"}]})
    with django_capture_on_commit_callbacks(execute=True):
        outage = welcome(person_preferring("sms", phone="07700 900789"), key="b")

    refused.refresh_from_db()
    outage.refresh_from_db()
    assert refused.status == MessageStatus.FAILED
    assert refused.status_detail == (
        "failed: Notify rejected the message (phone_number Not a UK mobile number)"
    )
    assert outage.status == MessageStatus.RETRYING
    assert outage.next_attempt_at is not None

    notify.reply_with = None
    assert notifications.send_due_messages(now=outage.next_attempt_at) == {"sent": 1}
    assert [r["body"]["reference"] for r in notify.requests] == ["a", "b", "b"]


@pytest.mark.parametrize(
    ("preferred", "person", "channel", "address", "note"),
    [
        ("sms", {"phone": "07700 900111"}, "sms", "07700 900111", ""),
        ("email", {"email": "e@example.org"}, "email", "e@example.org", ""),
        (
            "sms",
            {"phone": "", "email": "e@example.org"},
            "email",
            "e@example.org",
            "Prefers text message, but we have no mobile number for them.",
        ),
        (
            "email",
            {"email": "", "full_name": "Noel Email"},
            "letter",
            "Noel Email\nFlat 4\nNightingale House\nClapton Park\nE5 0PU",
            "Prefers email, but we have no email address for them.",
        ),
        (
            "letter",
            {"full_name": "Lou Letter"},
            "letter",
            "Lou Letter\nFlat 4\nNightingale House\nClapton Park\nE5 0PU",
            "",
        ),
    ],
)
def test_the_residents_preferred_channel_is_used_when_we_hold_its_address(
    db: Any, preferred: str, person: dict[str, str], channel: str, address: str, note: str
) -> None:
    message = welcome(person_preferring(preferred, **person))

    assert (message.channel, message.to_address, message.routing_note) == (channel, address, note)
    assert message.status == MessageStatus.QUEUED


def test_a_correspondence_address_is_used_for_letters_in_place_of_the_home(db: Any) -> None:
    person = person_preferring("letter", full_name="Cara Care")
    person.contact_preference.postal_address = "c/o Sister\n12 Other Road\nLondon\nN1 1AA"
    person.contact_preference.save()

    message = welcome(person)

    assert message.to_address == "Cara Care\nc/o Sister\n12 Other Road\nLondon\nN1 1AA"


def test_with_no_usable_address_the_message_is_kept_as_not_sent_with_the_reason(
    db: Any, django_capture_on_commit_callbacks: Any
) -> None:
    nowhere = PersonFactory(email="", phone="")
    ContactPreferenceFactory(person=nowhere, channel="sms")

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        message = welcome(nowhere)

    assert callbacks == []
    assert message.status == MessageStatus.NOT_SENT
    assert message.to_address == ""
    assert message.status_detail == (
        "not sent: we have no email address, mobile number or postal address for this person"
    )


def test_a_message_about_a_case_is_recorded_on_the_case_timeline_for_the_resident(
    tenancy: Any, officer: Any
) -> None:
    message = notifications.queue_message(
        person=tenancy.lead_tenant,
        purpose="case_update",
        context={"case_ref": "T-RITA", "update": "Your tenancy agreement is ready to sign."},
        case=tenancy,
        idempotency_key="update:1",
        actor=officer,
    )

    assert (message.case_type, message.case_id) == (
        ContentType.objects.get_for_model(tenancy),
        str(tenancy.pk),
    )
    assert message.queued_by == officer
    [event] = TimelineEvent.objects.filter(object_id=str(tenancy.pk), verb="message_queued")
    assert event.visible_to_resident is True
    assert event.actor == officer
    assert event.details["message_id"] == message.pk
    assert "Your tenancy agreement is ready to sign." in message.body
    assert message.subject == "An update from Your landlord (T-RITA)"


def test_a_message_not_about_a_case_writes_no_timeline_event(tenancy: Any) -> None:
    welcome(tenancy.lead_tenant)

    assert not TimelineEvent.objects.filter(verb="message_queued").exists()


def test_words_are_not_html_escaped_in_plain_text_messages(db: Any) -> None:
    person = person_preferring("email", full_name="Aoife O'Brien & Family")

    message = welcome(person)

    assert "Dear Aoife O'Brien & Family," in message.body


def test_an_unsupported_language_is_recorded_and_the_message_written_in_english(db: Any) -> None:
    person = person_preferring("email")
    person.contact_preference.language = "Bengali"
    person.contact_preference.save()

    message = welcome(person)

    assert (message.language, message.requested_language) == ("en-gb", "Bengali")


def test_a_supported_language_is_rendered_with_that_language_active(
    db: Any, settings: Any, tmp_path: Path
) -> None:
    welsh = tmp_path / "notifications" / "cy"
    welsh.mkdir(parents=True)
    (welsh / "welcome.email.txt").write_text(
        "{% load i18n %}{% get_current_language as lang %}Croeso, {{ name }} [{{ lang }}]"
    )
    settings.LANGUAGES = [("en-gb", "English"), ("cy", "Welsh")]
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    person = person_preferring("email", full_name="Dafydd Jones")
    person.contact_preference.language = "Welsh"
    person.contact_preference.save()

    message = welcome(person)

    assert message.language == "cy"
    assert message.body == "Croeso, Dafydd Jones [cy]"


def test_a_staff_member_without_an_email_address_gets_a_not_sent_row(
    officer: Any, tenancy: Any
) -> None:
    officer.email = ""
    officer.save()

    message = notifications.queue_staff_message(
        user=officer,
        purpose="due_reminder_staff",
        context={"title": "Repair R1", "due": timezone.localdate(), "state": "Due soon"},
        case=tenancy,
        idempotency_key="reminder:x",
    )

    assert message.status == MessageStatus.NOT_SENT
    assert message.status_detail == "not sent: Olu Officer has no email address"
    event = TimelineEvent.objects.get(verb="message_queued")
    assert event.visible_to_resident is False


def test_an_unsent_message_can_be_sent_again_once_notify_is_configured(
    settings: Any, officer: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.NOTIFY_API_KEY = ""
    person = person_preferring("sms", phone="07700 900456")
    with django_capture_on_commit_callbacks(execute=True):
        message = welcome(person)
    message.refresh_from_db()
    assert message.status == MessageStatus.NOT_SENT

    with notify_server() as fake:
        settings.NOTIFY_API_KEY = fake.api_key
        settings.NOTIFY_BASE_URL = fake.base_url
        settings.NOTIFY_SMS_TEMPLATE_ID = "f33517ff-2a88-4f6e-b855-c550268ce08a"
        with django_capture_on_commit_callbacks(execute=True):
            notifications.resend_message(message=message, actor=officer)
        assert len(fake.requests) == 1

    message.refresh_from_db()
    assert message.status == MessageStatus.SENT


def test_a_purpose_with_no_template_is_refused_before_anything_is_stored(tenancy: Any) -> None:
    with pytest.raises(UnknownPurpose, match="No notification template for purpose 'nonsense'"):
        notifications.queue_message(
            person=tenancy.lead_tenant, purpose="nonsense", context={}, idempotency_key="x"
        )

    assert not Message.objects.exists()


def test_the_staff_outbox_lists_failed_and_unsent_messages_before_the_rest(db: Any) -> None:
    sent = welcome(person_preferring("email"), key="sent")
    failed = welcome(person_preferring("email"), key="failed")
    unsent = welcome(PersonFactory(email="", phone=""), key="unsent")
    waiting = welcome(person_preferring("email"), key="waiting")
    Message.objects.filter(pk=sent.pk).update(status=MessageStatus.SENT)
    Message.objects.filter(pk=failed.pk).update(status=MessageStatus.FAILED)

    listed = [m.idempotency_key for m in outbox_for_staff()]

    assert listed == ["failed", "unsent", "waiting", "sent"]
    assert [m.pk for m in outbox_for_staff(status="not_sent")] == [unsent.pk]
    assert waiting.status == MessageStatus.QUEUED
    assert outbox_counts() == {"queued": 1, "sent": 1, "retrying": 0, "failed": 1, "not_sent": 1}


def test_a_message_to_someone_with_no_person_record_goes_to_the_address_they_gave(db) -> None:
    by_text = notifications.queue_message_to_address(
        name="Pat", phone="07700 900123", purpose="welcome", context={}, idempotency_key="p:1"
    )
    landline_only = notifications.queue_message_to_address(
        name="Pat", phone="020 7946 0123", purpose="welcome", context={}, idempotency_key="p:2"
    )
    assert (by_text.channel, by_text.to_address) == ("sms", "07700 900123")
    assert landline_only.status == MessageStatus.NOT_SENT


def test_a_text_notify_accepted_before_the_worker_died_is_not_sent_again_after_the_claim_lapses(
    db: Any, notify: FakeNotify
) -> None:
    """Issue #10, defect 8: a worker died between handing a text to Notify and recording it;
    once its claim lapsed, the next sender sent the text again."""
    message = welcome(person_preferring("sms", phone="07700 900456"), key="welcome:died")
    started = timezone.now()
    claimed = notifications._claim(message.pk, started)
    assert claimed is not None
    # The first sender hands the text to Notify, then dies before recording anything.
    notification_channels.channel_backend("sms").send(claimed)
    assert len(notify.requests) == 1

    later = started + notifications.CLAIM_LEASE + timedelta(seconds=1)
    assert notifications.send_due_messages(now=later) == {"sent": 1}

    message.refresh_from_db()
    assert message.status == MessageStatus.SENT
    assert message.provider_reference == notify.accepted[0]["id"]
    assert len(notify.requests) == 1, "Notify was sent the text a second time"
    assert notify.lookups == ["welcome:died"]


def test_a_letter_whose_reply_was_lost_is_found_at_notify_and_not_posted_twice(
    db: Any, notify: FakeNotify, django_capture_on_commit_callbacks: Any
) -> None:
    notify.lose_replies = True
    with django_capture_on_commit_callbacks(execute=True):
        message = welcome(person_preferring("letter", full_name="Lena Letter"), key="l:1")
    message.refresh_from_db()
    assert message.status == MessageStatus.RETRYING

    notify.lose_replies = False
    assert notifications.send_due_messages(now=message.next_attempt_at) == {"sent": 1}
    assert len(notify.requests) == 1 and len(notify.accepted) == 1


def test_a_retried_text_that_notify_never_accepted_is_sent_after_asking(
    db: Any, notify: FakeNotify, django_capture_on_commit_callbacks: Any
) -> None:
    notify.reply_with = (500, {"errors": [{"error": "Exception", "message": "Internal error"}]})
    with django_capture_on_commit_callbacks(execute=True):
        message = welcome(person_preferring("sms", phone="07700 900789"), key="t:1")
    message.refresh_from_db()
    notify.reply_with = None
    assert notifications.send_due_messages(now=message.next_attempt_at) == {"sent": 1}
    assert notify.lookups == ["t:1"]
    assert [r["body"]["reference"] for r in notify.requests] == ["t:1", "t:1"]
    assert len(notify.accepted) == 1
