from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from hearth.portal.access import resident_view


@resident_view
def account(request: HttpRequest) -> HttpResponse:
    return HttpResponse("")
