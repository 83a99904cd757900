"""Staff pages: the newsletter builder, its printable PDF, and sending it by email."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from hearth.core.access import staff_view
from hearth.core.casework import actor_of
from hearth.core.forms import apply_service_errors
from hearth.involvement import newsletter_content, services
from hearth.involvement.forms import NewsletterForm
from hearth.involvement.models import Newsletter
from hearth.involvement.permissions import CanInvolve


def _post(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


@staff_view(CanInvolve.ANSWER_SUGGESTIONS)
def newsletters(request: HttpRequest) -> HttpResponse:
    return render(request, "involvement/staff/newsletters.html", {"rows": Newsletter.objects.all()})


@staff_view(CanInvolve.ANSWER_SUGGESTIONS)
def newsletter_edit(request: HttpRequest, pk: int | None = None) -> HttpResponseBase:
    found = get_object_or_404(Newsletter, pk=pk) if pk else None
    initial = (
        {
            "title": found.title,
            "issue_date": found.issue_date,
            "news": found.news,
            "events": found.events,
            "include_performance": found.include_performance,
            "include_you_said": found.include_you_said,
            "include_community_events": found.include_community_events,
        }
        if found
        else {
            "issue_date": timezone.localdate(),
            "include_performance": True,
            "include_you_said": True,
            "include_community_events": True,
        }
    )
    form = NewsletterForm(_post(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_newsletter(
                newsletter=found, **form.cleaned_data, actor=actor_of(request.user)
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            return redirect("involvement:newsletter", pk=saved.pk)
    return render(
        request,
        "involvement/staff/form.html",
        {
            "form": form,
            "heading": _("Edit the newsletter") if found else _("Write a newsletter"),
            "back": reverse("involvement:newsletters"),
        },
    )


@staff_view(CanInvolve.ANSWER_SUGGESTIONS)
def newsletter(request: HttpRequest, pk: int) -> HttpResponseBase:
    found = get_object_or_404(Newsletter, pk=pk)
    if request.method == "POST":
        try:
            count = services.send_newsletter(
                newsletter=found, on=timezone.localdate(), actor=actor_of(request.user)
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Emailed to %(count)s residents") % {"count": count})
        return redirect("involvement:newsletter", pk=found.pk)
    return render(
        request,
        "involvement/staff/newsletter.html",
        {"newsletter": found, **newsletter_content.context(found)},
    )


@staff_view(CanInvolve.ANSWER_SUGGESTIONS)
def newsletter_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(Newsletter, pk=pk)
    response = HttpResponse(newsletter_content.pdf(found), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="newsletter-{found.issue_date:%Y-%m-%d}.pdf"'
    )
    return response
