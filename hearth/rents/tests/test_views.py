from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from hearth.accounts.models import Role
from hearth.accounts.tests.factories import UserFactory
from hearth.rents.models import ArrearsCase, Kind, PaymentPlan, SuspenseItem, Transaction
from hearth.rents.services.accounts import account_for
from hearth.rents.services.advice import open_offer_tasks
from hearth.rents.tests.factories import make_account, post

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def income_officer(db):  # type: ignore[no-untyped-def]
    return UserFactory(
        username="ines", first_name="Ines", last_name="Income", role=Role.INCOME_OFFICER
    )


def behind() -> ArrearsCase:
    """An account two weeks behind, fallen into arrears this week."""
    monday = timezone.localdate() - timedelta(days=timezone.localdate().weekday())
    account = make_account(start=monday - timedelta(weeks=4))
    post(account, monday - timedelta(days=7), Kind.RENT, "100.00")
    post(account, monday, Kind.RENT, "100.00")
    return ArrearsCase.objects.get(account=account)


def test_the_arrears_queue_lists_cases_by_risk_with_their_next_step(
    client, income_officer, django_assert_max_num_queries
):
    for _ in range(3):
        behind()
    client.force_login(income_officer)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("rents:queue") + "?show=all")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("Contact the tenant about the arrears") == 3
    assert "3 open cases, highest risk first" in html


def test_residents_and_other_roles_cannot_see_rent_pages(client, resident, operative):
    case = behind()
    client.force_login(resident)
    assert client.get(reverse("rents:queue")).status_code == 404
    assert client.get(reverse("rents:case", args=[case.ref])).status_code == 404
    client.force_login(operative)
    assert client.get(reverse("rents:case", args=[case.ref])).status_code == 404


def test_an_officer_records_a_contact_and_agrees_a_plan_from_the_case_page(client, income_officer):
    case = behind()
    client.force_login(income_officer)
    page = client.get(reverse("rents:case", args=[case.ref])).content.decode()
    assert "Recommended next step" in page and "Contact the tenant about the arrears" in page
    today = timezone.localdate()
    response = client.post(
        reverse("rents:case-action", args=[case.ref, "contact"]),
        {
            "channel": "phone",
            "direction": "outbound",
            "contacted_on_day": today.day,
            "contacted_on_month": today.month,
            "contacted_on_year": today.year,
            "covered": ["advice", "income_expenditure"],
            "notes": "Reduced hours",
        },
    )
    assert response.status_code == 302
    assert ArrearsCase.objects.get(pk=case.pk).first_contacted_on == today
    response = client.post(
        reverse("rents:case-action", args=[case.ref, "plan"]),
        {
            "weekly_instalment": "12.50",
            "starts_on_day": today.day,
            "starts_on_month": today.month,
            "starts_on_year": today.year,
            "notes": "",
        },
    )
    assert response.status_code == 302
    assert PaymentPlan.objects.get().weekly_instalment == D("12.50")


