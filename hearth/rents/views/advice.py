"""Money advice: offers due to new tenancies, and referrals with their outcomes."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from hearth.core import deadlines
from hearth.core.access import staff_view
from hearth.core.casework import actor_of
from hearth.core.paging import paginate
from hearth.core.permissions import Can
from hearth.rents import forms as rent_forms
from hearth.rents.models import AdviceReferral, MoneyAdviceOffer
from hearth.rents.models.advice import OPEN_OUTCOMES
from hearth.rents.services import advice
from hearth.rents.views.forms_page import form_page
from hearth.tenancies.queries import get_tenancy_for_user


@staff_view(Can.ADVISE_MONEY)
def money_advice(request: HttpRequest) -> HttpResponse:
    offers = (
        MoneyAdviceOffer.objects.filter(offered_on__isnull=True)
        .select_related("tenancy__home")
        .order_by("due_on", "pk")
    )
    page = paginate(request, offers, 25)
    rows = [{"offer": offer, "state": deadlines.state(offer.due_on)} for offer in page.object_list]
    referrals = (
        AdviceReferral.objects.filter(outcome__in=OPEN_OUTCOMES)
        .select_related("tenancy__home")
        .order_by("referred_on", "pk")[:50]
    )
    return render(
        request,
        "rents/staff/money_advice.html",
        {"page": page, "rows": rows, "referrals": referrals},
    )


@staff_view(Can.ADVISE_MONEY)
def offer(request: HttpRequest, tenancy_id: int) -> HttpResponse:
    tenancy = get_tenancy_for_user(request.user, tenancy_id)

    def run(data: dict[str, Any]) -> str:
        accepted = {"yes": True, "no": False}.get(data["accepted"])
        advice.offer_money_advice(
            tenancy=tenancy,
            channel=data["channel"],
            offered_on=data["offered_on"],
            accepted=accepted,
            notes=data["notes"],
            actor=actor_of(request.user),
        )
        return _("Money advice offer recorded.")

    return form_page(request, form_class=rent_forms.OfferForm, run=run, done_url=reverse("rents:money-advice"), title=_("Record a money advice offer"), submit=_("Save offer"),
                     caption=f"{tenancy.ref}: {tenancy.home.address}", initial={"offered_on": timezone.localdate()},
                     intro=[_("Offer a benefits check, debt advice and help with budgeting. If they accept, refer them from the tenancy's rent account.")])  # fmt: skip


@staff_view(Can.ADVISE_MONEY)
def referral(request: HttpRequest, tenancy_id: int) -> HttpResponse:
    tenancy = get_tenancy_for_user(request.user, tenancy_id)

    def run(data: dict[str, Any]) -> str:
        advice.refer_for_advice(
            tenancy=tenancy,
            topic=data["topic"],
            provider=data["provider"],
            notes=data["notes"],
            actor=actor_of(request.user),
        )
        return _("Referral recorded.")

    return form_page(request, form_class=rent_forms.ReferralForm, run=run, done_url=reverse("rents:money-advice"), title=_("Refer for money advice"), submit=_("Save referral"),
                     caption=f"{tenancy.ref}: {tenancy.home.address}")  # fmt: skip


@staff_view(Can.ADVISE_MONEY)
def referral_outcome(request: HttpRequest, ref: str) -> HttpResponse:
    found = get_object_or_404(AdviceReferral.objects.select_related("tenancy__home"), ref=ref)

    def run(data: dict[str, Any]) -> str:
        advice.record_referral_outcome(
            referral=found,
            outcome=data["outcome"],
            yearly_gain=data["yearly_gain"] or Decimal("0.00"),
            notes=data["notes"],
            actor=actor_of(request.user),
        )
        return _("Outcome recorded.")

    return form_page(request, form_class=rent_forms.OutcomeForm, run=run, done_url=reverse("rents:money-advice"), title=_("Record what came of the referral"), submit=_("Save outcome"),
                     caption=f"{found.get_topic_display()}: {found.provider} ({found.tenancy.home.address})")  # fmt: skip
