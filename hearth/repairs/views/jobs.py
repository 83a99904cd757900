"""An operative's "my jobs today", made for a phone: for each job, any cautionary alert comes
first (with its reason and review date), then the address and access notes, the household's
support needs where they matter (each showing logged), and the repair's history."""

from __future__ import annotations

import contextlib
from datetime import date

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from hearth.core import calendar
from hearth.core.access import staff_view
from hearth.core.permissions import Can
from hearth.repairs import people, queries


@staff_view(Can.RECORD_VISITS)
def my_jobs(request: HttpRequest) -> HttpResponse:
    day = timezone.localdate()
    if request.GET.get("day"):
        with contextlib.suppress(ValueError):
            day = date.fromisoformat(request.GET["day"])
    appointments = list(queries.jobs_for(request.user, day))
    jobs = []
    for appointment in appointments:
        repair = appointment.repair
        household = people.household(repair)
        jobs.append(
            {
                "appointment": appointment,
                "repair": repair,
                "alerts": people.alerts_for([repair], household),
                "household": household,
                "support_needs": people.support_needs(
                    request.user, household, f"{request.path} ({repair.ref})"
                ),
                "visits": list(repair.visits.all()),
            }
        )
    return render(
        request,
        "repairs/staff/jobs.html",
        {
            "jobs": jobs,
            "day": day,
            "today": timezone.localdate(),
            "previous_day": calendar.previous_working_day(day),
            "next_day": calendar.next_working_day(day),
        },
    )
