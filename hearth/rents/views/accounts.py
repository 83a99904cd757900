from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from hearth.core.permissions import Can
from hearth.staff.access import staff_view


@staff_view(Can.VIEW_RENT)
def account(request: HttpRequest, tenancy_id: int) -> HttpResponse:
    return HttpResponse("")