def test_a_form_with_mistakes_shows_an_error_summary(client, income_officer):
    case = behind()
    client.force_login(income_officer)
    response = client.post(
        reverse("rents:case-action", args=[case.ref, "plan"]),
        {
            "weekly_instalment": "lots",
            "starts_on_day": "31",
            "starts_on_month": "2",
            "starts_on_year": "2025",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert (
        "Enter an amount in pounds, like 25.50" in html and "The date must be a real date" in html
    )


def test_a_notice_is_refused_with_the_protocols_reasons(client, income_officer):
    case = behind()
    client.force_login(income_officer)
    response = client.post(
        reverse("rents:case-action", args=[case.ref, "notice"]),
        {"on_day": "1", "on_month": "1", "on_year": str(timezone.localdate().year)},
    )
    assert response.status_code == 200
    assert "Nobody has contacted the tenant about the arrears yet." in response.content.decode()


def test_uploading_a_payment_file_posts_it_and_a_bad_one_lists_every_problem(
    client, income_officer
):
    account = make_account(ref="T0042")
    client.force_login(income_officer)
    good = SimpleUploadedFile(
        "so.csv",
        b"bank_ref,date,amount,reference\nB1,2025-04-11,25.00,T0042\nB2,2025-04-11,9.99,NOBODY\n",
    )
    response = client.post(reverse("rents:imports"), {"kind": "standing_order", "file": good})
    assert response.status_code == 302
    assert Transaction.objects.get().account == account
    assert SuspenseItem.objects.count() == 1
    bad = SimpleUploadedFile("so.csv", b"bank_ref,date,amount,reference\nB3,2025-13-01,x,T0042\n")
    html = client.post(
        reverse("rents:imports"), {"kind": "standing_order", "file": bad}
    ).content.decode()
    assert (
        "so.csv:2: date:" in html and "so.csv:2: amount:" in html and "nothing was imported" in html
    )
    item = SuspenseItem.objects.get()
    response = client.post(
        reverse("rents:suspense-item", args=[item.pk]), {"reference": "T0042", "note": ""}
    )
    assert response.status_code == 302
    assert Transaction.objects.count() == 2


def test_the_account_page_and_statement_pdf(client, income_officer):
    account = make_account()
    post(account, date(2025, 4, 7), Kind.RENT, "100.00")
    client.force_login(income_officer)
    html = client.get(reverse("rents:account", args=[account.tenancy_id])).content.decode()
    assert "£100.00 owed" in html
    pdf = client.get(
        reverse("rents:statement-pdf", args=[account.tenancy_id]) + "?from=2025-04-01&to=2025-04-30"
    )
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_an_officer_takes_a_payment_by_phone(client, income_officer):
    account = make_account()
    client.force_login(income_officer)
    today = timezone.localdate()
    response = client.post(
        reverse("rents:take-payment", args=[account.tenancy_id]),
        {
            "kind": "payment_online",
            "amount": "40.00",
            "paid_on_day": today.day,
            "paid_on_month": today.month,
            "paid_on_year": today.year,
            "reference": "AUTH9",
        },
    )
    assert response.status_code == 302
    assert Transaction.objects.get().amount == D("-40.00")


def test_money_advice_offers_due_are_on_the_list_and_on_my_work(client, officer):
    account = make_account(start=timezone.localdate() - timedelta(days=40))
    from hearth.rents.models import MoneyAdviceOffer

    MoneyAdviceOffer.objects.create(
        tenancy=account.tenancy, due_on=timezone.localdate() - timedelta(days=1)
    )
    open_offer_tasks()
    client.force_login(officer)
    assert account.tenancy.ref in client.get(reverse("rents:money-advice")).content.decode()
    assert "Offer money advice" in client.get(reverse("staff:my-work")).content.decode()


def test_a_resident_sees_their_balance_and_downloads_a_statement(
    client, resident, tenancy, other_tenancy
):
    account = account_for(tenancy)
    post(account, timezone.localdate() - timedelta(days=3), Kind.RENT, "128.75")
    client.force_login(resident)
    html = client.get(reverse("rents_portal:account")).content.decode()
    assert "You owe" in html and "£128.75" in html and account.payment_reference in html
    pdf = client.get(reverse("rents_portal:statement"))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    other = account_for(other_tenancy)
    assert (
        client.get(reverse("rents_portal:statement") + f"?tenancy={other.tenancy_id}").status_code
        == 404
    )
    assert (
        client.get(reverse("rents_portal:account") + f"?tenancy={other.tenancy_id}").status_code
        == 404
    )


def test_the_information_pages_are_public_and_show_a_residents_reference(client, resident, tenancy):
    account = account_for(tenancy)
    for name in ("rents_portal:ways-to-pay", "rents_portal:about", "rents_portal:benefits"):
        assert client.get(reverse(name)).status_code == 200
    client.force_login(resident)
    assert (
        account.payment_reference
        in client.get(reverse("rents_portal:ways-to-pay")).content.decode()
    )


def test_an_administrator_sets_the_payment_details_and_a_rent_free_week(client, admin_user):
    from hearth.accounts.tests.otp import sign_in_verified
    from hearth.rents.models import RentFreeWeek, RentPolicy

    sign_in_verified(client, admin_user)
    response = client.post(
        reverse("rents:policy"),
        {
            "bank_account_name": "CPMO rent",
            "bank_sort_code": "60-83-71",
            "bank_account_number": "3192681",
            "fifty_third_week": "free",
        },
    )
    assert "Enter an 8-digit account number" in response.content.decode()
    response = client.post(
        reverse("rents:policy"),
        {
            "bank_account_name": "CPMO rent",
            "bank_sort_code": "60-83-71",
            "bank_account_number": "31926819",
            "fifty_third_week": "free",
        },
    )
    assert response.status_code == 302 and RentPolicy.current().bank_account_number == "31926819"
    response = client.post(
        reverse("rents:rent-free-weeks"),
        {
            "week_commencing_day": "23",
            "week_commencing_month": "12",
            "week_commencing_year": "2026",
            "reason": "Christmas",
        },
    )
    assert "A rent week starts on a Monday." in response.content.decode()
    response = client.post(
        reverse("rents:rent-free-weeks"),
        {
            "week_commencing_day": "21",
            "week_commencing_month": "12",
            "week_commencing_year": "2026",
            "reason": "Christmas",
        },
    )
    assert response.status_code == 302 and RentFreeWeek.objects.get().reason == "Christmas"


def test_an_officer_finds_an_account_by_its_reference(client, income_officer):
    account = make_account(ref="T-0099")
    client.force_login(income_officer)
    response = client.get(reverse("rents:find-account") + "?reference=t0099")
    assert response.status_code == 302 and response["Location"] == reverse(
        "rents:account", args=[account.tenancy_id]
    )
    assert (
        "No rent account"
        in client.get(reverse("rents:find-account") + "?reference=nope").content.decode()
    )
