from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from hearth.complaints import services
from hearth.complaints.models import (
    Category,
    Channel,
    Complaint,
    ComplaintAction,
    ExclusionReason,
    NextAction,
    Outcome,
    RemedyKind,
    Status,
)
from hearth.complaints.services import ActionPromise, RemedyOffer, StateConflict
from hearth.contacts.models import Contact
from hearth.core import services as core_services
from hearth.core.models import Message
from hearth.core.timeline import events_for

RESPONSE = {
    "decision": "upheld",
    "reasons": "We missed two appointments and did not tell you.",
    "remedy": "We apologise and offer £50 for the inconvenience.",
    "outstanding_actions": "The tap will be replaced on 20 June.",
    "how_to_escalate": "Ask for stage 2 from your account or by phone.",
}


@pytest.fixture
def complaint(resident, complaints_officer):
    return services.make_complaint(
        actor=resident,
        tenancy=resident.person.memberships.get().tenancy,
        complainant=resident.person,
        category=Category.REPAIRS,
        description="My kitchen tap has leaked for six weeks.",
        desired_outcome="Fix the tap.",
        received_on=date(2025, 4, 17),
    )


def _acknowledged(complaint, officer, on=date(2025, 4, 24)):
    return services.acknowledge(
        complaint=complaint, actor=officer, definition="The tap repair is late.", on=on
    )


def _answered(complaint, officer, **extra):
    _acknowledged(complaint, officer)
    return services.respond(
        complaint=complaint, actor=officer, on=date(2025, 5, 8), **RESPONSE, **extra
    )


def test_a_resident_complains_and_the_complaint_is_logged_with_a_receipt(complaint, resident):
    assert complaint.ref.startswith("CMP-")
    assert complaint.status == Status.STAGE1_RECEIVED
    assert complaint.home == complaint.tenancy.home
    assert complaint.next_action == NextAction.ACKNOWLEDGE_STAGE1
    assert complaint.next_due_on == date(2025, 4, 28)
    receipt = Message.objects.get(purpose="complaint_received")
    assert receipt.to_address == "rita@example.org"
    assert complaint.ref in receipt.body
    assert events_for(complaint, resident_view=True).filter(verb="received").exists()


def test_a_complaint_without_a_person_record_needs_a_name_and_a_way_to_reply(officer):
    with pytest.raises(ValidationError) as caught:
        services.make_complaint(
            actor=officer, category=Category.REPAIRS, description="Lift broken", channel="phone"
        )
    assert set(caught.value.message_dict) == {"contact_name", "contact_email"}


def test_a_representative_can_complain_for_a_resident(officer, tenancy):
    complaint = services.make_complaint(
        actor=officer,
        tenancy=tenancy,
        category=Category.DAMP_MOULD,
        channel=Channel.LETTER,
        description="Mould in the bedroom.",
        representative_name="Cllr Jo Bloggs",
        representative_relationship="Ward councillor",
        received_on=date(2025, 6, 2),
    )
    assert complaint.complainant == tenancy.lead_tenant
    assert "Cllr Jo Bloggs" in events_for(complaint).get(verb="received").summary


def test_a_service_request_can_be_turned_into_a_complaint(officer, tenancy):
    complaint = services.make_complaint(
        actor=officer,
        tenancy=tenancy,
        category=Category.REPAIRS,
        channel=Channel.PHONE,
        description="Unhappy that the repair was cancelled twice.",
        about_case_type="repair",
        about_case_ref="R-000123",
    )
    assert (complaint.about_case_type, complaint.about_case_ref) == ("repair", "R-000123")


def test_acknowledging_defines_the_complaint_tells_the_resident_and_logs_the_contact(
    complaint, complaints_officer
):
    complaint = _acknowledged(complaint, complaints_officer)
    assert complaint.status == Status.STAGE1_OPEN
    assert complaint.stage1_handler == complaints_officer
    assert complaint.stage1_acknowledged_on == date(2025, 4, 24)
    # 24 April + 10 working days, across the early May bank holiday.
    assert complaint.next_due_on == date(2025, 5, 9)
    message = Message.objects.get(purpose="complaint_acknowledged")
    assert "The tap repair is late." in message.body
    assert "Friday 9 May 2025" in message.body
    contact = Contact.objects.get(case_type="complaint", case_ref=complaint.ref)
    assert (contact.purpose, contact.channel, contact.contacted_on) == (
        "acknowledgement",
        "email",
        date(2025, 4, 24),
    )


