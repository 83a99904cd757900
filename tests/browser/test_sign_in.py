"""Signing in, as staff and as a resident, in a real browser (every page checked with axe)."""

from __future__ import annotations

import re

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from hearth.accounts.tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def sign_in(page, username: str, password: str = PASSWORD) -> None:  # type: ignore[no-untyped-def]
    page.goto("/accounts/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_an_officer_signs_in_and_lands_on_their_work(page, axe, officer):
    sign_in(page, "officer")
    expect(page).to_have_url(re.compile(r"/staff/"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    paths = axe.checked_paths()
    assert paths[0] == "/accounts/sign-in/"
    assert paths[-1].startswith("/staff/")


def test_a_resident_signs_in_to_their_own_account_and_the_staff_area_is_not_there(
    page, axe, resident
):
    sign_in(page, "rita")
    expect(page).not_to_have_url(re.compile(r"/accounts/sign-in/|/staff/"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert len(axe.checked_paths()) == 2
    response = page.goto("/staff/")
    assert response is not None
    assert response.status == 404


def test_a_wrong_password_is_explained_in_an_error_summary_that_takes_focus(page, axe, officer):
    sign_in(page, "officer", "not the password")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(page).to_have_title(re.compile(r"^Error:"))
    assert axe.checked_paths() == ["/accounts/sign-in/", "/accounts/sign-in/"]


def test_a_manager_sets_up_two_factor_then_reaches_the_staff_area(page, axe, manager):
    sign_in(page, "manager")
    expect(page).to_have_url(re.compile(r"/accounts/two-factor/"))
    device = TOTPDevice.objects.get(user=manager)
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    page.get_by_label("Code from your authenticator app").fill(f"{code:0{device.digits}d}")
    page.get_by_role("button").filter(has_text=re.compile("Continue|Confirm|Set up")).click()
    expect(page).to_have_url(re.compile(r"/staff/"))
    assert axe.checked_paths()[-1].startswith("/staff/")
