"""The neighbourhood services, as officers and residents use them."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from hearth.contacts.models import Contact
from hearth.core.models import Message, TimelineEvent
from hearth.estates.tests.factories import BlockFactory
from hearth.neighbourhood import services
from hearth.neighbourhood.models import (
    AsbCase,
    FlyTipStatus,
    Inspection,
    InspectionAction,
    Triage,
)
from hearth.neighbourhood.tests.factories import FlyTipReportFactory, InspectionFactory
from hearth.repairs.models import Repair
from hearth.tenancies.tests.factories import ContactPreferenceFactory, PersonFactory

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def png() -> bytes:
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, format="PNG")
    return buffer.getvalue()


def _person(name: str = "Rita Resident"):
    person = PersonFactory(full_name=name)
    ContactPreferenceFactory(person=person, channel="email")
    return person


def test_a_year_of_monthly_inspections_is_scheduled_once(officer):
    block = BlockFactory()
    first = services.schedule_inspections(block=block, first=date(2027, 1, 15), actor=officer)
    again = services.schedule_inspections(block=block, first=date(2027, 1, 15), actor=officer)
    assert len(first) == 12 and len(again) == 12
    assert Inspection.objects.filter(block=block).count() == 12
    # Friday 15 January 2027 ... Monday 15 February ... Monday 15 March.
    assert [i.scheduled_on for i in first[:3]] == [date(2027, 1, 15), date(2027, 2, 15), date(2027, 3, 15)]  # fmt: skip


def test_publishing_an_inspection_tells_residents_who_asked(officer):
    block = BlockFactory()
    rita = _person()
    services.ask_for_inspection_notices(block=block, person=rita, actor=None)
    inspection = InspectionFactory(
        block=block, scheduled_on=timezone.localdate() + timedelta(days=10)
    )
    services.publish_inspection(inspection=inspection, actor=officer)
    inspection.refresh_from_db()
    assert inspection.published_on == timezone.localdate()
    message = Message.objects.get(purpose="inspection_notice", person=rita)
    assert block.name in message.subject


def test_sweep_publishes_inspections_whose_notice_period_has_started(officer):
    today = timezone.localdate()
    soon = InspectionFactory(scheduled_on=today + timedelta(days=7))
    later = InspectionFactory(scheduled_on=today + timedelta(days=8))
    assert services.publish_due_inspections(today=today) == 1
    soon.refresh_from_db()
    later.refresh_from_db()
    assert soon.published_on == today and later.published_on is None


def test_recording_an_inspection_grades_every_line_and_scores_the_block(officer):
    inspection = InspectionFactory(scheduled_on=date(2026, 3, 2))
    keys = [item.key for item in services.checklist()]
    grades = dict.fromkeys(keys, "A")
    grades["lighting"] = "D"
    services.record_inspection(
        inspection=inspection, grades=grades, actor=officer, on=date(2026, 3, 2)
    )
    inspection.refresh_from_db()
    # Nine A (100) and one D (0): 900 / 10 = 90, an A.
    assert (inspection.score, inspection.grade, inspection.completed_on) == (
        90,
        "A",
        date(2026, 3, 2),
    )
    assert inspection.grades.count() == 10


def test_an_inspection_needs_a_grade_for_every_line(officer):
    inspection = InspectionFactory()
    with pytest.raises(ValidationError) as error:
        services.record_inspection(inspection=inspection, grades={"cleaning": "A"}, actor=officer)
    assert "grade_lighting" in error.value.message_dict


def test_a_defect_becomes_a_communal_repair_with_its_photo(officer):
    inspection = InspectionFactory()
    photo = SimpleUploadedFile("light.png", png(), content_type="image/png")
    action = services.raise_defect(
        inspection=inspection, kind="repair", description="Stairwell light out on floor 3",
        actor=officer, photo=photo,
    )  # fmt: skip
    repair = Repair.objects.get(ref=action.case_ref)
    assert repair.block == inspection.block and repair.home is None
    assert repair.photos.count() == 1


def test_a_defect_becomes_a_fly_tipping_report_or_a_cleaning_concern(officer):
    inspection = InspectionFactory()
    tip = services.raise_defect(inspection=inspection, kind="flytipping", description="Mattress", actor=officer)  # fmt: skip
    mess = services.raise_defect(inspection=inspection, kind="cleaning", description="Landing not swept", actor=officer)  # fmt: skip
    assert tip.case_ref.startswith("FT-") and mess.case_ref.startswith("CC-")


def test_open_actions_from_the_last_inspection_are_checked_first(officer):
    block = BlockFactory()
    last = InspectionFactory(
        block=block, scheduled_on=date(2026, 2, 2), completed_on=date(2026, 2, 2)
    )
    action = InspectionAction.objects.create(
        inspection=last, kind="other", description="Sign missing"
    )
    InspectionAction.objects.create(inspection=last, kind="other", description="Done", closed_on=date(2026, 2, 9))  # fmt: skip
    now = InspectionFactory(block=block, scheduled_on=date(2026, 3, 2))
    assert services.open_actions_before(now) == [action]
    grades = {item.key: "B" for item in services.checklist()}
    services.record_inspection(inspection=now, grades=grades, actor=officer, on=date(2026, 3, 2), actions_checked={action.pk: True})  # fmt: skip
    action.refresh_from_db()
    assert action.closed_on == date(2026, 3, 2)


def test_a_cleaning_concern_from_the_poster_is_answered_on_the_channel_given(officer):
    concern = services.report_cleaning_concern(
        block=BlockFactory(), description="Bins not emptied", channel="qr", actor=None,
        name="Sam Visitor", email="sam@example.org", received_on=date(2026, 4, 2),
    )  # fmt: skip
    assert concern.due_on == date(2026, 4, 9)
    services.answer_cleaning_concern(concern=concern, response="We emptied them today.", actor=officer, on=date(2026, 4, 7))  # fmt: skip
    concern.refresh_from_db()
    assert concern.responded_on == date(2026, 4, 7)
    message = Message.objects.get(purpose="cleaning_concern_answered")
    assert message.to_address == "sam@example.org"
    assert "We emptied them today." in message.body


def test_fly_tipping_in_the_same_block_on_the_same_day_is_offered_as_the_same(officer):
    block = BlockFactory()
    first = services.report_flytipping(block=block, location="Bin store", channel="phone", actor=officer)  # fmt: skip
    assert services.possible_duplicates(block=block, on=timezone.localdate()) == [first]
    assert services.possible_duplicates(block=BlockFactory(), on=timezone.localdate()) == []
    second = services.report_flytipping(block=block, location="Bin store", channel="portal", actor=None, same_as=first)  # fmt: skip
    assert second.status == FlyTipStatus.DUPLICATE and second.duplicate_of == first


def test_the_reporter_is_told_when_fly_tipping_is_removed_and_can_reopen_it(officer, resident):
    report = services.report_flytipping(
        block=BlockFactory(), location="Behind block", channel="portal", actor=resident,
        person=resident.person, user=resident,
    )  # fmt: skip
    services.record_flytipping_removed(report=report, actor=officer)
    assert Message.objects.filter(purpose="flytipping_removed", person=resident.person).exists()
    reopened = services.say_flytipping_still_there(report=report, user=resident, actor=resident)
    assert reopened.removed_on is None and reopened.status == FlyTipStatus.OPEN
    assert reopened.reopened_times == 1


def test_only_staff_and_the_reporter_can_update_a_fly_tipping_report(
    officer, resident, other_resident
):
    report = FlyTipReportFactory(reporter=resident.person, removed_on=date(2026, 1, 16), status="removed")  # fmt: skip
    assert services.can_update_flytipping(report, officer)
    assert services.can_update_flytipping(report, resident)
    assert not services.can_update_flytipping(report, other_resident)
    with pytest.raises(PermissionError):
        services.say_flytipping_still_there(
            report=report, user=other_resident, actor=other_resident
        )


def test_household_noise_gets_advice_and_mediation_with_a_reason(officer):
    rita = _person()
    case = services.open_asb_case(category="Noise", description="Footsteps at night", channel="phone", actor=officer, complainant=rita)  # fmt: skip
    services.triage_asb_case(case=case, outcome=Triage.HOUSEHOLD_NOISE, reason="Ordinary living noise at normal times", actor=officer)  # fmt: skip
    case.refresh_from_db()
    assert case.closed_on is not None and case.actions.filter(kind="mediation").exists()
    assert Message.objects.filter(purpose="asb_household_noise", person=rita).exists()


def test_risk_sets_the_first_contact_target(officer):
    case = services.open_asb_case(category="Harassment", description="Shouting threats", channel="staff",
                                  actor=officer, complainant_name="Anon Neighbour", opened_on=date(2026, 3, 2))  # fmt: skip
    services.assess_risk(case=case, risk="high", vulnerable=True, actor=officer)
    case.refresh_from_db()
    assert case.first_contact_due_on == date(2026, 3, 3)


def test_an_update_is_logged_as_an_asb_update_contact_and_restarts_the_monthly_clock(officer):
    rita = _person()
    case = services.open_asb_case(category="Noise", description="Parties", channel="phone", actor=officer, complainant=rita, opened_on=date(2026, 1, 31))  # fmt: skip
    assert case.next_update_due_on == date(2026, 2, 28)
    services.send_asb_update(case=case, message="We have written to the household.", actor=officer, on=date(2026, 2, 20))  # fmt: skip
    case.refresh_from_db()
    assert case.next_update_due_on == date(2026, 3, 20)
    contact = Contact.objects.get(case_type="asb", case_ref=case.ref)
    assert (contact.purpose, contact.contacted_on) == ("asb_update", date(2026, 2, 20))
    assert TimelineEvent.objects.filter(verb="asb_update_sent").exists()


def test_a_third_report_in_six_months_is_the_community_trigger(officer):
    rita = _person()
    for day in (date(2026, 1, 10), date(2026, 3, 1)):
        case = services.open_asb_case(category="Noise", description="Music", channel="phone", actor=officer, complainant=rita, opened_on=day)  # fmt: skip
        assert case.community_trigger_on is None
    third = services.open_asb_case(category="Noise", description="Music", channel="phone", actor=officer, complainant=rita, opened_on=date(2026, 7, 10))  # fmt: skip
    third.refresh_from_db()
    assert third.community_trigger_on == date(2026, 7, 10)
    assert Message.objects.filter(purpose="asb_case_review_right", person=rita).count() == 1


def test_evidence_is_due_for_review_in_five_working_days(officer):
    case = services.open_asb_case(category="Noise", description="Music", channel="phone", actor=officer, complainant=_person())  # fmt: skip
    upload = SimpleUploadedFile("noise.mp3", b"ID3", content_type="audio/mpeg")
    evidence = services.upload_evidence(case=case, upload=upload, actor=None)
    assert evidence.kind == "audio" and evidence.reviewed_on is None
    services.review_evidence(evidence=evidence, actor=officer)
    evidence.refresh_from_db()
    assert evidence.reviewed_by == officer


def test_closing_an_asb_case_needs_a_satisfaction_answer(officer):
    case = services.open_asb_case(category="Noise", description="Music", channel="phone", actor=officer, complainant=_person())  # fmt: skip
    with pytest.raises(ValidationError):
        services.close_asb_case(case=case, reason="Resolved", satisfaction="", actor=officer)
    services.close_asb_case(case=case, reason="Resolved after warning", satisfaction="satisfied", actor=officer)  # fmt: skip
    assert AsbCase.objects.get(pk=case.pk).satisfaction == "satisfied"


def test_bookings_stop_when_places_run_out(officer):
    event = services.announce_event(
        title="Summer fun day", description="Games and food", place="Community hall",
        starts_at=datetime(2026, 7, 4, 12, tzinfo=LONDON), actor=officer, places=3,
    )  # fmt: skip
    services.respond_to_event(
        event=event, person=_person("A"), kind="booking", places=2, actor=None
    )
    with pytest.raises(ValidationError):
        services.respond_to_event(event=event, person=_person("B"), kind="booking", places=2, actor=None)  # fmt: skip
    services.respond_to_event(event=event, person=_person("C"), kind="interest", actor=None)
    assert services.places_taken(event) == 2


def test_an_improvement_is_tracked_to_done(officer):
    idea = services.propose_improvement(title="Benches", description="Benches by the play area", actor=None, person=_person())  # fmt: skip
    services.update_improvement(improvement=idea, status="done", actor=officer, on=date(2026, 6, 1))
    idea.refresh_from_db()
    assert (idea.status, idea.done_on) == ("done", date(2026, 6, 1))


def test_the_officer_is_reminded_before_an_asb_update_is_due_and_managers_when_it_is_overdue(
    officer, manager
):
    from hearth.core.reminders import escalate_overdue, send_due_soon_reminders

    today = timezone.localdate()
    case = services.open_asb_case(category="Noise", description="Music", channel="phone", actor=officer,
                                  complainant=_person(), opened_on=today - timedelta(days=45))  # fmt: skip
    now = timezone.now()
    escalate_overdue(now=now)
    overdue = Message.objects.filter(purpose="overdue_escalation_staff", case_id=str(case.pk))
    assert {m.to_address for m in overdue} >= {officer.email, manager.email}
    fresh = services.open_asb_case(category="Noise", description="Music", channel="phone", actor=officer,
                                   complainant=_person("Sam"), opened_on=today)  # fmt: skip
    fresh.next_update_due_on = today + timedelta(days=1)
    fresh.save()
    send_due_soon_reminders(now=now)
    assert Message.objects.filter(purpose="due_reminder_staff", case_id=str(fresh.pk)).exists()


def test_every_block_is_kept_scheduled_a_year_ahead(officer):
    quiet = BlockFactory()
    busy = BlockFactory()
    services.schedule_inspections(
        block=busy, first=timezone.localdate() + timedelta(days=20), actor=officer
    )
    made = services.schedule_ahead(today=timezone.localdate())
    assert made == 12
    assert Inspection.objects.filter(block=quiet).count() == 12
    assert Inspection.objects.filter(block=busy).count() == 12
    assert (
        Inspection.objects.filter(block=quiet).order_by("scheduled_on").first().scheduled_on
        > timezone.localdate()
    )
