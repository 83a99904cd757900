from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse

from hearth.repairs.ics import appointment_from_token, appointment_ics


def appointment_calendar(request: HttpRequest, token: str) -> HttpResponse:
    """The .ics for one appointment, from the signed link in a confirmation or reminder."""
    appointment = appointment_from_token(token)
    if appointment is None:
        raise Http404("Not found")
    response = HttpResponse(
        appointment_ics(appointment), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="repair-{appointment.ref}.ics"'
    return response


def repair(request: HttpRequest, ref: str) -> HttpResponse:
    raise Http404("Not found")
