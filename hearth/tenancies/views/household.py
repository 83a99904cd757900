"""Changing a household: adding a joint tenant or household member, removing a household member
who has left, and recording when a tenancy ends."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from hearth.core.access import staff_view
from hearth.core.casework import actor_of
from hearth.core.forms import apply_service_errors, refusal
from hearth.core.permissions import Can
from hearth.tenancies import services
from hearth.tenancies.forms import HouseholdMemberForm, TenancyEndForm
from hearth.tenancies.models import TenancyMember
from hearth.tenancies.queries import get_tenancy_for_user


@staff_view(Can.VIEW_PEOPLE, Can.EDIT_PEOPLE)
def household_add(request: HttpRequest, pk: int) -> HttpResponse:
    tenancy = get_tenancy_for_user(request.user, pk)
    form = HouseholdMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            member = services.add_household_member(
                tenancy=tenancy, actor=actor_of(request.user), **form.cleaned_data
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(name)s added to the household.") % {"name": member.person.full_name},
            )
            return redirect("staff:tenancy", tenancy.pk)
    return render(request, "tenancies/staff/household_add.html", {"tenancy": tenancy, "form": form})


@staff_view(Can.VIEW_PEOPLE, Can.EDIT_PEOPLE)
def household_remove(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    tenancy = get_tenancy_for_user(request.user, pk)
    member = get_object_or_404(
        TenancyMember.objects.select_related("person"), pk=member_pk, tenancy=tenancy
    )
    form: forms.Form | None = None
    if request.method == "POST":
        try:
            services.remove_household_member(member=member, actor=actor_of(request.user))
        except ValidationError as error:
            form = refusal(error)
        else:
            messages.success(
                request,
                _("%(name)s removed from the household.") % {"name": member.person.full_name},
            )
            return redirect("staff:tenancy", tenancy.pk)
    return render(
        request,
        "tenancies/staff/household_remove.html",
        {"tenancy": tenancy, "member": member, "form": form},
    )


@staff_view(Can.VIEW_PEOPLE, Can.EDIT_PEOPLE)
def tenancy_end(request: HttpRequest, pk: int) -> HttpResponse:
    tenancy = get_tenancy_for_user(request.user, pk)
    form = TenancyEndForm(request.POST or None, initial={"end_date": tenancy.end_date})
    if request.method == "POST" and form.is_valid():
        try:
            services.record_tenancy_end(
                tenancy=tenancy,
                actor=actor_of(request.user),
                end_date=form.cleaned_data["end_date"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The tenancy ends on %(day)s.")
                % {"day": date_format(form.cleaned_data["end_date"], "j F Y")},
            )
            return redirect("staff:tenancy", tenancy.pk)
    return render(request, "tenancies/staff/tenancy_end.html", {"tenancy": tenancy, "form": form})
