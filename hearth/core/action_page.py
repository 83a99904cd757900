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
        case=repair,
    )

Stale forms: given the `case`, the page carries the case's version (its latest timeline event,
which every service writes) in a hidden field. On POST the case is locked and its version
compared; if someone else changed the case after the form was shown, nothing is run, and the
officer is told who changed it and when, with the form kept as they typed it. Submitting again
then goes ahead (they have been told).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from hearth.core import formats
from hearth.core.casework import lock
from hearth.core.forms import apply_service_errors
from hearth.core.models import TimelineEvent
from hearth.core.timeline import events_for

TEMPLATE = "core/action_page.html"
VERSION_FIELD = "case_version"


class _Stale(Exception):
    def __init__(self, event: TimelineEvent) -> None:
        self.event = event


def latest_change(case: models.Model) -> TimelineEvent | None:
    """The case's latest timeline event: every service writes one for every change."""
    return events_for(case).order_by("-pk").first()


def version_of(case: models.Model) -> str:
    event = latest_change(case)
    return str(event.pk) if event else "0"


def stale_message(event: TimelineEvent) -> str:
    who = event.actor.get_full_name() or event.actor.get_username() if event.actor else ""
    said = {
        "time": formats.time_of_day(event.occurred_at),
        "day": formats.day(event.occurred_at),
        "what": event.summary,
    }
    if who:
        said["who"] = who
        text = _(
            "Someone else changed this case at %(time)s on %(day)s (%(who)s: %(what)s). "
            "Nothing has been saved. Check the case, then submit again if your change is "
            "still needed."
        )
    else:
        text = _(
            "Someone else changed this case at %(time)s on %(day)s (%(what)s). Nothing has "
            "been saved. Check the case, then submit again if your change is still needed."
        )
    return text % said


def _run_fresh(
    case: models.Model | None, posted: str, run: Callable[[Any], object], form: Any
) -> object:
    """Run the service, first checking under the case's lock that nobody changed it since the
    form was shown (when the form says which version it was shown)."""
    with transaction.atomic():
        if case is not None and posted:
            lock(case)
            event = latest_change(case)
            if (str(event.pk) if event else "0") != posted and event is not None:
                raise _Stale(event)
        return run(form)


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
    case: models.Model | None = None,
) -> HttpResponse:
    """Show the form; on a valid POST run the service and go to `done_url` (default
    `back_url`) with a confirmation. `run(form)` may return the confirmation's words. With a
    `case`, a form shown before someone else changed that case is refused (see above)."""
    kwargs = form_kwargs or {}
    if request.method == "POST":
        form = form_class(request.POST, request.FILES, **kwargs)
        if form.is_valid():
            try:
                said = _run_fresh(case, request.POST.get(VERSION_FIELD, ""), run, form)
            except ValidationError as error:
                apply_service_errors(form, error)
            except _Stale as stale:
                form.add_error(None, stale_message(stale.event))
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
            "case_version": version_of(case) if case is not None else "",
            "version_field": VERSION_FIELD,
            **(extra or {}),
        },
    )
