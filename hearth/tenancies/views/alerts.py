"""Raising, reviewing and ending cautionary alerts on a person or a home. After each change the
officer is taken back to the person's or home's page, where alerts come first."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from hearth.core.access import staff_view
from hearth.core.casework import actor_of
from hearth.core.forms import apply_service_errors
from hearth.core.permissions import Can
from hearth.estates.models import Home
from hearth.estates.queries import get_home_for_user
from hearth.tenancies import services
from hearth.tenancies.forms import AlertEndForm, AlertForm, AlertReviewForm
from hearth.tenancies.models import CautionaryAlert, Person
from hearth.tenancies.queries import get_person_for_user


def _subject_page(*, person: Person | None = None, home: Home | None = None) -> HttpResponse:
    if person is not None:
        return redirect("staff:person", person.pk)
    assert home is not None
    return redirect("staff:home", home.pk)


def _raise(
    request: HttpRequest, *, person: Person | None = None, home: Home | None = None
) -> HttpResponse:
    form = AlertForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.raise_alert(
                actor=actor_of(request.user), person=person, home=home, **form.cleaned_data
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Cautionary alert raised. Everyone sees it first."))
            return _subject_page(person=person, home=home)
    return render(
        request, "tenancies/staff/alert_raise.html", {"form": form, "person": person, "home": home}
    )


@staff_view(Can.VIEW_PEOPLE, Can.MANAGE_ALERTS)
def person_alert_raise(request: HttpRequest, pk: int) -> HttpResponse:
    return _raise(request, person=get_person_for_user(request.user, pk))


@staff_view(Can.VIEW_HOMES, Can.MANAGE_ALERTS)
def home_alert_raise(request: HttpRequest, pk: int) -> HttpResponse:
    return _raise(request, home=get_home_for_user(request.user, pk))


def _alert(pk: int) -> CautionaryAlert:
    """An alert still in force (an ended one has nothing left to review or end)."""
    return get_object_or_404(
        CautionaryAlert.objects.active().select_related("person", "home"), pk=pk
    )


@staff_view(Can.MANAGE_ALERTS)
def alert_review(request: HttpRequest, pk: int) -> HttpResponse:
    alert = _alert(pk)
    form = AlertReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.review_alert(alert=alert, actor=actor_of(request.user), **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Review recorded."))
            return _subject_page(person=alert.person, home=alert.home)
    return render(request, "tenancies/staff/alert_review.html", {"form": form, "alert": alert})


@staff_view(Can.MANAGE_ALERTS)
def alert_end(request: HttpRequest, pk: int) -> HttpResponse:
    alert = _alert(pk)
    form = AlertEndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.end_alert(
                alert=alert, actor=actor_of(request.user), note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Cautionary alert ended."))
            return _subject_page(person=alert.person, home=alert.home)
    return render(request, "tenancies/staff/alert_end.html", {"form": form, "alert": alert})
