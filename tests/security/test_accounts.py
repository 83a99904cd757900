"""Accounts hold against an attacker: sign-in lock-out (also when the guesses come from many
addresses), password reset links that expire, work once and never say whether an account
exists, sessions that end, CSRF on forms, and dormant staff accounts switched off."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from hearth.accounts.models import ApiToken, Role, User
from hearth.accounts.services import disable_dormant_staff_accounts
from hearth.accounts.tests.factories import UserFactory
from hearth.core.models import TimelineEvent
from hearth.core.sweeps import registered

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"  # the factories' password
SIGN_IN = "/accounts/sign-in/"


def _sign_in(client: Client, username: str, password: str) -> Any:
    return client.post(SIGN_IN, {"username": username, "password": password})


def _reset_link(client: Client, email: str) -> str:
    client.post(reverse("accounts:password-reset"), {"email": email})
    found = re.search(r"https?://testserver(/accounts/password-reset/\S+/)", mail.outbox[-1].body)
    assert found is not None
    return found.group(1)


def test_guesses_spread_across_many_addresses_still_lock_the_account(
    officer: Any, settings: Any
) -> None:
    for n in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(Client(REMOTE_ADDR=f"198.51.100.{n + 1}"), "officer", "wrong password")
    locked = _sign_in(Client(REMOTE_ADDR="203.0.113.9"), "officer", PASSWORD)
    assert locked.status_code == 429
    assert "You cannot sign in at the moment" in locked.content.decode()


def test_a_reset_link_works_once(client: Client, officer: Any) -> None:
    link = _reset_link(client, officer.email)
    form = client.get(link, follow=True)
    new = {"new_password1": "a new long passphrase 42", "new_password2": "a new long passphrase 42"}
    assert client.post(form.redirect_chain[-1][0], new).status_code == 302
    again = Client().get(link, follow=True)
    assert b"This link does not work" in again.content


def test_a_reset_link_expires_after_the_reset_timeout(
    client: Client, officer: Any, settings: Any, monkeypatch: Any
) -> None:
    link = _reset_link(client, officer.email)
    later = datetime.now() + timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT + 60)
    monkeypatch.setattr(PasswordResetTokenGenerator, "_now", lambda self: later)
    assert b"This link does not work" in Client().get(link, follow=True).content


def test_asking_for_a_reset_never_says_whether_an_account_exists(officer: Any) -> None:
    known = Client().post(reverse("accounts:password-reset"), {"email": officer.email}, follow=True)
    unknown = Client().post(
        reverse("accounts:password-reset"), {"email": "nobody@example.org"}, follow=True
    )
    assert known.redirect_chain == unknown.redirect_chain

    def page(response: Any, email: str) -> bytes:
        # The same page but for the address typed and the CSP nonce, new for every response.
        # The same page but for the address typed, the CSP nonce and the language switcher's
        # CSRF token, both new for every response.
        body: bytes = response.content.replace(email.encode(), b"")
        body = re.sub(rb'name="csrfmiddlewaretoken" value="[^"]*"', b"", body)
        return re.sub(rb'nonce="[^"]*"', b"", body)

    assert page(known, officer.email) == page(unknown, "nobody@example.org")
    assert [m.to for m in mail.outbox] == [[officer.email]]


def test_signing_out_ends_the_session_on_the_server(client: Client, officer: Any) -> None:
    client.force_login(officer)
    key = client.session.session_key
    client.post(reverse("accounts:sign-out"))
    assert not Session.objects.filter(session_key=key).exists()
    assert client.get(reverse("staff:my-work"))["Location"].startswith(SIGN_IN)


def test_a_session_times_out(client: Client, officer: Any, settings: Any) -> None:
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    client.force_login(officer)
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    assert client.get(reverse("staff:my-work"))["Location"].startswith(SIGN_IN)


def test_forms_refuse_a_post_without_the_csrf_token(officer: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    assert _sign_in(client, "officer", PASSWORD).status_code == 403
    client.force_login(officer)
    refused = client.post(reverse("complaints:new"), {"category": "estate_services"})
    assert refused.status_code == 403
    assert b"govuk" in refused.content  # Hearth's own page, not Django's bare one


def test_staff_accounts_unused_for_90_days_are_deactivated_by_a_daily_sweep(
    settings: Any, resident: Any
) -> None:
    assert settings.HEARTH_DORMANT_STAFF_DAYS == 90
    assert registered()["accounts.dormant_staff"].every == timedelta(days=1)
    now = timezone.now()
    dormant = UserFactory(role=Role.HOUSING_OFFICER, last_login=now - timedelta(days=91))
    never = UserFactory(role=Role.OPERATIVE, last_login=None, date_joined=now - timedelta(days=91))
    recent = UserFactory(role=Role.MANAGER, last_login=now - timedelta(days=89))
    integration = UserFactory(role=Role.INCOME_OFFICER, last_login=now - timedelta(days=200))
    token, _raw = ApiToken.issue(user=integration, name="Bank feed")
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now - timedelta(days=1))
    only_admin = UserFactory(role=Role.ADMIN, last_login=now - timedelta(days=300))
    User.objects.filter(pk=resident.pk).update(last_login=now - timedelta(days=300))

    assert disable_dormant_staff_accounts(now=now) == 2

    active = dict(User.objects.values_list("username", "is_active"))
    assert (active[dormant.username], active[never.username]) == (False, False)
    assert active[recent.username] and active[integration.username]
    assert active[only_admin.username], "the last administrator is never locked out"
    assert active[resident.username], "residents are not staff"
    assert TimelineEvent.objects.filter(verb="account_deactivated").count() == 2


def test_one_address_guessing_many_usernames_is_locked_out(
    officer: Any, manager: Any, settings: Any
) -> None:
    sprayer = Client(REMOTE_ADDR="198.51.100.77")
    for n in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(sprayer, f"someone{n}", "Summer2026!")
    assert _sign_in(sprayer, "officer", PASSWORD).status_code == 429
    assert _sign_in(Client(REMOTE_ADDR="203.0.113.10"), "officer", PASSWORD).status_code == 302
