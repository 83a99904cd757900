from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hearth.core.access import staff_view
from hearth.core.casework import actor_of
from hearth.core.models import Message, MessageStatus
from hearth.core.notifications import resend_message
from hearth.core.paging import paginate
from hearth.core.permissions import Can
from hearth.core.queries import outbox_counts, outbox_for_staff

PAGE_SIZE = 50
STATUS_TAG = {
    MessageStatus.QUEUED: "grey",
    MessageStatus.SENT: "green",
    MessageStatus.RETRYING: "yellow",
    MessageStatus.FAILED: "red",
    MessageStatus.NOT_SENT: "red",
}
RESENDABLE = {MessageStatus.FAILED, MessageStatus.NOT_SENT}


@staff_view(Can.VIEW_OUTBOX)
def outbox(request: HttpRequest) -> HttpResponse:
    """Every message to residents and staff, problems first, with why a message was not sent."""
    status = request.GET.get("status", "")
    if status not in MessageStatus.values:
        status = ""
    page = paginate(request, outbox_for_staff(status=status or None), PAGE_SIZE)
    counts = outbox_counts()
    filters = [
        {"value": "", "label": _("All"), "count": sum(counts.values()), "current": not status},
        *(
            {
                "value": value,
                "label": label,
                "count": counts.get(value, 0),
                "current": status == value,
            }
            for value, label in MessageStatus.choices
        ),
    ]
    rows = [
        {
            "message": message,
            "tag": STATUS_TAG.get(message.status, "grey"),
            "resendable": message.status in RESENDABLE,
        }
        for message in page.object_list
    ]
    return render(
        request,
        "staff/outbox.html",
        {"page": page, "rows": rows, "filters": filters, "status": status},
    )


@staff_view(Can.VIEW_OUTBOX)
@require_POST
def outbox_resend(request: HttpRequest, pk: int) -> HttpResponse:
    message = get_object_or_404(Message, pk=pk)
    result = resend_message(message=message, actor=actor_of(request.user))  # type: ignore[arg-type]
    if result.status == MessageStatus.QUEUED:
        messages.success(request, _("The message will be sent again."))
    else:
        messages.success(
            request,
            _("That message could not be sent again: it has no address, or has already been sent."),
        )
    return redirect(
        reverse("staff:outbox")
        + (
            f"?status={request.POST['status']}"
            if request.POST.get("status") in MessageStatus.values
            else ""
        )
    )
