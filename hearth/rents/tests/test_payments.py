from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from hearth.accounts.models import Role
from hearth.accounts.tests.factories import UserFactory
from hearth.core.models import Message
from hearth.rents.models import (
    DirectDebitReturn,
    Kind,
    MandateStatus,
    RentAccount,
    SuspenseItem,
    SuspenseStatus,
    Transaction,
)
from hearth.rents.services.accounts import set_up_direct_debit
from hearth.rents.services.payments import PaymentFileRejected, candidates, import_payments
from hearth.rents.services.suspense import allocate_suspense
from hearth.rents.tests.factories import make_account, post

pytestmark = pytest.mark.django_db
D = Decimal


def csv(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode()


def credits(account: RentAccount) -> list[tuple[date, str, Decimal]]:
    return list(
        Transaction.objects.filter(account=account)
        .order_by("date", "pk")
        .values_list("date", "kind", "amount")
    )


@pytest.fixture
def account(db):  # type: ignore[no-untyped-def]
    found = make_account(ref="T0001234")
    found.paypoint_card_number = "6338290012345678901"
    found.housing_benefit_claim_ref = "HB4003217"
    found.save()
    return found


def test_a_standing_order_is_matched_by_the_payment_reference_in_the_payers_text(account):
    data = csv(
        "bank_ref,date,amount,reference,payer_name",
        "BS-1,2025-04-11,100.00,RENT T000 1234 FLAT 3,A PAYER",
    )
    report = import_payments(kind="standing_order", data=data, filename="statement.csv")
    assert (report.posted, report.to_suspense, report.total) == (1, 0, D("100.00"))
    assert credits(account) == [(date(2025, 4, 11), Kind.PAYMENT_STANDING_ORDER, D("-100.00"))]


def test_importing_the_same_file_twice_posts_once(account):
    data = csv(
        "payment_id,paid_at,amount,account_reference",
        "pay_1,2025-04-11T19:30:00,25.50,t0001234",
        "pay_2,2025-04-12T09:00:00,10.00,T0001234",
    )
    import_payments(kind="online", data=data, filename="card.csv")
    again = import_payments(kind="online", data=data, filename="card.csv")
    assert (again.posted, again.already_imported) == (0, 2)
    assert len(credits(account)) == 2
    account.refresh_from_db()
    assert account.balance == D("-35.50")


def test_every_channel_posts_its_own_kind_of_credit(account):
    set_up_direct_debit(
        account=account, reference="DDM0001", account_holder="A Payer", collection_day=1, actor=None
    )
    files = {
        "direct_debit": csv(
            "collection_ref,mandate_ref,collection_date,amount", "C1,DDM0001,2025-05-01,433.33"
        ),
        "paypoint": csv(
            "transaction_ref,paid_at,card_number,amount,outlet_id",
            "PP1,2025-05-02T12:00:00,6338 2900 1234 5678 901,20.00,OUT9",
        ),
        "housing_benefit": csv(
            "line_ref,paid_on,claim_ref,period_from,period_to,amount",
            "RUN1-HB4003217,2025-05-05,HB4003217,2025-04-07,2025-05-04,250.00",
        ),
        "universal_credit": csv(
            "dwp_ref,paid_on,landlord_ref,housing_costs,arrears_deduction",
            "UC1,2025-05-06,T0001234,300.00,25.00",
        ),
    }
    for kind, data in files.items():
        assert import_payments(kind=kind, data=data, filename=f"{kind}.csv").posted == 1
    assert [row[1:] for row in credits(account)] == [
        (Kind.PAYMENT_DIRECT_DEBIT, D("-433.33")),
        (Kind.PAYMENT_PAYPOINT, D("-20.00")),
        (Kind.HOUSING_BENEFIT, D("-250.00")),
        (Kind.UNIVERSAL_CREDIT, D("-325.00")),
    ]


def test_a_bad_file_posts_nothing_and_reports_every_problem_by_file_line_and_column(account):
    data = csv(
        "bank_ref,date,amount,reference,colour",
        "BS-1,2025-04-11,100.00,T0001234,",
    )
    with pytest.raises(PaymentFileRejected) as rejected:
        import_payments(kind="standing_order", data=data, filename="statement.csv")
    assert [str(p) for p in rejected.value.problems] == [
        "statement.csv:1: colour: is not a column of a standing orders (bank statement credits) file (columns: bank_ref, date, amount, reference, payer_name)"
    ]
    data = csv(
        "bank_ref,date,amount,reference",
        "BS-1,2025-04-11,100.00,T0001234",
        "BS-2,2025-02-30,10,T0001234",
        "BS-3,2025-04-12,-5.00,T0001234",
        "BS-1,2025-04-12,£5,",
    )
    with pytest.raises(PaymentFileRejected) as rejected:
        import_payments(kind="standing_order", data=data, filename="statement.csv")
    assert [str(p) for p in rejected.value.problems] == [
        'statement.csv:3: date: "2025-02-30" is not a real date',
        "statement.csv:4: amount: -5.00 is negative; it must be 0.00 or more",
        'statement.csv:5: amount: "£5" is not an amount in pounds like 123.45 or -123.45',
        "statement.csv:5: reference: is empty: a value is needed",
        "statement.csv:5: bank_ref: BS-1 is repeated (first on line 2)",
    ]
    assert Transaction.objects.count() == 0


def test_a_payment_that_matches_no_account_goes_to_suspense_until_an_officer_allocates_it(
    account, officer
):
    data = csv(
        "bank_ref,date,amount,reference,payer_name", "BS-9,2025-04-11,50.00,FOR MY RENT,MRS A PAYER"
    )
    report = import_payments(kind="standing_order", data=data, filename="statement.csv")
    assert (report.posted, report.to_suspense) == (0, 1)
    item = SuspenseItem.objects.get()
    assert (
        item.amount == D("-50.00")
        and item.payer_name == "MRS A PAYER"
        and "FOR MY RENT" in item.reason
    )
    assert (
        import_payments(kind="standing_order", data=data, filename="statement.csv").already_imported
        == 1
    )
    allocate_suspense(item=item, account=account, actor=officer)
    assert credits(account) == [(date(2025, 4, 11), Kind.PAYMENT_STANDING_ORDER, D("-50.00"))]
    assert SuspenseItem.objects.get().status == SuspenseStatus.ALLOCATED
    assert import_payments(kind="standing_order", data=data, filename="statement.csv").posted == 0


def test_a_reference_that_matches_two_accounts_goes_to_suspense(account):
    make_account(ref="T0009999")
    data = csv("bank_ref,date,amount,reference", "BS-5,2025-04-11,50.00,T0001234 AND T0009999")
    report = import_payments(kind="standing_order", data=data, filename="statement.csv")
    assert (
        report.to_suspense == 1 and "matches 2 rent accounts" in SuspenseItem.objects.get().reason
    )


def test_a_bounced_direct_debit_reverses_its_payment_cancels_the_mandate_and_tells_the_officer(
    account,
):
    officer = UserFactory(role=Role.INCOME_OFFICER, email="income@example.org")
    account.income_officer = officer
    account.save()
    set_up_direct_debit(
        account=account, reference="DDM0001", account_holder="A Payer", collection_day=1, actor=None
    )
    post(account, date(2025, 4, 28), Kind.RENT, "100.00")
    import_payments(
        kind="direct_debit",
        data=csv(
            "collection_ref,mandate_ref,collection_date,amount", "C1,DDM0001,2025-05-01,100.00"
        ),
        filename="dd.csv",
    )
    returns = csv(
        "return_ref,collection_ref,mandate_ref,return_date,amount,reason_code,reason",
        "R1,C1,DDM0001,2025-05-06,100.00,B,Account closed",
    )
    report = import_payments(kind="direct_debit_returns", data=returns, filename="arudd.csv")
    assert report.returned == 1
    reversal = Transaction.objects.get(kind=Kind.PAYMENT_REVERSAL)
    assert (
        reversal.amount == D("100.00")
        and reversal.reverses is not None
        and reversal.reverses.source_ref == "C1"
    )
    account.refresh_from_db()
    assert account.balance == D("100.00")
    assert account.mandates.get().status == MandateStatus.CANCELLED
    assert DirectDebitReturn.objects.get().followed_up_at is None
    message = Message.objects.get(purpose="rent_dd_returned_staff")
    assert message.staff_recipient == officer and "Account closed" in message.body
    assert (
        import_payments(kind="direct_debit_returns", data=returns, filename="arudd.csv").returned
        == 0
    )


def test_payment_references_are_found_in_free_text():
    assert "T0001234" in candidates("rent t000 1234")
    assert "TRITA" in candidates("T-RITA")


def test_the_import_payments_command_reports_problems_and_exits_non_zero(account, tmp_path, capsys):
    good = tmp_path / "paypoint.csv"
    good.write_bytes(
        csv(
            "transaction_ref,paid_at,card_number,amount",
            "PP1,2025-05-02T12:00:00,6338290012345678901,20.00",
        )
    )
    call_command("rent", "import-payments", "paypoint", str(good))
    assert "1 posted" in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv("transaction_ref,paid_at,card_number,amount", "PP2,yesterday,633829,20.00"))
    with pytest.raises(CommandError):
        call_command("rent", "import-payments", "paypoint", str(bad))
    assert 'bad.csv:2: paid_at: "yesterday" is not a date and time' in capsys.readouterr().err
