"""A subject access request: everything Hearth holds about one person, as a ZIP of a PDF
summary and a CSV for each kind of record (`hearth.core.subject_access`). Only roles that may
export personal data see the page; making the export is written on the person's timeline, and
the showing of their support needs in it is logged like any other."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from hearth.core import subject_access
from hearth.core.access import staff_view
from hearth.core.casework import actor_of
from hearth.core.permissions import Can
from hearth.tenancies.queries import get_person_for_user
from hearth.tenancies.services import show_support_needs


@staff_view(Can.EXPORT_PERSONAL_DATA)
@require_http_methods(["GET", "POST"])
def export(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_person_for_user(request.user, pk)
    if request.method != "POST":
        return render(request, "tenancies/staff/subject_access.html", {"person": person})
    show_support_needs(user=request.user, people=[person], where=request.path)
    data = subject_access.export(person, actor=actor_of(request.user))
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="everything-we-hold-{person.pk}.zip"'
    return response
