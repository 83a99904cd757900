"""Estate officers' work on "my work" (inspections due, cleaning concerns and fly-tipping by due
date, ASB updates due, evidence waiting for review), the resident's "your requests" and their
block's card on the portal home.
Registered in NeighbourhoodConfig.ready()."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hearth.core import deadlines
from hearth.core.permissions import can
from hearth.core.portal_cards import PortalCard, register_portal_card
from hearth.core.requests import ResidentRequest, Step, register_request_source
from hearth.core.work import WorkItem, register_work_source, url_for
from hearth.neighbourhood import queries
from hearth.neighbourhood.capabilities import Cap

LIMIT = 200


def estate_work(user: Any, *, until: date) -> Iterator[WorkItem]:
    if not can(user, Cap.HANDLE_ESTATE_REPORTS):
        return
    # Only what an item shows of each row (and its block's and estate's names); each kind's
    # words and URL worked out once, not once a row.
    inspections = queries.inspections_due(until=until).only(
        "ref", "scheduled_on", "block__name", "block__estate__name"
    )
    title, case_type = _("Inspect %(block)s"), _("Estate inspection")
    url = url_for("neighbourhood:inspection")
    for inspection in inspections[:LIMIT]:
        yield WorkItem(
            title=title % {"block": inspection.block.name},
            url=url(inspection.ref),
            case_type=case_type,
            due=inspection.scheduled_on,
            state=deadlines.state(inspection.scheduled_on),
            detail=inspection.block.estate.name,
        )
    concerns = (
        queries.open_concerns().filter(due_on__lte=until).only("ref", "due_on", "block__name")
    )
    title, case_type = _("Answer cleaning concern %(ref)s"), _("Cleaning concern")
    url = url_for("neighbourhood:concern")
    for concern in concerns[:LIMIT]:
        yield WorkItem(
            title=title % {"ref": concern.ref},
            url=url(concern.ref),
            case_type=case_type,
            due=concern.due_on,
            state=deadlines.state(concern.due_on),
            detail=concern.block.name,
        )
    reports = (
        queries.open_flytipping()
        .filter(due_on__lte=until)
        .only("ref", "due_on", "location", "block__name")
    )
    title, case_type = _("Remove fly-tipping %(ref)s"), _("Fly-tipping")
    url = url_for("neighbourhood:flytipping")
    for report in reports[:LIMIT]:
        yield WorkItem(
            title=title % {"ref": report.ref},
            url=url(report.ref),
            case_type=case_type,
            due=report.due_on,
            state=deadlines.state(report.due_on),
            detail=f"{report.block.name}: {report.location}",
        )


def asb_work(user: Any, *, until: date) -> Iterator[WorkItem]:
    if not can(user, Cap.HANDLE_ASB):
        return
    # As for estate work: only what an item shows, each kind's words and URL worked out once.
    cases = queries.asb_updates_due(until=until, user=user).only(
        "ref", "next_update_due_on", "category"
    )
    title, case_type = _("Update the complainant on ASB case %(ref)s"), _("ASB update")
    url = url_for("neighbourhood:asb-update")
    for case in cases[:LIMIT]:
        assert case.next_update_due_on is not None
        yield WorkItem(
            title=title % {"ref": case.ref},
            url=url(case.ref),
            case_type=case_type,
            due=case.next_update_due_on,
            state=deadlines.state(case.next_update_due_on),
            detail=case.category,
        )
    evidence = queries.unreviewed_evidence(until=until).only("kind", "review_due_on", "case__ref")
    title, case_type = _("Review evidence on ASB case %(ref)s"), _("ASB evidence")
    url = url_for("neighbourhood:asb")
    for item in evidence[:LIMIT]:
        yield WorkItem(
            title=title % {"ref": item.case.ref},
            url=url(item.case.ref) + "#evidence",
            case_type=case_type,
            due=item.review_due_on,
            state=deadlines.state(item.review_due_on),
            detail=item.get_kind_display(),
        )


def resident_requests(user: Any) -> Iterator[ResidentRequest]:
    for concern in queries.concerns_for_resident(user).filter(responded_on__isnull=True):
        yield ResidentRequest(
            title=_("Cleaning concern: %(block)s") % {"block": concern.block.name},
            reference=concern.ref,
            kind=_("Cleaning concern"),
            opened_on=concern.received_on,
            promise=_("We will answer within 3 working days"),
            due=concern.due_on,
            state=deadlines.state(concern.due_on),
            status=_("We are looking into it"),
            url=reverse("neighbourhood_portal:concern", args=[concern.ref]),
            steps=(Step(_("Reported"), done=True, on=concern.received_on), Step(_("Answered"))),
        )
    for report in queries.flytipping_for_resident(user).filter(removed_on__isnull=True):
        yield ResidentRequest(
            title=_("Fly-tipping: %(where)s") % {"where": report.location},
            reference=report.ref,
            kind=_("Fly-tipping"),
            opened_on=report.received_on,
            promise=_("We will remove it within 3 working days"),
            due=report.due_on,
            state=deadlines.state(report.due_on),
            status=_("Waiting to be removed"),
            url=reverse("neighbourhood_portal:flytipping", args=[report.ref]),
            steps=(Step(_("Reported"), done=True, on=report.received_on), Step(_("Removed"))),
        )
    for case in queries.asb_for_resident(user).filter(closed_on__isnull=True):
        yield ResidentRequest(
            title=_("Antisocial behaviour report"),
            reference=case.ref,
            kind=_("Antisocial behaviour"),
            opened_on=case.opened_on,
            promise=_("We will update you at least every month"),
            due=case.next_update_due_on,
            status=_("Open"),
            url=reverse("neighbourhood_portal:asb", args=[case.ref]),
            steps=(Step(_("Reported"), done=True, on=case.opened_on), Step(_("Closed"))),
        )


def block_cards(user: Any) -> Iterator[PortalCard]:
    """A card on the resident's portal home for each block they live in: its inspections,
    cleaning schedule and the forms to report a problem are on the block's page."""
    for block in queries.blocks_for_resident(user):
        yield PortalCard(
            title=_("Your block: %(block)s") % {"block": block.name},
            url=reverse("neighbourhood_portal:block", args=[block.ref]),
            description=_("Inspections, the cleaning schedule, and how to report a problem."),
            order=50,
        )


def register() -> None:
    from hearth.core.navigation import NavItem, register_nav_item

    register_work_source(estate_work)
    register_work_source(asb_work)
    register_request_source(resident_requests)
    register_portal_card(block_cards)
    register_nav_item(
        NavItem(gettext_lazy("Estates"), "neighbourhood:queue", Cap.VIEW_ESTATE_SERVICES, order=60)  # type: ignore[arg-type]
    )
    register_nav_item(
        NavItem(gettext_lazy("ASB"), "neighbourhood:asb-list", Cap.HANDLE_ASB, order=61)  # type: ignore[arg-type]
    )
