from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from hearth.accounts.tests.factories import PASSWORD
from hearth.accounts.tests.otp import current_code
from hearth.core.models import TimelineEvent

pytestmark = pytest.mark.django_db

SIGN_IN = reverse("accounts:sign-in")


def sign_in(
    client: Client, username: str, password: str = PASSWORD, *, follow: bool = False
) -> Any:
    return client.post(SIGN_IN, {"username": username, "password": password}, follow=follow)


def test_an_officer_who_signs_in_is_sent_to_my_work(client: Client, officer: Any) -> None:
    response = sign_in(client, "officer", follow=True)

    assert response.redirect_chain[-1][0] == reverse("staff:my-work")
    assert b"My work" in response.content


def test_a_resident_who_signs_in_lands_on_their_account(client: Client, resident: Any) -> None:
    response = sign_in(client, "rita", follow=True)

    assert response.redirect_chain[-1][0] == reverse("portal:home")
    assert b"Your account" in response.content


def test_a_wrong_password_shows_a_gov_uk_error_summary(client: Client, officer: Any) -> None:
    response = sign_in(client, "officer", "not the password")

    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html
    assert "Enter a correct username and password" in html
    assert re.search(r"<title>Error: Sign in", html)
    assert 'href="#id_username"' in html


def test_an_empty_sign_in_says_what_to_enter(client: Client, officer: Any) -> None:
    html = client.post(SIGN_IN, {"username": "", "password": ""}).content.decode()

    assert "Enter your username" in html
    assert "Enter your password" in html


def test_signing_out_is_a_post_and_ends_the_session(client: Client, officer: Any) -> None:
    client.force_login(officer)

    assert client.get(reverse("accounts:sign-out")).status_code == 405
    response = client.post(reverse("accounts:sign-out"), follow=True)

    assert b"You have signed out" in response.content
    assert client.get(reverse("staff:my-work")).status_code == 302


def test_five_wrong_passwords_lock_the_account_and_say_when_to_try_again(
    client: Client, officer: Any, settings: Any
) -> None:
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "officer", "wrong password")

    response = sign_in(client, "officer")  # even the right password is refused now

    html = response.content.decode()
    assert response.status_code == 429
    assert "You cannot sign in at the moment" in html
    assert "try again in 15 minutes" in html
    assert "_auth_user_id" not in client.session


def test_four_wrong_passwords_do_not_lock_the_account(
    client: Client, officer: Any, settings: Any
) -> None:
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, "officer", "wrong password")

    assert sign_in(client, "officer").status_code == 302


def test_password_reset_emails_a_link_that_lets_the_user_choose_a_new_password(
    client: Client, officer: Any
) -> None:
    response = client.post(
        reverse("accounts:password-reset"), {"email": officer.email}, follow=True
    )

    assert b"Check your email" in response.content
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == [officer.email]
    assert "Reset your password" in email.subject
    assert "<" not in email.body  # plain text, nothing escaped into HTML
    link = re.search(r"https?://testserver(/accounts/password-reset/\S+/)", email.body)
    assert link is not None

    form_page = client.get(link.group(1), follow=True)
    assert b"Choose a new password" in form_page.content
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a new long passphrase 42", "new_password2": "a new long passphrase 42"},
        follow=True,
    )

    assert b"Your password has been changed" in done.content
    officer.refresh_from_db()
    assert officer.check_password("a new long passphrase 42")


def test_a_used_or_broken_reset_link_says_it_does_not_work(client: Client, officer: Any) -> None:
    response = client.get(reverse("accounts:password-reset-confirm", args=["MQ", "bad-token"]))

    assert b"This link does not work" in response.content


def test_password_reset_for_an_unknown_email_says_the_same_and_sends_nothing(
    client: Client, db: Any
) -> None:
    response = client.post(
        reverse("accounts:password-reset"), {"email": "nobody@example.org"}, follow=True
    )

    assert b"Check your email" in response.content
    assert mail.outbox == []


def test_password_reset_with_a_malformed_email_shows_an_error(client: Client, db: Any) -> None:
    html = client.post(
        reverse("accounts:password-reset"), {"email": "not-an-email"}
    ).content.decode()

    assert "govuk-error-summary" in html
    assert "Enter an email address in the correct format" in html


def test_a_manager_is_sent_to_two_factor_set_up_before_any_staff_page(
    client: Client, manager: Any
) -> None:
    response = sign_in(client, "manager", follow=True)

    assert response.redirect_chain[-1][0] == reverse("accounts:two-factor")
    html = response.content.decode()
    assert "Set up two-factor authentication" in html
    assert 'src="data:image/svg+xml' in html  # the QR code, inline so the CSP allows it
    device = TOTPDevice.objects.get(user=manager)
    assert not device.confirmed
    assert client.get(reverse("staff:my-work")).status_code == 302


def test_a_manager_passes_two_factor_with_a_real_code_from_their_new_device(
    client: Client, manager: Any
) -> None:
    sign_in(client, "manager")
    client.get(reverse("accounts:two-factor"))
    device = TOTPDevice.objects.get(user=manager)

    response = client.post(
        reverse("accounts:two-factor"), {"code": current_code(device)}, follow=True
    )

    assert response.redirect_chain[-1][0] == reverse("staff:my-work")
    device.refresh_from_db()
    assert device.confirmed
    assert TimelineEvent.objects.filter(
        verb="two_factor_set_up", object_id=str(manager.pk)
    ).exists()
    assert client.get(reverse("staff:my-work")).status_code == 200


def test_a_manager_with_a_device_is_asked_for_a_code_and_a_wrong_code_is_refused(
    client: Client, manager: Any
) -> None:
    device = TOTPDevice.objects.create(user=manager, name="Phone", confirmed=True)
    sign_in(client, "manager")

    page = client.get(reverse("accounts:two-factor")).content.decode()
    wrong = "000000" if current_code(device) != "000000" else "111111"
    response = client.post(reverse("accounts:two-factor"), {"code": wrong})

    assert "Enter the code from your authenticator app" in page
    assert "data:image/svg+xml" not in page  # no new QR code once a device is set up
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert client.get(reverse("staff:my-work")).status_code == 302


def test_a_code_that_is_not_six_digits_gets_a_clear_message(client: Client, manager: Any) -> None:
    sign_in(client, "manager")

    html = client.post(reverse("accounts:two-factor"), {"code": "12ab"}).content.decode()

    assert "The code must be 6 digits" in html


def test_an_officer_does_not_need_two_factor(client: Client, officer: Any) -> None:
    sign_in(client, "officer")

    assert client.get(reverse("staff:my-work")).status_code == 200
