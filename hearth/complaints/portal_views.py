"""Resident pages: how to complain (public), making a complaint one question per page (signed in
or not), following it, escalating it to stage 2 with one button, and reading the letters."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from hearth.complaints import letters, rules, services
from hearth.complaints.models import Category, Channel, Complaint, ComplaintResponse, Status
from hearth.complaints.portal_forms import (
    AboutForm,
    AboutYouForm,
    WhatHappenedForm,
    WhatYouWantForm,
)
from hearth.complaints.queries import get_complaint_for_user
from hearth.complaints.views.reports import letter_response
from hearth.core.access import resident_view
from hearth.core.casework import actor_of
from hearth.core.ratelimits import limit_form, limit_value
from hearth.core.timeline import events_for
from hearth.tenancies.queries import current_tenancies_for_resident

DRAFT = "complaint_draft"
SENT = "complaint_sent"

# (slug, form, only for people who are not signed in)
STEPS: list[tuple[str, type[forms.Form], bool]] = [
    ("about", AboutForm, False),
    ("what-happened", WhatHappenedForm, False),
    ("what-you-want", WhatYouWantForm, False),
    ("about-you", AboutYouForm, True),
]
REQUIRED = {"about": "category", "what-happened": "description", "about-you": "contact_name"}


def how_to_complain(request: HttpRequest) -> HttpResponse:
    """Public: every way to complain, what happens at each stage and when, and the Ombudsman."""
    return render(request, "complaints/portal/how_to_complain.html", {"ombudsman": rules.OMBUDSMAN})


def leaflet(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(letters.leaflet(), content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="how-to-complain.pdf"'
    return response


def _signed_in_resident(request: HttpRequest) -> bool:
    user = request.user
    return bool(user.is_authenticated and getattr(user, "is_resident", False))


def _steps(request: HttpRequest) -> list[tuple[str, type[forms.Form]]]:
    resident = _signed_in_resident(request)
    return [(slug, form) for slug, form, public_only in STEPS if not (public_only and resident)]


def _first_missing(request: HttpRequest, draft: dict[str, Any]) -> str | None:
    for slug, _form in _steps(request):
        field = REQUIRED.get(slug)
        if field and not draft.get(field):
            return slug
    return None


def _staff_redirect(request: HttpRequest) -> HttpResponse | None:
    if request.user.is_authenticated and not getattr(request.user, "is_resident", False):
        target = reverse("complaints:new")
        about = request.GET.get("about", "")
        return redirect(f"{target}?case_ref={about}" if about else target)
    return None


def new(request: HttpRequest, step: str = "about") -> HttpResponse:
    """One question per page; answers are kept in the session until the complaint is sent."""
    staff = _staff_redirect(request)
    if staff:
        return staff
    steps = _steps(request)
    slugs = [slug for slug, _form in steps]
    if step not in slugs:
        raise Http404("Not found")
    draft: dict[str, Any] = request.session.get(DRAFT, {})
    if step == "about" and request.GET.get("about"):
        draft["about_case_ref"] = request.GET["about"][:60]
        request.session[DRAFT] = draft
    index = slugs.index(step)
    missing = _first_missing(request, draft)
    if missing and slugs.index(missing) < index:
        return redirect("complaints_portal:new-step", missing)
    form_class = steps[index][1]
    if request.method == "POST":
        form = form_class(request.POST)
        if form.is_valid():
            draft.update(form.cleaned_data)
            request.session[DRAFT] = draft
            if index + 1 < len(steps) and not request.GET.get("change"):
                return redirect("complaints_portal:new-step", slugs[index + 1])
            return redirect("complaints_portal:check")
    else:
        form = form_class(initial=draft)
    back = (
        reverse("complaints_portal:new-step", args=[slugs[index - 1]])
        if index
        else reverse("portal:how-to-complain")
    )
    return render(
        request,
        f"complaints/portal/step_{step.replace('-', '_')}.html",
        {"form": form, "back": back},
    )


@limit_form("complaint")
def check(request: HttpRequest) -> HttpResponse:
    """Check your answers, then send. Sending is rate-limited per client address, and per
    email address or phone number typed (each gets a complaint_received message)."""
    staff = _staff_redirect(request)
    if staff:
        return staff
    draft: dict[str, Any] = request.session.get(DRAFT, {})
    missing = _first_missing(request, draft)
    if missing:
        return redirect("complaints_portal:new-step", missing)
    errors: list[str] = []
    if request.method == "POST":
        if not _signed_in_resident(request):
            for typed in ("contact_email", "contact_phone"):
                refused = limit_value(request, "complaint-address", draft.get(typed))
                if refused is not None:
                    return refused
        try:
            complaint = _send(request, draft)
        except ValidationError as error:
            errors = error.messages
        else:
            request.session.pop(DRAFT, None)
            request.session[SENT] = complaint.ref
            return redirect("complaints_portal:sent")
    return render(
        request,
        "complaints/portal/check.html",
        {
            "draft": draft,
            "category": dict(Category.choices).get(draft.get("category", ""), ""),
            "signed_in": _signed_in_resident(request),
            "errors": errors,
        },
    )


def _send(request: HttpRequest, draft: dict[str, Any]) -> Any:
    common = {
        "actor": request.user if request.user.is_authenticated else None,
        "channel": Channel.ONLINE,
        "category": draft.get("category", ""),
        "description": draft.get("description", ""),
        "desired_outcome": draft.get("desired_outcome", ""),
        "about_case_type": "request" if draft.get("about_case_ref") else "",
        "about_case_ref": draft.get("about_case_ref", ""),
    }
    if _signed_in_resident(request):
        tenancy = current_tenancies_for_resident(request.user).first()
        return services.make_complaint(
            **common,
            tenancy=tenancy,
            complainant=request.user.person,  # type: ignore[union-attr]
        )
    on_behalf = str(draft.get("on_behalf_of") or "").strip()
    return services.make_complaint(
        **common,
        contact_name=draft.get("contact_name", ""),
        contact_email=draft.get("contact_email", ""),
        contact_phone=draft.get("contact_phone", ""),
        contact_address=draft.get("contact_address", ""),
        representative_name=draft.get("contact_name", "") if on_behalf else "",
        representative_relationship=(
            (_("Complaining for: %(who)s") % {"who": " ".join(on_behalf.split())})[:100]
            if on_behalf
            else ""
        ),
    )


def sent(request: HttpRequest) -> HttpResponse:
    ref = request.session.get(SENT)
    if not ref:
        return redirect("complaints_portal:new")
    complaint = Complaint.objects.filter(ref=ref).first()
    acknowledge_by = reply_by = None
    if complaint is not None:
        # The dates the Complaint Handling Code gives us, from the day we received it.
        acknowledge_by = rules.stage1_acknowledgement_due(complaint.received_on)
        reply_by = rules.stage1_response_due(
            received_on=complaint.received_on, acknowledged_on=None, extension_days=0
        )
    return render(
        request,
        "complaints/portal/sent.html",
        {
            "ref": ref,
            "signed_in": _signed_in_resident(request),
            "acknowledge_by": acknowledge_by,
            "reply_by": reply_by,
        },
    )


@resident_view
def mine(request: HttpRequest) -> HttpResponse:
    person_id = getattr(request.user, "person_id", None)
    complaints = Complaint.objects.for_person(person_id).order_by("-received_on", "-pk")
    return render(request, "complaints/portal/list.html", {"complaints": complaints})


@resident_view
def detail(request: HttpRequest, ref: str) -> HttpResponse:
    complaint = get_complaint_for_user(request.user, ref)
    return render(
        request,
        "complaints/portal/detail.html",
        {
            "complaint": complaint,
            "responses": list(complaint.responses.all()),
            "can_escalate": complaint.status == Status.STAGE1_ANSWERED,
            "events": events_for(complaint, resident_view=True),
            "ombudsman": rules.OMBUDSMAN,
        },
    )


@resident_view
def escalate(request: HttpRequest, ref: str) -> HttpResponse:
    """Stage 2 with one button; no reasons needed (Code 6.14)."""
    complaint = get_complaint_for_user(request.user, ref)
    if complaint.status != Status.STAGE1_ANSWERED:
        return redirect("complaints_portal:detail", complaint.ref)
    if request.method == "POST":
        try:
            services.escalate(complaint=complaint, actor=actor_of(request.user))
        except ValidationError:
            return redirect("complaints_portal:detail", complaint.ref)
        messages.success(
            request,
            _("You have asked for stage 2. We will confirm within 5 working days."),
        )
        return redirect("complaints_portal:detail", complaint.ref)
    return render(request, "complaints/portal/escalate.html", {"complaint": complaint})


@resident_view
def letter(request: HttpRequest, ref: str, stage: int) -> HttpResponse:
    complaint = get_complaint_for_user(request.user, ref)
    return letter_response(get_object_or_404(ComplaintResponse, complaint=complaint, stage=stage))
