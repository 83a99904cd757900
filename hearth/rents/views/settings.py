"""Rent settings: the payment details residents see, the 53rd week, rent-free weeks."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from hearth.core.access import staff_view
from hearth.core.casework import actor_of
from hearth.core.forms import apply_service_errors
from hearth.core.permissions import Can
from hearth.rents import forms as rent_forms
from hearth.rents.models import RentFreeWeek, RentPolicy
from hearth.rents.services import accounts
from hearth.rents.views.forms_page import form_page


@staff_view(Can.MANAGE_SETTINGS)
def policy(request: HttpRequest) -> HttpResponse:
    current = RentPolicy.current()

    def run(data: dict[str, Any]) -> str:
        accounts.update_rent_policy(actor=actor_of(request.user), **data)
        return _("Rent settings saved.")

    return form_page(request, form_class=rent_forms.PolicyForm, run=run, done_url=reverse("rents:rent-free-weeks"), title=_("Rent settings"), submit=_("Save settings"),
                     intro=[_("Residents see these payment details on the ways to pay page, on statements and in letters.")],
                     initial={name: getattr(current, name) for name in accounts.POLICY_FIELDS})  # fmt: skip


@staff_view(Can.MANAGE_SETTINGS)
def rent_free_weeks(request: HttpRequest) -> HttpResponse:
    form = rent_forms.RentFreeWeekForm(request.POST or None)
    if request.method == "POST" and "remove" in request.POST:
        week = get_object_or_404(RentFreeWeek, pk=request.POST.get("remove") or 0)
        accounts.remove_rent_free_week(week=week, actor=actor_of(request.user))
        messages.success(request, _("The week will be charged."))
        return redirect("rents:rent-free-weeks")
    if request.method == "POST" and form.is_valid():
        try:
            accounts.add_rent_free_week(
                week_commencing=form.cleaned_data["week_commencing"],
                reason=form.cleaned_data["reason"],
                actor=actor_of(request.user),
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Rent-free week added."))
            return redirect("rents:rent-free-weeks")
    today = timezone.localdate()
    return render(
        request,
        "rents/staff/rent_free_weeks.html",
        {
            "form": form,
            "weeks": RentFreeWeek.objects.filter(
                week_commencing__gte=today.replace(month=1, day=1)
            ),
            "policy": RentPolicy.current(),
        },
    )
