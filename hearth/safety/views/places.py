"""A home's and a block's safety pages, and the pages that record access attempts, legal
access and condition surveys for a home."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from hearth.core.access import staff_view
from hearth.core.action_page import action_page
from hearth.core.casework import actor_of
from hearth.core.permissions import can
from hearth.estates.models import Block, Home
from hearth.safety import queries, services
from hearth.safety.forms import AttemptForm, CloseLegalAccessForm, LegalAccessForm, SurveyForm
from hearth.safety.models import LegalAccess
from hearth.safety.permissions import SafetyCan


def _home(pk: int) -> Home:
    return get_object_or_404(Home.objects.select_related("block", "block__estate"), pk=pk)


@staff_view(SafetyCan.VIEW_SAFETY)
def home(request: HttpRequest, pk: int) -> HttpResponse:
    record = _home(pk)
    today = timezone.localdate()
    checks = list(queries.checks_for_home(record).prefetch_related("actions", "copies"))
    return render(
        request,
        "safety/staff/home.html",
        {
            "home": record,
            "lines": queries.home_register(record, on=today),
            "checks": checks,
            "actions": [a for c in checks for a in c.actions.all()],
            "attempts": queries.attempts_for(record)[:50],
            "legal": LegalAccess.objects.filter(home=record),
            "survey": queries.latest_survey(record),
            "can_manage": can(request.user, SafetyCan.MANAGE_SAFETY),
            "can_access": can(request.user, SafetyCan.RECORD_ACCESS),
            "today": today,
        },
    )


@staff_view(SafetyCan.VIEW_SAFETY)
def block(request: HttpRequest, pk: int) -> HttpResponse:
    record = get_object_or_404(Block.objects.select_related("estate"), pk=pk)
    today = timezone.localdate()
    checks = list(queries.checks_for_block(record).prefetch_related("actions"))
    return render(
        request,
        "safety/staff/block.html",
        {
            "block": record,
            "lines": queries.block_register(record, on=today),
            "checks": checks,
            "actions": [a for c in checks for a in c.actions.all()],
            "homes": record.homes.order_by("address")[:200],
            "can_manage": can(request.user, SafetyCan.MANAGE_SAFETY),
            "today": today,
        },
    )


@staff_view(SafetyCan.RECORD_ACCESS)
def record_attempt(request: HttpRequest, pk: int) -> HttpResponse:
    record = _home(pk)

    def perform(form: AttemptForm) -> Any:
        data = form.cleaned_data
        at = timezone.make_aware(datetime.combine(data["attempted_on"], data["attempted_time"]))
        return services.record_access_attempt(
            actor=actor_of(request.user), home=record, kind=data["kind"], attempted_at=at,
            channel=data["channel"], outcome=data["outcome"], notes=data["notes"],
        )  # fmt: skip

    return action_page(
        request, form_class=AttemptForm, run=perform, back_url=reverse("safety:home", args=[pk]),
        initial={"kind": request.GET.get("kind", "gas")},
        title=_("Record an attempt to get access"), caption=record.address,
        submit=_("Save attempt"), success=_("Attempt recorded."),
    )  # fmt: skip


@staff_view(SafetyCan.MANAGE_SAFETY)
def legal_access(request: HttpRequest, pk: int) -> HttpResponse:
    record = _home(pk)

    def perform(form: LegalAccessForm) -> Any:
        data = form.cleaned_data
        return services.escalate_to_legal_access(
            actor=actor_of(request.user), home=record, kind=data["kind"], reason=data["reason"]
        )

    return action_page(
        request, form_class=LegalAccessForm, run=perform, back_url=reverse("safety:home", args=[pk]),
        initial={"kind": request.GET.get("kind", "gas")},
        title=_("Refer for legal access"), caption=record.address, submit=_("Refer"),
        success=_("Referred for legal access. The tenancy and rent officers see it on My work, "
                  "the tenancy page and the rent account."),
        intro=_("Only after at least three attempts, each by a different channel, have failed."),
    )  # fmt: skip


@staff_view(SafetyCan.MANAGE_SAFETY)
def close_legal_access(request: HttpRequest, ref: str) -> HttpResponse:
    case = get_object_or_404(LegalAccess.objects.select_related("home"), ref=ref)
    return action_page(
        request, form_class=CloseLegalAccessForm,
        run=lambda form: services.close_legal_access(actor=actor_of(request.user), case=case,
                                                     note=form.cleaned_data["note"]),
        back_url=reverse("safety:home", args=[case.home_id]), title=_("Close the legal access referral"),
        caption=str(case.home), submit=_("Close referral"), success=_("Referral closed."),
    )  # fmt: skip


@staff_view(SafetyCan.MANAGE_SAFETY)
def record_survey(request: HttpRequest, pk: int) -> HttpResponse:
    record = _home(pk)
    yes_no = {"yes": True, "no": False}

    def perform(form: SurveyForm) -> Any:
        data = form.cleaned_data
        failing = set(data["failing"])
        return services.record_survey(
            actor=actor_of(request.user), home=record, surveyed_on=data["surveyed_on"],
            surveyor=data["surveyor"], fails_a="a" in failing, fails_b="b" in failing,
            fails_c="c" in failing, fails_d="d" in failing, kitchen=data["kitchen"],
            bathroom=data["bathroom"], window_restrictors_ok=yes_no.get(data["window_restrictors"]),
            damp_or_mould=yes_no.get(data["damp_or_mould"]), notes=data["notes"],
        )  # fmt: skip

    return action_page(
        request, form_class=SurveyForm, run=perform, back_url=reverse("safety:home", args=[pk]),
        title=_("Record a condition survey"), caption=record.address, submit=_("Save survey"),
        success=_("Survey recorded."),
    )  # fmt: skip
