"""What the staff complaint pages share: fetching a complaint the user may see, and running one
service on it through the one staff action page (`hearth.core.action_page`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from hearth.complaints.models import Complaint
from hearth.complaints.queries import get_complaint_for_user
from hearth.core import action_page as action_page_kit


def complaint_for(request: HttpRequest, ref: str) -> Complaint:
    return get_complaint_for_user(request.user, ref)


def action_page(
    request: HttpRequest,
    complaint: Complaint,
    *,
    form_class: type[forms.Form],
    title: str,
    submit: str,
    perform: Callable[[Any], object],
    success: str,
    intro: str = "",
    initial: dict[str, Any] | None = None,
    form_kwargs: dict[str, Any] | None = None,
    template: str = action_page_kit.TEMPLATE,
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    """One change to a complaint, on the one staff action page."""
    return action_page_kit.action_page(
        request,
        form_class=form_class,
        run=perform,
        title=title,
        submit=submit,
        success=success,
        caption=_("Complaint %(ref)s") % {"ref": complaint.ref},
        back_url=reverse("complaints:detail", args=[complaint.ref]),
        back_label=_("Back to the complaint"),
        intro=intro,
        initial={"on": timezone.localdate(), **(initial or {})},
        form_kwargs=form_kwargs,
        template=template,
        extra={"complaint": complaint, **(extra or {})},
        case=complaint,
    )
