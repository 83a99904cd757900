"""Staff pages: the estate officer's queues, inspections (recorded on a phone), cleaning
schedules, cleaning concerns, fly-tipping, ASB cases (one action form per step), events and
improvements."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from operator import attrgetter
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from hearth.core import action_page as action_page_kit
from hearth.core import timeline
from hearth.core.access import staff_view
from hearth.core.casework import actor_of
from hearth.core.paging import paginate
from hearth.core.permissions import can
from hearth.core.work import with_urls
from hearth.neighbourhood import documents, queries, services
from hearth.neighbourhood.capabilities import Cap
from hearth.neighbourhood.forms import (
    AnswerForm,
    AsbActionForm,
    ChecklistItemForm,
    CloseForm,
    ConcernForm,
    DefectForm,
    EventForm,
    FlyTipForm,
    HateForm,
    ImprovementForm,
    IncidentForm,
    InspectionForm,
    NewAsbForm,
    NoticeDaysForm,
    OnForm,
    PartyForm,
    PlanForm,
    RemovedForm,
    RemovePartyForm,
    RiskForm,
    ScheduleForm,
    TaskForm,
    TriageForm,
    UpdateForm,
)
from hearth.neighbourhood.models import (
    AsbEvidence,
    ChecklistItem,
    CommunityEvent,
    Improvement,
    InspectionAction,
)


def action_page(
    request: HttpRequest,
    *,
    form_class: type[forms.Form],
    title: str,
    caption: str,
    submit: str,
    perform: Callable[[Any], object],
    success: str,
    back: str,
    intro: str = "",
    initial: dict[str, Any] | None = None,
    form_kwargs: dict[str, Any] | None = None,
    template: str = action_page_kit.TEMPLATE,
    extra: dict[str, Any] | None = None,
    then: str | None = None,
    case: Any = None,
) -> HttpResponse:
    """One step of an estates case, on the one staff action page (given the `case`, a form
    shown before someone else changed it is refused)."""
    return action_page_kit.action_page(
        request,
        form_class=form_class,
        run=perform,
        title=title,
        caption=caption,
        submit=submit,
        success=success,
        back_url=back,
        done_url=then or back,
        intro=intro,
        initial={"on": timezone.localdate(), **(initial or {})},
        form_kwargs=form_kwargs,
        template=template,
        extra=extra,
        case=case,
    )


def _blocks() -> list[tuple[str, str]]:
    return [(b.ref, f"{b.name} ({b.estate.name})") for e in queries.estates_with_blocks() for b in e.blocks.all()]  # fmt: skip


# Queues ---------------------------------------------------------------------------------------


@staff_view(Cap.VIEW_ESTATE_SERVICES)
def queue(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    # Only what the queue shows of each row.
    inspections = queries.inspections_due(until=today + timedelta(days=14)).only(
        "ref", "scheduled_on", "published_on", "block__name", "block__estate__name"
    )
    concerns = queries.open_concerns().only("ref", "due_on", "block__name")
    flytipping = queries.open_flytipping().only("ref", "due_on", "location", "block__name")
    context: dict[str, Any] = {
        "inspections": with_urls(inspections[:50], "neighbourhood:inspection"),
        "concerns": with_urls(concerns[:100], "neighbourhood:concern"),
        "flytipping": with_urls(flytipping[:100], "neighbourhood:flytipping"),
        "today": today,
    }
    if can(request.user, Cap.HANDLE_ASB):
        cases = queries.asb_updates_due(until=today + timedelta(days=7)).only(
            "ref", "next_update_due_on"
        )
        evidence = queries.unreviewed_evidence(until=today + timedelta(days=5)).only(
            "kind", "review_due_on", "case__ref"
        )
        context["asb_due"] = with_urls(cases[:100], "neighbourhood:asb")
        context["evidence"] = with_urls(evidence[:100], "neighbourhood:asb", attrgetter("case.ref"))
    return render(request, "neighbourhood/staff/queue.html", context)


# Blocks: inspections and cleaning schedules --------------------------------------------------


@staff_view(Cap.VIEW_ESTATE_SERVICES)
def blocks(request: HttpRequest) -> HttpResponse:
    return render(request, "neighbourhood/staff/blocks.html", {"estates": queries.estates_with_blocks()})  # fmt: skip


@staff_view(Cap.VIEW_ESTATE_SERVICES)
def block(request: HttpRequest, ref: str) -> HttpResponse:
    found = queries.get_block(ref)
    from hearth.neighbourhood.models import Inspection

    return render(request, "neighbourhood/staff/block.html", {
        "the_block": found,
        "inspections": Inspection.objects.filter(block=found).order_by("-scheduled_on")[:24],
        "tasks": queries.cleaning_schedule(found),
    })  # fmt: skip


@staff_view(Cap.MANAGE_INSPECTIONS)
def schedule(request: HttpRequest, ref: str) -> HttpResponse:
    found = queries.get_block(ref)
    return action_page(
        request, form_class=ScheduleForm, title=_("Schedule a year of inspections"),
        caption=found.name, submit=_("Schedule inspections"),
        perform=lambda form: services.schedule_inspections(
            block=found, first=form.cleaned_data["first"],
            meeting_point=form.cleaned_data["meeting_point"], actor=actor_of(request.user)),
        success=_("Inspections scheduled."), back=reverse("neighbourhood:block", args=[found.ref]),
        initial={"first": timezone.localdate() + timedelta(days=14)},
    )  # fmt: skip


@staff_view(Cap.MANAGE_INSPECTIONS)
def task_new(request: HttpRequest, ref: str) -> HttpResponse:
    found = queries.get_block(ref)
    return action_page(
        request, form_class=TaskForm, title=_("Add to the cleaning schedule"), caption=found.name,
        submit=_("Save"), intro=_("Changing the schedule means printing and putting up a new poster."),
        perform=lambda form: services.save_cleaning_task(block=found, actor=actor_of(request.user), **form.cleaned_data),
        success=_("Cleaning schedule saved."), back=reverse("neighbourhood:block", args=[found.ref]),
    )  # fmt: skip


@staff_view(Cap.MANAGE_INSPECTIONS)
def poster_displayed(request: HttpRequest, ref: str) -> HttpResponse:
    found = queries.get_block(ref)
    return action_page(
        request, form_class=OnForm, title=_("Record the poster as displayed"), caption=found.name,
        submit=_("Record"), perform=lambda form: services.record_poster_displayed(block=found, on=form.cleaned_data["on"], actor=actor_of(request.user)),
        success=_("Poster recorded as displayed."), back=reverse("neighbourhood:block", args=[found.ref]),
    )  # fmt: skip


@staff_view(Cap.VIEW_ESTATE_SERVICES)
def poster(request: HttpRequest, ref: str) -> HttpResponse:
    found = queries.get_block(ref)
    response = HttpResponse(documents.cleaning_poster(found), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="cleaning-{found.ref}.pdf"'
    return response


@staff_view(Cap.VIEW_ESTATE_SERVICES)
def inspection(request: HttpRequest, ref: str) -> HttpResponse:
    found = queries.get_inspection(ref)
    return render(request, "neighbourhood/staff/inspection.html", {
        "inspection": found,
        "grades": found.grades.select_related("item"),
        "actions": found.actions.all(),
        "open_actions": services.open_actions_before(found),
        "signups": found.signups.select_related("person"),
        "events": timeline.events_for(found),
    })  # fmt: skip


@staff_view(Cap.VIEW_ESTATE_SERVICES)
def inspection_notice(request: HttpRequest, ref: str) -> HttpResponse:
    found = queries.get_inspection(ref)
    response = HttpResponse(documents.inspection_notice(found), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="inspection-{found.ref}.pdf"'
    return response


@staff_view(Cap.MANAGE_INSPECTIONS)
def inspection_publish(request: HttpRequest, ref: str) -> HttpResponse:
    found = queries.get_inspection(ref)
    back = reverse("neighbourhood:inspection", args=[found.ref])
    return action_page(
        request, case=found, form_class=OnForm, title=_("Publish the inspection date"), caption=str(found),
        submit=_("Publish to residents"),
        intro=_("It goes on the block's page and calendar feed, and residents who asked are sent a message."),
        perform=lambda form: services.publish_inspection(inspection=found, on=form.cleaned_data["on"], actor=actor_of(request.user)),
        success=_("Inspection date published."), back=back,
    )  # fmt: skip


@staff_view(Cap.MANAGE_INSPECTIONS)
def inspection_results(request: HttpRequest, ref: str) -> HttpResponse:
    found = queries.get_inspection(ref)
    back = reverse("neighbourhood:inspection", args=[found.ref])
    return action_page(
        request, case=found, form_class=OnForm, title=_("Publish the results"), caption=str(found),
        submit=_("Publish results"),
        perform=lambda form: services.publish_results(inspection=found, on=form.cleaned_data["on"], actor=actor_of(request.user)),
        success=_("Results published on the block's page."), back=back,
    )  # fmt: skip


@staff_view(Cap.HANDLE_ESTATE_REPORTS)
def inspection_record(request: HttpRequest, ref: str) -> HttpResponse:
    found = queries.get_inspection(ref)
    items = services.checklist()
    open_actions = services.open_actions_before(found)
    back = reverse("neighbourhood:inspection", args=[found.ref])

    def perform(form: InspectionForm) -> None:
        data = form.cleaned_data
        services.record_inspection(
            inspection=found, on=data["on"], summary=data.get("summary", ""), actor=actor_of(request.user),
            grades={i.key: data[f"grade_{i.key}"] for i in items},
            notes={i.key: data.get(f"note_{i.key}", "") for i in items},
            actions_checked={a.pk: data[f"action_{a.pk}"] == "done" for a in open_actions},
        )  # fmt: skip

    return action_page(
        request, case=found, form_class=InspectionForm, form_kwargs={"items": items, "open_actions": open_actions},
        title=_("Inspect %(block)s") % {"block": found.block.name}, caption=str(found),
        submit=_("Save the inspection"), perform=perform, success=_("Inspection recorded."),
        back=back, template="neighbourhood/staff/inspection_form.html",
    )  # fmt: skip


@staff_view(Cap.HANDLE_ESTATE_REPORTS)
def inspection_defect(request: HttpRequest, ref: str) -> HttpResponse:
    found = queries.get_inspection(ref)
    items = {str(i.pk): i for i in ChecklistItem.objects.filter(active=True)}
    back = reverse("neighbourhood:inspection", args=[found.ref])
    return action_page(
        request, case=found, form_class=DefectForm, form_kwargs={"items": [(k, v.label) for k, v in items.items()]},
        title=_("Raise a defect"), caption=str(found), submit=_("Raise it"),
        perform=lambda form: services.raise_defect(
            inspection=found, kind=form.cleaned_data["kind"], description=form.cleaned_data["description"],
            item=items.get(form.cleaned_data.get("item") or ""), photo=form.cleaned_data.get("photo"),
            location=form.cleaned_data.get("location", ""), actor=actor_of(request.user)),
        success=_("Defect raised."), back=back, extra={"multipart": True},
    )  # fmt: skip


@staff_view(Cap.HANDLE_ESTATE_REPORTS)
def action_close(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_object_or_404(InspectionAction.objects.select_related("inspection"), pk=pk)
    back = reverse("neighbourhood:inspection", args=[action.inspection.ref])
    return action_page(
        request, form_class=OnForm, title=_("Close the action"), caption=action.description[:80],
        submit=_("Close"), perform=lambda form: services.close_action(action=action, on=form.cleaned_data["on"], actor=actor_of(request.user)),
        success=_("Action closed."), back=back,
    )  # fmt: skip


# Cleaning concerns and fly-tipping -----------------------------------------------------------


@staff_view(Cap.HANDLE_ESTATE_REPORTS)
def concern_new(request: HttpRequest) -> HttpResponse:
    def perform(form: ConcernForm) -> None:
        created = services.report_cleaning_concern(
            block=queries.get_block(form.cleaned_data["block"]), description=form.cleaned_data["description"],
            channel="phone", name=form.cleaned_data["name"], email=form.cleaned_data["email"],
            phone=form.cleaned_data["phone"], actor=actor_of(request.user))  # fmt: skip
        del created

    return action_page(
        request, form_class=ConcernForm, form_kwargs={"blocks": _blocks()},
        title=_("Log a cleaning concern (phone)"), caption=_("Cleaning"), submit=_("Log it"),
        perform=perform, success=_("Cleaning concern logged."), back=reverse("neighbourhood:queue"),
    )  # fmt: skip


@staff_view(Cap.VIEW_ESTATE_SERVICES)
def concern(request: HttpRequest, ref: str) -> HttpResponse:
    found = queries.get_concern_for_staff(ref)
    return render(request, "neighbourhood/staff/concern.html", {"concern": found, "events": timeline.events_for(found)})  # fmt: skip


@staff_view(Cap.HANDLE_ESTATE_REPORTS)
def concern_answer(request: HttpRequest, ref: str) -> HttpResponse:
    found = queries.get_concern_for_staff(ref)
    return action_page(
        request, case=found, form_class=AnswerForm, title=_("Answer the cleaning concern"),
        caption=_("Cleaning concern %(ref)s") % {"ref": found.ref}, submit=_("Send the answer"),
        intro=_("Due by %(d)s.") % {"d": found.due_on.strftime("%-d %B %Y")},
        perform=lambda form: services.answer_cleaning_concern(
            concern=found, response=form.cleaned_data["response"], on=form.cleaned_data["on"],
            sent_by=form.cleaned_data.get("sent_by", ""), actor=actor_of(request.user)),
        success=_("Answer sent."), back=reverse("neighbourhood:concern", args=[found.ref]),
    )  # fmt: skip


@staff_view(Cap.HANDLE_ESTATE_REPORTS)
def flytipping_new(request: HttpRequest) -> HttpResponse:
    return action_page(
        request, form_class=FlyTipForm, form_kwargs={"blocks": _blocks()},
        title=_("Log fly-tipping (phone)"), caption=_("Fly-tipping"), submit=_("Log it"),
        perform=lambda form: services.report_flytipping(
            block=queries.get_block(form.cleaned_data["block"]), location=form.cleaned_data["location"],
            description=form.cleaned_data["description"], channel="phone", name=form.cleaned_data["name"],
            email=form.cleaned_data["email"], phone=form.cleaned_data["phone"], actor=actor_of(request.user)),
        success=_("Fly-tipping logged."), back=reverse("neighbourhood:queue"),
    )  # fmt: skip


@staff_view(Cap.VIEW_ESTATE_SERVICES)
def flytipping(request: HttpRequest, ref: str) -> HttpResponse:
    found = queries.get_flytipping_for_staff(ref)
    return render(request, "neighbourhood/staff/flytipping.html", {"report": found, "events": timeline.events_for(found)})  # fmt: skip


@staff_view(Cap.HANDLE_ESTATE_REPORTS)
def flytipping_removed(request: HttpRequest, ref: str) -> HttpResponse:
    found = queries.get_flytipping_for_staff(ref)
    return action_page(
        request, case=found, form_class=RemovedForm, title=_("Record that it was removed"),
        caption=_("Fly-tipping %(ref)s") % {"ref": found.ref}, submit=_("Record and tell the reporter"),
        perform=lambda form: services.record_flytipping_removed(report=found, on=form.cleaned_data["on"], actor=actor_of(request.user)),
        success=_("Removal recorded; the reporter has been told."), back=reverse("neighbourhood:flytipping", args=[found.ref]),
    )  # fmt: skip


# ASB ------------------------------------------------------------------------------------------


@staff_view(Cap.HANDLE_ASB)
def asb_list(request: HttpRequest) -> HttpResponse:
    from hearth.neighbourhood.models import AsbCase

    which = request.GET.get("show", "open")
    cases: Any = AsbCase.objects.select_related("officer").order_by(
        "next_update_due_on", "-opened_on"
    )
    if which == "overdue":
        cases = queries.asb_overdue()
    elif which == "open":
        cases = cases.filter(closed_on__isnull=True)
    page = paginate(request, cases, per_page=50)
    return render(request, "neighbourhood/staff/asb_list.html", {"page": page, "show": which, "today": timezone.localdate()})  # fmt: skip


@staff_view(Cap.HANDLE_ASB)
def asb_new(request: HttpRequest) -> HttpResponse:
    def perform(form: NewAsbForm) -> None:
        case = services.open_asb_case(actor=actor_of(request.user), **form.cleaned_data)
        request.session["nb_new_asb"] = case.ref

    response = action_page(
        request, form_class=NewAsbForm, title=_("Record an ASB report"), caption=_("Antisocial behaviour"),
        submit=_("Open the case"), perform=perform, success=_("Case opened."), back=reverse("neighbourhood:asb-list"),
    )  # fmt: skip
    ref = request.session.pop("nb_new_asb", None)
    if ref and response.status_code == 302:
        return redirect("neighbourhood:asb", ref)
    return response


@staff_view(Cap.HANDLE_ASB)
def asb(request: HttpRequest, ref: str) -> HttpResponse:
    case = queries.get_asb_for_staff(request.user, ref)
    services.log_case_read(case=case, user=request.user)
    return render(request, "neighbourhood/staff/asb.html", {
        "case": case,
        "people": case.parties.select_related("person"),  # complainants, perpetrators, witnesses
        "incidents": case.incidents.all(),
        "evidence": case.evidence.all(),
        "actions": case.actions.all(),
        "reads": case.reads.select_related("user")[:10],
        "events": timeline.events_for(case),
        "today": timezone.localdate(),
    })  # fmt: skip


def _asb_step(request: HttpRequest, ref: str, *, form_class: type[forms.Form], title: str, submit: str,
              success: str, run: Callable[[Any, Any], object], intro: str = "",
              initial: dict[str, Any] | None = None) -> HttpResponse:  # fmt: skip
    case = queries.get_asb_for_staff(request.user, ref)
    services.log_case_read(case=case, user=request.user, what=title[:40])
    return action_page(
        request, case=case, form_class=form_class, title=title, caption=_("ASB case %(ref)s") % {"ref": case.ref},
        submit=submit, perform=lambda form: run(case, form), success=success, intro=intro,
        back=reverse("neighbourhood:asb", args=[case.ref]), initial=initial,
    )  # fmt: skip


@staff_view(Cap.HANDLE_ASB)
def asb_triage(request: HttpRequest, ref: str) -> HttpResponse:
    return _asb_step(request, ref, form_class=TriageForm, title=_("Triage the report"), submit=_("Save"),
                     success=_("Triage recorded."),
                     intro=_("About three-quarters of noise reports are everyday household noise. That gets advice and an offer of mediation; the reason is sent to the complainant."),
                     run=lambda case, form: services.triage_asb_case(case=case, actor=actor_of(request.user), **form.cleaned_data))  # fmt: skip


@staff_view(Cap.HANDLE_ASB)
def asb_risk(request: HttpRequest, ref: str) -> HttpResponse:
    return _asb_step(request, ref, form_class=RiskForm, title=_("Assess the risk"), submit=_("Save"),
                     success=_("Risk assessment recorded."),
                     run=lambda case, form: services.assess_risk(case=case, actor=actor_of(request.user), **form.cleaned_data))  # fmt: skip


@staff_view(Cap.HANDLE_ASB)
def asb_party(request: HttpRequest, ref: str) -> HttpResponse:
    return _asb_step(request, ref, form_class=PartyForm, title=_("Add a person"), submit=_("Add"),
                     success=_("Person added."),
                     run=lambda case, form: services.add_party(case=case, actor=actor_of(request.user), **form.cleaned_data))  # fmt: skip


def _party(case: Any, pk: int) -> Any:
    return get_object_or_404(case.parties.all(), pk=pk)


@staff_view(Cap.HANDLE_ASB)
def asb_party_change(request: HttpRequest, ref: str, pk: int) -> HttpResponse:
    case = queries.get_asb_for_staff(request.user, ref)
    party = _party(case, pk)
    return _asb_step(request, ref, form_class=PartyForm, title=_("Change a person's details"), submit=_("Save"),
                     success=_("Details changed."),
                     initial={"role": party.role, "name": party.name, "description": party.description},
                     run=lambda case, form: services.change_party(party=party, actor=actor_of(request.user), **form.cleaned_data))  # fmt: skip


@staff_view(Cap.HANDLE_ASB)
def asb_party_remove(request: HttpRequest, ref: str, pk: int) -> HttpResponse:
    case = queries.get_asb_for_staff(request.user, ref)
    party = _party(case, pk)
    return _asb_step(request, ref, form_class=RemovePartyForm, title=_("Remove %(party)s from the case") % {"party": party.display_name},
                     submit=_("Remove"), success=_("Removed from the case."),
                     run=lambda case, form: services.remove_party(party=party, actor=actor_of(request.user), reason=form.cleaned_data["reason"]))  # fmt: skip


@staff_view(Cap.HANDLE_ASB)
def asb_incident(request: HttpRequest, ref: str) -> HttpResponse:
    return _asb_step(request, ref, form_class=IncidentForm, title=_("Record an incident"), submit=_("Record"),
                     success=_("Incident recorded."),
                     run=lambda case, form: services.record_incident(case=case, occurred_at=form.occurred_at(), description=form.cleaned_data["description"], actor=actor_of(request.user)))  # fmt: skip


@staff_view(Cap.HANDLE_ASB)
def asb_plan(request: HttpRequest, ref: str) -> HttpResponse:
    return _asb_step(request, ref, form_class=PlanForm, title=_("Agree the action plan"), submit=_("Save"),
                     success=_("Action plan saved."),
                     run=lambda case, form: services.agree_action_plan(case=case, actor=actor_of(request.user), **form.cleaned_data))  # fmt: skip


@staff_view(Cap.HANDLE_ASB)
def asb_update(request: HttpRequest, ref: str) -> HttpResponse:
    return _asb_step(request, ref, form_class=UpdateForm, title=_("Update the complainant"), submit=_("Send the update"),
                     success=_("Update sent."),
                     run=lambda case, form: services.send_asb_update(case=case, actor=actor_of(request.user), **form.cleaned_data))  # fmt: skip


@staff_view(Cap.HANDLE_ASB)
def asb_hate(request: HttpRequest, ref: str) -> HttpResponse:
    case = queries.get_asb_for_staff(request.user, ref)
    return _asb_step(request, ref, form_class=HateForm, title=_("Hate incident"), submit=_("Save"),
                     success=_("Saved."), initial={"flagged": case.hate_incident},
                     run=lambda case, form: services.set_hate_incident(case=case, actor=actor_of(request.user), **form.cleaned_data))  # fmt: skip


@staff_view(Cap.HANDLE_ASB)
def asb_action(request: HttpRequest, ref: str) -> HttpResponse:
    return _asb_step(request, ref, form_class=AsbActionForm, title=_("Record a referral, warning or legal action"),
                     submit=_("Record"), success=_("Action recorded."),
                     run=lambda case, form: services.record_asb_action(case=case, actor=actor_of(request.user), **form.cleaned_data))  # fmt: skip


@staff_view(Cap.HANDLE_ASB)
def asb_close(request: HttpRequest, ref: str) -> HttpResponse:
    return _asb_step(request, ref, form_class=CloseForm, title=_("Close the case"), submit=_("Close the case"),
                     success=_("Case closed."), intro=_("Ask the complainant how satisfied they are with how we handled their case."),
                     run=lambda case, form: services.close_asb_case(case=case, actor=actor_of(request.user), **form.cleaned_data))  # fmt: skip


@staff_view(Cap.HANDLE_ASB)
def evidence_review(request: HttpRequest, ref: str, pk: int) -> HttpResponse:
    case = queries.get_asb_for_staff(request.user, ref)
    evidence = get_object_or_404(AsbEvidence, pk=pk, case=case)
    if request.method == "POST":
        services.review_evidence(evidence=evidence, actor=actor_of(request.user))
        messages.success(request, _("Evidence marked as reviewed."))
    return redirect("neighbourhood:asb", case.ref)


@staff_view(Cap.HANDLE_ASB)
def evidence_file(request: HttpRequest, ref: str, pk: int) -> HttpResponse:
    case = queries.get_asb_for_staff(request.user, ref)
    evidence = get_object_or_404(AsbEvidence, pk=pk, case=case)
    services.log_case_read(case=case, user=request.user, what="evidence file")
    response = HttpResponse(evidence.file.read(), content_type="application/octet-stream")
    response["Content-Disposition"] = f'attachment; filename="evidence-{evidence.pk}"'
    return response


# Events and improvements ---------------------------------------------------------------------


@staff_view(Cap.MANAGE_COMMUNITY)
def community(request: HttpRequest) -> HttpResponse:
    return render(request, "neighbourhood/staff/community.html", {
        "events": CommunityEvent.objects.order_by("-starts_at")[:50],
        "improvements": Improvement.objects.select_related("proposed_by", "block")[:100],
    })  # fmt: skip


@staff_view(Cap.MANAGE_COMMUNITY)
def event_new(request: HttpRequest) -> HttpResponse:
    from datetime import datetime

    def perform(form: EventForm) -> None:
        data = form.cleaned_data
        services.announce_event(
            title=data["title"], kind=data["kind"], description=data["description"],
            starts_at=timezone.make_aware(datetime.combine(data["on"], data["at"])), place=data["place"],
            accessibility=data["accessibility"], places=data["places"], actor=actor_of(request.user))  # fmt: skip

    return action_page(request, form_class=EventForm, title=_("Announce an event or project"), caption=_("Community"),
                       submit=_("Announce"), perform=perform, success=_("Announced in the portal."), back=reverse("neighbourhood:community"))  # fmt: skip


@staff_view(Cap.MANAGE_COMMUNITY)
def improvement_update(request: HttpRequest, ref: str) -> HttpResponse:
    idea = get_object_or_404(Improvement, ref=ref)
    return action_page(
        request, form_class=ImprovementForm, title=idea.title, caption=_("Improvement %(ref)s") % {"ref": idea.ref},
        submit=_("Save"), initial={"status": idea.status},
        perform=lambda form: services.update_improvement(improvement=idea, actor=actor_of(request.user), **form.cleaned_data),
        success=_("Improvement updated."), back=reverse("neighbourhood:community"),
    )  # fmt: skip


# Settings -------------------------------------------------------------------------------------


@staff_view(Cap.MANAGE_INSPECTIONS)
def settings_page(request: HttpRequest) -> HttpResponse:
    from hearth.neighbourhood.models import NeighbourhoodSettings

    return render(request, "neighbourhood/staff/settings.html", {
        "notice_days": NeighbourhoodSettings.current().notice_days,
        "items": ChecklistItem.objects.filter(active=True) if services.checklist() else [],
    })  # fmt: skip


@staff_view(Cap.MANAGE_INSPECTIONS)
def notice_days(request: HttpRequest) -> HttpResponse:
    from hearth.neighbourhood.models import NeighbourhoodSettings

    return action_page(
        request, form_class=NoticeDaysForm, title=_("Notice of inspections"), caption=_("Settings"),
        submit=_("Save"), initial={"days": NeighbourhoodSettings.current().notice_days},
        perform=lambda form: services.set_notice_days(days=form.cleaned_data["days"], actor=actor_of(request.user)),
        success=_("Saved."), back=reverse("neighbourhood:settings"),
    )  # fmt: skip


@staff_view(Cap.MANAGE_INSPECTIONS)
def checklist_new(request: HttpRequest) -> HttpResponse:
    from django.utils.text import slugify

    return action_page(
        request, form_class=ChecklistItemForm, title=_("Add a checklist line"), caption=_("Settings"),
        submit=_("Add"), perform=lambda form: services.add_checklist_item(
            key=slugify(form.cleaned_data["label"])[:40] or "line", label=form.cleaned_data["label"],
            photo_standard=form.cleaned_data["photo_standard"], example_photo=form.cleaned_data["example_photo"],
            standards={g: form.cleaned_data[f"standard_{g.lower()}"] for g in "ABCD"}, actor=actor_of(request.user)),
        success=_("Checklist line added."), back=reverse("neighbourhood:settings"),
    )  # fmt: skip