def test_acknowledging_needs_a_definition_and_a_date_after_receipt(complaint, complaints_officer):
    with pytest.raises(ValidationError) as caught:
        services.acknowledge(complaint=complaint, actor=complaints_officer, definition=" ")
    assert "definition" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        _acknowledged(complaint, complaints_officer, on=date(2025, 4, 16))
    assert "on" in caught.value.message_dict
    assert Complaint.objects.get(pk=complaint.pk).status == Status.STAGE1_RECEIVED


def test_only_staff_who_handle_complaints_can_acknowledge(complaint, resident):
    with pytest.raises(ValidationError):
        services.acknowledge(
            complaint=complaint, actor=resident, definition="x", on=date(2025, 4, 24)
        )


def test_an_extension_moves_the_due_date_tells_the_resident_why_and_gives_the_ombudsman(
    complaint, complaints_officer
):
    _acknowledged(complaint, complaints_officer)
    complaint = services.extend(
        complaint=complaint,
        actor=complaints_officer,
        days=6,
        reason="We need a plumber's report.",
        on=date(2025, 5, 1),
    )
    assert complaint.stage1_extension_days == 6
    assert complaint.next_due_on == date(2025, 5, 19)
    message = Message.objects.get(purpose="complaint_extended")
    assert "We need a plumber's report." in message.body
    assert "0300 111 3000" in message.body
    with pytest.raises(ValidationError) as caught:
        services.extend(complaint=complaint, actor=complaints_officer, days=5, reason="More")
    assert "4 are left" in caught.value.message_dict["days"][0]


def test_a_response_will_not_send_without_every_part_the_code_requires(
    complaint, complaints_officer
):
    _acknowledged(complaint, complaints_officer)
    with pytest.raises(ValidationError) as caught:
        services.respond(
            complaint=complaint,
            actor=complaints_officer,
            **{**RESPONSE, "reasons": "", "outstanding_actions": "", "decision": "maybe"},
        )
    assert {"reasons", "outstanding_actions", "decision"} <= set(caught.value.message_dict)
    assert not Message.objects.filter(purpose="complaint_response").exists()


def test_responding_before_acknowledging_is_refused(complaint, complaints_officer):
    with pytest.raises(StateConflict):
        services.respond(complaint=complaint, actor=complaints_officer, **RESPONSE)


def test_a_stage1_response_records_the_outcome_remedies_actions_and_tells_the_resident(
    complaint, complaints_officer
):
    response = _answered(
        complaint,
        complaints_officer,
        remedies=[
            RemedyOffer(RemedyKind.APOLOGY, "We are sorry."),
            RemedyOffer(RemedyKind.COMPENSATION, "Inconvenience", Decimal("50.10")),
            RemedyOffer(RemedyKind.COMPENSATION, "Time off work", Decimal("25.25")),
        ],
        actions=[ActionPromise("Replace the tap", date(2025, 6, 20))],
    )
    complaint.refresh_from_db()
    assert complaint.status == Status.STAGE1_ANSWERED
    assert complaint.outcome == Outcome.UPHELD
    assert complaint.compensation == Decimal("75.35")
    assert complaint.next_due_on is None
    assert response.stage == 1 and response.definition == "The tap repair is late."
    action = ComplaintAction.objects.get()
    assert (action.owner, action.due_on) == (complaints_officer, date(2025, 6, 20))
    message = Message.objects.get(purpose="complaint_response")
    assert "We missed two appointments" in message.body
    assert "Ask for stage 2" in message.body
    assert Contact.objects.filter(case_ref=complaint.ref, purpose="response").exists()


def test_compensation_is_never_set_against_arrears_without_consent(complaint, complaints_officer):
    offer = RemedyOffer(RemedyKind.COMPENSATION, "Inconvenience", Decimal("50"), True, False)
    with pytest.raises(ValidationError) as caught:
        _answered(complaint, complaints_officer, remedies=[offer])
    assert "offset_against_arrears" in caught.value.message_dict
    agreed = RemedyOffer(RemedyKind.COMPENSATION, "Inconvenience", Decimal("50"), True, True)
    services.respond(complaint=complaint, actor=complaints_officer, remedies=[agreed], **RESPONSE)


