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
from hearth.core.notifications import (
    is_configuration_problem,
    plain_reason,
    record_posted_by_hand,
    resend_message,
)
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
            "reason": plain_reason(message) if message.status_detail else "",
        }
        for message in page.object_list
    ]
    return render(
        request,
        "staff/outbox.html",
        {"page": page, "rows": rows, "filters": filters, "status": status},
    )


@staff_view(Can.VIEW_OUTBOX)
def outbox_message(request: HttpRequest, pk: int) -> HttpResponse:
    """One message that did not reach its resident: why, in plain words, what it said, and the
    two things to do: send it again, or post it by hand."""
    message = get_object_or_404(Message.objects.select_related("person"), pk=pk)
    return render(
        request,
        "staff/outbox_message.html",
        {
            "message": message,
            "tag": STATUS_TAG.get(message.status, "grey"),
            "reason": plain_reason(message) if message.status in RESENDABLE else "",
            "resendable": message.status in RESENDABLE and bool(message.to_address),
            "postable": message.status in RESENDABLE,
            "setup_problem": is_configuration_problem(message),
        },
    )


@staff_view(Can.VIEW_OUTBOX)
@require_POST
def outbox_posted(request: HttpRequest, pk: int) -> HttpResponse:
    message = get_object_or_404(Message, pk=pk)
    result = record_posted_by_hand(message=message, actor=actor_of(request.user))  # type: ignore[arg-type]
    if result.status == MessageStatus.SENT and result.provider_reference == "by hand":
        messages.success(request, _("Recorded: you posted the message by hand."))
    return redirect("staff:outbox-message", pk=message.pk)


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
    if request.POST.get("back") == "message":
        return redirect("staff:outbox-message", pk=message.pk)
    return redirect(
        reverse("staff:outbox")
        + (
            f"?status={request.POST['status']}"
            if request.POST.get("status") in MessageStatus.values
            else ""
        )
    )
