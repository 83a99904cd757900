"""The coordinators' queue: open repairs, soonest due first, with due-soon and overdue flags,
filters, and assigning one or many repairs to an operative at once."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hearth.core.access import staff_view
from hearth.core.casework import actor_of
from hearth.core.paging import paginate
from hearth.core.permissions import Can, can
from hearth.repairs import queries, services
from hearth.repairs.forms import AssignForm, QueueFilterForm, operatives_choices
from hearth.repairs.models import Repair

PAGE_SIZE = 50


@staff_view(Can.LOG_REPAIRS)
def queue(request: HttpRequest) -> HttpResponse:
    """Open repairs ordered by due date; coordinators tick repairs and assign them. A page is
    one query for the rows, one for their flags and one for the count."""
    operatives = operatives_choices()  # both forms list them: one query, not two
    filters = QueueFilterForm(request.GET or None, operatives=operatives)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    assign_form = AssignForm(
        request.POST if request.method == "POST" else None, prefix="assign", operatives=operatives
    )
    assign_error = ""
    if request.method == "POST" and can(request.user, Can.MANAGE_REPAIRS):
        refs = request.POST.getlist("repairs")
        if not refs:
            assign_error = _("Tick at least one repair to assign")
        elif assign_form.is_valid():
            operative = assign_form.chosen()
            count = services.bulk_assign(
                repairs=list(Repair.objects.filter(ref__in=refs)),
                operative=operative,
                actor=actor_of(request.user),
            )
            who = operative.display_name if operative else _("nobody")
            messages.success(
                request,
                ngettext(
                    "%(n)s repair assigned to %(who)s.", "%(n)s repairs assigned to %(who)s.", count
                )
                % {"n": count, "who": who},
            )
            return redirect(request.get_full_path())
    page = paginate(request, queries.queue(chosen), PAGE_SIZE)
    now = timezone.now()
    # Each priority's name looked up once, not through get_priority_display on every row.
    priorities = queries.priority_labels()
    rows = [
        {
            "repair": r,
            "priority": priorities.get(r.priority, r.priority),
            "state": queries.repair_state(r, now=now),
            "awaab": queries.next_awaab_clock(r, now=now),
        }
        for r in queries.with_flags(page.object_list)
    ]
    return render(
        request,
        "repairs/staff/queue.html",
        {
            "filters": filters,
            "page": page,
            "rows": rows,
            "can_assign": can(request.user, Can.MANAGE_REPAIRS),
            "assign_form": assign_form,
            "assign_error": assign_error,
        },
    )
