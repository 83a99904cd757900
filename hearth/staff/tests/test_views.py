from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from hearth.accounts.models import Role
from hearth.accounts.tests.factories import UserFactory
from hearth.accounts.tests.otp import sign_in_verified
from hearth.core import timeline
from hearth.core.models import ClosureDay, Landlord, Message, MessageStatus, TimelineEvent
from hearth.estates.tests.factories import HomeFactory
from hearth.tenancies.models import CautionaryAlert, SensitiveAccessLog, SupportNeed, TenancyMember
from hearth.tenancies.tests.factories import PersonFactory, TenancyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def estate_officer(db: Any) -> Any:
    return UserFactory(username="estates", role=Role.ESTATE_OFFICER)


def staff_urls(tenancy: Any) -> list[str]:
    return [
        reverse("staff:my-work"),
        reverse("staff:search") + "?q=E5",
        reverse("staff:home", args=[tenancy.home_id]),
        reverse("staff:tenancy", args=[tenancy.pk]),
        reverse("staff:person", args=[tenancy.lead_tenant.pk]),
        reverse("staff:outbox"),
        reverse("staff:closure-days"),
    ]


def test_anyone_not_signed_in_is_sent_to_sign_in_from_a_staff_page(
    client: Client, tenancy: Any
) -> None:
    for url in staff_urls(tenancy):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("accounts:sign-in") + "?next=")


def test_a_resident_gets_not_found_for_every_staff_page_even_about_their_own_tenancy(
    client: Client, resident: Any, tenancy: Any
) -> None:
    client.force_login(resident)

    for url in staff_urls(tenancy):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("staff:closure-days"), {}).status_code == 404


def test_a_page_a_role_may_not_use_is_not_found_and_not_in_its_navigation(
    client: Client, officer: Any
) -> None:
    client.force_login(officer)

    assert client.get(reverse("staff:closure-days")).status_code == 404
    assert (
        reverse("staff:closure-days") not in client.get(reverse("staff:my-work")).content.decode()
    )


def test_my_work_lists_alerts_due_for_review_and_undelivered_messages_most_urgent_first(
    client: Client, officer: Any, tenancy: Any
) -> None:
    today = timezone.localdate()
    person = tenancy.lead_tenant
    CautionaryAlert.objects.create(
        person=person, category="Violent", reason="x", review_on=today - timedelta(days=3)
    )
    CautionaryAlert.objects.create(
        home=tenancy.home, category="Asbestos", reason="x", review_on=today
    )
    CautionaryAlert.objects.create(
        person=person, category="Later", reason="x", review_on=today + timedelta(days=30)
    )
    CautionaryAlert.objects.create(
        person=person,
        category="Ended",
        reason="x",
        review_on=today - timedelta(days=1),
        ended_on=today,
    )
    Message.objects.create(
        idempotency_key="m1",
        purpose="repair_booked",
        channel="letter",
        person=person,
        to_address="",
        subject="Repair booked",
        body="b",
        status=MessageStatus.NOT_SENT,
        status_detail="not sent: we have no email address, mobile number or postal address "
        "for this person",
        queued_by=officer,
    )
    Message.objects.create(
        idempotency_key="m2",
        purpose="ok",
        channel="email",
        person=person,
        to_address="a@b.c",
        subject="Delivered fine",
        body="b",
        status=MessageStatus.SENT,
    )
    client.force_login(officer)

    html = client.get(reverse("staff:my-work")).content.decode()

    assert html.index("Review cautionary alert: Violent") < html.index(
        "Review cautionary alert: Asbestos"
    )
    assert "Message not delivered: Repair booked" in html
    assert "We have no email address, mobile number or postal address" in html
    assert "Later" not in html and "Ended" not in html and "Delivered fine" not in html
    assert "Overdue" in html and "Due today" in html


def test_my_work_shows_only_what_the_role_deals_with(
    client: Client, estate_officer: Any, tenancy: Any
) -> None:
    CautionaryAlert.objects.create(
        person=tenancy.lead_tenant, category="Violent", reason="x", review_on=timezone.localdate()
    )
    client.force_login(estate_officer)

    html = client.get(reverse("staff:my-work")).content.decode()

    assert "Violent" not in html
    assert "You have nothing overdue or due today" in html


def test_search_finds_a_home_by_postcode_however_it_is_typed(client: Client, officer: Any) -> None:
    home = HomeFactory(address="12 Daubeney Road", postcode="E5 0EN")
    HomeFactory(address="3 Elsewhere Street", postcode="N1 9GU")
    client.force_login(officer)

    for query in ["E5 0EN", "e50en", " e5  0en "]:
        html = client.get(reverse("staff:search"), {"q": query}).content.decode()
        assert "12 Daubeney Road" in html, query
        assert "Elsewhere" not in html
        assert reverse("staff:home", args=[home.pk]) in html


def test_search_finds_a_district_by_its_outward_code(client: Client, officer: Any) -> None:
    HomeFactory(address="12 Daubeney Road", postcode="E5 0EN")
    HomeFactory(address="1 Far Road", postcode="E15 1AA")
    client.force_login(officer)

    html = client.get(reverse("staff:search"), {"q": "E5"}).content.decode()

    assert "12 Daubeney Road" in html
    assert "Far Road" not in html


