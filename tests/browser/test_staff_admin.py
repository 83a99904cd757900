"""An administrator signs in with two-factor and raises a cautionary alert on a home, which then
shows first on the home's page; and every page for the landlord's own records, each checked
with axe (WCAG 2.2 AA)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from hearth.accounts.tests.factories import PASSWORD
from hearth.tenancies.models import CautionaryAlert, SupportNeed

pytestmark = pytest.mark.browser


def sign_in_with_two_factor(page, user) -> None:  # type: ignore[no-untyped-def]
    device = TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)
    page.goto("/accounts/sign-in/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/accounts/two-factor/"))
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    page.get_by_label("Code from your authenticator app").fill(f"{code:0{device.digits}d}")
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_url(re.compile(r"/staff/$"))


def test_an_administrator_raises_a_cautionary_alert_that_shows_first_on_the_home_page(
    page, axe, admin_user, tenancy
):
    sign_in_with_two_factor(page, admin_user)

    page.goto(f"/staff/homes/{tenancy.home_id}/")
    page.get_by_role("link", name="Raise a cautionary alert about this address").click()
    page.get_by_role("button", name="Raise alert").click()  # nothing entered: errors first
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(page).to_have_title(re.compile(r"^Error:"))

    review = timezone.localdate() + timedelta(days=90)
    page.get_by_label("Kind of alert").fill("Asbestos")
    page.get_by_label("What staff must know and do, and why").fill("Do not drill the walls")
    page.get_by_label("Day").fill(str(review.day))
    page.get_by_label("Month").fill(str(review.month))
    page.get_by_label("Year").fill(str(review.year))
    page.get_by_role("button", name="Raise alert").click()

    expect(page).to_have_url(re.compile(rf"/staff/homes/{tenancy.home_id}/$"))
    main = page.locator("main")
    expect(main.locator(".govuk-notification-banner")).to_contain_text("Cautionary alert raised")
    expect(main.locator("section.hearth-alert")).to_contain_text("Do not drill the walls")
    page.reload()  # without the one-off banner, the alert is the first thing on the page
    expect(main.locator("h1, h2").first).to_have_text(re.compile("Cautionary alert"))
    assert CautionaryAlert.objects.get().review_on == review
    assert axe.checked_paths()[-1] == f"/staff/homes/{tenancy.home_id}/"


def test_every_page_for_the_landlords_own_records_passes_axe(page, axe, admin_user, tenancy):
    person = tenancy.lead_tenant
    need = SupportNeed.objects.create(person=person, kind="hearing", description="Deaf")
    alert = CautionaryAlert.objects.create(
        person=person,
        category="Dog",
        reason="Large dog",
        review_on=timezone.localdate() + timedelta(days=30),
    )
    sign_in_with_two_factor(page, admin_user)
    paths = [
        "/staff/settings/",
        "/staff/users/",
        f"/staff/users/{admin_user.pk}/",
        f"/staff/people/{person.pk}/",
        f"/staff/people/{person.pk}/online-account/",
        f"/staff/people/{person.pk}/contact-details/",
        f"/staff/people/{person.pk}/contact-preferences/",
        f"/staff/support-needs/{need.pk}/change/",
        f"/staff/support-needs/{need.pk}/end/",
        f"/staff/alerts/{alert.pk}/review/",
        f"/staff/alerts/{alert.pk}/end/",
        f"/staff/tenancies/{tenancy.pk}/",
        f"/staff/tenancies/{tenancy.pk}/household/add/",
        f"/staff/tenancies/{tenancy.pk}/end/",
    ]
    for path in paths:
        response = page.goto(path)
        assert response is not None and response.status == 200, path
        axe.settle()  # let axe finish with this page before the next

    page.goto("/staff/users/add/")
    page.get_by_role("button", name="Add and send the link").click()  # errors shown
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    checked = axe.checked_paths()
    assert set(paths) <= set(checked) and checked[-1] == "/staff/users/add/"
