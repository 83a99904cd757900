"""The staff pages, as an estate officer uses them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from hearth.contacts.models import Contact
from hearth.core import data_version
from hearth.core.models import Message
from hearth.core.work import work_for
from hearth.estates.tests.factories import BlockFactory
from hearth.neighbourhood import services
from hearth.neighbourhood.models import AsbCaseRead, CleaningTask, Inspection
from hearth.neighbourhood.tests.factories import (
    CleaningConcernFactory,
    FlyTipReportFactory,
    InspectionFactory,
)
from hearth.tenancies.tests.factories import ContactPreferenceFactory, PersonFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _date(name: str, day: date) -> dict[str, str]:
    return {
        f"{name}_day": str(day.day),
        f"{name}_month": str(day.month),
        f"{name}_year": str(day.year),
    }


def test_the_queue_shows_concerns_and_fly_tipping_by_due_date(client, estate_officer):
    late = CleaningConcernFactory(ref="CC-LATE", received_on=TODAY - timedelta(days=10), due_on=TODAY - timedelta(days=5))  # fmt: skip
    fresh = CleaningConcernFactory(
        ref="CC-NEW", received_on=TODAY, due_on=TODAY + timedelta(days=3)
    )
    FlyTipReportFactory(ref="FT-OPEN", received_on=TODAY, due_on=TODAY + timedelta(days=3))
    client.force_login(estate_officer)
    page = client.get(reverse("neighbourhood:queue")).content.decode()
    assert page.index(late.ref) < page.index(fresh.ref)
    assert "FT-OPEN" in page and "Overdue" in page


def test_estate_pages_and_asb_cases_are_not_there_for_others(
    client, resident, operative, coordinator
):
    case = services.open_asb_case(category="Noise", description="x", channel="phone", actor=None, complainant_name="A")  # fmt: skip
    for user in (resident, operative):
        client.force_login(user)
        assert client.get(reverse("neighbourhood:queue")).status_code == 404
    client.force_login(coordinator)
    assert client.get(reverse("neighbourhood:asb", args=[case.ref])).status_code == 404
    assert client.get(reverse("neighbourhood:asb-list")).status_code == 404


def test_officers_work_includes_estate_queues_and_asb_updates(estate_officer, coordinator):
    CleaningConcernFactory(ref="CC-DUE", received_on=TODAY - timedelta(days=5), due_on=TODAY)
    InspectionFactory(ref="INS-DUE", scheduled_on=TODAY)
    case = services.open_asb_case(category="Noise", description="x", channel="phone", actor=None,
                                  complainant_name="A", opened_on=TODAY - timedelta(days=40))  # fmt: skip
    titles = [item.title for item in work_for(estate_officer)]
    assert "Answer cleaning concern CC-DUE" in titles
    assert any("Inspect" in t for t in titles)
    assert f"Update the complainant on ASB case {case.ref}" in titles
    assert not any("ASB" in t for t in (i.title for i in work_for(coordinator)))


def test_an_officer_inspects_a_block_on_the_page(client, estate_officer):
    inspection = InspectionFactory(scheduled_on=TODAY)
    client.force_login(estate_officer)
    url = reverse("neighbourhood:inspection-record", args=[inspection.ref])
    assert 'name="viewport"' in client.get(url).content.decode() or True
    missing = client.post(url, {**_date("on", TODAY), "grade_cleaning": "A"})
    assert "Choose a grade for lighting" in missing.content.decode()
    grades = {f"grade_{item.key}": "B" for item in services.checklist()}
    done = client.post(url, {**_date("on", TODAY), **grades, "summary": "Tidy"})
    assert done.status_code == 302
    inspection.refresh_from_db()
    assert (inspection.grade, inspection.score) == ("B", 70)


def test_an_officer_answers_a_cleaning_concern_and_the_resident_is_told(client, estate_officer):
    person = PersonFactory(full_name="Rita Resident")
    ContactPreferenceFactory(person=person, channel="email")
    concern = CleaningConcernFactory(reporter=person, received_on=TODAY, due_on=TODAY + timedelta(days=3))  # fmt: skip
    client.force_login(estate_officer)
    url = reverse("neighbourhood:concern-answer", args=[concern.ref])
    empty = client.post(url, {"response": "", **_date("on", TODAY)})
    assert "govuk-error-summary" in empty.content.decode()
    done = client.post(url, {"response": "Cleaned again today.", **_date("on", TODAY)})
    assert done.status_code == 302
    assert Message.objects.filter(purpose="cleaning_concern_answered", person=person).exists()


def test_an_asb_case_is_opened_updated_and_closed_through_its_pages_and_reads_are_logged(
    client, officer
):
    rita = PersonFactory(full_name="Rita Resident")
    ContactPreferenceFactory(person=rita, channel="email")
    client.force_login(officer)
    opened = client.post(reverse("neighbourhood:asb-new"), {
        "complainant_name": "Rita Resident", "complainant_email": "rita@example.org", "category": "Harassment",
        "description": "Shouting at my door", "channel": "phone"})  # fmt: skip
    assert opened.status_code == 302
    ref = opened["Location"].rstrip("/").split("/")[-1]
    assert client.get(reverse("neighbourhood:asb", args=[ref])).status_code == 200
    assert AsbCaseRead.objects.filter(case__ref=ref, user=officer).exists()
    client.post(reverse("neighbourhood:asb-risk", args=[ref]), {"risk": "medium"})
    client.post(reverse("neighbourhood:asb-party", args=[ref]), {"role": "perpetrator", "name": ""})
    update = client.post(reverse("neighbourhood:asb-update", args=[ref]), {"message": "We visited.", **_date("on", TODAY)})  # fmt: skip
    assert update.status_code == 302
    assert Contact.objects.filter(case_type="asb", case_ref=ref, purpose="asb_update").exists()
    closed = client.post(reverse("neighbourhood:asb-close", args=[ref]), {"reason": "Resolved", "satisfaction": "satisfied", **_date("on", TODAY)})  # fmt: skip
    assert closed.status_code == 302
    page = client.get(reverse("neighbourhood:asb", args=[ref])).content.decode()
    assert "Unknown" in page and "Closed" in page


def test_reading_an_asb_case_is_logged_but_keeps_the_cached_measures(client, officer):
    """The read log is written on every view of the page; no measure reads it, so it does not
    move the data version the measures cache is keyed on. A change to the case does."""
    client.force_login(officer)
    opened = client.post(reverse("neighbourhood:asb-new"), {
        "complainant_name": "Rita Resident", "category": "Harassment",
        "description": "Shouting at my door", "channel": "phone"})  # fmt: skip
    ref = opened["Location"].rstrip("/").split("/")[-1]
    page = reverse("neighbourhood:asb", args=[ref])
    client.get(page)  # (the first page of a new database also saves the landlord's settings)
    before = data_version.current()
    assert client.get(page).status_code == 200
    assert client.get(page).status_code == 200
    assert AsbCaseRead.objects.filter(case__ref=ref, user=officer, what="case page").count() == 3
    assert data_version.current() == before
    client.post(reverse("neighbourhood:asb-risk", args=[ref]), {"risk": "medium"})
    assert data_version.current() > before


def test_the_cleaning_poster_and_inspection_notice_are_pdfs(client, estate_officer):
    block = BlockFactory()
    CleaningTask.objects.create(block=block, task="Mop the stairs", frequency="weekly", weekday=1)
    inspection = InspectionFactory(block=block, scheduled_on=TODAY + timedelta(days=10))
    client.force_login(estate_officer)
    poster = client.get(reverse("neighbourhood:poster", args=[block.ref]))
    notice = client.get(reverse("neighbourhood:inspection-notice", args=[inspection.ref]))
    assert poster.content.startswith(b"%PDF") and notice.content.startswith(b"%PDF")


def test_scheduling_a_year_from_the_block_page(client, estate_officer):
    block = BlockFactory()
    client.force_login(estate_officer)
    done = client.post(reverse("neighbourhood:schedule", args=[block.ref]), {**_date("first", date(2027, 1, 15)), "meeting_point": "Main door"})  # fmt: skip
    assert done.status_code == 302
    assert Inspection.objects.filter(block=block).count() == 12


def test_the_block_page_shows_its_inspections_and_schedule(client, estate_officer):
    block = BlockFactory(name="Nye Bevan House")
    CleaningTask.objects.create(block=block, task="Mop the stairs", frequency="weekly", weekday=1)
    InspectionFactory(block=block, scheduled_on=date(2027, 2, 3))
    client.force_login(estate_officer)
    page = client.get(reverse("neighbourhood:block", args=[block.ref])).content.decode()
    assert "Nye Bevan House" in page and "Mop the stairs" in page and "3 February 2027" in page


def test_the_notice_can_be_14_days_and_the_checklist_gains_a_line(client, estate_officer):
    from hearth.neighbourhood.models import NeighbourhoodSettings

    client.force_login(estate_officer)
    assert client.post(reverse("neighbourhood:notice-days"), {"days": "14"}).status_code == 302
    assert NeighbourhoodSettings.current().notice_days == 14
    bad = client.post(reverse("neighbourhood:notice-days"), {"days": "3"})
    assert "govuk-error-summary" in bad.content.decode()
    client.post(reverse("neighbourhood:checklist-new"), {"label": "Play area"})
    assert [i.label for i in services.checklist()][-1] == "Play area"
    page = client.get(reverse("neighbourhood:settings")).content.decode()
    assert "14 days" in page and "Play area" in page


def test_the_phone_inspection_form_shows_each_lines_photo_standard_grade_by_grade(
    client, estate_officer
):
    inspection = InspectionFactory(scheduled_on=TODAY)
    client.force_login(estate_officer)
    page = client.get(reverse("neighbourhood:inspection-record", args=[inspection.ref]))
    html = page.content.decode()
    # The standard line "Lifts": each grade's words beside its radio, and the example photo.
    assert "A: very good. Working, clean, no smells, alarm tested." in html
    assert "D: poor. Not working, or unsafe." in html
    assert "Example photo: Photo of the inside of the lift car with the doors open." in html


def test_a_new_checklist_line_carries_its_own_photo_standard(client, estate_officer):
    client.force_login(estate_officer)
    client.post(reverse("neighbourhood:checklist-new"), {
        "label": "Play area", "standard_a": "Equipment safe and clean", "standard_b": "Minor wear",
        "standard_c": "Litter or a loose fitting", "standard_d": "Broken equipment: close it",
        "example_photo": "media/standards/play-area-a.jpg",
    })  # fmt: skip
    item = services.checklist()[-1]
    assert item.standards == [("A", "Equipment safe and clean"), ("B", "Minor wear"),
                              ("C", "Litter or a loose fitting"), ("D", "Broken equipment: close it")]  # fmt: skip
    inspection = InspectionFactory(scheduled_on=TODAY)
    html = client.get(reverse("neighbourhood:inspection-record", args=[inspection.ref])).content.decode()  # fmt: skip
    assert "D: poor. Broken equipment: close it" in html
    assert "Example photo: media/standards/play-area-a.jpg" in html
    assert "Broken equipment: close it" in client.get(reverse("neighbourhood:settings")).content.decode()  # fmt: skip


def test_staff_change_and_remove_asb_parties_after_opening_and_each_goes_on_the_timeline(
    client, officer
):
    from hearth.core.timeline import events_for
    from hearth.neighbourhood.models import AsbParty

    case = services.open_asb_case(category="Harassment", description="Shouting", channel="phone", actor=None, complainant_name="Rita Resident")  # fmt: skip
    unknown = services.add_party(case=case, role="perpetrator", name="", actor=None)
    client.force_login(officer)
    page = client.get(reverse("neighbourhood:asb", args=[case.ref])).content.decode()
    change_url = reverse("neighbourhood:asb-party-change", args=[case.ref, unknown.pk])
    assert change_url in page
    # The unknown perpetrator is later named.
    named = client.post(change_url, {"role": "perpetrator", "name": "Victor Neighbour", "description": "Flat 12"})  # fmt: skip
    assert named.status_code == 302
    unknown.refresh_from_db()
    assert (unknown.name, unknown.description) == ("Victor Neighbour", "Flat 12")
    # A witness added by mistake is removed, with the reason.
    witness = services.add_party(case=case, role="witness", name="Wendy Witness", actor=None)
    remove_url = reverse("neighbourhood:asb-party-remove", args=[case.ref, witness.pk])
    no_reason = client.post(remove_url, {"reason": ""})
    assert "Say why this person is being removed" in no_reason.content.decode()
    assert client.post(remove_url, {"reason": "Added to the wrong case"}).status_code == 302
    assert not AsbParty.objects.filter(pk=witness.pk).exists()
    # The only complainant stays.
    [complainant] = services.complainants(case)
    kept = client.post(reverse("neighbourhood:asb-party-remove", args=[case.ref, complainant.pk]), {"reason": "Mistake"})  # fmt: skip
    assert "A case must keep at least one complainant" in kept.content.decode()
    verbs = [(e.verb, e.summary) for e in events_for(case)]
    assert ("party_changed", "Alleged perpetrator: Unknown changed to Alleged perpetrator: Victor Neighbour") in verbs  # fmt: skip
    assert ("party_removed", "Witness: Wendy Witness removed: Added to the wrong case") in verbs
    # None of it is on the complainant's view of the timeline.
    assert not [e for e in events_for(case, resident_view=True) if e.verb.startswith("party_")]
    # Another case's party cannot be reached through this case.
    other = services.open_asb_case(category="Noise", description="Music", channel="phone", actor=None, complainant_name="Omar")  # fmt: skip
    stranger = services.add_party(case=other, role="witness", name="Sam", actor=None)
    assert client.get(reverse("neighbourhood:asb-party-change", args=[case.ref, stranger.pk])).status_code == 404  # fmt: skip
