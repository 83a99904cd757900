from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse


def repair(request: HttpRequest, ref: str) -> HttpResponse:
    raise Http404("Not found")