def test_a_resident_escalates_without_giving_reasons(complaint, complaints_officer, resident):
    _answered(complaint, complaints_officer)
    complaint = services.escalate(complaint=complaint, actor=resident, on=date(2025, 5, 12))
    assert complaint.status == Status.STAGE2_REQUESTED
    assert complaint.stage2_reason == ""
    assert complaint.next_action == NextAction.ACKNOWLEDGE_STAGE2
    assert complaint.next_due_on == date(2025, 5, 19)
    with pytest.raises(StateConflict):
        services.escalate(complaint=complaint, actor=resident)


def test_a_complaint_cannot_be_escalated_before_its_stage1_response(complaint, resident):
    with pytest.raises(StateConflict):
        services.escalate(complaint=complaint, actor=resident)


def test_the_stage1_handler_cannot_handle_stage2(
    complaint, complaints_officer, second_officer, resident
):
    _answered(complaint, complaints_officer)
    services.escalate(complaint=complaint, actor=resident, on=date(2025, 5, 12))
    with pytest.raises(ValidationError) as caught:
        services.acknowledge(
            complaint=complaint,
            actor=complaints_officer,
            definition="Still leaking",
            on=date(2025, 5, 13),
        )
    assert "6.15" in caught.value.message_dict["handler"][0]
    with pytest.raises(ValidationError):
        services.assign_handler(
            complaint=complaint, stage=2, handler=complaints_officer, actor=second_officer
        )
    services.assign_handler(
        complaint=complaint, stage=2, handler=second_officer, actor=second_officer
    )
    complaint.refresh_from_db()
    assert complaint.stage2_handler == second_officer


def test_the_final_response_comes_from_the_second_officer_and_names_the_ombudsman(
    complaint, complaints_officer, second_officer, resident
):
    _answered(complaint, complaints_officer)
    services.escalate(complaint=complaint, actor=resident, on=date(2025, 5, 12))
    services.acknowledge(
        complaint=complaint,
        actor=second_officer,
        definition="Tap still leaks",
        on=date(2025, 5, 14),
    )
    with pytest.raises(ValidationError):
        services.respond(complaint=complaint, actor=complaints_officer, **RESPONSE)
    services.respond(
        complaint=complaint,
        actor=second_officer,
        on=date(2025, 6, 2),
        **{**RESPONSE, "decision": "partly_upheld", "how_to_escalate": "Contact the Ombudsman."},
    )
    complaint.refresh_from_db()
    assert complaint.status == Status.CLOSED
    assert complaint.outcome == Outcome.PARTLY_UPHELD
    assert complaint.stage2_handler == second_officer
    final = Message.objects.get(purpose="complaint_final_response")
    assert "Housing Ombudsman" in final.body and "0300 111 3000" in final.body


def test_a_complaint_is_refused_only_on_the_codes_grounds_and_the_resident_is_told(
    complaint, complaints_officer
):
    with pytest.raises(ValidationError) as caught:
        services.exclude(
            complaint=complaint,
            actor=complaints_officer,
            reason=ExclusionReason.OVER_12_MONTHS,
            explanation="It happened long ago.",
            issue_date=date(2024, 9, 1),
        )
    assert "issue_date" in caught.value.message_dict
    complaint = services.exclude(
        complaint=complaint,
        actor=complaints_officer,
        reason=ExclusionReason.OVER_12_MONTHS,
        explanation="The leak was repaired in January 2024.",
        issue_date=date(2024, 1, 10),
        on=date(2025, 4, 22),
    )
    assert complaint.status == Status.EXCLUDED
    assert complaint.next_due_on is None
    message = Message.objects.get(purpose="complaint_excluded")
    assert "The leak was repaired in January 2024." in message.body
    assert "Housing Ombudsman" in message.body


