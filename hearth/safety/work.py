"""What building safety puts on "My work": checks overdue and remedial actions overdue for the
compliance team (managers and repairs coordinators), and legal access referrals for the rent
and tenancy officers who deal with the household."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from hearth.accounts.models import Role
from hearth.core import formats
from hearth.core.deadlines import State
from hearth.core.notices import Notice
from hearth.core.permissions import can
from hearth.core.work import WorkItem, url_for
from hearth.safety import queries, rules
from hearth.safety.models import Kind
from hearth.safety.permissions import SafetyCan

# A bounded list: the dashboard has every one.
LIMIT = 200
OFFICER_ROLES = {Role.HOUSING_OFFICER, Role.INCOME_OFFICER, Role.MANAGER}


def safety_due(user: Any, *, until: date) -> Iterator[WorkItem]:
    """Overdue checks (which never drop off), the most overdue first, and overdue remedial
    actions."""
    if not can(user, SafetyCan.MANAGE_SAFETY):
        return
    today = timezone.localdate()
    shown = 0
    for check_type in queries.check_types():
        if shown >= LIMIT:
            break
        # The most overdue first (never checked before all), as the list stops at LIMIT.
        overdue = queries.drilldown(check_type, on=today, state="overdue").order_by(
            *queries.most_overdue_first(check_type, on=today)
        )
        home = check_type.applies_to == "home"
        # Only what an item shows (a home's address, a block's name), not whole rows with
        # their block and estate: a coordinator's list runs to hundreds of homes.
        label = "address" if home else "name"
        url = url_for("safety:home" if home else "safety:block")
        for row in overdue.values("pk", label, "due", "state")[: LIMIT - shown]:
            shown += 1
            yield WorkItem(
                title=f"{check_type.name}: {row[label]}",
                url=url(row["pk"]),
                case_type="Safety check",
                due=row["due"] or today,
                state=State.OVERDUE,
                detail="No access" if row["state"] == queries.NO_ACCESS else "",
            )
    # Only what an item shows: not the check, home and block `open_actions` brings with each.
    actions = (
        queries.open_actions()
        .filter(due_on__lte=until)
        .select_related(None)
        .only("ref", "description", "due_on", "mitigation")
    )
    url = url_for("safety:action")
    for action in actions[:LIMIT]:
        yield WorkItem(
            title=f"{action.ref}: {action.description[:80]}",
            url=url(action.ref),
            case_type="Remedial action",
            due=action.due_on,
            state=State.OVERDUE if action.due_on < today else State.DUE_TODAY,
            detail="" if action.mitigation else "Record an interim mitigation",
        )


def copies_owed(user: Any, *, until: date) -> Iterator[WorkItem]:
    """Gas safety records and EICRs whose tenant has no copy yet, due 28 days after the
    check (`rules.resident_copy_due`)."""
    if not can(user, SafetyCan.MANAGE_SAFETY):
        return
    today = timezone.localdate()
    kinds = {value: str(label).lower() for value, label in Kind.choices}
    owed = queries.copies_owed(on=today, until=until).values(
        "ref", "kind", "done_on", "home__address"
    )
    url = url_for("safety:check")
    for check in owed[:LIMIT]:
        due = rules.resident_copy_due(check["done_on"])
        yield WorkItem(
            title=f"Copy of {kinds[check['kind']]} record: {check['home__address']}",
            url=url(check["ref"]),
            case_type="Safety record copy",
            due=due,
            state=State.OVERDUE
            if due < today
            else (State.DUE_TODAY if due == today else State.DUE_SOON),
        )


def legal_access_escalations(user: Any, *, until: date) -> Iterator[WorkItem]:
    """Homes referred for legal access: the tenancy and rent officers need to know."""
    if getattr(user, "role", None) not in OFFICER_ROLES:
        return
    for case in queries.open_legal_access()[:LIMIT]:
        yield WorkItem(
            title=f"Legal access for {case.get_kind_display().lower()}: {case.home}",
            url=reverse("safety:home", args=[case.home_id]),
            case_type="Safety access",
            due=case.opened_on,
            state=State.OVERDUE,
            detail=case.reason[:120],
        )


def legal_access_notices(home_ids: Sequence[int]) -> Iterator[Notice]:
    """The same escalation on the tenancy page and the rent account of the home (through core's
    home notices, which those pages read)."""
    for case in queries.open_legal_access().filter(home_id__in=home_ids)[:LIMIT]:
        yield Notice(
            text=_("Referred for legal access for the %(kind)s check on %(day)s: %(reason)s")
            % {
                "kind": case.get_kind_display().lower(),
                "day": formats.day(case.opened_on),
                "reason": case.reason[:200],
            },
            url=reverse("safety:home", args=[case.home_id]),
            link_text=_("See the home's safety record"),
        )
