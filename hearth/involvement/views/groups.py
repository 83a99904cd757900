"""Staff pages: ways to get involved (groups, scrutiny reviews and their action plans) and
the register of interest, with a check that involvement reaches the whole community."""

from __future__ import annotations

from collections import Counter
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
from hearth.core.timeline import events_for
from hearth.involvement import services
from hearth.involvement.forms import ActionForm, GroupForm, ReviewForm, ReviewReportForm
from hearth.involvement.models import Interest, InvolvementGroup, ScrutinyReview
from hearth.involvement.permissions import CanInvolve


def _post(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


@staff_view(CanInvolve.ANSWER_SUGGESTIONS)
def groups(request: HttpRequest) -> HttpResponse:
    interests = list(Interest.objects.all())
    ways: Counter[str] = Counter(w for i in interests for w in i.ways)
    methods: Counter[str] = Counter(m for i in interests for m in i.methods)
    consented = [i for i in interests if i.diversity_consent]
    return render(
        request,
        "involvement/staff/groups.html",
        {
            "groups": InvolvementGroup.objects.all(),
            "reviews": ScrutinyReview.objects.select_related("group"),
            "registered": len(interests),
            "ways": sorted(ways.items()),
            "methods": sorted(methods.items()),
            "consented": len(consented),
            "ages": sorted(Counter(i.age_band or "-" for i in consented).items()),
            "ethnicities": sorted(Counter(i.ethnicity or "-" for i in consented).items()),
            "disabled": sorted(Counter(i.disabled or "-" for i in consented).items()),
        },
    )


@staff_view(CanInvolve.ANSWER_SUGGESTIONS)
def group_new(request: HttpRequest) -> HttpResponseBase:
    form = GroupForm(_post(request))
    if request.method == "POST" and form.is_valid():
        services.create_group(**form.cleaned_data, actor=actor_of(request.user))
        messages.success(request, _("Group added"))
        return redirect("involvement:groups")
    return render(
        request,
        "involvement/staff/form.html",
        {"form": form, "heading": _("Add a group"), "back": reverse("involvement:groups")},
    )


@staff_view(CanInvolve.ANSWER_SUGGESTIONS)
def review_new(request: HttpRequest) -> HttpResponseBase:
    form = ReviewForm(_post(request), initial={"started_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        review = services.start_review(**form.cleaned_data, actor=actor_of(request.user))
        return redirect("involvement:review", pk=review.pk)
    return render(
        request,
        "involvement/staff/form.html",
        {
            "form": form,
            "heading": _("Start a scrutiny review"),
            "back": reverse("involvement:groups"),
        },
    )


@staff_view(CanInvolve.ANSWER_SUGGESTIONS)
def review(request: HttpRequest, pk: int) -> HttpResponseBase:
    found = get_object_or_404(ScrutinyReview, pk=pk)
    data = _post(request)
    which = request.POST.get("form") if data is not None else None
    report_form = ReviewReportForm(
        data if which == "report" else None,
        initial={"report": found.report, "reported_on": found.reported_on or timezone.localdate()},
    )
    action_form = ActionForm(data if which == "action" else None)
    if which == "report" and report_form.is_valid():
        try:
            services.report_review(
                review=found, **report_form.cleaned_data, actor=actor_of(request.user)
            )
        except ValidationError as error:
            apply_service_errors(report_form, error)
        else:
            messages.success(request, _("Report saved"))
            return redirect("involvement:review", pk=found.pk)
    if which == "action" and action_form.is_valid():
        services.add_action(review=found, **action_form.cleaned_data, actor=actor_of(request.user))
        messages.success(request, _("Action added to the plan"))
        return redirect("involvement:review", pk=found.pk)
    actions = list(found.actions.all())
    return render(
        request,
        "involvement/staff/review.html",
        {
            "review": found,
            "report_form": report_form,
            "action_form": action_form,
            "forms": [report_form, action_form],
            "actions": actions,
            "done": sum(1 for a in actions if a.done_on),
            "events": events_for(found),
        },
    )
