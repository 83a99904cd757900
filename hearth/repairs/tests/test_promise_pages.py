"""Issue #15 through the pages: the heating questions in the resident's report, the "is it
fixed?" page, late slots marked in booking, the visit form's outcome fields and evidence, and
the staff log form refusing contradictory ticks."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from hearth.core import calendar
from hearth.core.timeline import events_for
from hearth.repairs import services
from hearth.repairs.models import CatalogueItem, Repair
from hearth.repairs.tests.factories import london
from hearth.tenancies.models import TenancyMember
from hearth.tenancies.tests.factories import PersonFactory


@pytest.fixture
def signed_in(client, resident):  # type: ignore[no-untyped-def]
    client.force_login(resident)
    return client


def _post(client, name, data, args=()):  # type: ignore[no-untyped-def]
    return client.post(reverse(name, args=args), data)


def _to_heating(client, problem: str):  # type: ignore[no-untyped-def]
    _post(client, "repairs_portal:report", {"emergency": "none"})
    _post(client, "repairs_portal:report-where", {"where": "home"})
    _post(client, "repairs_portal:report-area", {"area": "heating"})
    return _post(client, "repairs_portal:report-problem", {"problem": problem})


def _in_heating_season() -> bool:
    return timezone.localdate().month in (10, 11, 12, 1, 2, 3, 4)


def test_no_heating_asks_who_lives_there_and_a_child_under_five_makes_it_an_emergency(
    signed_in, tenancy
):
    response = _to_heating(signed_in, "H01")
    assert response.url == reverse("repairs_portal:report-heating")
    page = signed_in.get(response.url)
    assert "lost" not in page.context["form"].fields  # the problem already says so
    assert 'data-behaviour="exclusive"' in page.content.decode()
    answered = _post(signed_in, "repairs_portal:report-heating", {"household": ["under_5"]})
    assert answered.url == reverse("repairs_portal:report-details")
    _post(signed_in, "repairs_portal:report-details", {"description": "Boiler off"})
    check = signed_in.get(reverse("repairs_portal:report-check"))
    assert check.context["heating"] == ["A child under 5"]
    _post(signed_in, "repairs_portal:report-check", {})
    repair = Repair.objects.get()
    expected = "emergency" if _in_heating_season() else "urgent"
    assert repair.priority == expected
    assert check.context["is_emergency"] is (expected == "emergency")


def test_something_else_with_the_heating_asks_whether_it_is_out(signed_in, tenancy):
    response = _to_heating(signed_in, "other")
    assert response.url == reverse("repairs_portal:report-heating")
    page = signed_in.get(response.url)
    assert "lost" in page.context["form"].fields
    refused = _post(signed_in, "repairs_portal:report-heating", {"household": ["none"]})
    assert refused.status_code == 200
    assert refused.context["form"].errors["lost"] == [
        "Select whether you have heating and hot water"
    ]
    ok = _post(signed_in, "repairs_portal:report-heating",
               {"lost": "neither", "household": ["none"]})  # fmt: skip
    assert ok.url == reverse("repairs_portal:report-details")


def test_none_of_these_ticked_with_another_answer_is_refused(signed_in, tenancy):
    _to_heating(signed_in, "H01")
    refused = _post(signed_in, "repairs_portal:report-heating",
                    {"household": ["over_65", "none"]})  # fmt: skip
    assert refused.status_code == 200
    assert refused.context["form"].errors["household"] == [
        "You ticked 'No, none of these' and someone who lives with you: select "
        "'No, none of these' on its own, or untick it"
    ]
    assert "There is a problem" in refused.content.decode()


def test_a_recorded_older_person_makes_no_heating_an_emergency_online(signed_in, tenancy):
    # The household record, not only the answer, decides (someone born in 1950).
    TenancyMember.objects.create(tenancy=tenancy, role="household_member",
                                 person=PersonFactory(date_of_birth=date(1950, 1, 1)))  # fmt: skip
    _to_heating(signed_in, "H01")
    _post(signed_in, "repairs_portal:report-heating", {"household": ["none"]})
    _post(signed_in, "repairs_portal:report-details", {"description": ""})
    _post(signed_in, "repairs_portal:report-check", {})
    repair = Repair.objects.get()
    assert repair.priority == ("emergency" if _in_heating_season() else "urgent")


def test_the_resident_says_it_is_not_fixed_and_it_reopens(signed_in, tenancy, officer):
    repair = services.raise_repair(actor=officer, home=tenancy.home, tenancy=tenancy,
                                   reporter=tenancy.lead_tenant, description="Leak", channel="phone",
                                   reported_at=london(2025, 6, 2, 8))  # fmt: skip
    services.record_visit(repair=repair, actor=officer, outcome="completed",
                          visited_at=london(2025, 6, 3, 10))  # fmt: skip
    page = signed_in.get(reverse("repairs_portal:repair", args=[repair.ref]))
    assert "Tell us if it is fixed" in page.content.decode()
    assert "Tell us how satisfied you are" in page.content.decode()
    refused = _post(signed_in, "repairs_portal:fixed", {"fixed": "no"}, args=[repair.ref])
    assert refused.context["form"].errors["note"] == ["Tell us what is still wrong"]
    done = _post(signed_in, "repairs_portal:fixed", {"fixed": "no", "note": "Still leaking"},
                 args=[repair.ref])  # fmt: skip
    assert done.url == reverse("repairs_portal:repair", args=[repair.ref])
    repair.refresh_from_db()
    assert repair.status == "open"
    # Nothing to confirm on an open repair: the page goes back to the repair.
    again = signed_in.get(reverse("repairs_portal:fixed", args=[repair.ref]))
    assert again.status_code == 302


def test_staff_booking_marks_late_slots_and_asks_why(client, coordinator, tenancy, plumber):
    repair = services.raise_repair(actor=coordinator, home=tenancy.home, tenancy=tenancy,
                                   reporter=tenancy.lead_tenant, description="Sink",
                                   channel="phone", catalogue_item=CatalogueItem.objects.get(code="K01"))  # fmt: skip
    client.force_login(coordinator)
    page = client.get(reverse("repairs:book", args=[repair.ref]))
    labels = dict(page.context["form"].fields["slot"].choices)
    late_day = calendar.add_working_days(repair.due_on, 1)
    late_value = f"{late_day.isoformat()}:am"
    on_time_value = f"{repair.due_on.isoformat()}:am"
    assert "Late: after" in labels[late_value]
    assert "Late" not in labels[on_time_value]
    refused = client.post(reverse("repairs:book", args=[repair.ref]), {"slot": late_value})
    assert refused.status_code == 200
    assert "late_reason" in refused.context["form"].errors
    ok = client.post(reverse("repairs:book", args=[repair.ref]),
                     {"slot": late_value, "late_reason": "The resident works away"})  # fmt: skip
    assert ok.status_code == 302
    assert repair.appointments.get().late_reason == "The resident works away"
    queue = client.get(reverse("repairs:queue") + "?flag=late_appointment")
    assert repair.ref in queue.content.decode()
    assert "After the due date" in queue.content.decode()


def test_the_visit_form_reveals_each_outcomes_fields_and_needs_no_access_evidence(
    client, operative, tenancy, officer
):
    repair = services.raise_repair(actor=officer, home=tenancy.home, tenancy=tenancy,
                                   reporter=tenancy.lead_tenant, description="Leak", channel="phone",
                                   reported_at=london(2025, 6, 2, 8))  # fmt: skip
    client.force_login(operative)
    url = reverse("repairs:visit", args=[repair.ref])
    html = client.get(url).content.decode()
    assert 'data-hearth-reveals="conditional-further_work"' in html
    assert 'data-hearth-reveals="conditional-no_access"' in html
    assert 'id="conditional-no_access"' in html
    refused = client.post(url, {"outcome": "no_access"})
    assert refused.status_code == 200
    assert refused.context["form"].errors["card_left"] == [
        "Say how you tried to reach the resident: leave a card, take a photo of the door, or "
        "phone them"
    ]
    # Further-work fields typed, then "Completed" chosen (no JavaScript): they are ignored.
    done = client.post(url, {"outcome": "completed", "further_work": "Left over",
                             "card_left": "on"})  # fmt: skip
    assert done.status_code == 302
    visit = repair.visits.get()
    assert (visit.outcome, visit.card_left) == ("completed", False)
    assert not hasattr(visit, "follow_on") or visit.follow_on is None


@pytest.mark.parametrize(
    ("ticks", "field"),
    [
        ({"emergency_hazard": "on"}, "emergency_hazard"),
        ({"emergency_hazard": "on", "damp_or_mould": "on", "priority": "planned"}, "priority"),
        ({"rechargeable": "on", "home_ref": "", "block_ref": "BLOCK"}, "rechargeable"),
    ],
)
def test_the_log_form_refuses_contradictory_ticks_on_the_field(
    client, coordinator, tenancy, ticks, field
):
    client.force_login(coordinator)
    data = {"home_ref": tenancy.home.ref, "channel": "phone", "description": "Mould"}
    data.update(ticks)
    if data.get("block_ref") == "BLOCK":
        data["block_ref"] = tenancy.home.block.ref
    response = client.post(reverse("repairs:new"), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Repair.objects.exists()


def test_a_no_access_escalation_shows_on_the_staff_repair_page(client, coordinator, tenancy):
    repair = services.raise_repair(actor=coordinator, home=tenancy.home, tenancy=tenancy,
                                   reporter=tenancy.lead_tenant, description="Leak", channel="phone",
                                   reported_at=london(2025, 6, 2, 8))  # fmt: skip
    for day, means in ((3, "card_left"), (4, "phoned"), (5, "card_left")):
        services.record_visit(repair=repair, actor=coordinator, outcome="no_access",
                              visited_at=london(2025, 6, day, 9), **{means: True})  # fmt: skip
    assert any(e.verb == "no_access_escalated" for e in events_for(repair))
    client.force_login(coordinator)
    html = client.get(reverse("repairs:repair", args=[repair.ref])).content.decode()
    assert "No access 3 times" in html


def test_an_operative_lands_on_jobs_today_and_the_home_link_goes_there(client, operative):
    from hearth.accounts.tests.factories import PASSWORD

    response = client.post(reverse("accounts:sign-in"),
                           {"username": "operative", "password": PASSWORD}, follow=True)  # fmt: skip
    assert response.redirect_chain[-1][0] == reverse("repairs:jobs")
    assert "My jobs today" in response.content.decode()
    my_work = client.get(reverse("staff:my-work")).content.decode()
    jobs = reverse("repairs:jobs")
    assert f'<a href="{jobs}" class="govuk-header__homepage-link' in my_work
    assert f'<a href="{jobs}" class="govuk-service-navigation__link">Staff area</a>' in my_work


def test_a_photo_of_the_door_is_evidence_enough_for_no_access(client, operative, tenancy, officer):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    repair = services.raise_repair(actor=officer, home=tenancy.home, tenancy=tenancy,
                                   reporter=tenancy.lead_tenant, description="Leak", channel="phone",
                                   reported_at=london(2025, 6, 2, 8))  # fmt: skip
    out = io.BytesIO()
    Image.new("RGB", (30, 20), (120, 40, 0)).save(out, format="JPEG")
    upload = SimpleUploadedFile("door.jpg", out.getvalue(), content_type="image/jpeg")
    client.force_login(operative)
    done = client.post(reverse("repairs:visit", args=[repair.ref]),
                       {"outcome": "no_access", "photo": upload})  # fmt: skip
    assert done.status_code == 302
    visit = repair.visits.get()
    photo = visit.photos.get()
    assert photo.repair == repair
    html = client.get(reverse("repairs:repair", args=[repair.ref])).content.decode()
    assert reverse("repairs:photo", args=[photo.pk]) in html
