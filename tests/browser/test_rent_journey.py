"""Rent in a real browser: a resident sees their balance and downloads a statement; an income
officer imports a payment file; an account falls into arrears, and the officer contacts the
resident and agrees a payment plan, which the resident then sees. Every page is axe-checked."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from hearth.accounts.models import Role
from hearth.accounts.tests.factories import PASSWORD, UserFactory
from hearth.rents.models import ArrearsCase, Kind, PaymentPlan, Transaction
from hearth.rents.services.accounts import account_for
from hearth.rents.services.ledger import post_transaction


def sign_in(page, username: str) -> None:  # type: ignore[no-untyped-def]
    page.goto("/accounts/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def sign_out(page) -> None:  # type: ignore[no-untyped-def]
    page.context.clear_cookies()


def charge(account, day, amount: str = "128.75") -> None:  # type: ignore[no-untyped-def]
    from decimal import Decimal

    post_transaction(
        account=account,
        kind=Kind.RENT,
        amount=Decimal(amount),
        on=day,
        actor=None,
        record_on_timeline=False,
    )


@pytest.mark.browser
def test_a_payment_file_arrears_contact_and_plan_from_both_sides(
    page, axe, resident, tenancy, tmp_path
):
    income = UserFactory(
        username="ines", first_name="Ines", last_name="Income", role=Role.INCOME_OFFICER
    )
    account = account_for(tenancy)
    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday())
    charge(account, monday - timedelta(days=7))

    # The resident sees what they owe and downloads a statement.
    sign_in(page, "rita")
    page.get_by_role("link", name="Your rent").first.click()
    expect(page.get_by_role("heading", name="Your rent", level=1)).to_be_visible()
    expect(page.locator("#rent-balance")).to_have_text("£128.75")
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("The last 13 weeks")).click()
    assert download.value.suggested_filename.endswith(".pdf")
    page.get_by_role("link", name="Ways to pay").first.click()
    expect(page.get_by_text(account.payment_reference).first).to_be_visible()
    sign_out(page)

    # The income officer imports a bank statement that pays part of it.
    sign_in(page, "ines")
    page.goto("/staff/rent/payment-files/")
    page.get_by_label("Standing orders (bank statement credits)").check()
    statement = tmp_path / "statement.csv"
    statement.write_text(
        f"bank_ref,date,amount,reference,payer_name\nBS-1,{monday - timedelta(days=5)},28.75,RENT {account.payment_reference},R RESIDENT\n"
    )
    page.get_by_label("Upload a file").set_input_files(str(statement))
    page.get_by_role("button", name="Import file").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("1 posted")
    assert (
        Transaction.objects.filter(account=account, kind=Kind.PAYMENT_STANDING_ORDER).count() == 1
    )

    # This week's rent puts the account into arrears: £228.75 owed against £128.75 a week.
    charge(account, monday)
    case = ArrearsCase.objects.get(account=account)
    case.owner = income
    case.save(update_fields=["owner"])
    page.goto("/staff/rent/")
    page.get_by_role("link", name=case.ref).click()
    expect(page.get_by_text("Recommended next step")).to_be_visible()
    page.get_by_role("link", name="Contact the tenant about the arrears").last.click()
    page.get_by_label("Phone call").check()
    page.get_by_label("Told them where to get free, independent money advice").check()
    page.get_by_label("What was said").fill("Hours cut at work; will pay £15 a week extra.")
    page.get_by_role("button", name="Save contact").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Contact recorded")

    # A form with a mistake explains it, then the plan is agreed.
    page.get_by_role("link", name="Agree a payment plan").click()
    page.get_by_label("Weekly amount towards the arrears").fill("lots")
    page.get_by_role("button", name="Agree plan and write to the tenants").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter an amount in pounds, like 25.50"
    )
    page.get_by_label("Weekly amount towards the arrears").fill("15.00")
    page.get_by_role("button", name="Agree plan and write to the tenants").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Payment plan agreed"
    )
    assert PaymentPlan.objects.get(case=case).weekly_instalment == 15
    sign_out(page)

    # The resident sees the plan on their rent page and in their requests.
    sign_in(page, "rita")
    page.goto("/rent/")
    expect(page.get_by_text("Your payment plan")).to_be_visible()
    expect(page.locator("#rent-balance")).to_have_text("£228.75")
    assert len(axe.checked) >= 12


@pytest.mark.browser
def test_every_rent_page_is_accessible(page, axe, resident, tenancy):
    from decimal import Decimal

    from hearth.rents.models import SuspenseItem
    from hearth.rents.services.advice import open_offer_tasks
    from hearth.tenancies.tests.factories import TenancyFactory

    UserFactory(username="ines", role=Role.INCOME_OFFICER)
    account = account_for(tenancy)
    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday())
    charge(account, monday - timedelta(days=7))
    charge(account, monday)
    SuspenseItem.objects.create(
        source="standing_order",
        source_ref="X1",
        kind=Kind.PAYMENT_STANDING_ORDER,
        received_on=today,
        amount=Decimal("-10.00"),
        reason="No match",
        payer_name="A PAYER",
    )
    TenancyFactory(start_date=today - timedelta(days=3))
    open_offer_tasks()
    case = ArrearsCase.objects.get(account=account)
    sign_in(page, "ines")
    staff_pages = [
        "/staff/rent/?show=all",
        f"/staff/rent/accounts/{tenancy.pk}/",
        f"/staff/rent/accounts/{tenancy.pk}/payment/",
        f"/staff/rent/accounts/{tenancy.pk}/direct-debit/",
        f"/staff/rent/accounts/{tenancy.pk}/send-statement/",
        f"/staff/rent/cases/{case.ref}/notice/",
        f"/staff/rent/cases/{case.ref}/vulnerability/",
        f"/staff/rent/cases/{case.ref}/assign/",
        "/staff/rent/suspense/",
        "/staff/rent/returned-direct-debits/",
        "/staff/rent/money-advice/",
        "/staff/rent/find/?reference=nobody",
        "/staff/",
    ]
    for path in staff_pages:
        response = page.goto(path)
        assert response is not None and response.status == 200, path
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        axe.check()  # as well as on load: a quick next goto can overtake the load handler
    sign_out(page)
    sign_in(page, "rita")
    resident_pages = [
        "/rent/your-rent-and-service-charges/",
        "/rent/help-with-benefits-and-money/",
        "/rent/ways-to-pay/",
    ]
    for path in resident_pages:
        response = page.goto(path)
        assert response is not None and response.status == 200, path
        axe.check()
    # Axe ran on the pages (the `page` fixture fails the test on any violation it found).
    checked = {"/" + url.split("/", 3)[-1] for url in axe.checked}
    assert len(checked & set(staff_pages + resident_pages)) >= len(staff_pages + resident_pages) - 2
