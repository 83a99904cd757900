"""The new tenant's page about their home: its certificates and the Letting Standard
checklist they were shown. Anyone else's letting is a 404."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from hearth.core.access import resident_view
from hearth.lettings import queries


@resident_view
def your_home(request: HttpRequest, ref: str) -> HttpResponse:
    void = queries.get_letting_for_resident(request.user, ref)
    return render(
        request,
        "lettings/portal/home.html",
        {
            "void": void,
            "certificates": queries.certificates(void),
            "inspection": queries.shown_checklist(void),
        },
    )
