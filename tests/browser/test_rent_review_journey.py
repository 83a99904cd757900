"""The annual rent review in a real browser: a manager starts next year's review and sends it
for approval; a second manager approves it and sends the notices of variation; the resident
sees next year's rent beside this year's; and the first debit run after the new rents start
charges the new rate. Every page is axe-checked (WCAG 2.2 AA)."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from hearth.accounts.models import Role
from hearth.accounts.tests.factories import PASSWORD, UserFactory
from hearth.rents.models import Kind, RentReview, ReviewStatus, Transaction
from hearth.rents.services.debit_run import post_week
from hearth.rents.weeks import rent_year_of, rent_year_start

pytestmark = pytest.mark.browser


def sign_in(page, user, *, two_factor: bool = False) -> None:  # type: ignore[no-untyped-def]
    page.context.clear_cookies()
    page.goto("/accounts/sign-in/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    if two_factor:
        device = TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)
        expect(page).to_have_url(re.compile(r"/accounts/two-factor/"))
        code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
        page.get_by_label("Code from your authenticator app").fill(f"{code:0{device.digits}d}")
        page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state()


def test_a_review_is_run_approved_told_to_the_resident_and_charged(
    page, resident, tenancy, manager
):
    # The factory home charges £120.50 rent and £8.25 service charge a week.
    second = UserFactory(username="sam", first_name="Sam", last_name="Second", role=Role.MANAGER)
    year = rent_year_of(timezone.localdate()) + 1
    start = rent_year_start(year)

    # The manager starts next year's review at September CPI 3.8%.
    sign_in(page, manager, two_factor=True)
    page.goto("/staff/rent/reviews/")
    page.get_by_role("link", name="Start next year's rent review").click()
    page.get_by_label("CPI for the September before, in percent").fill("lots")
    page.get_by_role("button", name="Start the review").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter the September CPI as a number, like 3.8"
    )
    page.get_by_label("CPI for the September before, in percent").fill("3.8")
    page.get_by_role("button", name="Start the review").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Rent review {year}/")
    # 120.50 x 1.048 = 126.284: £126.28, rounded down to the penny.
    expect(page.locator("#total-average")).to_contain_text("£120.50 now, £126.28 new")
    review_url = page.url
    page.get_by_role("link", name=re.compile(r"Adjust\s+the rent of")).click()
    page.get_by_label("New rent each week").fill("130.00")
    page.get_by_label("Why you are changing it").fill("Round up")
    page.get_by_role("button", name="Save the rent").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("at most £126.28")
    page.goto(review_url)
    page.get_by_role("link", name=tenancy.home.ref, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Rent setting")
    page.goto(review_url + "service-charge/")
    expect(page.get_by_role("heading", name="Change a service charge")).to_be_visible()
    page.goto(review_url)
    page.get_by_role("button", name="Send for approval").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Another manager must approve it"
    )

    # A second manager approves it and sends the notices.
    sign_in(page, second, two_factor=True)
    page.goto("/staff/rent/reviews/")
    page.get_by_role("link", name=re.compile(f"Rent review {year}")).click()
    page.get_by_role("button", name="Approve the new rents").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Review approved")
    page.get_by_role("button", name="Send the notices of variation").click()
    expect(page.get_by_role("heading", name="Notices of variation", level=1)).to_be_visible()
    expect(page.locator("#notices-sent")).to_have_text("1")
    assert RentReview.objects.get().status == ReviewStatus.APPROVED

    # The resident sees next year's rent beside this year's, with the benefit reminder.
    sign_in(page, resident)
    page.goto("/rent/")
    expect(
        page.get_by_role("heading", name=f"Your rent from {start.day} {start:%B %Y}")
    ).to_be_visible()
    expect(page.locator("#benefit-reminder")).to_contain_text("If you get Universal Credit")
    expect(page.get_by_text("£134.53")).to_be_visible()

    # The first debit run after the new rents start charges the new rate.
    post_week(week_commencing=start - timedelta(days=7))
    post_week(week_commencing=start)
    rents = list(
        Transaction.objects.filter(account__tenancy=tenancy, kind=Kind.RENT)
        .order_by("date")
        .values_list("amount", flat=True)
    )
    assert rents == [Decimal("120.50"), Decimal("126.28")]
    page.reload()
    expect(
        page.get_by_role(
            "row", name=re.compile(r"Rent for the week commencing 0?\d+ April \d{4} £126\.28")
        )
    ).to_be_visible()