def test_search_finds_a_tenancy_and_a_home_by_reference(
    client: Client, officer: Any, tenancy: Any
) -> None:
    client.force_login(officer)

    by_tenancy = client.get(reverse("staff:search"), {"q": "t-rita"}).content.decode()
    by_home = client.get(reverse("staff:search"), {"q": tenancy.home.ref}).content.decode()

    assert reverse("staff:tenancy", args=[tenancy.pk]) in by_tenancy
    assert reverse("staff:home", args=[tenancy.home_id]) in by_home


def test_search_finds_a_person_by_any_words_of_their_name(
    client: Client, officer: Any, tenancy: Any
) -> None:
    PersonFactory(full_name="Ritchie Blackmore")
    client.force_login(officer)

    html = client.get(reverse("staff:search"), {"q": "resident rita"}).content.decode()

    assert "Rita Resident" in html
    assert "Ritchie" not in html
    assert "1 result" in html


def test_search_with_no_match_says_so_and_suggests_what_to_try(
    client: Client, officer: Any
) -> None:
    client.force_login(officer)

    html = client.get(reverse("staff:search"), {"q": "zzzz-nothing"}).content.decode()

    assert "0 results" in html
    assert "Check the spelling" in html


def test_search_results_take_a_fixed_number_of_queries_however_many_match(
    client: Client, officer: Any, django_assert_max_num_queries: Any
) -> None:
    for n in range(30):
        person = PersonFactory(full_name=f"Sam Smith {n}")
        TenancyFactory(ref=f"SMITH-{n:03d}", lead_tenant=person)
        TenancyMember.objects.create(
            tenancy=TenancyFactory(ref=f"OLD-SMITH-{n:03d}"), person=person, role="joint_tenant"
        )
    client.force_login(officer)

    with django_assert_max_num_queries(14):
        first = client.get(reverse("staff:search"), {"q": "smith"})
    with django_assert_max_num_queries(14):
        last = client.get(reverse("staff:search"), {"q": "smith", "page": 3})

    assert first.status_code == 200 and last.status_code == 200
    assert "60 results" in first.content.decode()  # 30 tenancy refs start SMITH-, 30 names
    assert "Sam Smith" in last.content.decode()


def test_a_home_page_shows_its_alerts_before_anything_else(
    client: Client, officer: Any, tenancy: Any
) -> None:
    review = timezone.localdate() + timedelta(days=20)
    CautionaryAlert.objects.create(
        home=tenancy.home, category="Asbestos", reason="Do not drill the walls", review_on=review
    )
    client.force_login(officer)

    html = client.get(reverse("staff:home", args=[tenancy.home_id])).content.decode()

    main = html[html.index('id="main-content"') :]
    assert main.index("Do not drill the walls") < main.index("<h1")
    assert f"Review by {review.day} " in main
    assert "T-RITA" in main


def test_a_tenancy_page_shows_members_alerts_contact_preferences_and_its_timeline(
    client: Client, officer: Any, tenancy: Any
) -> None:
    CautionaryAlert.objects.create(
        person=tenancy.lead_tenant,
        category="Violent",
        reason="Two officers on every visit",
        review_on=timezone.localdate() + timedelta(days=5),
    )
    timeline.record(tenancy, verb="note", summary="Tenancy audit visit done", actor=officer)
    client.force_login(officer)

    html = client.get(reverse("staff:tenancy", args=[tenancy.pk])).content.decode()

    main = html[html.index('id="main-content"') :]
    assert main.index("Two officers on every visit") < main.index("<h1")
    assert "Rita Resident" in main and "Lead tenant" in main
    assert "Contact by" in main and "Email" in main
    assert "Tenancy audit visit done" in main
    assert "Olu Officer" in main


def test_support_needs_are_hidden_from_a_role_without_the_capability_and_nothing_is_logged(
    client: Client, estate_officer: Any, tenancy: Any
) -> None:
    SupportNeed.objects.create(
        person=tenancy.lead_tenant, kind="hearing", description="Deaf: text only"
    )
    client.force_login(estate_officer)

    tenancy_page = client.get(reverse("staff:tenancy", args=[tenancy.pk])).content.decode()
    person_page = client.get(
        reverse("staff:person", args=[tenancy.lead_tenant.pk])
    ).content.decode()

    for html in (tenancy_page, person_page):
        assert "Deaf: text only" not in html
        assert "Support needs" not in html
    assert not SensitiveAccessLog.objects.exists()


def test_every_showing_of_support_needs_is_logged_for_each_person_shown(
    client: Client, officer: Any, tenancy: Any
) -> None:
    partner = PersonFactory(full_name="Pat Partner")
    TenancyMember.objects.create(tenancy=tenancy, person=partner, role="household_member")
    SupportNeed.objects.create(
        person=tenancy.lead_tenant, kind="hearing", description="Deaf: text only"
    )
    client.force_login(officer)
    url = reverse("staff:tenancy", args=[tenancy.pk])

    html = client.get(url).content.decode()
    client.get(reverse("staff:person", args=[tenancy.lead_tenant.pk]))

    assert "Deaf: text only" in html
    logs = SensitiveAccessLog.objects.filter(user=officer)
    assert sorted(logs.filter(where=url).values_list("person__full_name", flat=True)) == [
        "Pat Partner",
        "Rita Resident",
    ]
    assert logs.filter(person=tenancy.lead_tenant).count() == 2


