from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from hearth.accounts import services
from hearth.accounts.models import Role, User
from hearth.accounts.tests.factories import PASSWORD, UserFactory
from hearth.core.models import TimelineEvent
from hearth.core.timeline import events_for
from hearth.tenancies.models import TenancyMember
from hearth.tenancies.tests.factories import PersonFactory, TenancyFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a long new passphrase 42"


def signs_in(username: str, password: str) -> bool:
    """Whether the sign-in page accepts these (a fresh browser; lock-out checks included)."""
    response = Client().post(
        reverse("accounts:sign-in"), {"username": username, "password": password}
    )
    return response.status_code == 302


def link_path(body: str) -> str:
    found = re.search(r"https?://[^/\s]+(/accounts/set-password/\S+/)", body)
    assert found is not None, body
    return found.group(1)


def invite(actor: Any, **overrides: Any) -> User:
    fields = {
        "first_name": "Sade",
        "last_name": "Smith",
        "email": "sade@example.org",
        "username": "sade.smith",
        "role": Role.INCOME_OFFICER,
        **overrides,
    }
    return services.invite_staff_member(actor=actor, **fields)


def test_a_new_member_of_staff_is_emailed_a_link_that_lets_them_choose_a_password_and_sign_in(
    admin_user: Any, client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        user = invite(admin_user)

    assert not user.has_usable_password()
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["sade@example.org"]
    assert "staff account" in email.subject
    assert "sade.smith" in email.body and "Income officer" in email.body
    form_page = client.get(link_path(email.body), follow=True)
    assert b"Choose your password" in form_page.content
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )
    assert b"Your password is set" in done.content
    assert signs_in("sade.smith", NEW_PASSWORD)
    event = events_for(user).get()
    assert event.verb == "account_created" and event.actor == admin_user


