"""Changing a person's record on their behalf: contact details and preferences, support needs
and an online account. Every change goes through a service that records it; a support need
shown on these pages is logged like any other showing."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hearth.accounts import services as account_services
from hearth.accounts.forms import ResidentAccountForm
from hearth.accounts.models import User
from hearth.core.access import staff_view
from hearth.core.casework import actor_of
from hearth.core.forms import apply_service_errors
from hearth.core.permissions import Can
from hearth.tenancies import services
from hearth.tenancies.forms import ContactDetailsForm, ContactPreferencesForm, SupportNeedForm
from hearth.tenancies.models import Person, SupportNeed
from hearth.tenancies.queries import get_person_for_user

# The contact services speak to residents ("give us your email address"); staff are told
# what to do for the resident instead. Keyed by the error's code, per page.
_DETAILS_WORDING = {
    "needs_email": gettext_lazy(
        "They get messages by email, so change how we contact them before removing it"
    ),
    "needs_mobile": gettext_lazy(
        "They get text messages, so change how we contact them before removing their mobile "
        "number, or give another UK mobile number"
    ),
}
_PREFERENCES_WORDING = {
    "needs_email": gettext_lazy("To contact them by email, first add their email address"),
    "needs_mobile": gettext_lazy("To send them text messages, first add a UK mobile number"),
}


def for_staff(error: ValidationError, wording: dict[str, Any]) -> ValidationError:
    """The service's error with resident-facing messages reworded for staff, by code."""
    if not hasattr(error, "error_dict"):
        return error
    return ValidationError(
        {
            field: [
                ValidationError(str(wording[e.code])) if e.code in wording else e for e in errors
            ]
            for field, errors in error.error_dict.items()
        }
    )


def _log_showing(request: HttpRequest, person: Person) -> None:
    services.show_support_needs(user=request.user, people=[person], where=request.path)


def _person_page(person: Person, anchor: str = "") -> HttpResponse:
    response = redirect("staff:person", person.pk)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


@staff_view(Can.VIEW_PEOPLE, Can.EDIT_PEOPLE)
def contact_details(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_person_for_user(request.user, pk)
    form = ContactDetailsForm(
        request.POST or None, initial={"phone": person.phone, "email": person.email}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_contact_details(
                person=person,
                actor=actor_of(request.user),
                phone=form.cleaned_data["phone"],
                email=form.cleaned_data["email"],
            )
        except ValidationError as error:
            apply_service_errors(form, for_staff(error, _DETAILS_WORDING))
        else:
            messages.success(request, _("Contact details saved."))
            return _person_page(person)
    return render(request, "tenancies/staff/contact_details.html", {"person": person, "form": form})


@staff_view(Can.VIEW_PEOPLE, Can.EDIT_PEOPLE)
def contact_preferences(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_person_for_user(request.user, pk)
    preference = getattr(person, "contact_preference", None)
    initial: dict[str, Any] = {"channel": "letter", "language": "English", "formats": []}
    if preference is not None:
        initial = {
            "channel": preference.channel,
            "language": preference.language,
            "formats": [
                name
                for name in ("large_print", "easy_read", "interpreter_needed")
                if getattr(preference, name)
            ],
            "representative_name": preference.representative_name,
            "representative_relationship": preference.representative_relationship,
            "representative_contact": preference.representative_contact,
        }
    form = ContactPreferencesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_contact_preferences(
                person=person, actor=actor_of(request.user), **form.preferences()
            )
        except ValidationError as error:
            apply_service_errors(form, for_staff(error, _PREFERENCES_WORDING))
        else:
            messages.success(request, _("Contact preferences saved."))
            return _person_page(person)
    return render(
        request, "tenancies/staff/contact_preferences.html", {"person": person, "form": form}
    )


@staff_view(Can.VIEW_PEOPLE, Can.EDIT_SUPPORT_NEEDS)
def support_need_add(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_person_for_user(request.user, pk)
    form = SupportNeedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_support_need(
                person=person, actor=actor_of(request.user), **form.cleaned_data
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Support need added."))
            return _person_page(person, "support-needs")
    return render(
        request,
        "tenancies/staff/support_need_form.html",
        {"person": person, "form": form, "need": None},
    )


def _need(pk: int) -> SupportNeed:
    return get_object_or_404(SupportNeed.objects.select_related("person"), pk=pk)


@staff_view(Can.VIEW_PEOPLE, Can.VIEW_SUPPORT_NEEDS, Can.EDIT_SUPPORT_NEEDS)
def support_need_change(request: HttpRequest, pk: int) -> HttpResponse:
    need = _need(pk)
    form = SupportNeedForm(
        request.POST or None,
        initial={"kind": need.kind, "description": need.description, "review_on": need.review_on},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.change_support_need(
                need=need, actor=actor_of(request.user), **form.cleaned_data
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Support need changed."))
            return _person_page(need.person, "support-needs")
    else:
        _log_showing(request, need.person)
    return render(
        request,
        "tenancies/staff/support_need_form.html",
        {"person": need.person, "form": form, "need": need},
    )


@staff_view(Can.VIEW_PEOPLE, Can.VIEW_SUPPORT_NEEDS, Can.EDIT_SUPPORT_NEEDS)
def support_need_end(request: HttpRequest, pk: int) -> HttpResponse:
    need = _need(pk)
    if request.method == "POST":
        services.end_support_need(need=need, actor=actor_of(request.user))
        messages.success(request, _("Support need ended."))
        return _person_page(need.person, "support-needs")
    _log_showing(request, need.person)
    return render(
        request, "tenancies/staff/support_need_end.html", {"need": need, "person": need.person}
    )


@staff_view(Can.VIEW_PEOPLE, Can.MANAGE_USERS)
def online_account(request: HttpRequest, pk: int) -> HttpResponse:
    """Give a tenant an online account: they get an email with a link to choose a password."""
    person = get_person_for_user(request.user, pk)
    existing = User.objects.filter(person=person).first()
    if existing is not None:
        return redirect("staff:user", existing.pk)
    form: forms.Form = ResidentAccountForm(request.POST or None, initial={"username": person.email})
    if request.method == "POST" and form.is_valid():
        try:
            account_services.give_resident_account(
                person=person, actor=actor_of(request.user), username=form.cleaned_data["username"]
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "%(name)s has an online account. We have emailed %(email)s a link to choose a password."
                )
                % {"name": person.full_name, "email": person.email},
            )
            return _person_page(person, "online-account")
    return render(request, "tenancies/staff/online_account.html", {"person": person, "form": form})
