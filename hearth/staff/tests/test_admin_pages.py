"""The staff pages that run the landlord's own records: settings, people who sign in, support
needs, cautionary alerts, contact details on a resident's behalf, and households."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from hearth.accounts.models import Role, User
from hearth.accounts.tests.factories import UserFactory
from hearth.accounts.tests.otp import sign_in_verified
from hearth.core.models import Landlord, TimelineEvent
from hearth.core.timeline import events_for
from hearth.tenancies.models import (
    CautionaryAlert,
    ContactPreference,
    SensitiveAccessLog,
    SupportNeed,
    TenancyMember,
)
from hearth.tenancies.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def days(n: int) -> date:
    return timezone.localdate() + timedelta(days=n)


def date_parts(name: str, day: date) -> dict[str, str]:
    return {
        f"{name}_day": str(day.day),
        f"{name}_month": str(day.month),
        f"{name}_year": str(day.year),
    }


def html_of(response: Any) -> str:
    return str(response.content.decode())


def shows_error_summary(response: Any, *messages: str) -> bool:
    html = html_of(response)
    title = re.search(r"<title>(.*?)</title>", html, re.S)
    return (
        response.status_code == 200
        and 'class="govuk-error-summary"' in html
        and title is not None
        and title.group(1).strip().startswith("Error:")
        and all(message in html for message in messages)
    )


@pytest.fixture
def admin_client(client: Client, admin_user: Any) -> Client:
    sign_in_verified(client, admin_user)
    return client


@pytest.fixture
def officer_client(client: Client, officer: Any) -> Client:
    client.force_login(officer)
    return client


@pytest.fixture
def estate_officer(db: Any) -> Any:
    return UserFactory(username="estates", role=Role.ESTATE_OFFICER)


# Who may open which page


def admin_urls(tenancy: Any, user: Any) -> list[str]:
    return [
        reverse("staff:settings"),
        reverse("staff:users"),
        reverse("staff:user-add"),
        reverse("staff:user", args=[user.pk]),
        reverse("staff:user-role", args=[user.pk]),
        reverse("staff:user-deactivate", args=[user.pk]),
        reverse("staff:user-reset-two-factor", args=[user.pk]),
        reverse("staff:online-account", args=[tenancy.lead_tenant.pk]),
    ]


def record_urls(tenancy: Any) -> list[str]:
    person = tenancy.lead_tenant
    alert = CautionaryAlert.objects.create(
        person=person, category="Dog", reason="Large dog", review_on=days(30)
    )
    need = SupportNeed.objects.create(person=person, kind="hearing", description="Deaf")
    return [
        reverse("staff:contact-details", args=[person.pk]),
        reverse("staff:contact-preferences", args=[person.pk]),
        reverse("staff:support-need-add", args=[person.pk]),
        reverse("staff:support-need-change", args=[need.pk]),
        reverse("staff:support-need-end", args=[need.pk]),
        reverse("staff:person-alert-raise", args=[person.pk]),
        reverse("staff:home-alert-raise", args=[tenancy.home_id]),
        reverse("staff:alert-review", args=[alert.pk]),
        reverse("staff:alert-end", args=[alert.pk]),
        reverse("staff:household-add", args=[tenancy.pk]),
        reverse("staff:tenancy-end", args=[tenancy.pk]),
    ]


def test_settings_and_accounts_pages_are_not_found_for_staff_who_are_not_administrators(
    client: Client, manager: Any, officer: Any, tenancy: Any
) -> None:
    sign_in_verified(client, manager)

    for url in admin_urls(tenancy, officer):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {}).status_code == 404, url
    html = html_of(client.get(reverse("staff:my-work")))
    assert reverse("staff:settings") not in html and reverse("staff:users") not in html


def test_every_new_staff_page_is_not_found_for_a_resident_even_about_themselves(
    client: Client, resident: Any, tenancy: Any
) -> None:
    client.force_login(resident)

    for url in admin_urls(tenancy, resident) + record_urls(tenancy):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {}).status_code == 404, url
    assert CautionaryAlert.objects.active().count() == 1
    assert SupportNeed.objects.count() == 1


def test_record_pages_are_not_found_for_a_role_without_the_capability(
    client: Client, operative: Any, estate_officer: Any, tenancy: Any
) -> None:
    urls = record_urls(tenancy)
    # An operative may not edit people at all; an estate officer may edit contact details and
    # households, but not support needs or alerts.
    client.force_login(operative)
    for url in urls:
        assert client.get(url).status_code == 404, url
    client.force_login(estate_officer)
    for url in urls:
        expected = 404 if "support-needs" in url or "alerts" in url else 200
        assert client.get(url).status_code == expected, url
    assert not SensitiveAccessLog.objects.exists()


def test_an_administrator_sees_settings_and_people_who_sign_in_in_the_navigation(
    admin_client: Client,
) -> None:
    html = html_of(admin_client.get(reverse("staff:my-work")))

    assert f'href="{reverse("staff:settings")}"' in html
    assert f'href="{reverse("staff:users")}"' in html


# Landlord settings


def test_an_administrator_changes_the_landlords_details_and_a_target(
    admin_client: Client, admin_user: Any
) -> None:
    form = admin_client.get(reverse("staff:settings"))
    assert "Leave empty to use the standard target: at least 100%" in html_of(form)

    response = admin_client.post(
        reverse("staff:settings"),
        {
            "name": "Clapton Park TMO",
            "phone": "020 7946 0000",
            "email": "hello@cpmo.example.org",
            "opening_hours": "Monday to Friday, 9am to 5pm",
            "target_CH02_stage1": "95%",
            "target_voids_average_relet_days": "",
        },
        follow=True,
    )

    assert "Settings saved." in html_of(response)
    landlord = Landlord.current()
    assert landlord.name == "Clapton Park TMO" and landlord.phone == "020 7946 0000"
    assert landlord.targets == {"CH02.stage1": 95.0}
    assert 'value="95"' in html_of(response)
    assert events_for(landlord).get().actor == admin_user


def test_bad_settings_are_explained_in_an_error_summary_and_nothing_typed_is_lost(
    admin_client: Client,
) -> None:
    response = admin_client.post(
        reverse("staff:settings"),
        {"name": "", "email": "not-an-email", "target_CH02_stage1": "150", "phone": "call us"},
    )

    assert shows_error_summary(
        response,
        "Enter the landlord&#x27;s name",
        "Enter an email address in the correct format",
        "The target must be a percentage from 0 to 100",
        "Enter a phone number",
    )
    html = html_of(response)
    assert 'href="#id_target_CH02_stage1"' in html
    assert 'value="150"' in html and 'value="not-an-email"' in html
    assert Landlord.current().targets == {}


# People who sign in


def test_the_list_of_people_who_sign_in_filters_by_role(
    admin_client: Client, officer: Any, resident: Any
) -> None:
    everyone = html_of(admin_client.get(reverse("staff:users")))
    residents = html_of(admin_client.get(reverse("staff:users"), {"role": "resident"}))

    assert "Olu Officer" in everyone and "Rita Resident" not in everyone
    assert "Never" in everyone  # nobody here has signed in
    assert "Rita Resident" in residents and "Olu Officer" not in residents


def test_the_list_of_people_who_sign_in_takes_a_fixed_number_of_queries(
    admin_client: Client, django_assert_max_num_queries: Any
) -> None:
    for n in range(60):
        user = UserFactory(role=Role.MANAGER if n % 2 else Role.OPERATIVE)
        if n % 3 == 0:
            TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)

    with django_assert_max_num_queries(12):
        first = admin_client.get(reverse("staff:users"))
    with django_assert_max_num_queries(12):
        second = admin_client.get(reverse("staff:users"), {"page": 2})

    assert first.status_code == 200 and second.status_code == 200
    assert "Two-factor not set up" in html_of(first)
    assert "All staff (61)" in html_of(first)


def test_adding_a_member_of_staff_emails_them_a_link_to_choose_a_password(
    admin_client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("staff:user-add"),
            {
                "first_name": "Ines",
                "last_name": "Ibrahim",
                "email": "ines@example.org",
                "username": "ines",
                "role": Role.INCOME_OFFICER,
            },
            follow=True,
        )

    user = User.objects.get(username="ines")
    assert response.redirect_chain[-1][0] == reverse("staff:user", args=[user.pk])
    assert "We have emailed ines@example.org a link" in html_of(response)
    assert "Account created as Income officer" in html_of(response)
    assert "/accounts/set-password/" in mail.outbox[0].body


def test_adding_a_member_of_staff_with_bad_answers_shows_the_error_summary(
    admin_client: Client, officer: Any
) -> None:
    response = admin_client.post(
        reverse("staff:user-add"),
        {"first_name": "Olu", "last_name": "", "email": "olu", "username": "OFFICER"},
    )

    assert shows_error_summary(
        response,
        "Enter their last name",
        "Enter an email address in the correct format",
        "Choose their role",
    )
    response = admin_client.post(
        reverse("staff:user-add"),
        {
            "first_name": "Olu",
            "last_name": "Two",
            "email": "olu2@example.org",
            "username": "OFFICER",
            "role": Role.HOUSING_OFFICER,
        },
    )
    assert shows_error_summary(response, "That username is already in use")
    assert User.objects.count() == 2


def test_an_administrator_changes_a_role_but_not_their_own(
    admin_client: Client, admin_user: Any, officer: Any
) -> None:
    UserFactory(role=Role.ADMIN)

    response = admin_client.post(
        reverse("staff:user-role", args=[officer.pk]), {"role": Role.MANAGER}, follow=True
    )
    own = admin_client.post(reverse("staff:user-role", args=[admin_user.pk]), {"role": "manager"})

    officer.refresh_from_db()
    assert officer.role == Role.MANAGER
    assert "Olu Officer is now: Manager." in html_of(response)
    assert shows_error_summary(own, "You cannot change your own role")
    admin_user.refresh_from_db()
    assert admin_user.role == Role.ADMIN


def test_an_administrator_cannot_deactivate_themselves(
    admin_client: Client, admin_user: Any
) -> None:
    UserFactory(role=Role.ADMIN)
    own_page = html_of(admin_client.get(reverse("staff:user", args=[admin_user.pk])))

    response = admin_client.post(reverse("staff:user-deactivate", args=[admin_user.pk]))

    assert "Deactivate account" not in own_page and "This is your own account" in own_page
    assert shows_error_summary(response, "You cannot deactivate your own account")
    admin_user.refresh_from_db()
    assert admin_user.is_active


def test_the_last_active_administrator_cannot_be_demoted_or_deactivated_from_the_pages(
    client: Client, admin_user: Any
) -> None:
    # A Django superuser (made with createsuperuser) may manage accounts without the
    # administrator role, so admin_user is the only active administrator.
    superuser = UserFactory(username="root", role=Role.MANAGER, is_superuser=True)
    UserFactory(username="gone", role=Role.ADMIN, is_active=False)
    sign_in_verified(client, superuser)

    demote = client.post(
        reverse("staff:user-role", args=[admin_user.pk]), {"role": Role.HOUSING_OFFICER}
    )
    deactivate = client.post(reverse("staff:user-deactivate", args=[admin_user.pk]))

    assert shows_error_summary(demote, "Ada Admin is the only active administrator")
    assert shows_error_summary(deactivate, "Ada Admin is the only active administrator")
    admin_user.refresh_from_db()
    assert admin_user.is_active and admin_user.role == Role.ADMIN


def test_an_administrator_deactivates_reactivates_and_resets_two_factor(
    admin_client: Client, manager: Any
) -> None:
    TOTPDevice.objects.create(user=manager, name="Lost phone", confirmed=True)
    page = html_of(admin_client.get(reverse("staff:user", args=[manager.pk])))
    assert "Reset two-factor authentication" in page and "Deactivate account" in page

    admin_client.post(reverse("staff:user-reset-two-factor", args=[manager.pk]))
    admin_client.post(reverse("staff:user-deactivate", args=[manager.pk]))
    manager.refresh_from_db()
    assert not manager.is_active and not TOTPDevice.objects.filter(user=manager).exists()
    response = admin_client.post(reverse("staff:user-reactivate", args=[manager.pk]), follow=True)

    manager.refresh_from_db()
    assert manager.is_active
    assert "Mira Manager can sign in again." in html_of(response)
    assert list(events_for(manager).values_list("verb", flat=True)) == [
        "two_factor_reset",
        "account_deactivated",
        "account_reactivated",
    ]


def test_a_tenant_is_given_an_online_account_from_their_person_page(
    admin_client: Client, tenancy: Any, django_capture_on_commit_callbacks: Any
) -> None:
    person = tenancy.lead_tenant
    person_page = html_of(admin_client.get(reverse("staff:person", args=[person.pk])))
    assert "Give online account" in person_page
    url = reverse("staff:online-account", args=[person.pk])
    assert 'value="rita@example.org"' in html_of(admin_client.get(url))

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, {"username": "rita.r"}, follow=True)

    account = User.objects.get(person=person)
    assert account.username == "rita.r" and account.role == Role.RESIDENT
    assert "We have emailed rita@example.org a link" in html_of(response)
    assert "They sign in as <strong>rita.r</strong>" in html_of(response)
    assert mail.outbox[0].to == ["rita@example.org"]
    assert admin_client.get(url).status_code == 302  # already has one: go to it


def test_a_household_member_cannot_be_given_an_online_account(
    admin_client: Client, tenancy: Any
) -> None:
    child = PersonFactory(full_name="Kid Resident", email="kid@example.org")
    TenancyMember.objects.create(tenancy=tenancy, person=child, role="household_member")

    page = html_of(admin_client.get(reverse("staff:person", args=[child.pk])))
    response = admin_client.post(
        reverse("staff:online-account", args=[child.pk]), {"username": "kid"}
    )

    assert "Only a lead or joint tenant of a current tenancy" in page
    assert shows_error_summary(response, "Only a lead or joint tenant of a current tenancy")
    assert not User.objects.filter(person=child).exists()


# Support needs


def test_an_officer_adds_changes_and_ends_a_support_need(
    officer_client: Client, officer: Any, tenancy: Any
) -> None:
    person = tenancy.lead_tenant
    add = reverse("staff:support-need-add", args=[person.pk])

    response = officer_client.post(
        add,
        {"kind": "hearing", "description": "Deaf: text only", **date_parts("review_on", days(90))},
        follow=True,
    )
    assert "Support need added." in html_of(response) and "Deaf: text only" in html_of(response)
    need = SupportNeed.objects.get()

    change = reverse("staff:support-need-change", args=[need.pk])
    assert "Deaf: text only" in html_of(officer_client.get(change))
    assert SensitiveAccessLog.objects.filter(user=officer, where=change).count() == 1
    officer_client.post(
        change,
        {"kind": "hearing", "description": "Deaf: text or email", "review_on_day": ""},
    )
    need.refresh_from_db()
    assert need.description == "Deaf: text or email" and need.review_on is None

    officer_client.post(reverse("staff:support-need-end", args=[need.pk]))
    assert not SupportNeed.objects.exists()
    events = list(events_for(person))
    assert [e.summary for e in events] == [
        "Support need recorded",
        "Support need changed",
        "Support need ended",
    ]
    assert not any(e.visible_to_resident for e in events)


def test_a_support_need_without_a_description_or_with_a_past_review_date_shows_errors(
    officer_client: Client, tenancy: Any
) -> None:
    response = officer_client.post(
        reverse("staff:support-need-add", args=[tenancy.lead_tenant.pk]),
        {"kind": "mobility", "description": " ", **date_parts("review_on", days(-1))},
    )
    bad_date = officer_client.post(
        reverse("staff:support-need-add", args=[tenancy.lead_tenant.pk]),
        {"kind": "mobility", "description": "Uses a frame", **date_parts("review_on", days(-1))},
    )

    assert shows_error_summary(response, "Describe the support need and what staff should do")
    assert shows_error_summary(bad_date, "The review date must be in the future")
    assert "Uses a frame" in html_of(bad_date)
    assert not SupportNeed.objects.exists()


# Cautionary alerts


def test_an_officer_raises_an_alert_on_a_home_and_it_shows_first_on_the_home_page(
    officer_client: Client, tenancy: Any
) -> None:
    response = officer_client.post(
        reverse("staff:home-alert-raise", args=[tenancy.home_id]),
        {
            "category": "Asbestos",
            "reason": "Do not drill the kitchen walls",
            **date_parts("review_on", days(180)),
        },
        follow=True,
    )

    assert response.redirect_chain[-1][0] == reverse("staff:home", args=[tenancy.home_id])
    main = html_of(response)[html_of(response).index('id="main-content"') :]
    assert main.index("Do not drill the kitchen walls") < main.index("<h1")
    assert events_for(tenancy.home).get().verb == "alert_raised"


def test_raising_an_alert_with_no_reason_or_review_date_shows_the_error_summary(
    officer_client: Client, tenancy: Any
) -> None:
    response = officer_client.post(
        reverse("staff:person-alert-raise", args=[tenancy.lead_tenant.pk]),
        {"category": "Verbal abuse", "reason": ""},
    )

    assert shows_error_summary(
        response,
        "Enter what staff must know and do, and why",
        "Enter the date the alert must be reviewed by",
    )
    assert 'value="Verbal abuse"' in html_of(response)
    assert not CautionaryAlert.objects.exists()


def test_an_officer_reviews_then_ends_an_alert_and_it_leaves_my_work(
    officer_client: Client, tenancy: Any
) -> None:
    person = tenancy.lead_tenant
    alert = CautionaryAlert.objects.create(
        person=person, category="Dog", reason="Large dog", review_on=days(-2)
    )
    assert "Review cautionary alert: Dog" in html_of(officer_client.get(reverse("staff:my-work")))

    bad = officer_client.post(reverse("staff:alert-review", args=[alert.pk]), {"note": "Checked"})
    officer_client.post(
        reverse("staff:alert-review", args=[alert.pk]),
        {"note": "Dog still there", **date_parts("review_on", days(60))},
    )
    assert "Review cautionary alert" not in html_of(officer_client.get(reverse("staff:my-work")))
    ended = officer_client.post(
        reverse("staff:alert-end", args=[alert.pk]), {"note": "Dog rehomed"}, follow=True
    )

    assert shows_error_summary(bad, "Enter the date the alert must be reviewed by")
    assert "Cautionary alert ended." in html_of(ended) and "Large dog" not in html_of(ended)
    assert officer_client.get(reverse("staff:alert-end", args=[alert.pk])).status_code == 404
    assert [e.verb for e in events_for(person)] == ["alert_reviewed", "alert_ended"]


# Contact details and preferences on a resident's behalf


def test_an_officer_changes_contact_details_and_preferences_for_a_resident(
    officer_client: Client, officer: Any, tenancy: Any
) -> None:
    person = tenancy.lead_tenant

    officer_client.post(
        reverse("staff:contact-details", args=[person.pk]),
        {"phone": "07700 900982", "email": "rita@example.org"},
    )
    response = officer_client.post(
        reverse("staff:contact-preferences", args=[person.pk]),
        {
            "channel": "sms",
            "language": "Turkish",
            "formats": ["large_print", "interpreter_needed"],
            "representative_name": "Deniz Resident",
            "representative_relationship": "daughter",
        },
        follow=True,
    )

    person.refresh_from_db()
    preference = ContactPreference.objects.get(person=person)
    assert person.phone == "07700 900982"
    assert (preference.channel, preference.language) == ("sms", "Turkish")
    assert preference.large_print and preference.interpreter_needed and not preference.easy_read
    assert preference.representative_name == "Deniz Resident"
    assert "Contact preferences saved." in html_of(response)
    events = list(events_for(person))
    assert [e.verb for e in events] == ["contact_details_updated", "contact_preferences_updated"]
    assert all(e.actor == officer and e.visible_to_resident for e in events)


def test_removing_the_email_a_resident_is_contacted_by_is_explained_to_staff(
    officer_client: Client, tenancy: Any
) -> None:
    person = tenancy.lead_tenant  # prefers email

    response = officer_client.post(
        reverse("staff:contact-details", args=[person.pk]), {"phone": "", "email": ""}
    )

    assert shows_error_summary(
        response, "They get messages by email, so change how we contact them before removing it"
    )
    person.refresh_from_db()
    assert person.email == "rita@example.org"


# Households


def test_an_officer_adds_a_household_member_then_removes_them(
    officer_client: Client, tenancy: Any
) -> None:
    response = officer_client.post(
        reverse("staff:household-add", args=[tenancy.pk]),
        {
            "full_name": "Kid Resident",
            "role": "household_member",
            "relationship": "son",
            **date_parts("date_of_birth", date(2010, 2, 3)),
        },
        follow=True,
    )
    assert "Kid Resident added to the household." in html_of(response)
    member = tenancy.members.get(person__full_name="Kid Resident")
    assert member.person.date_of_birth == date(2010, 2, 3)
    remove = reverse("staff:household-remove", args=[tenancy.pk, member.pk])
    assert remove in html_of(response)

    officer_client.post(remove)

    assert list(tenancy.members.values_list("person__full_name", flat=True)) == ["Rita Resident"]
    assert [e.verb for e in events_for(tenancy)] == [
        "household_member_added",
        "household_member_removed",
    ]


def test_a_lead_tenant_cannot_be_removed_and_bad_answers_show_the_error_summary(
    officer_client: Client, tenancy: Any, other_tenancy: Any
) -> None:
    lead = tenancy.members.get()
    other_lead = other_tenancy.members.get()

    refused = officer_client.post(reverse("staff:household-remove", args=[tenancy.pk, lead.pk]))
    wrong_tenancy = officer_client.post(
        reverse("staff:household-remove", args=[tenancy.pk, other_lead.pk])
    )
    bad = officer_client.post(
        reverse("staff:household-add", args=[tenancy.pk]), {"full_name": "", "email": "x"}
    )

    assert shows_error_summary(refused, "Only household members can be removed")
    assert wrong_tenancy.status_code == 404
    assert shows_error_summary(
        bad, "Enter their full name", "Choose whether they are a joint tenant"
    )
    assert TenancyMember.objects.count() == 2


def test_an_officer_records_a_tenancys_end_date_but_not_one_before_it_started(
    officer_client: Client, tenancy: Any
) -> None:
    url = reverse("staff:tenancy-end", args=[tenancy.pk])

    too_early = officer_client.post(url, date_parts("end_date", date(2019, 1, 1)))
    response = officer_client.post(
        url, {**date_parts("end_date", days(28)), "reason": "Notice given"}, follow=True
    )

    assert shows_error_summary(too_early, "on or after the day the tenancy started, 6 April 2020")
    assert 'value="2019"' in html_of(too_early)
    tenancy.refresh_from_db()
    assert tenancy.end_date == days(28)
    assert "The tenancy ends on" in html_of(response) and "Change the end date" in html_of(response)
    assert TimelineEvent.objects.filter(verb="tenancy_end_recorded").count() == 1
