"""The resident portal: a public page with how to reach us, and for signed-in residents their
home and tenancy, their contact details and preferences, and their open requests."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from hearth.core.access import resident_view
from hearth.core.casework import Actor, actor_of
from hearth.core.forms import apply_service_errors
from hearth.core.portal_cards import cards_for
from hearth.core.requests import requests_for
from hearth.portal import forms as portal_forms
from hearth.rents.charges import RateBook
from hearth.tenancies import services
from hearth.tenancies.models import ContactPreference, Person
from hearth.tenancies.queries import current_tenancies_for_resident


def home(request: HttpRequest) -> HttpResponse:
    """Public: how to contact us and a way to sign in. A signed-in resident sees their account."""
    user = request.user
    if user.is_authenticated and getattr(user, "is_resident", False):
        tenancies = list(current_tenancies_for_resident(user))
        open_requests = len(requests_for(user))
        home_text = "; ".join(f"{t.home.address}, {t.home.postcode}" for t in tenancies)
        requests_text = (
            ngettext("You have %(n)d open request.", "You have %(n)d open requests.", open_requests)
            % {"n": open_requests}
            if open_requests
            else _("You have no open requests.")
        )
        cards = [
            {
                "title": _("Your home"),
                "href": reverse("portal:your-home"),
                "description": home_text or _("Your address and tenancy."),
            },
            # Each service's card, as its app registered it (rent, repairs, complaints…).
            *cards_for(user),
            {
                "title": _("Your requests"),
                "href": reverse("portal:your-requests"),
                "description": requests_text,
            },
            {
                "title": _("Your contact details"),
                "href": reverse("portal:your-details"),
                "description": _("Your phone, email, and how you want to hear from us."),
            },
        ]
        return render(
            request,
            "portal/account.html",
            {"tenancies": tenancies, "open_requests": open_requests, "cards": cards},
        )
    return render(request, "portal/home.html")


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/accessibility.html")


@resident_view
def your_home(request: HttpRequest) -> HttpResponse:
    tenancies = list(current_tenancies_for_resident(request.user))
    # The rent in force today comes from the rent account's effective-dated rates; a home
    # with none yet shows the figures on the homes register.
    book = RateBook.load([t.home_id for t in tenancies])
    today = timezone.localdate()
    for tenancy in tenancies:
        home = tenancy.home
        if book.has_rates(home.pk):
            tenancy.weekly_rent, tenancy.weekly_service_charge = book.rates_on(home.pk, today)  # type: ignore[attr-defined]
        else:
            tenancy.weekly_rent, tenancy.weekly_service_charge = (
                home.weekly_rent,
                home.weekly_service_charge,
            )  # type: ignore[attr-defined]
    return render(request, "portal/your_home.html", {"tenancies": tenancies})


@resident_view
def your_requests(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/your_requests.html", {"requests": requests_for(request.user)})


def _person(request: HttpRequest) -> Person | None:
    return request.user.person  # type: ignore[union-attr]


def _preference(person: Person) -> ContactPreference | None:
    return ContactPreference.objects.filter(person=person).first()


@resident_view
def your_details(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    return render(
        request,
        "portal/your_details.html",
        {"person": person, "preference": _preference(person) if person else None},
    )


# Each change page: its form and what to say once it is saved (template: change_<page>.html).
_DETAIL_PAGES: dict[str, dict[str, Any]] = {
    "phone": {
        "form": portal_forms.PhoneForm,
        "done": gettext_lazy("Your phone number has been updated."),
    },
    "email": {
        "form": portal_forms.EmailForm,
        "done": gettext_lazy("Your email address has been updated."),
    },
    "channel": {
        "form": portal_forms.ChannelForm,
        "done": gettext_lazy("We will contact you the way you chose."),
    },
    "language": {
        "form": portal_forms.LanguageForm,
        "done": gettext_lazy("Your language has been updated."),
    },
    "help": {
        "form": portal_forms.HelpForm,
        "done": gettext_lazy("The help you need has been updated."),
    },
    "representative": {
        "form": portal_forms.RepresentativeForm,
        "done": gettext_lazy("The details of the person who speaks for you have been updated."),
    },
}


def _initial(page: str, person: Person, preference: ContactPreference | None) -> dict[str, Any]:
    if page in ("phone", "email"):
        return {page: getattr(person, page)}
    if preference is None:
        return {}
    if page == "help":
        return {
            "help": [
                name for name, _label in portal_forms.HELP_CHOICES if getattr(preference, name)
            ]
        }
    if page == "representative":
        return {
            name: getattr(preference, name)
            for name in (
                "representative_name",
                "representative_relationship",
                "representative_contact",
            )
        }
    return {page: getattr(preference, page)}


def _save(page: str, form: forms.Form, person: Person, actor: Actor) -> None:
    data = form.cleaned_data
    if page in ("phone", "email"):
        services.update_contact_details(person=person, actor=actor, **{page: data[page]})
    elif page == "help":
        services.update_contact_preferences(person=person, actor=actor, **form.flags())  # type: ignore[attr-defined]
    else:
        services.update_contact_preferences(person=person, actor=actor, **data)


@resident_view
def change_detail(request: HttpRequest, page: str) -> HttpResponse:
    """One question per page; the answer goes through the tenancies services, which check it
    (e.g. text messages need a mobile number) and record it on the person's timeline."""
    person = _person(request)
    if person is None:
        return redirect("portal:your-details")
    spec = _DETAIL_PAGES[page]
    form_class = spec["form"]
    if request.method == "POST":
        form = form_class(request.POST)
        if form.is_valid():
            try:
                _save(page, form, person, actor_of(request.user))
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                messages.success(request, str(spec["done"]))
                return redirect("portal:your-details")
    else:
        form = form_class(initial=_initial(page, person, _preference(person)))
    return render(request, f"portal/change_{page}.html", {"form": form, "person": person})