def test_an_invitation_link_works_only_once(
    admin_user: Any, client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        invite(admin_user)
    path = link_path(mail.outbox[0].body)
    first = client.get(path, follow=True)
    client.post(
        first.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    again = Client().get(path, follow=True)

    assert b"This link does not work" in again.content


def test_no_email_is_sent_when_adding_the_member_of_staff_fails(
    admin_user: Any, django_capture_on_commit_callbacks: Any
) -> None:
    UserFactory(username="Sade.Smith")

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError) as error:
        invite(admin_user, username="sade.smith", email="not an email", role=Role.RESIDENT)

    assert set(error.value.message_dict) == {"username", "email", "role"}
    assert "already in use" in error.value.message_dict["username"][0]
    assert mail.outbox == []


def test_an_administrator_is_made_a_django_superuser_and_loses_it_when_demoted(
    admin_user: Any,
) -> None:
    UserFactory(role=Role.ADMIN)  # so admin_user is not the last
    user = invite(admin_user, role=Role.ADMIN)
    assert user.is_superuser and user.is_staff

    services.change_role(user=user, actor=admin_user, role=Role.HOUSING_OFFICER)

    user.refresh_from_db()
    assert user.role == Role.HOUSING_OFFICER
    assert not user.is_superuser and not user.is_staff
    assert events_for(user).filter(verb="role_changed").get().summary == (
        "Role changed from Administrator to Housing officer"
    )


def test_nobody_can_change_their_own_role(admin_user: Any) -> None:
    UserFactory(role=Role.ADMIN)

    with pytest.raises(ValidationError, match="your own role"):
        services.change_role(user=admin_user, actor=admin_user, role=Role.MANAGER)

    admin_user.refresh_from_db()
    assert admin_user.role == Role.ADMIN


def test_the_last_active_administrator_cannot_be_demoted_or_deactivated(admin_user: Any) -> None:
    other = UserFactory(role=Role.ADMIN, is_active=False)  # deactivated: does not count
    acting = UserFactory(role=Role.MANAGER)

    with pytest.raises(ValidationError, match="only active administrator"):
        services.change_role(user=admin_user, actor=acting, role=Role.MANAGER)
    with pytest.raises(ValidationError, match="only active administrator"):
        services.deactivate_user(user=admin_user, actor=acting)

    services.reactivate_user(user=other, actor=acting)
    services.deactivate_user(user=admin_user, actor=acting)
    admin_user.refresh_from_db()
    assert not admin_user.is_active


def test_nobody_can_deactivate_themselves(officer: Any) -> None:
    with pytest.raises(ValidationError, match="your own account"):
        services.deactivate_user(user=officer, actor=officer)


def test_a_deactivated_account_cannot_sign_in_until_reactivated(
    admin_user: Any, officer: Any
) -> None:
    services.deactivate_user(user=officer, actor=admin_user)
    assert not signs_in("officer", PASSWORD)

    services.reactivate_user(user=officer, actor=admin_user)

    assert signs_in("officer", PASSWORD)
    verbs = list(events_for(officer).values_list("verb", flat=True))
    assert verbs == ["account_deactivated", "account_reactivated"]


def test_a_residents_account_cannot_be_given_a_staff_role(admin_user: Any, resident: Any) -> None:
    with pytest.raises(ValidationError, match="resident's account"):
        services.change_role(user=resident, actor=admin_user, role=Role.ADMIN)


def test_resetting_two_factor_removes_every_device_and_is_recorded(
    admin_user: Any, manager: Any
) -> None:
    TOTPDevice.objects.create(user=manager, name="Old phone", confirmed=True)
    TOTPDevice.objects.create(user=manager, name="Half set up", confirmed=False)
    TOTPDevice.objects.create(user=admin_user, name="Admin's phone", confirmed=True)

    removed = services.reset_two_factor(user=manager, actor=admin_user)

    assert removed == 2
    assert list(TOTPDevice.objects.values_list("user__username", flat=True)) == ["admin"]
    assert events_for(manager).get().verb == "two_factor_reset"


def test_nobody_can_reset_their_own_two_factor(admin_user: Any) -> None:
    TOTPDevice.objects.create(user=admin_user, name="Phone", confirmed=True)

    with pytest.raises(ValidationError):
        services.reset_two_factor(user=admin_user, actor=admin_user)

    assert TOTPDevice.objects.filter(user=admin_user).exists()


def test_a_lead_tenant_is_given_an_online_account_linked_to_them_and_emailed_a_link(
    admin_user: Any, tenancy: Any, client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    person = tenancy.lead_tenant

    with django_capture_on_commit_callbacks(execute=True):
        user = services.give_resident_account(person=person, actor=admin_user)

    assert user.person == person and user.role == Role.RESIDENT
    assert user.username == "rita@example.org"
    assert (user.first_name, user.last_name) == ("Rita", "Resident")
    email = mail.outbox[0]
    assert email.to == ["rita@example.org"] and "online account" in email.subject
    page = client.get(link_path(email.body), follow=True)
    assert b"Choose your password" in page.content
    event = events_for(person).get(verb="online_account_given")
    assert event.visible_to_resident


@pytest.mark.parametrize("case", ["household member", "ended tenancy", "no email", "has one"])
def test_only_a_tenant_of_a_current_tenancy_with_an_email_and_no_account_gets_one(
    admin_user: Any, case: str
) -> None:
    person = PersonFactory(email="sam@example.org")
    if case == "household member":
        tenancy = TenancyFactory()
        TenancyMember.objects.create(tenancy=tenancy, person=person, role="household_member")
    elif case == "ended tenancy":
        TenancyFactory(lead_tenant=person, end_date=timezone.localdate() - timedelta(days=1))
    else:
        TenancyFactory(lead_tenant=person, start_date=date(2020, 1, 1))
        if case == "no email":
            person.email = ""
            person.save()
        else:
            UserFactory(role=Role.RESIDENT, person=person)

    with pytest.raises(ValidationError):
        services.give_resident_account(person=person, actor=admin_user)

    assert User.objects.filter(person=person).count() == (1 if case == "has one" else 0)
    assert not TimelineEvent.objects.filter(verb="online_account_given").exists()


def test_a_new_link_can_be_sent_but_not_to_a_deactivated_account(
    admin_user: Any, officer: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        services.send_set_password_link(user=officer, actor=admin_user)
    services.deactivate_user(user=officer, actor=admin_user)

    with pytest.raises(ValidationError, match="deactivated"):
        services.send_set_password_link(user=officer, actor=admin_user)

    assert [m.to for m in mail.outbox] == [[officer.email]]


def test_someone_whose_first_link_ran_out_can_get_a_new_one_from_forgotten_password(
    admin_user: Any, client: Client
) -> None:
    invite(admin_user)  # on-commit email not sent: the link "ran out"

    client.post("/accounts/password-reset/", {"email": "SADE@example.org"})

    assert [m.to for m in mail.outbox] == [["sade@example.org"]]


def test_createsuperuser_makes_an_administrator_who_must_use_two_factor(db):
    from io import StringIO

    from django.core.management import call_command

    from hearth.accounts.models import Role, User

    call_command(
        "createsuperuser",
        "--no-input",
        "--username",
        "first-admin",
        "--email",
        "a@example.org",
        stdout=StringIO(),
    )
    user = User.objects.get(username="first-admin")
    assert (user.role, user.is_superuser, user.needs_two_factor) == (Role.ADMIN, True, True)
