"""What the staff complaint pages share: fetching a complaint the user may see, and the one
pattern every action page follows (show the form; on a valid post call the service; show its
errors on the form, or go back to the complaint with a success message)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from hearth.complaints.models import Complaint
from hearth.complaints.queries import get_complaint_for_user
from hearth.core.forms import apply_service_errors


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
    template: str = "complaints/form.html",
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    form_kwargs = form_kwargs or {}
    if request.method == "POST":
        form = form_class(request.POST, **form_kwargs)
        if form.is_valid():
            try:
                perform(form)
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                messages.success(request, success)
                return redirect("complaints:detail", complaint.ref)
    else:
        form = form_class(initial={"on": timezone.localdate(), **(initial or {})}, **form_kwargs)
    return render(
        request,
        template,
        {
            "complaint": complaint,
            "form": form,
            "title": title,
            "submit": submit,
            "intro": intro,
            **(extra or {}),
        },
    )
