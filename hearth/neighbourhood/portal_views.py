"""Residents' pages: their block (next inspection, calendar feed, results, cleaning schedule),
reporting cleaning concerns and fly-tipping (signed in, or from the poster's QR code without
signing in), their ASB reports with diary and evidence, and community events and improvements.

A resident asking for anyone else's concern, report or case gets a 404. Block pages hold no
personal details, so any resident may look up any block's inspections and results.

The reporting forms (signed in, or from the QR code without signing in) are rate-limited with
`hearth.core.ratelimits`: each POST counts against `estate-report` (by the signed-in user, or
the client's address), and a typed email address or phone number against
`estate-report-address`; past the limit the friendly 429 page is shown.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hearth.core.access import resident_view
from hearth.core.casework import actor_of
from hearth.core.forms import apply_service_errors
from hearth.core.ratelimits import USER_OR_CLIENT, limit_form, limit_value
from hearth.core.timeline import events_for
from hearth.neighbourhood import documents, ics, queries, services
from hearth.neighbourhood.models import CommunityEvent, Inspection
from hearth.neighbourhood.portal_forms import (
    AsbReportForm,
    BookingForm,
    CleaningConcernForm,
    DiaryForm,
    EvidenceForm,
    FlyTipForm,
    ImprovementForm,
    PublicCleaningConcernForm,
    PublicFlyTipForm,
    SameForm,
)

PORTAL = "neighbourhood/portal/"


def _resident(request: HttpRequest) -> Any:
    user = request.user
    if getattr(user, "is_authenticated", False) and getattr(user, "is_resident", False):
        return user
    return None


@resident_view
def index(request: HttpRequest) -> HttpResponse:
    return render(request, PORTAL + "index.html", {
        "blocks": queries.blocks_for_resident(request.user),
        "concerns": queries.concerns_for_resident(request.user)[:20],
        "reports": queries.flytipping_for_resident(request.user)[:20],
        "cases": queries.asb_for_resident(request.user)[:20],
    })  # fmt: skip


@resident_view
def lookup(request: HttpRequest) -> HttpResponse:
    return render(request, PORTAL + "lookup.html", {"estates": queries.estates_with_blocks()})


@resident_view
def block(request: HttpRequest, ref: str) -> HttpResponse:
    found = queries.get_block(ref)
    upcoming = queries.next_inspection(found)
    person_id = getattr(request.user, "person_id", None) or 0
    return render(request, PORTAL + "block.html", {
        "the_block": found,
        "next": upcoming,
        "joined": bool(upcoming and upcoming.signups.filter(person_id=person_id).exists()),
        "results": queries.published_results(found)[:12],
        "tasks": queries.cleaning_schedule(found),
        "is_mine": any(b.pk == found.pk for b in queries.blocks_for_resident(request.user)),
    })  # fmt: skip


@require_POST
@resident_view
def join_walkabout(request: HttpRequest, ref: str, inspection: str) -> HttpResponse:
    found = get_object_or_404(
        Inspection, ref=inspection, block__ref=ref, published_on__isnull=False
    )
    try:
        services.sign_up_for_walkabout(inspection=found, person=request.user.person, actor=actor_of(request.user))  # type: ignore[union-attr]  # fmt: skip
        messages.success(request, _("You are signed up to join the inspection."))
    except ValidationError:
        messages.error(request, _("This inspection has already taken place."))
    return redirect("neighbourhood_portal:block", ref)


@require_POST
@resident_view
def ask_for_notices(request: HttpRequest, ref: str) -> HttpResponse:
    found = queries.get_block(ref)
    services.ask_for_inspection_notices(block=found, person=request.user.person, actor=actor_of(request.user))  # type: ignore[union-attr]  # fmt: skip
    messages.success(request, _("We will send you a message before each inspection of this block."))
    return redirect("neighbourhood_portal:block", ref)


def block_calendar(request: HttpRequest, ref: str) -> HttpResponse:
    """The block's inspections as an iCalendar feed (no sign-in, so calendar apps can
    subscribe; it holds only dates and the meeting point)."""
    found = queries.get_block(ref)
    response = HttpResponse(ics.block_feed(found), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="inspections-{found.ref}.ics"'
    return response


def inspection_notice(request: HttpRequest, ref: str, inspection: str) -> HttpResponse:
    found = get_object_or_404(Inspection.objects.select_related("block"), ref=inspection, block__ref=ref, published_on__isnull=False)  # fmt: skip
    response = HttpResponse(documents.inspection_notice(found), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="inspection-{found.ref}.pdf"'
    return response


def _typed_address_refused(request: HttpRequest, data: dict[str, Any]) -> HttpResponse | None:
    """The 429 page when a typed email address or phone number has been sent too many
    acknowledgements this hour, from any client."""
    for typed in ("email", "phone"):
        refused = limit_value(request, "estate-report-address", data.get(typed))
        if refused is not None:
            return refused
    return None


@limit_form("estate-report", key=USER_OR_CLIENT)
def report_cleaning(request: HttpRequest, ref: str) -> HttpResponse:
    """A cleaning concern about the block: signed in, or from the poster without signing in."""
    found = queries.get_block(ref)
    resident = _resident(request)
    form_class = CleaningConcernForm if resident else PublicCleaningConcernForm
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        refused = None if resident else _typed_address_refused(request, data)
        if refused is not None:
            return refused
        try:
            concern = services.report_cleaning_concern(
                block=found, description=data["description"], channel="portal" if resident else "qr",
                person=resident.person if resident else None, name=data.get("name", ""),
                email=data.get("email", ""), phone=data.get("phone", ""), actor=actor_of(request.user),
            )  # fmt: skip
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            return render(request, PORTAL + "sent.html", {
                "title": _("Cleaning concern sent"), "ref": concern.ref,
                "promise": _("We will answer within 3 working days, by %(d)s.") % {"d": concern.due_on.strftime("%-d %B %Y")},
                "anonymous": not resident and not (data.get("email") or data.get("phone")),
            })  # fmt: skip
    return render(request, PORTAL + "report_cleaning.html", {"the_block": found, "form": form, "signed_in": bool(resident)})  # fmt: skip


def _clean_photo(upload: Any) -> Any:
    if upload is None:
        return None
    from hearth.repairs.services.photos import clean_image

    data, _type, extension, _w, _h = clean_image(upload.read())
    return ContentFile(data, name=f"{uuid.uuid4().hex}.{extension}")


@limit_form("estate-report", key=USER_OR_CLIENT)
def report_flytipping(request: HttpRequest, ref: str) -> HttpResponse:
    """Fly-tipping in or around the block, with a photo; offers "is this the same?" when there
    is an open report in the block today."""
    found = queries.get_block(ref)
    resident = _resident(request)
    form_class = FlyTipForm if resident else PublicFlyTipForm
    duplicates = services.possible_duplicates(block=found, on=timezone.localdate())
    form = form_class(request.POST or None, request.FILES or None)
    same = SameForm(request.POST or None, reports=duplicates) if duplicates else None
    if request.method == "POST" and form.is_valid() and (same is None or same.is_valid()):
        data = form.cleaned_data
        refused = None if resident else _typed_address_refused(request, data)
        if refused is not None:
            return refused
        same_as = None
        if same is not None and same.cleaned_data["same"] != "new":
            same_as = next((r for r in duplicates if r.ref == same.cleaned_data["same"]), None)
        try:
            photo = _clean_photo(data.get("photo"))
            report = services.report_flytipping(
                block=found, location=data["location"], description=data.get("description", ""),
                channel="portal" if resident else "qr", person=resident.person if resident else None,
                user=resident, name=data.get("name", ""), email=data.get("email", ""),
                photos=[photo] if photo else [], same_as=same_as, actor=actor_of(request.user),
            )  # fmt: skip
        except ValidationError as error:
            apply_service_errors(form, error, rename={"__all__": "photo"})
        else:
            promise = (_("Thank you: it was already reported, and we will tell you when it has gone.") if same_as
                       else _("We will remove it within 3 working days, by %(d)s.") % {"d": report.due_on.strftime("%-d %B %Y")})  # fmt: skip
            return render(request, PORTAL + "sent.html", {"title": _("Fly-tipping reported"), "ref": report.ref, "promise": promise})  # fmt: skip
    return render(request, PORTAL + "report_flytipping.html", {"the_block": found, "form": form, "same": same, "signed_in": bool(resident)})  # fmt: skip


@resident_view
def concern(request: HttpRequest, ref: str) -> HttpResponse:
    found = queries.get_concern_for_resident(request.user, ref)
    return render(request, PORTAL + "concern.html", {"concern": found, "events": events_for(found, resident_view=True)})  # fmt: skip


@resident_view
def flytipping(request: HttpRequest, ref: str) -> HttpResponse:
    found = queries.get_flytipping_for_resident(request.user, ref)
    if request.method == "POST":
        try:
            services.say_flytipping_still_there(
                report=found, user=request.user, actor=actor_of(request.user)
            )
            messages.success(
                request, _("Thank you. We have reopened your report and will come back.")
            )
        except ValidationError:
            messages.error(request, _("Your report is still open: we have not removed it yet."))
        return redirect("neighbourhood_portal:flytipping", found.ref)
    return render(request, PORTAL + "flytipping.html", {"report": found, "events": events_for(found, resident_view=True)})  # fmt: skip


# ASB ------------------------------------------------------------------------------------------


@resident_view
def asb_new(request: HttpRequest) -> HttpResponse:
    form = AsbReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.open_asb_case(
                complainant=request.user.person, home=queries.home_for_resident(request.user),  # type: ignore[union-attr]
                channel="portal", actor=actor_of(request.user), **form.cleaned_data,
            )  # fmt: skip
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            return redirect("neighbourhood_portal:asb", case.ref)
    return render(request, PORTAL + "asb_new.html", {"form": form})


@resident_view
def asb(request: HttpRequest, ref: str) -> HttpResponse:
    """The complainant's view of their case: never the alleged perpetrators' details."""
    case = queries.get_asb_for_resident(request.user, ref)
    return render(request, PORTAL + "asb.html", {
        "case": case,
        # Only the complainant's own entries: staff notes may name the other party.
        "diary": case.incidents.filter(source="diary"),
        "evidence": case.evidence.all(),
        "events": events_for(case, resident_view=True),
    })  # fmt: skip


@resident_view
def asb_diary(request: HttpRequest, ref: str) -> HttpResponse:
    case = queries.get_asb_for_resident(request.user, ref)
    form = DiaryForm(request.POST or None, initial={"on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.record_incident(case=case, occurred_at=form.occurred_at(), description=form.cleaned_data["description"],
                                     source="diary", actor=actor_of(request.user))  # fmt: skip
        except ValidationError as error:
            apply_service_errors(form, error, rename={"occurred_at": "on"})
        else:
            messages.success(request, _("Added to your diary."))
            return redirect("neighbourhood_portal:asb", case.ref)
    return render(request, PORTAL + "asb_form.html", {"case": case, "form": form, "title": _("Add to your diary"), "submit": _("Add to diary")})  # fmt: skip


@resident_view
def asb_evidence(request: HttpRequest, ref: str) -> HttpResponse:
    case = queries.get_asb_for_resident(request.user, ref)
    form = EvidenceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.upload_evidence(case=case, upload=form.cleaned_data["file"], description=form.cleaned_data["description"], actor=actor_of(request.user))  # fmt: skip
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(
                request, _("Uploaded. An officer will look at it within 5 working days.")
            )
            return redirect("neighbourhood_portal:asb", case.ref)
    return render(request, PORTAL + "asb_form.html", {"case": case, "form": form, "title": _("Upload evidence"), "submit": _("Upload"), "multipart": True})  # fmt: skip


# Events and improvements ---------------------------------------------------------------------


@resident_view
def events(request: HttpRequest) -> HttpResponse:
    return render(request, PORTAL + "events.html", {
        "events": queries.upcoming_events(),
        "improvements": queries.improvements_for_resident(request.user),
    })  # fmt: skip


@resident_view
def event(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(CommunityEvent, pk=pk, published=True)
    form = BookingForm(
        request.POST or None, initial={"kind": "booking" if found.places else "interest"}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.respond_to_event(event=found, person=request.user.person, kind=form.cleaned_data["kind"],  # type: ignore[union-attr]
                                      places=form.cleaned_data.get("places") or 1, actor=actor_of(request.user))  # fmt: skip
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Thank you. We have your answer."))
            return redirect("neighbourhood_portal:events")
    left = None if found.places is None else found.places - services.places_taken(found)
    return render(request, PORTAL + "event.html", {"event": found, "form": form, "left": left})


@resident_view
def improvement_new(request: HttpRequest) -> HttpResponse:
    form = ImprovementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        blocks = queries.blocks_for_resident(request.user)
        try:
            services.propose_improvement(person=request.user.person, block=blocks[0] if blocks else None,  # type: ignore[union-attr]
                                         actor=actor_of(request.user), **form.cleaned_data)  # fmt: skip
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Thank you for your idea. We will keep you posted here."))
            return redirect("neighbourhood_portal:events")
    return render(request, PORTAL + "improvement_new.html", {"form": form})
