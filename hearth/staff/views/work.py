from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from hearth.core.access import staff_view
from hearth.core.deadlines import State
from hearth.core.paging import paginate
from hearth.core.work import work_for

PAGE_SIZE = 50


@staff_view()
def my_work(request: HttpRequest) -> HttpResponse:
    """Everything due today or overdue for the signed-in officer, most urgent first."""
    today = timezone.localdate()
    items = work_for(request.user, until=today)
    page = paginate(request, items, PAGE_SIZE)
    return render(
        request,
        "staff/my_work.html",
        {
            "page": page,
            "today": today,
            "overdue_count": sum(1 for item in items if item.state is State.OVERDUE),
            "due_today_count": sum(1 for item in items if item.state is State.DUE_TODAY),
        },
    )
