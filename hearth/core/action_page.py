"""The one staff action page: a form that runs one service on one case. Every domain uses it.

GET shows the form. A valid POST calls `run(form)`, which calls the service; the service
writes the case's timeline and tells the resident. A `ValidationError` from the service lands
on the form as a GOV.UK error summary, with everything typed kept; success goes back to the
case with a confirmation banner (the message `run` returns, else `success`).

    return action_page(
        request,
        form_class=PriorityForm,
        run=lambda form: services.change_priority(repair=repair, actor=actor, **form.cleaned_data),
        title="Change the priority",
        submit="Change priority",
        success="Priority changed",
        caption=f"{repair.ref}: {repair.summary}",
        back_url=repair.get_absolute_url(),
        back_label="Back to the repair",
    )
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from hearth.core.forms import apply_service_errors

TEMPLATE = "core/action_page.html"


def action_page(
    request: HttpRequest,
    *,
    form_class: Callable[..., forms.Form],
    run: Callable[[Any], object],
    title: str,
    submit: str,
    back_url: str,
    done_url: str = "",
    success: str = "",
    caption: str = "",
    back_label: str = "",
    intro: str | Sequence[str] = (),
    warnings: Sequence[str] = (),
    initial: dict[str, Any] | None = None,
    form_kwargs: dict[str, Any] | None = None,
    danger: bool = False,
    template: str = TEMPLATE,
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    """Show the form; on a valid POST run the service and go to `done_url` (default
    `back_url`) with a confirmation. `run(form)` may return the confirmation's words."""
    kwargs = form_kwargs or {}
    if request.method == "POST":
        form = form_class(request.POST, request.FILES, **kwargs)
        if form.is_valid():
            try:
                said = run(form)
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                confirmation = said if isinstance(said, str) and said else success
                if confirmation:
                    messages.success(request, confirmation)
                return redirect(done_url or back_url)
    else:
        form = form_class(initial=initial or {}, **kwargs)
    return render(
        request,
        template,
        {
            "form": form,
            "title": title,
            "submit": submit,
            "caption": caption,
            "intro": list(intro) if isinstance(intro, list | tuple) else [intro] if intro else [],
            "warnings": list(warnings),
            "back_url": back_url,
            "back_label": back_label or _("Back"),
            "danger": danger,
            **(extra or {}),
        },
    )
