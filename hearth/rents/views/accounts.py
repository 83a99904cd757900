"""A rent account as staff see it: balance, charges, the ledger, direct debit, statements,
and the officer's own postings (a payment by phone, an adjustment, a write-off)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from hearth.core import formats
from hearth.core.access import staff_view
from hearth.core.casework import actor_of
from hearth.core.notices import home_notices
from hearth.core.paging import paginate
from hearth.core.permissions import Can, can
from hearth.core.timeline import events_for
from hearth.rents import forms as rent_forms
from hearth.rents import statements
from hearth.rents.models import CaseStatus, ChargeRate, Kind, MandateStatus, StatementKind
from hearth.rents.queries import get_account_for_user, weekly_charge
from hearth.rents.services import accounts as account_services
from hearth.rents.services import ledger
from hearth.rents.services.statements import send_statement
from hearth.rents.views import forms_page


@staff_view(Can.VIEW_RENT)
def account(request: HttpRequest, tenancy_id: int) -> HttpResponse:
    found = get_account_for_user(request.user, tenancy_id)
    transactions = found.transactions.order_by("-date", "-pk")
    page = paginate(request, transactions, 25)
    today = timezone.localdate()
    return render(
        request,
        "rents/staff/account.html",
        {
            "account": found,
            "tenancy": found.tenancy,
            "home_notices": home_notices([found.tenancy.home_id]),
            "weekly_charge": weekly_charge(found),
            "rates": list(
                ChargeRate.objects.filter(home_id=found.tenancy.home_id).order_by(
                    "-effective_from"
                )[:5]
            ),
            "page": page,
            "mandates": list(found.mandates.all()),
            "cases": list(found.arrears_cases.order_by("-opened_on")[:5]),
            "open_case": found.arrears_cases.filter(status=CaseStatus.OPEN).first(),
            "returns": list(found.dd_returns.select_related("reversal")[:5]),
            "statements": list(found.statements.all()[:5]),
            "events": events_for(found),
            "can_manage": can(request.user, Can.MANAGE_RENT),
            "statement_from": today - timedelta(weeks=13),
            "today": today,
        },
    )


@staff_view(Can.VIEW_RENT)
def statement_pdf(request: HttpRequest, tenancy_id: int) -> HttpResponse:
    found = get_account_for_user(request.user, tenancy_id)
    period = statements.period_from_request(request.GET.get("from"), request.GET.get("to"))
    response = HttpResponse(
        statements.statement_pdf(found, *period), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="{statements.filename(found, *period)}"'
    return response


def _page(request: HttpRequest, tenancy_id: int, **kwargs: Any) -> HttpResponse:
    found = get_account_for_user(request.user, tenancy_id)
    url = reverse("rents:account", args=[tenancy_id])
    run = kwargs.pop("run")
    return forms_page.form_page(
        request,
        run=lambda data: run(found, data),
        done_url=url,
        caption=f"{found.payment_reference}: {found.tenancy.home.address}",
        **kwargs,
    )


@staff_view(Can.MANAGE_RENT)
def take_payment(request: HttpRequest, tenancy_id: int) -> HttpResponse:
    def run(found: Any, data: dict[str, Any]) -> str:
        ledger.take_payment(
            account=found,
            amount=data["amount"],
            kind=data["kind"],
            paid_on=data["paid_on"],
            reference=data["reference"],
            actor=actor_of(request.user),
        )
        return _("Payment of %(amount)s recorded.") % {"amount": formats.money(data["amount"])}

    return _page(request, tenancy_id, form_class=rent_forms.PaymentForm, run=run, title=_("Record a payment"), submit=_("Record payment"),
                 intro=[_("Take the card payment through the card terminal or payment line first, then record it here with its authorisation number.")],
                 initial={"paid_on": timezone.localdate(), "kind": Kind.PAYMENT_ONLINE})  # fmt: skip


@staff_view(Can.MANAGE_RENT)
def adjust(request: HttpRequest, tenancy_id: int) -> HttpResponse:
    def run(found: Any, data: dict[str, Any]) -> str:
        amount: Decimal = data["amount"]
        if data["kind"] == "write_off":
            ledger.write_off(
                account=found,
                amount=amount,
                on=data["on"],
                reason=data["reason"],
                actor=actor_of(request.user),
            )
        else:
            signed = amount if data["kind"] == "debit" else -amount
            ledger.adjust(
                account=found,
                amount=signed,
                on=data["on"],
                reason=data["reason"],
                actor=actor_of(request.user),
            )
        return _("The account has been adjusted.")

    return _page(request, tenancy_id, form_class=rent_forms.AdjustmentForm, run=run, title=_("Adjust the account"), submit=_("Save"),
                 initial={"on": timezone.localdate()})  # fmt: skip


@staff_view(Can.MANAGE_RENT)
def direct_debit(request: HttpRequest, tenancy_id: int) -> HttpResponse:
    def run(found: Any, data: dict[str, Any]) -> str:
        account_services.set_up_direct_debit(account=found, reference=data["reference"], account_holder=data["account_holder"], bank_account_ending=data["bank_account_ending"],
                                             collection_day=data["collection_day"], monthly_amount=data["monthly_amount"], actor=actor_of(request.user))  # fmt: skip
        return _("Direct debit recorded.")

    return _page(request, tenancy_id, form_class=rent_forms.DirectDebitForm, run=run, title=_("Record a direct debit"), submit=_("Save direct debit"),
                 intro=[_("Any active direct debit on this account will be cancelled: an account collects through one at a time.")])  # fmt: skip


@staff_view(Can.MANAGE_RENT)
def cancel_direct_debit(request: HttpRequest, tenancy_id: int) -> HttpResponse:
    def run(found: Any, data: dict[str, Any]) -> str:
        for mandate in found.mandates.filter(status=MandateStatus.ACTIVE):
            account_services.cancel_direct_debit(
                mandate=mandate, reason=data["reason"], actor=actor_of(request.user)
            )
        return _("Direct debit cancelled.")

    return _page(
        request,
        tenancy_id,
        form_class=rent_forms.ReasonForm,
        run=run,
        title=_("Cancel the direct debit"),
        submit=_("Cancel direct debit"),
        danger=True,
    )


@staff_view(Can.MANAGE_RENT)
def send_statement_now(request: HttpRequest, tenancy_id: int) -> HttpResponse:
    def run(found: Any, data: dict[str, Any]) -> str:
        send_statement(
            account=found,
            period_from=data["period_from"],
            period_to=data["period_to"],
            actor=actor_of(request.user),
            kind=StatementKind.REQUESTED,
        )
        return _("Statement sent.")

    today = timezone.localdate()
    return _page(request, tenancy_id, form_class=rent_forms.PeriodForm, run=run, title=_("Send a rent statement"), submit=_("Send statement"),
                 initial={"period_from": today - timedelta(weeks=13), "period_to": today})  # fmt: skip