def test_a_withdrawn_complaint_has_the_withdrawn_outcome(complaint, complaints_officer):
    complaint = services.withdraw(complaint=complaint, actor=complaints_officer, note="Sorted")
    assert (complaint.status, complaint.outcome) == (Status.WITHDRAWN, Outcome.WITHDRAWN)


def test_a_complaint_from_someone_without_a_person_record_is_acknowledged_by_the_officer(
    officer, complaints_officer
):
    complaint = services.make_complaint(
        actor=None,
        category=Category.ESTATE_SERVICES,
        description="Rubbish left by the bins for a week.",
        contact_name="Pat Passer-by",
        contact_phone="020 7946 0123",
        received_on=date(2025, 6, 2),
    )
    services.acknowledge(
        complaint=complaint, actor=complaints_officer, definition="Bins", on=date(2025, 6, 3)
    )
    assert events_for(complaint).filter(verb="message_not_sent").exists()
    assert not Contact.objects.filter(case_ref=complaint.ref).exists()
    services.extend(
        complaint=complaint,
        actor=complaints_officer,
        days=2,
        reason="Waiting for the contractor",
        on=date(2025, 6, 4),
        sent_by="phone",
    )
    assert Contact.objects.get(case_ref=complaint.ref).channel == "phone"


def test_outstanding_actions_are_tracked_to_done_and_compensation_paid(
    complaint, complaints_officer
):
    _answered(
        complaint,
        complaints_officer,
        remedies=[RemedyOffer(RemedyKind.COMPENSATION, "Inconvenience", Decimal("80.00"))],
        actions=[ActionPromise("Replace the tap", date(2025, 6, 20))],
    )
    action = ComplaintAction.objects.get()
    services.complete_action(action=action, actor=complaints_officer, note="Fitted")
    action.refresh_from_db()
    assert action.is_done
    with pytest.raises(ValidationError):
        services.complete_action(action=action, actor=complaints_officer)
    remedy = complaint.remedies.get()
    services.record_compensation_paid(remedy=remedy, actor=complaints_officer)
    assert events_for(complaint).filter(verb="compensation_paid").exists()


def test_learning_needs_a_root_cause_and_a_lesson(complaint, complaints_officer):
    with pytest.raises(ValidationError) as caught:
        services.record_learning(
            complaint=complaint, actor=complaints_officer, root_cause="", lessons_learned=""
        )
    assert set(caught.value.message_dict) == {"root_cause", "lessons_learned"}
    services.record_learning(
        complaint=complaint,
        actor=complaints_officer,
        root_cause="contractor",
        lessons_learned="Contractor did not confirm appointments.",
        improvement="Appointments are now confirmed by text the day before.",
    )
    complaint.refresh_from_db()
    assert complaint.root_cause == "contractor"


def test_a_new_closure_day_moves_the_due_date_of_open_complaints(
    complaint, complaints_officer, admin_user
):
    _acknowledged(complaint, complaints_officer)
    closure = core_services.add_closure_day(
        day=date(2025, 5, 2), reason="Office move", actor=admin_user
    )
    complaint.refresh_from_db()
    assert complaint.next_due_on == date(2025, 5, 12)

    core_services.remove_closure_day(closure_day=closure, actor=admin_user)
    complaint.refresh_from_db()
    assert complaint.next_due_on == date(2025, 5, 9)


def test_someone_without_a_person_record_is_acknowledged_at_the_email_address_they_gave(
    complaints_officer,
):
    from hearth.core.models import Message

    complaint = services.make_complaint(
        actor=None,
        category=Category.ESTATE_SERVICES,
        description="Rubbish left by the bins for a week.",
        contact_name="Pat Passer-by",
        contact_email="pat@example.org",
        received_on=date(2025, 6, 2),
    )
    services.acknowledge(
        complaint=complaint, actor=complaints_officer, definition="Bins", on=date(2025, 6, 3)
    )
    messages = Message.objects.filter(case_id=str(complaint.pk)).order_by("created_at")
    assert [(m.channel, m.to_address, m.purpose) for m in messages][:1] == [
        ("email", "pat@example.org", "complaint_received")
    ]
    assert messages.count() == 2
    assert Contact.objects.filter(case_ref=complaint.ref, purpose="acknowledgement").exists()
    assert not events_for(complaint).filter(verb="message_not_sent").exists()
