"""The resident's safety page: the checks their home has had (with the certificates to
download), when each is next due, and their block's fire safety information. A certificate of
any other home is a 404."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from hearth.core.access import resident_view
from hearth.safety import queries
from hearth.tenancies.queries import current_tenancies_for_resident


def _homes(request: HttpRequest) -> list[Any]:
    homes = {t.home_id: t.home for t in current_tenancies_for_resident(request.user)}
    return list(homes.values())


@resident_view
def your_safety(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    homes = [
        {
            "home": home,
            "lines": queries.home_register(home, on=today),
            "certificates": queries.certificates_for_home(home),
            "fire": queries.block_fire_safety(home.block, on=today),
        }
        for home in _homes(request)
    ]
    return render(request, "safety/portal/your_safety.html", {"homes": homes})


@resident_view
def certificate(request: HttpRequest, pk: int) -> FileResponse:
    check = queries.get_certificate_for_resident([h.pk for h in _homes(request)], pk)
    return FileResponse(
        check.certificate.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=f"{check.get_kind_display()} {check.done_on:%d %B %Y}.pdf",
    )
