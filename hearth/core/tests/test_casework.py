"""The case kit: telling a resident (outbox, contact log and timeline in one call), locking a
case, a case page's buttons from its state machine, and the registry every extension uses."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction

from hearth.accounts.models import Role
from hearth.accounts.tests.factories import UserFactory
from hearth.complaints.models import Status
from hearth.complaints.tests.factories import ComplaintFactory
from hearth.contacts.models import Contact
from hearth.core import casework
from hearth.core.models import Message, MessageStatus, TimelineEvent
from hearth.core.registry import Registry
from hearth.tenancies.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _contact(tenancy):  # type: ignore[no-untyped-def]
    return casework.ContactLog("tenancy", tenancy.ref, "progress_update")


def test_telling_a_resident_queues_the_message_logs_the_contact_and_writes_the_timeline(
    tenancy, officer
):
    person = tenancy.lead_tenant
    told = casework.tell_resident(
        case=tenancy,
        person=person,
        purpose="due_reminder_staff",
        idempotency_key="test:told:1",
        actor=officer,
        context={"title": "Your repair", "due": date(2026, 12, 8), "state": "Due soon",
                 "case_url": "/x/"},
        contact=_contact(tenancy),
        on=date(2026, 12, 3),
    )  # fmt: skip
    assert told.message is not None and told.message.status == MessageStatus.QUEUED
    assert told.message.to_address == "rita@example.org"
    assert told.channel == "email"
    contact = Contact.objects.get()
    assert (contact.case_type, contact.case_ref, contact.channel, contact.contacted_on) == (
        "tenancy",
        "T-RITA",
        "email",
        date(2026, 12, 3),
    )
    assert contact.recorded_by == officer
    assert (
        TimelineEvent.objects.filter(verb="message_queued", object_id=str(tenancy.pk)).count() == 1
    )


def test_telling_the_same_key_twice_sends_and_logs_nothing_more(tenancy, officer):
    kwargs = {
        "case": tenancy, "person": tenancy.lead_tenant, "purpose": "due_reminder_staff",
        "idempotency_key": "test:told:twice", "actor": officer,
        "context": {"title": "T", "due": date(2026, 12, 8), "state": "Due soon", "case_url": "/x/"},
        "contact": _contact(tenancy),
    }  # fmt: skip
    first = casework.tell_resident(**kwargs)  # type: ignore[arg-type]
    second = casework.tell_resident(**kwargs)  # type: ignore[arg-type]
    assert first.message == second.message
    assert second.contact is None
    assert Message.objects.count() == 1
    assert Contact.objects.count() == 1


def test_a_message_we_cannot_send_is_not_a_contact_and_the_timeline_says_so(tenancy, officer):
    nobody = PersonFactory(full_name="No Address", email="", phone="")
    told = casework.tell_resident(
        case=tenancy, person=nobody, purpose="due_reminder_staff", idempotency_key="test:nobody",
        actor=officer,
        context={"title": "T", "due": date(2026, 12, 8), "state": "Due soon", "case_url": "/x/"},
        contact=_contact(tenancy),
    )  # fmt: skip
    assert told.message is not None and told.message.status == MessageStatus.NOT_SENT
    assert not told.sent
    assert Contact.objects.count() == 0
    assert TimelineEvent.objects.filter(verb="message_not_sent").count() == 1


def test_an_officer_who_sent_it_themselves_says_how_and_that_is_logged(tenancy, officer):
    nobody = PersonFactory(full_name="No Address", email="", phone="")
    told = casework.tell_resident(
        case=tenancy, person=nobody, purpose="due_reminder_staff", idempotency_key="test:by-hand",
        actor=officer, sent_by="phone",
        context={"title": "T", "due": date(2026, 12, 8), "state": "Due soon", "case_url": "/x/"},
        contact=_contact(tenancy),
    )  # fmt: skip
    assert told.channel == "phone"
    assert Contact.objects.get().channel == "phone"
    assert not TimelineEvent.objects.filter(verb="message_not_sent").exists()


def test_someone_with_no_person_record_is_written_to_at_the_address_they_gave(officer):
    complaint = ComplaintFactory(contact_email="casey@example.org")
    told = casework.tell_resident(
        case=complaint, address=casework.Address(name="Casey", email="casey@example.org"),
        purpose="due_reminder_staff", idempotency_key="test:address", actor=officer,
        context={"title": "T", "due": date(2026, 12, 8), "state": "Due soon", "case_url": "/x/"},
        contact=casework.ContactLog("complaint", complaint.ref, "progress_update"),
    )  # fmt: skip
    assert told.message is not None
    assert (told.message.channel, told.message.to_address, told.message.person_id) == (
        "email",
        "casey@example.org",
        None,
    )
    assert Contact.objects.get().case_ref == complaint.ref


def test_an_anonymous_visitor_or_hearth_itself_is_no_actor(officer):
    assert casework.actor_of(AnonymousUser()) is None
    assert casework.actor_of(None) is None
    assert casework.actor_of(officer) == officer


def test_lock_reads_the_case_again_with_what_changed_since(tenancy):
    with transaction.atomic():
        stale = type(tenancy).objects.get(pk=tenancy.pk)
        type(tenancy).objects.filter(pk=tenancy.pk).update(ref="T-CHANGED")
        assert casework.lock(stale).ref == "T-CHANGED"


def test_a_case_pages_buttons_come_from_its_state_machine_for_those_who_may_use_them():
    complaint = ComplaintFactory()
    assert complaint.status == Status.STAGE1_RECEIVED
    handler = UserFactory(username="handler", role=Role.COMPLAINTS_OFFICER)
    labels = [action.label for action in casework.available_actions(complaint, handler)]
    assert labels == [
        "Acknowledge",
        "Extend the time to respond",
        "Do not take it on",
        "Record that it was withdrawn",
    ]
    assert casework.available_actions(complaint, handler)[0].url == (
        f"/staff/complaints/{complaint.ref}/acknowledge/"
    )
    estate_officer = UserFactory(username="estates", role=Role.ESTATE_OFFICER)
    assert casework.available_actions(complaint, estate_officer) == []


def test_a_registry_refuses_a_second_item_under_a_key_already_taken():
    registry: Registry[str] = Registry("things")
    registry.register("one", key="a")
    registry.register("one", key="a")
    with pytest.raises(ValueError, match="Two things are registered as 'a'"):
        registry.register("two", key="a")
    assert registry.items() == ["one"]
