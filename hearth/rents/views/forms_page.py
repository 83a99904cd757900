"""One way to show a staff form page and run its service: GET shows the form, a valid POST
calls the service, whose ValidationError lands on the form; success redirects with a
message."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from hearth.core.forms import apply_service_errors


def form_page(
    request: HttpRequest,
    *,
    form_class: type[forms.Form],
    run: Callable[[dict[str, Any]], str],
    done_url: str,
    title: str,
    submit: str,
    caption: str = "",
    intro: list[str] | None = None,
    warnings: list[str] | None = None,
    back_url: str = "",
    initial: dict[str, Any] | None = None,
    danger: bool = False,
    form_kwargs: dict[str, Any] | None = None,
) -> HttpResponse:
    """`run(cleaned_data)` performs the service and returns the success message."""
    kwargs = form_kwargs or {}
    if request.method == "POST":
        form = form_class(request.POST, request.FILES, **kwargs)
        if form.is_valid():
            try:
                message = run(form.cleaned_data)
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                if message:
                    messages.success(request, message)
                return redirect(done_url)
    else:
        form = form_class(initial=initial or {}, **kwargs)
    return render(
        request,
        "rents/form_page.html",
        {
            "form": form,
            "title": title,
            "caption": caption,
            "intro": intro or [],
            "warnings": warnings or [],
            "submit": submit,
            "back_url": back_url or done_url,
            "danger": danger,
        },
    )
