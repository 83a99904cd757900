"""Rent's staff form pages, on the one staff action page (`hearth.core.action_page`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse

from hearth.core.action_page import action_page


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
    case: Any = None,
) -> HttpResponse:
    """`run(cleaned_data)` performs the service and returns the success message. Given the
    `case`, a form shown before someone else changed it is refused."""
    return action_page(
        request,
        form_class=form_class,
        run=lambda form: run(form.cleaned_data),
        title=title,
        submit=submit,
        caption=caption,
        intro=intro or [],
        warnings=warnings or [],
        back_url=back_url or done_url,
        done_url=done_url,
        initial=initial,
        danger=danger,
        form_kwargs=form_kwargs,
        case=case,
    )
