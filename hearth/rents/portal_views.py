"""The resident's rent pages: their balance and transactions, a statement to download, and
plain-English pages on rent, service charges, help with benefits and the ways to pay."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Q, Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from hearth.core.access import resident_view
from hearth.core.paging import paginate
from hearth.rents import statements
from hearth.rents.charges import RateBook
from hearth.rents.models import (
    CaseStatus,
    MandateStatus,
    PaymentPlan,
    PlanStatus,
    RentAccount,
    RentPolicy,
    ServiceChargeItem,
    Transaction,
)
from hearth.rents.queries import get_account_for_user
from hearth.rents.queries_review import next_year_for
from hearth.rents.weeks import rent_year_of, rent_year_start
from hearth.tenancies.queries import current_tenancies_for_resident


def _accounts(request: HttpRequest) -> list[RentAccount]:
    user = request.user
    if not (user.is_authenticated and getattr(user, "is_resident", False)):
        return []
    tenancies = current_tenancies_for_resident(user)
    return list(
        RentAccount.objects.filter(tenancy__in=tenancies).select_related(
            "tenancy", "tenancy__home", "tenancy__home__block"
        )
    )


def _chosen(request: HttpRequest) -> RentAccount | None:
    """The account the page is about: ?tenancy=ID (one of the resident's own, else 404), or
    their current tenancy's."""
    wanted = request.GET.get("tenancy")
    if wanted:
        return get_account_for_user(request.user, wanted)
    accounts = _accounts(request)
    return accounts[0] if accounts else None


@resident_view
def account(request: HttpRequest) -> HttpResponse:
    return _account_page(request)


def _with_running_balance(rows: list[Transaction], found: RentAccount) -> list[Transaction]:
    """Each row of a page (newest first) with the balance after it: the sum of every
    transaction up to and including it, in date order."""
    if not rows:
        return rows
    first = rows[0]
    balance = found.transactions.filter(
        Q(date__lt=first.date) | Q(date=first.date, pk__lte=first.pk)
    ).aggregate(total=Sum("amount"))["total"] or Decimal("0")
    for row in rows:
        row.balance_after = balance  # type: ignore[attr-defined]
        balance -= row.amount
    return rows


def _account_page(
    request: HttpRequest, *, statement_error: str = "", status: int = 200
) -> HttpResponse:
    found = _chosen(request)
    context: dict[str, Any] = {
        "account": found,
        "accounts": _accounts(request),
        "policy": RentPolicy.current(),
    }
    if found is not None:
        today = timezone.localdate()
        tenancy = found.tenancy
        rent, service = RateBook.load([tenancy.home_id]).rates_on(tenancy.home_id, today)
        context.update(
            tenancy=tenancy,
            weekly_rent=rent,
            weekly_service_charge=service,
            weekly_total=rent + service,
            page=paginate(request, found.transactions.order_by("-date", "-pk"), 20),
            mandate=found.mandates.filter(status=MandateStatus.ACTIVE).first(),
            plan=PaymentPlan.objects.filter(
                case__account=found, case__status=CaseStatus.OPEN, status=PlanStatus.ACTIVE
            ).first(),
            statement_periods=_periods(today, tenancy.start_date),
        )
        context["next_year"] = next_year_for(found, today)  # the rent review (queries_review.py)
        context["rows"] = _with_running_balance(list(context["page"].object_list), found)
    context["statement_error"] = statement_error
    return render(request, "rents/portal/account.html", context, status=status)


def _periods(today: date, start: date) -> list[dict[str, Any]]:
    """The statements a resident can download: never from before their tenancy started."""
    year_start = rent_year_start(rent_year_of(today))
    options = [
        (_("The last 13 weeks"), today - timedelta(weeks=13)),
        (
            _("This rent year, from %(date)s") % {"date": date_format(year_start, "j F Y")},
            year_start,
        ),
        (_("The last 2 years"), today - timedelta(days=730)),
    ]
    return [{"label": label, "from": max(begin, start), "to": today} for label, begin in options]


@resident_view
def statement_pdf(request: HttpRequest) -> HttpResponse:
    found = _chosen(request)
    if found is None:
        raise Http404("Not found")
    problem = statements.period_problem(request.GET.get("from"), request.GET.get("to"))
    if problem:
        return _account_page(request, statement_error=problem, status=400)
    period = statements.period_from_request(
        request.GET.get("from"), request.GET.get("to"), opened=found.tenancy.start_date
    )
    response = HttpResponse(
        statements.statement_pdf(found, *period), content_type="application/pdf"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{statements.filename(found, *period)}"'
    )
    return response


def ways_to_pay(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "rents/portal/ways_to_pay.html",
        {"accounts": _accounts(request), "policy": RentPolicy.current()},
    )


def about_rent(request: HttpRequest) -> HttpResponse:
    accounts = _accounts(request)
    blocks = [a.tenancy.home.block_id for a in accounts]
    items = ServiceChargeItem.objects.filter(
        Q(block__isnull=True) | Q(block_id__in=blocks)
    ).order_by("block_id", "name")
    today = timezone.localdate()
    charges = []
    for found in accounts:
        home = found.tenancy.home
        rent, service = RateBook.load([home.pk]).rates_on(home.pk, today)
        charges.append(
            {"account": found, "rent": rent, "service": service, "total": rent + service}
        )
    return render(
        request,
        "rents/portal/about.html",
        {"items": items, "charges": charges, "policy": RentPolicy.current()},
    )


def benefits(request: HttpRequest) -> HttpResponse:
    return render(request, "rents/portal/benefits.html", {"policy": RentPolicy.current()})
