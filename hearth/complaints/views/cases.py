"""The complaints queue, a complaint's page, logging a complaint taken by phone, email, letter or
in person, and linking a complaint to the tenancy it is from."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from hearth.complaints import clocks, services
from hearth.complaints.forms import ComplaintForm, LinkForm
from hearth.complaints.models import (
    Category,
    ComplaintAction,
    Remedy,
    RemedyKind,
    Status,
)
from hearth.complaints.queries import QueueFilter, work_queue
from hearth.complaints.views._common import action_page, complaint_for
from hearth.core import casework, deadlines
from hearth.core.access import staff_view
from hearth.core.casework import actor_of
from hearth.core.forms import apply_service_errors
from hearth.core.paging import paginate
from hearth.core.permissions import Can, can
from hearth.core.timeline import events_for

PAGE_SIZE = 50


def _queue_filter(request: HttpRequest) -> QueueFilter:
    get = request.GET
    stage = get.get("stage", "")
    status = get.get("status", "open")
    if status not in ("open", "closed", "all", *Status.values):
        status = "open"
    return QueueFilter(
        status=status,
        stage=int(stage) if stage in ("1", "2") else None,
        who=get.get("who", "") if get.get("who") in ("mine", "unassigned") else "",
        due=get.get("due", "") if get.get("due") in ("overdue", "soon") else "",
        category=get.get("category", "") if get.get("category") in Category.values else "",
        search=get.get("q", "")[:100],
    )


@staff_view(Can.LOG_COMPLAINTS)
def queue(request: HttpRequest) -> HttpResponse:
    """Complaints by their next due date (acknowledgement or response), with due-soon and
    overdue flags."""
    wanted = _queue_filter(request)
    page = paginate(request, work_queue(request.user, wanted), PAGE_SIZE)
    rows = [
        {
            "complaint": complaint,
            "state": deadlines.state(complaint.next_due_on) if complaint.next_due_on else None,
            "handler": complaint.handler_for(complaint.stage),
        }
        for complaint in page.object_list
    ]
    return render(
        request,
        "complaints/staff/queue.html",
        {
            "page": page,
            "rows": rows,
            "wanted": wanted,
            "categories": Category.choices,
            "statuses": [("open", _("Open")), ("closed", _("Closed")), ("all", _("All"))],
        },
    )


@staff_view(Can.LOG_COMPLAINTS)
def detail(request: HttpRequest, ref: str) -> HttpResponse:
    complaint = complaint_for(request, ref)
    responses = list(complaint.responses.select_related("sent_by"))
    remedies = list(Remedy.objects.filter(complaint=complaint).order_by("pk"))
    actions = list(ComplaintAction.objects.filter(complaint=complaint).select_related("owner"))
    return render(
        request,
        "complaints/staff/detail.html",
        {
            "complaint": complaint,
            "clocks": clocks.stage_clocks(complaint),
            "available": casework.available_actions(complaint, request.user),
            "can_handle": can(request.user, Can.HANDLE_COMPLAINTS),
            "responses": responses,
            "remedies": remedies,
            "compensation_kind": RemedyKind.COMPENSATION,
            "actions": actions,
            "events": events_for(complaint),
            "today": timezone.localdate(),
        },
    )


@staff_view(Can.LOG_COMPLAINTS)
def new(request: HttpRequest) -> HttpResponse:
    """Log a complaint made by phone, email, letter or in person, by the resident or someone for
    them. `?case_type=repair&case_ref=R-1&tenancy=T1` starts from a service request."""
    if request.method == "POST":
        form = ComplaintForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                complaint = services.make_complaint(
                    actor=actor_of(request.user),
                    tenancy=data["tenancy_ref"],
                    channel=data["channel"],
                    received_on=data["received_on"],
                    category=data["category"],
                    description=data["description"],
                    desired_outcome=data["desired_outcome"],
                    contact_name=data["contact_name"],
                    contact_email=data["contact_email"],
                    contact_phone=data["contact_phone"],
                    contact_address=data["contact_address"],
                    representative_name=data["representative_name"],
                    representative_relationship=data["representative_relationship"],
                    about_case_type=data["about_case_type"]
                    or ("request" if data["about_case_ref"] else ""),
                    about_case_ref=data["about_case_ref"],
                )
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                messages.success(request, _("Complaint %(ref)s logged.") % {"ref": complaint.ref})
                return redirect("complaints:detail", complaint.ref)
    else:
        form = ComplaintForm(
            initial={
                "received_on": timezone.localdate(),
                "tenancy_ref": request.GET.get("tenancy", ""),
                "about_case_type": request.GET.get("case_type", "")[:20],
                "about_case_ref": request.GET.get("case_ref", "")[:60],
            }
        )
    return render(request, "complaints/staff/new.html", {"form": form})


@staff_view(Can.HANDLE_COMPLAINTS)
def link(request: HttpRequest, ref: str) -> HttpResponse:
    complaint = complaint_for(request, ref)

    def perform(form: LinkForm) -> object:
        tenancy = form.cleaned_data["tenancy_ref"]
        return services.link_complainant(
            complaint=complaint,
            actor=actor_of(request.user),
            tenancy=tenancy,
            person=tenancy.lead_tenant,
        )

    return action_page(
        request,
        complaint,
        form_class=LinkForm,
        title=_("Link to a tenancy"),
        submit=_("Link"),
        intro=_(
            "Link this complaint to the tenancy it comes from, so Hearth writes to the lead "
            "tenant and they can follow it in their account."
        ),
        initial={"tenancy_ref": complaint.tenancy.ref if complaint.tenancy else ""},
        perform=perform,
        success=_("Complaint linked to the tenancy."),
    )
