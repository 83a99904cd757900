from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from hearth.core import services
from hearth.core.access import staff_view
from hearth.core.casework import actor_of
from hearth.core.forms import apply_service_errors
from hearth.core.models import ClosureDay
from hearth.core.permissions import Can
from hearth.staff.forms import ClosureDayForm


@staff_view(Can.MANAGE_SETTINGS)
def closure_days(request: HttpRequest) -> HttpResponse:
    """The landlord's closure days (list and add). They stop counting as working days."""
    form = ClosureDayForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            closure = services.add_closure_day(
                day=form.cleaned_data["day"],
                reason=form.cleaned_data["reason"],
                actor=actor_of(request.user),
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(day)s added as a closure day.")
                % {"day": date_format(closure.date, "l j F Y")},
            )
            return redirect("staff:closure-days")
    today = timezone.localdate()
    days = list(
        ClosureDay.objects.filter(date__gte=today.replace(month=1, day=1, year=today.year - 1))
    )
    return render(
        request,
        "staff/closure_days.html",
        {
            "form": form,
            "upcoming": [day for day in days if day.date >= today],
            "past": sorted(
                (day for day in days if day.date < today), key=lambda d: d.date, reverse=True
            ),
        },
    )


@staff_view(Can.MANAGE_SETTINGS)
def closure_day_remove(request: HttpRequest, pk: int) -> HttpResponse:
    closure = get_object_or_404(ClosureDay, pk=pk)
    if request.method == "POST":
        when = date_format(closure.date, "l j F Y")
        services.remove_closure_day(closure_day=closure, actor=actor_of(request.user))
        messages.success(request, _("%(day)s is a working day again.") % {"day": when})
        return redirect("staff:closure-days")
    return render(request, "staff/closure_day_remove.html", {"closure": closure})
