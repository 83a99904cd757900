"""The stage actions: acknowledge, extend, respond, escalate, refuse, withdraw, and give a stage
to a handler. Each page is one form; the service checks the Code."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from hearth.complaints import services
from hearth.complaints.forms import (
    AcknowledgeForm,
    AssignForm,
    EscalateForm,
    ExcludeForm,
    ExtendForm,
    RespondForm,
    WithdrawForm,
    escalation_text,
)
from hearth.complaints.models import RemedyKind
from hearth.complaints.services import ActionPromise, RemedyOffer
from hearth.complaints.views._common import action_page, complaint_for
from hearth.core.access import staff_view
from hearth.core.casework import actor_of
from hearth.core.permissions import Can


def _stage(complaint: object) -> int:
    return 2 if getattr(complaint, "stage2_requested_on", None) else 1


@staff_view(Can.HANDLE_COMPLAINTS)
def acknowledge(request: HttpRequest, ref: str) -> HttpResponse:
    complaint = complaint_for(request, ref)
    stage = _stage(complaint)
    default = (
        f"{complaint.description}\n\nYou would like: {complaint.desired_outcome}"
        if stage == 1 and complaint.desired_outcome
        else ""
    )
    return action_page(
        request,
        complaint,
        form_class=AcknowledgeForm,
        form_kwargs={"complaint": complaint},
        title=_("Acknowledge stage %(stage)s") % {"stage": stage},
        submit=_("Send the acknowledgement"),
        intro=_(
            "Set out what you understand the complaint to be and the outcome the resident wants "
            "(Complaint Handling Code 6.2). It is sent to them with the date we will respond by."
        ),
        initial={"definition": default},
        perform=lambda form: services.acknowledge(
            complaint=complaint,
            actor=actor_of(request.user),
            definition=form.cleaned_data["definition"],
            on=form.cleaned_data["on"],
            sent_by=form.cleaned_data.get("sent_by", ""),
        ),
        success=_("Stage %(stage)s acknowledged.") % {"stage": stage},
    )


@staff_view(Can.HANDLE_COMPLAINTS)
def extend(request: HttpRequest, ref: str) -> HttpResponse:
    complaint = complaint_for(request, ref)
    stage = _stage(complaint)
    return action_page(
        request,
        complaint,
        form_class=ExtendForm,
        form_kwargs={"complaint": complaint},
        title=_("Extend the time to respond"),
        submit=_("Extend and tell the resident"),
        intro=_(
            "At most 10 working days in all at stage 1, 20 at stage 2. The resident is told why "
            "and given the Housing Ombudsman's details."
        ),
        perform=lambda form: services.extend(
            complaint=complaint,
            actor=actor_of(request.user),
            days=form.cleaned_data["days"],
            reason=form.cleaned_data["reason"],
            on=form.cleaned_data["on"],
            sent_by=form.cleaned_data.get("sent_by", ""),
        ),
        success=_("Stage %(stage)s extended.") % {"stage": stage},
    )


@staff_view(Can.HANDLE_COMPLAINTS)
def respond(request: HttpRequest, ref: str) -> HttpResponse:
    complaint = complaint_for(request, ref)
    stage = _stage(complaint)

    def perform(form: RespondForm) -> object:
        data = form.cleaned_data
        remedies = []
        if data["apology"]:
            remedies.append(RemedyOffer(RemedyKind.APOLOGY, _("We apologise.")))
        if data["compensation"] is not None:
            remedies.append(
                RemedyOffer(
                    RemedyKind.COMPENSATION,
                    data["remedy"][:200],
                    data["compensation"],
                    data["offset_against_arrears"],
                    data["resident_consented_to_offset"],
                )
            )
        actions = [ActionPromise(line, data["actions_due_on"]) for line in form.action_lines()]
        return services.respond(
            complaint=complaint,
            actor=actor_of(request.user),
            decision=data["decision"],
            reasons=data["reasons"],
            remedy=data["remedy"],
            outstanding_actions=data["outstanding_actions"],
            how_to_escalate=data["how_to_escalate"],
            remedies=remedies,
            actions=actions,
            on=data["on"],
            sent_by=data.get("sent_by", ""),
        )

    definition = getattr(complaint, f"stage{stage}_definition")
    return action_page(
        request,
        complaint,
        form_class=RespondForm,
        form_kwargs={"complaint": complaint},
        title=_("Final response (stage 2)") if stage == 2 else _("Stage 1 response"),
        submit=_("Send the response"),
        intro=_(
            "The response is sent as a letter and on the resident's channel. It cannot be sent "
            "without the decision, the reasons, the remedy, outstanding actions and how to "
            "escalate."
        ),
        initial={"how_to_escalate": escalation_text(stage), "outstanding_actions": ""},
        perform=perform,
        success=_("Response sent."),
        template="complaints/staff/respond.html",
        extra={"definition": definition, "stage": stage},
    )


@staff_view(Can.HANDLE_COMPLAINTS)
def escalate(request: HttpRequest, ref: str) -> HttpResponse:
    complaint = complaint_for(request, ref)
    return action_page(
        request,
        complaint,
        form_class=EscalateForm,
        title=_("Escalate to stage 2"),
        submit=_("Escalate to stage 2"),
        intro=_("For a resident who asked by phone, email, letter or in person."),
        perform=lambda form: services.escalate(
            complaint=complaint,
            actor=actor_of(request.user),
            reason=form.cleaned_data["reason"],
            on=form.cleaned_data["on"],
        ),
        success=_("The complaint is at stage 2. Give it to someone who did not handle stage 1."),
    )


@staff_view(Can.HANDLE_COMPLAINTS)
def exclude(request: HttpRequest, ref: str) -> HttpResponse:
    complaint = complaint_for(request, ref)
    return action_page(
        request,
        complaint,
        form_class=ExcludeForm,
        form_kwargs={"complaint": complaint},
        title=_("Do not take it on as a complaint"),
        submit=_("Send the decision"),
        intro=_(
            "Only on the grounds the Complaint Handling Code allows. The resident is sent your "
            "explanation and told they can take the decision to the Housing Ombudsman."
        ),
        initial={"issue_date": complaint.issue_date},
        perform=lambda form: services.exclude(
            complaint=complaint,
            actor=actor_of(request.user),
            reason=form.cleaned_data["reason"],
            explanation=form.cleaned_data["explanation"],
            issue_date=form.cleaned_data["issue_date"],
            on=form.cleaned_data["on"],
            sent_by=form.cleaned_data.get("sent_by", ""),
        ),
        success=_("Decision sent: the complaint was not taken on."),
    )


@staff_view(Can.HANDLE_COMPLAINTS)
def withdraw(request: HttpRequest, ref: str) -> HttpResponse:
    complaint = complaint_for(request, ref)
    return action_page(
        request,
        complaint,
        form_class=WithdrawForm,
        title=_("Record that the complaint was withdrawn"),
        submit=_("Record the withdrawal"),
        perform=lambda form: services.withdraw(
            complaint=complaint,
            actor=actor_of(request.user),
            note=form.cleaned_data["note"],
            on=form.cleaned_data["on"],
        ),
        success=_("Complaint withdrawn."),
    )


@staff_view(Can.HANDLE_COMPLAINTS)
def assign(request: HttpRequest, ref: str, stage: int) -> HttpResponse:
    if stage not in (1, 2):
        raise Http404("Not found")
    complaint = complaint_for(request, ref)
    current = complaint.handler_for(stage)
    return action_page(
        request,
        complaint,
        form_class=AssignForm,
        title=_("Who handles stage %(stage)s") % {"stage": stage},
        submit=_("Save"),
        intro=_("At stage 2 it must be someone who did not handle stage 1.") if stage == 2 else "",
        initial={"handler": current.pk if current else None},
        perform=lambda form: services.assign_handler(
            complaint=complaint,
            stage=stage,
            handler=form.cleaned_data["handler"],
            actor=actor_of(request.user),
        ),
        success=_("Stage %(stage)s handler saved.") % {"stage": stage},
    )
