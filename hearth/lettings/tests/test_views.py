"""The staff pages and the resident's pages, through the forms people use."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from hearth.core.work import work_for
from hearth.lettings import services
from hearth.lettings.models import Stage, Void
from hearth.lettings.tests.factories import accepted_applicant, make_void, pass_gates
from hearth.rents.tests.factories import pretend_today

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 16)


@pytest.fixture(autouse=True)
def _today(monkeypatch):  # type: ignore[no-untyped-def]
    pretend_today(monkeypatch, TODAY)


def _parts(name: str, day: date) -> dict[str, str]:
    return {
        f"{name}_day": str(day.day),
        f"{name}_month": str(day.month),
        f"{name}_year": str(day.year),
    }


def test_the_board_lists_every_empty_home_with_days_target_works_and_rent_lost(client, officer):
    void = make_void(actor=officer, ref="V-ONE")
    make_void(actor=officer, ref="V-LET")
    Void.objects.filter(ref="V-LET").update(let_on=date(2026, 3, 10))
    client.force_login(officer)
    html = client.get(reverse("lettings:board")).content.decode()
    assert "V-ONE" in html
    assert "V-LET" not in html
    # Ended 1 March, today 16 March: 15 days empty; rent lost 2-16 March = 15 days at
    # £128.75 a week = £275.8928 -> £275.89.
    assert "£275.89" in html
    assert "21 days: let by 22 March 2026" in html
    assert void.home.address in html


def test_the_board_filters_by_estate_and_stage(client, officer):
    one = make_void(actor=officer, ref="V-ONE")
    make_void(actor=officer, ref="V-TWO")
    client.force_login(officer)
    html = client.get(
        reverse("lettings:board") + f"?estate={one.home.block.estate.ref}"
    ).content.decode()
    assert "V-ONE" in html and "V-TWO" not in html
    Void.objects.filter(ref="V-TWO").update(stage=Stage.WORKS)
    html = client.get(reverse("lettings:board") + "?stage=works").content.decode()
    assert "V-TWO" in html and "V-ONE" not in html


def test_the_board_pages_through_voids_longest_empty_first(client, officer):
    # 53 voids, ended on 53 different days from 1 January 2026 on, made in a shuffled order;
    # V-03 is let. The board shows 50 a page, longest empty first.
    days = list(range(53))
    for n in days[1::2] + days[::2]:
        make_void(actor=officer, ref=f"V-{n:02d}", end=date(2026, 1, 1) + timedelta(days=n))
    Void.objects.filter(ref="V-03").update(let_on=date(2026, 3, 10))
    client.force_login(officer)

    def refs(query: str) -> list[str]:
        html = client.get(reverse("lettings:board") + query).content.decode()
        return re.findall(r">(V-\d\d)<", html)

    first = refs("")
    assert len(first) == 50
    assert first[:4] == ["V-00", "V-01", "V-02", "V-04"]
    assert first[-1] == "V-50"
    assert refs("?page=2") == ["V-51", "V-52"]
    Void.objects.filter(ref__in=["V-07", "V-52", "V-11"]).update(stage=Stage.WORKS)
    assert refs("?stage=works") == ["V-07", "V-11", "V-52"]
    # A filter that matches nothing, and a page past the end, still answer.
    assert refs("?stage=offering") == []
    assert refs("?page=99") == ["V-51", "V-52"]
    assert refs("?page=nonsense") == first


def test_residents_and_operatives_cannot_see_void_pages(client, resident, operative, officer):
    void = make_void(actor=officer)
    for user in (resident, operative):
        client.force_login(user)
        assert client.get(reverse("lettings:board")).status_code == 404
        assert client.get(reverse("lettings:void", args=[void.ref])).status_code == 404


def test_an_action_form_lists_a_message_for_each_missing_field(client, officer):
    void = make_void(actor=officer)
    client.force_login(officer)
    response = client.post(
        reverse("lettings:action", args=[void.ref, "inspection"]), {"storeys": "1"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "Enter the date of the inspection" in html
    assert "Choose minor or major works" in html


def test_the_void_inspection_form_records_works_and_moves_the_stage(client, officer):
    void = make_void(actor=officer)
    client.force_login(officer)
    response = client.post(
        reverse("lettings:action", args=[void.ref, "inspection"]),
        {**_parts("inspected_on", date(2026, 3, 3)), "works_type": "major",
         "needed_works": "Rewire\nNew kitchen", "gas_supply": "on", "storeys": "2"},
    )  # fmt: skip
    assert response.status_code == 302
    void.refresh_from_db()
    assert void.stage == Stage.WORKS
    assert void.target_days == 60
    assert list(void.works.values_list("description", flat=True)) == ["Rewire", "New kitchen"]
    html = client.get(reverse("lettings:void", args=[void.ref])).content.decode()
    assert "Void inspection on 3 March 2026: major works, 2 jobs needed" in html


def test_sign_up_is_refused_on_the_page_saying_what_is_outstanding(client, officer):
    void = make_void(actor=officer)
    client.force_login(officer)
    response = client.post(
        reverse("lettings:action", args=[void.ref, "sign-up"]),
        {**_parts("signed_on", TODAY), "tenure": "introductory", "relet_standard_explained": "on",
         "certificates_given": "on"},
    )  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "A passed Letting Standard inspection" in html
    assert "A carbon monoxide alarm tested on the day the tenancy starts, 16 March 2026" in html


def test_sign_up_through_the_page_lets_the_home(client, officer):
    void = make_void(actor=officer)
    pass_gates(void, starts_on=TODAY, actor=officer)
    accepted_applicant(void, on=date(2026, 3, 12), actor=officer)
    client.force_login(officer)
    response = client.post(
        reverse("lettings:action", args=[void.ref, "sign-up"]),
        {**_parts("signed_on", TODAY), "tenure": "introductory", "relet_standard_explained": "on",
         "certificates_given": "on"},
    )  # fmt: skip
    assert response.status_code == 302
    void.refresh_from_db()
    assert void.let_on == TODAY
    assert client.get(reverse("lettings:action", args=[void.ref, "inspection"])).status_code == 404


def test_a_re_let_rent_above_the_flexibility_is_refused_on_the_sign_up_page(
    client, officer, manager
):
    from hearth.rents.services.review import set_rent_setting

    void = make_void(actor=officer)
    set_rent_setting(home=void.home, rent_type="social", formula_rent=Decimal("110.00"),
                     rent_cap=None, actor=manager)  # fmt: skip
    pass_gates(void, starts_on=TODAY, actor=officer)
    accepted_applicant(void, on=date(2026, 3, 12), actor=officer)
    client.force_login(officer)
    response = client.post(
        reverse("lettings:action", args=[void.ref, "sign-up"]),
        {**_parts("signed_on", TODAY), "tenure": "introductory", "relet_standard_explained": "on",
         "certificates_given": "on", "weekly_rent": "120.00"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "The rent at re-let can be at most £115.50 a week" in response.content.decode()
    void.refresh_from_db()
    assert void.let_on is None


def test_notice_visit_and_keys_through_the_pages_open_the_void(client, officer, tenancy):
    client.force_login(officer)
    response = client.post(
        reverse("lettings:notice", args=[tenancy.pk]),
        {**_parts("notice_given_on", date(2026, 2, 2)), **_parts("end_date", date(2026, 3, 1))},
    )
    assert response.status_code == 302
    client.post(reverse("lettings:ending-action", args=[tenancy.pk, "visit"]),
                {**_parts("visited_on", date(2026, 2, 20)), "condition": "Good",
                 "forwarding_address": "Not given"})  # fmt: skip
    response = client.post(
        reverse("lettings:ending-action", args=[tenancy.pk, "keys"]),
        _parts("keys_returned_on", date(2026, 3, 2)),
    )
    assert response.status_code == 302
    void = Void.objects.get(previous_tenancy=tenancy)
    assert void.previous_tenancy_end == date(2026, 3, 1)
    html = client.get(reverse("lettings:ending", args=[tenancy.pk])).content.decode()
    assert "Keys returned on 2 March 2026" in html


def test_an_overdue_stage_is_on_the_owning_officers_my_work(officer, manager):
    # Keys back 2 March: the inspection was due 2 working days later, 4 March.
    void = make_void(actor=officer)
    items = work_for(officer)
    assert [(i.title, i.due) for i in items if i.case_type == "Void"] == [
        (f"Empty home {void.ref}: Void inspection", date(2026, 3, 4))
    ]
    assert [i for i in work_for(manager) if i.case_type == "Void"] == []


def test_the_outgoing_tenant_sees_the_ending_steps_in_their_requests(
    client, resident, tenancy, officer
):
    ending = services.give_notice(tenancy=tenancy, notice_given_on=date(2026, 2, 2), end_date=date(2026, 3, 20),
                                  actor=officer)  # fmt: skip
    services.book_pre_termination_visit(ending=ending, visit_on=date(2026, 3, 18), actor=officer)
    client.force_login(resident)
    html = client.get(reverse("portal:your-requests")).content.decode()
    assert "Ending your tenancy" in html
    assert "We will visit on 18 March 2026" in html


def test_the_new_tenant_sees_their_home_certificates_and_checklist_and_nobody_else_does(
    client, officer, other_resident
):
    from hearth.accounts.models import Role
    from hearth.accounts.tests.factories import UserFactory

    void = make_void(actor=officer)
    pass_gates(void, starts_on=TODAY, actor=officer)
    accepted_applicant(void, on=date(2026, 3, 12), actor=officer)
    tenancy = services.sign_up(void=void, signed_on=TODAY, relet_standard_explained=True,
                               certificates_given=True, actor=officer)  # fmt: skip
    newcomer = UserFactory(username="nadia", role=Role.RESIDENT, person=tenancy.lead_tenant)
    client.force_login(newcomer)
    html = client.get(reverse("lettings_portal:home", args=[void.ref])).content.decode()
    assert "Certificate GSR-1" in html
    assert "Certificate EICR-9" in html
    assert "Stopcock labelled" in html
    requests = client.get(reverse("portal:your-requests")).content.decode()
    assert "Your new home" in requests
    client.force_login(other_resident)
    assert client.get(reverse("lettings_portal:home", args=[void.ref])).status_code == 404
    assert client.get(reverse("lettings_portal:home", args=["V-NOPE"])).status_code == 404
