"""Repairs on the staff "my work" page and the resident's "your requests" page. Registered in
RepairsConfig.ready()."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from hearth.core import deadlines, formats
from hearth.core.permissions import Can, can
from hearth.core.requests import ResidentRequest, Step
from hearth.core.work import WorkItem, url_for
from hearth.repairs import queries
from hearth.repairs.measures import further_work_visits, update_sent_in_time
from hearth.repairs.models import Outcome, Priority, Repair, SpendApproval, SpendDecision, Status

# Bounded: My work stays fast whatever the backlog; the queue shows everything.
LIMIT = 200
# What an item needs of a repair: its title, due date and state, and where it is.
_ITEM_FIELDS = ("ref", "description", "status", "completed_at", "due_on", "due_at",
                "home", "home__address", "block", "block__name")  # fmt: skip


def repairs_due(user: Any, *, until: date) -> Iterator[WorkItem]:
    """Open repairs assigned to this operative or owned by this officer, due by `until`; for
    coordinators also unassigned repairs due by then, and residents waiting for an update
    after further work; for managers, spend waiting for approval."""
    if not can(user, Can.LOG_REPAIRS) and not can(user, Can.RECORD_VISITS):
        return
    mine = Q(operative=user) | Q(owner=user)
    if can(user, Can.MANAGE_REPAIRS):
        mine |= Q(operative__isnull=True)
    # Only the columns an item shows, as a model each (not the whole repair with its home and
    # block): an officer's list runs to hundreds of rows, each built on every visit to the page.
    repairs = (
        Repair.objects.open()
        .filter(mine, due_on__lte=until)
        .select_related("home", "block")
        .only(*_ITEM_FIELDS)
        .order_by("due_on", "pk")[:LIMIT]
    )
    title, case_type = _("Repair %(ref)s: %(what)s"), _("Repair")
    url = url_for("repairs:repair")
    for repair in repairs:
        yield WorkItem(
            title=title % {"ref": repair.ref, "what": repair.summary},
            url=url(repair.ref),
            case_type=case_type,
            due=repair.due_on,
            state=queries.repair_state(repair),
            detail=repair.where,
        )
    if can(user, Can.MANAGE_REPAIRS):
        waiting = (
            further_work_visits()
            .filter(repair__status=Status.OPEN, update_due_on__lte=until)
            .filter(~update_sent_in_time())
            .select_related("repair")
            .only("update_due_on", "repair", "repair__ref", "repair__description")
            .order_by("update_due_on", "pk")[:LIMIT]
        )
        title, case_type = _("Update the resident: %(ref)s needs further work"), _("Repair update")
        update_url = url_for("repairs:update")
        for visit in waiting:
            assert visit.update_due_on is not None
            yield WorkItem(
                title=title % {"ref": visit.repair.ref},
                url=update_url(visit.repair.ref),
                case_type=case_type,
                due=visit.update_due_on,
                state=deadlines.state(visit.update_due_on),
                detail=visit.repair.summary,
            )
    escalated = Q(owner=user)
    if can(user, Can.MANAGE_REPAIRS):
        escalated |= Q(owner__isnull=True)
    no_access = (
        Repair.objects.open()
        .filter(escalated, no_access_escalated_at__isnull=False)
        .select_related("home", "block")
        .only(*_ITEM_FIELDS, "no_access_escalated_at")
        .order_by("no_access_escalated_at", "pk")[:LIMIT]
    )
    title, case_type = _("Reach the resident: no access 3 times on %(ref)s"), _("Repair: no access")
    for repair in no_access:
        assert repair.no_access_escalated_at is not None
        since = timezone.localtime(repair.no_access_escalated_at).date()
        yield WorkItem(
            title=title % {"ref": repair.ref},
            url=url(repair.ref),
            case_type=case_type,
            due=since,
            state=deadlines.state(since),
            detail=repair.where,
        )
    if can(user, Can.APPROVE_SPEND):
        approvals = (
            SpendApproval.objects.filter(decision=SpendDecision.PENDING)
            .select_related("repair")
            .order_by("requested_at", "pk")[:LIMIT]
        )
        for approval in approvals:
            asked = timezone.localtime(approval.requested_at).date()
            yield WorkItem(
                title=_("Approve spend of %(a)s on %(ref)s")
                % {"a": formats.money(approval.amount), "ref": approval.repair.ref},
                url=reverse("repairs:approval", args=[approval.pk]),
                case_type=_("Spend approval"),
                due=asked,
                state=deadlines.state(asked),
            )


def _promise(repair: Repair) -> str:
    if repair.priority == Priority.EMERGENCY:
        return _("We will make it safe within 24 hours")
    return _("We will fix it by %(d)s") % {"d": date_format(repair.due_on, "l j F")}


def resident_repairs(user: Any) -> Iterator[ResidentRequest]:
    """A resident's open repairs, like a parcel tracker."""
    repairs = (
        queries.repairs_for_resident(user)
        .filter(status=Status.OPEN)
        .prefetch_related("appointments", "visits")
    )
    for repair in repairs:
        appointments = list(repair.appointments.all())
        visits = list(repair.visits.all())
        booked = next((a for a in appointments if a.outcome == Outcome.PENDING), None)
        if booked is not None:
            status = _("Appointment booked for %(when)s") % {
                "when": f"{date_format(booked.date, 'l j F')}, {booked.get_slot_display()}"
            }
        elif visits and visits[-1].outcome == "further_work":
            status = _("More work is needed: choose a time for us to come back")
        elif visits and visits[-1].outcome == "no_access":
            status = _("We could not get in: choose a new time")
        else:
            status = _("We will contact you to arrange a visit")
        visited = visits[0].visited_at if visits else None
        yield ResidentRequest(
            title=_("Repair: %(what)s") % {"what": repair.summary},
            reference=repair.ref,
            kind=_("Repair"),
            opened_on=timezone.localtime(repair.reported_at).date(),
            promise=_promise(repair),
            due=repair.due_on,
            state=queries.repair_state(repair),
            status=status,
            url=repair.get_resident_url(),
            steps=(
                Step(_("Reported"), done=True, on=timezone.localtime(repair.reported_at).date()),
                Step(_("Appointment booked"), done=bool(appointments),
                     on=appointments[0].date if appointments else None),
                Step(_("Visited"), done=bool(visits),
                     on=timezone.localtime(visited).date() if visited else None),
                Step(_("Fixed")),
            ),
        )  # fmt: skip