def test_an_unknown_record_is_not_found(client: Client, officer: Any) -> None:
    client.force_login(officer)

    assert client.get(reverse("staff:tenancy", args=[999999])).status_code == 404
    assert client.get(reverse("staff:home", args=[999999])).status_code == 404
    assert client.get(reverse("staff:person", args=[999999])).status_code == 404


def test_the_outbox_shows_each_message_with_its_status_and_why_it_was_not_sent(
    client: Client, officer: Any, tenancy: Any
) -> None:
    message = Message.objects.create(
        idempotency_key="m1",
        purpose="repair_booked",
        channel="sms",
        person=tenancy.lead_tenant,
        to_address="07700900123",
        subject="Repair booked",
        body="b",
        status=MessageStatus.NOT_SENT,
        status_detail="Notify is not configured",
    )
    client.force_login(officer)

    html = client.get(reverse("staff:outbox")).content.decode()
    filtered = client.get(reverse("staff:outbox"), {"status": "sent"}).content.decode()
    response = client.post(
        reverse("staff:outbox-resend", args=[message.pk]), {"status": "not_sent"}
    )

    assert "Repair booked" in html and "Not sent" in html and "Notify is not configured" in html
    assert "Send again" in html
    assert "Repair booked" not in filtered
    assert response.status_code == 302
    assert response["Location"] == reverse("staff:outbox") + "?status=not_sent"
    message.refresh_from_db()
    assert message.status == MessageStatus.QUEUED
    assert message.status_detail == "queued again by Olu Officer"


def test_an_operative_cannot_see_the_outbox(client: Client, operative: Any) -> None:
    client.force_login(operative)

    assert client.get(reverse("staff:outbox")).status_code == 404


def test_an_administrator_adds_a_closure_day_with_the_date_input(
    client: Client, admin_user: Any
) -> None:
    sign_in_verified(client, admin_user)

    response = client.post(
        reverse("staff:closure-days"),
        {"day_day": "29", "day_month": "12", "day_year": "2027", "reason": "Christmas shutdown"},
        follow=True,
    )

    assert ClosureDay.objects.get().reason == "Christmas shutdown"
    html = response.content.decode()
    assert "Wednesday 29 December 2027 added as a closure day" in html
    assert TimelineEvent.objects.filter(
        verb="closure_day_added", object_id=str(Landlord.current().pk)
    ).exists()


def test_a_closure_day_that_is_not_a_real_date_or_a_weekend_gets_an_error_summary(
    client: Client, admin_user: Any
) -> None:
    sign_in_verified(client, admin_user)
    url = reverse("staff:closure-days")

    impossible = client.post(
        url, {"day_day": "31", "day_month": "2", "day_year": "2027", "reason": "x"}
    )
    partial = client.post(url, {"day_day": "3", "day_month": "", "day_year": "2027", "reason": "x"})
    weekend = client.post(
        url, {"day_day": "1", "day_month": "1", "day_year": "2028", "reason": "x"}
    )

    assert "The date must be a real date" in impossible.content.decode()
    assert 'href="#id_day_day"' in impossible.content.decode()
    assert "The date must include a month" in partial.content.decode()
    assert "is a weekend" in weekend.content.decode()
    assert 'value="2028"' in weekend.content.decode()  # nothing typed is lost
    assert not ClosureDay.objects.exists()


def test_an_administrator_removes_a_closure_day_after_confirming(
    client: Client, admin_user: Any
) -> None:
    closure = ClosureDay.objects.create(
        date=timezone.localdate() + timedelta(days=40), reason="Staff training"
    )
    sign_in_verified(client, admin_user)
    url = reverse("staff:closure-day-remove", args=[closure.pk])

    confirm = client.get(url)
    response = client.post(url, follow=True)

    assert "Staff training" in confirm.content.decode()
    assert "is a working day again" in response.content.decode()
    assert not ClosureDay.objects.exists()
    assert TimelineEvent.objects.filter(verb="closure_day_removed").exists()


def test_an_administrator_must_pass_two_factor_before_the_closure_days_page(
    client: Client, admin_user: Any
) -> None:
    client.force_login(admin_user)

    response = client.get(reverse("staff:closure-days"))

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:two-factor")


def test_the_tenancy_page_links_to_the_rent_account_for_roles_that_see_rent(
    client: Client, tenancy: Any, officer: Any, operative: Any
) -> None:
    rent_url = reverse("rents:account", args=[tenancy.pk])
    client.force_login(officer)
    assert rent_url in client.get(reverse("staff:tenancy", args=[tenancy.pk])).content.decode()
    client.force_login(operative)
    page = client.get(reverse("staff:tenancy", args=[tenancy.pk]))
    assert page.status_code == 200 and rent_url not in page.content.decode()
