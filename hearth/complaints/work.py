"""Complaints on everyone's lists: the officer's "My work", the resident's "My requests", and
the staff navigation. Registered from ComplaintsConfig.ready()."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hearth.complaints.models import Complaint, NextAction, Status
from hearth.complaints.queries import open_actions
from hearth.core import deadlines
from hearth.core.navigation import NavItem, register_nav_item
from hearth.core.permissions import Can, can
from hearth.core.requests import ResidentRequest, Step, register_request_source
from hearth.core.work import WorkItem, register_work_source

# Bounded: My work is for what is due now; the complaints queue shows everything.
LIMIT = 200


def _item(complaint: Complaint, detail: str = "") -> WorkItem:
    assert complaint.next_due_on is not None
    return WorkItem(
        title=_("%(action)s complaint %(ref)s")
        % {"action": complaint.get_next_action_display(), "ref": complaint.ref},
        url=reverse("complaints:detail", args=[complaint.ref]),
        case_type=_("Complaint"),
        due=complaint.next_due_on,
        state=deadlines.state(complaint.next_due_on),
        detail=detail or complaint.complainant_name,
    )


def complaints_due(user: Any, *, until: date) -> Iterator[WorkItem]:
    """A handler's complaints due by `until`, and unassigned ones for anyone who handles
    complaints. Managers also see every overdue complaint, whoever has it."""
    if not can(user, Can.HANDLE_COMPLAINTS):
        return
    stage1 = Q(next_action__in=[NextAction.ACKNOWLEDGE_STAGE1, NextAction.RESPOND_STAGE1])
    stage2 = Q(next_action__in=[NextAction.ACKNOWLEDGE_STAGE2, NextAction.RESPOND_STAGE2])
    mine = (stage1 & Q(stage1_handler=user)) | (stage2 & Q(stage2_handler=user))
    unassigned = (stage1 & Q(stage1_handler__isnull=True)) | (
        stage2 & Q(stage2_handler__isnull=True)
    )
    wanted = mine | unassigned
    today = timezone.localdate()
    if can(user, Can.MANAGE_COMPLAINTS):
        wanted |= Q(next_due_on__lt=today)
    complaints = (
        Complaint.objects.open()
        .filter(wanted, next_due_on__lte=until)
        .select_related("complainant", "stage1_handler", "stage2_handler")
        .order_by("next_due_on", "pk")[:LIMIT]
    )
    for complaint in complaints:
        handler = complaint.handler_for(complaint.stage)
        detail = complaint.complainant_name
        if handler is None:
            detail = _("%(who)s. Not yet given to anyone") % {"who": detail}
        elif handler.pk != user.pk:
            detail = _("%(who)s. Handled by %(name)s") % {
                "who": detail,
                "name": handler.display_name,
            }
        yield _item(complaint, detail)


def complaint_actions_due(user: Any, *, until: date) -> Iterator[WorkItem]:
    """Outstanding actions promised in complaint responses, for their owners."""
    if not can(user, Can.LOG_COMPLAINTS):
        return
    actions = open_actions().filter(owner=user, due_on__lte=until).order_by("due_on", "pk")[:LIMIT]
    for action in actions:
        assert action.due_on is not None
        yield WorkItem(
            title=_("Complaint action: %(what)s") % {"what": action.description},
            url=reverse("complaints:detail", args=[action.complaint.ref]) + "#actions",
            case_type=_("Complaint action"),
            due=action.due_on,
            state=deadlines.state(action.due_on),
            detail=action.complaint.ref,
        )


_PROMISE = {
    NextAction.ACKNOWLEDGE_STAGE1: gettext_lazy(
        "We will confirm what your complaint is about within 5 working days"
    ),
    NextAction.RESPOND_STAGE1: gettext_lazy("We will send our response"),
    NextAction.ACKNOWLEDGE_STAGE2: gettext_lazy(
        "We will confirm your stage 2 request within 5 working days"
    ),
    NextAction.RESPOND_STAGE2: gettext_lazy("We will send our final response"),
}


def _steps(complaint: Complaint) -> tuple[Step, ...]:
    steps = [
        Step(_("Received"), done=True, on=complaint.received_on),
        Step(
            _("Acknowledged"),
            done=complaint.stage1_acknowledged_on is not None,
            on=complaint.stage1_acknowledged_on,
        ),
        Step(
            _("Response sent"),
            done=complaint.stage1_responded_on is not None,
            on=complaint.stage1_responded_on,
        ),
    ]
    if complaint.stage2_requested_on:
        steps += [
            Step(_("Stage 2 requested"), done=True, on=complaint.stage2_requested_on),
            Step(
                _("Stage 2 acknowledged"),
                done=complaint.stage2_acknowledged_on is not None,
                on=complaint.stage2_acknowledged_on,
            ),
            Step(
                _("Final response sent"),
                done=complaint.stage2_responded_on is not None,
                on=complaint.stage2_responded_on,
            ),
        ]
    return tuple(steps)


def resident_complaints(user: Any) -> Iterator[ResidentRequest]:
    """A resident's open complaints, and answered ones they can still take to stage 2."""
    if not getattr(user, "is_resident", False) or not user.person_id:
        return
    complaints = (
        Complaint.objects.for_person(user.person_id)
        .filter(status__in=[*_PROMISE_STATUSES, Status.STAGE1_ANSWERED])
        .order_by("next_due_on", "pk")
    )
    for complaint in complaints:
        due = complaint.next_due_on
        if complaint.status == Status.STAGE1_ANSWERED:
            promise = _("You can ask us to look at it again (stage 2) if you are not happy")
            status = _("We sent our response on %(day)s") % {
                "day": date_format(complaint.stage1_responded_on, "j F Y")
            }
        else:
            promise = str(_PROMISE[NextAction(complaint.next_action)])
            status = complaint.get_status_display()
        yield ResidentRequest(
            title=_("Complaint: %(what)s") % {"what": complaint.get_category_display()},
            reference=complaint.ref,
            kind=_("Complaint"),
            opened_on=complaint.received_on,
            promise=promise,
            due=due,
            state=deadlines.state(due) if due else None,
            status=status,
            url=reverse("complaints_portal:detail", args=[complaint.ref]),
            steps=_steps(complaint),
        )


_PROMISE_STATUSES = (
    Status.STAGE1_RECEIVED,
    Status.STAGE1_OPEN,
    Status.STAGE2_REQUESTED,
    Status.STAGE2_OPEN,
)


def register() -> None:
    register_work_source(complaints_due)
    register_work_source(complaint_actions_due)
    register_request_source(resident_complaints)
    register_nav_item(
        NavItem(
            gettext_lazy("Complaints"),
            "complaints:queue",
            Can.LOG_COMPLAINTS,
            order=40,
            also_active_on=frozenset(
                {
                    "complaints:detail",
                    "complaints:new",
                    "complaints:learning",
                    "complaints:performance",
                    "complaints:annual-report",
                    "complaints:self-assessment",
                }
            ),
        )
    )
