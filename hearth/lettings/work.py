"""Voids on the owning officer's "my work", and tenancy endings and new homes on the
resident's "your requests". Registered in LettingsConfig.ready()."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from hearth.core import deadlines
from hearth.core.paging import chosen_first
from hearth.core.permissions import can
from hearth.core.requests import ResidentRequest, Step
from hearth.core.work import WorkItem, url_for
from hearth.lettings import queries, rules
from hearth.lettings.models import LettingSettings, Stage, Void
from hearth.lettings.permissions import Can

# Bounded: My work stays fast whatever the backlog; the board shows everything.
LIMIT = 200
_VOID_FIELDS = ("ref", "stage", "keys_returned_on", "previous_tenancy_end", "target_days",
                "home__address")  # fmt: skip


def stage_due(void: Void, inspection_days: int) -> date:
    """When the void's current stage is due: the inspection a few working days after the keys
    come back; every later stage by the let-by date (the void's target)."""
    if void.stage == Stage.INSPECTION and void.keys_returned_on is not None:
        return min(rules.inspection_due(void.keys_returned_on, inspection_days), void.let_by)
    return void.let_by


def voids_due(user: Any, *, until: date) -> Iterator[WorkItem]:
    """The officer's open voids whose current stage is due by `until` (overdue first)."""
    if not can(user, Can.MANAGE_VOIDS):
        return
    days = LettingSettings.current().inspection_working_days
    # Only what `stage_due` and an item need of each void and its home, and only the voids
    # shown joined to their homes (`chosen_first`).
    voids = chosen_first(
        Void.objects.filter(owner=user, let_on__isnull=True)
        .select_related("home")
        .only(*_VOID_FIELDS)
        .order_by("previous_tenancy_end", "pk"),
        LIMIT,
    )
    title, case_type = _("Empty home %(ref)s: %(stage)s"), _("Void")
    url = url_for("lettings:void")
    for void in voids:
        due = stage_due(void, days)
        if due > until:
            continue
        yield WorkItem(
            title=title % {"ref": void.ref, "stage": void.get_stage_display()},
            url=url(void.ref),
            case_type=case_type,
            due=due,
            state=deadlines.state(due),
            detail=str(void.home),
        )


def tenancy_ending_requests(user: Any) -> Iterator[ResidentRequest]:
    """The outgoing tenant's steps: notice, the pre-termination visit, handing back the keys."""
    for ending in queries.endings_for_resident(user):
        if ending.keys_returned_on is not None:
            status = _("You have handed back the keys. Thank you")
        elif ending.visited_on is not None and ending.put_right:
            status = _("Before you leave, please put right: %(what)s") % {"what": ending.put_right}
        elif ending.visit_on is not None:
            status = _("We will visit on %(day)s to check the home with you") % {
                "day": f"{ending.visit_on.day} {ending.visit_on:%B %Y}"
            }
        else:
            status = _("We will contact you to arrange a visit before you leave")
        yield ResidentRequest(
            title=_("Ending your tenancy of %(home)s") % {"home": ending.tenancy.home},
            reference=ending.tenancy.ref,
            kind=_("Tenancy ending"),
            opened_on=ending.notice_given_on,
            promise=_("Hand back the keys by %(day)s") % {
                "day": f"{ending.end_date.day} {ending.end_date:%B %Y}"
            },
            due=ending.end_date,
            state=deadlines.state(ending.end_date, done=ending.keys_returned_on),
            status=status,
            steps=(
                Step(_("Notice given"), done=True, on=ending.notice_given_on),
                Step(_("Visit booked"), done=ending.visit_on is not None, on=ending.visit_on),
                Step(_("Home checked with you"), done=ending.visited_on is not None, on=ending.visited_on),
                Step(_("Keys handed back"), done=ending.keys_returned_on is not None,
                     on=ending.keys_returned_on),
            ),
        )  # fmt: skip


def new_home_requests(user: Any) -> Iterator[ResidentRequest]:
    """A new tenant's letting, linking to their home's certificates and checklist."""
    today = timezone.localdate()
    for void in queries.lettings_for_resident(user):
        if void.let_on is None or (today - void.let_on).days > 90:
            continue
        yield ResidentRequest(
            title=_("Your new home: %(home)s") % {"home": void.home},
            reference=void.ref,
            kind=_("New tenancy"),
            opened_on=void.signed_on or void.let_on,
            promise=_("Your home met our Letting Standard and its safety checks before you moved in"),
            due=None,
            status=_("Your tenancy started on %(day)s") % {"day": f"{void.let_on.day} {void.let_on:%B %Y}"},
            url=reverse("lettings_portal:home", args=[void.ref]),
            steps=(
                Step(_("Viewing offered"), done=void.viewing_offered_on is not None, on=void.viewing_offered_on),
                Step(_("Signed up"), done=True, on=void.signed_on),
                Step(_("Moved in"), done=void.let_on <= today, on=void.let_on),
            ),
        )  # fmt: skip
