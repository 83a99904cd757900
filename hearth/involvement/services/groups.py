"""Ways to get involved: groups (panels, TRAs, scrutiny, walkabouts), scrutiny reviews with
their action plans, follow-up actions, and residents' register of interest."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hearth.core import timeline
from hearth.core.casework import Actor
from hearth.involvement.models import (
    FollowUpAction,
    GroupKind,
    Interest,
    InvolvementGroup,
    ScrutinyReview,
    SpotCheck,
)
from hearth.tenancies.models import Person

WAYS = (*GroupKind.values, "surveys")
METHODS = ("online", "phone", "in_person", "large_print", "language")


@transaction.atomic
def create_group(
    *, name: str, kind: str, description: str, meets: str, actor: Actor
) -> InvolvementGroup:
    if kind not in GroupKind.values:
        raise ValidationError({"kind": _("Choose the kind of group")})
    group = InvolvementGroup.objects.create(
        name=name.strip(), kind=kind, description=description.strip(), meets=meets.strip()
    )
    timeline.record(group, verb="created", summary=_("Group set up"), actor=actor)
    return group


@transaction.atomic
def start_review(
    *, title: str, scope: str, started_on: date, actor: Actor, group: InvolvementGroup | None = None
) -> ScrutinyReview:
    if not scope.strip():
        raise ValidationError({"scope": _("Enter what the review will look at")})
    review = ScrutinyReview.objects.create(
        title=title.strip(), scope=scope.strip(), started_on=started_on, group=group
    )
    timeline.record(review, verb="started", summary=_("Scrutiny review started"), actor=actor)
    return review


@transaction.atomic
def report_review(
    *, review: ScrutinyReview, report: str, reported_on: date, actor: Actor
) -> ScrutinyReview:
    review = ScrutinyReview.objects.select_for_update().get(pk=review.pk)
    if not report.strip():
        raise ValidationError({"report": _("Enter the review's findings and recommendations")})
    review.report, review.reported_on = report.strip(), reported_on
    review.save(update_fields=["report", "reported_on"])
    timeline.record(review, verb="reported", summary=_("Review reported"), actor=actor)
    return review


@transaction.atomic
def add_action(
    *,
    description: str,
    owner: str,
    due_on: date,
    actor: Actor,
    spot_check: SpotCheck | None = None,
    review: ScrutinyReview | None = None,
) -> FollowUpAction:
    """An action a spot check or a review's action plan asks for, tracked to completion."""
    if (spot_check is None) == (review is None):
        raise ValueError("An action belongs to one spot check or one review")
    if not description.strip():
        raise ValidationError({"description": _("Enter what needs to be done")})
    action = FollowUpAction.objects.create(
        description=description.strip(),
        owner=owner.strip(),
        due_on=due_on,
        spot_check=spot_check,
        review=review,
    )
    case = spot_check or review
    assert case is not None
    timeline.record(
        case, verb="action_added", summary=_("Action: %(a)s") % {"a": action}, actor=actor
    )
    return action


@transaction.atomic
def complete_action(*, action: FollowUpAction, done_on: date, actor: Actor) -> FollowUpAction:
    action = FollowUpAction.objects.select_for_update().get(pk=action.pk)
    if action.done_on is not None:
        raise ValidationError(_("This action is already done"))
    action.done_on = done_on
    action.save(update_fields=["done_on"])
    case = action.spot_check or action.review
    assert case is not None
    timeline.record(
        case, verb="action_done", summary=_("Action done: %(a)s") % {"a": action}, actor=actor
    )
    return action


@transaction.atomic
def record_interest(
    *,
    person: Person,
    ways: Iterable[str],
    methods: Iterable[str],
    language: str,
    actor: Actor,
    diversity_consent: bool = False,
    age_band: str = "",
    ethnicity: str = "",
    disabled: str = "",
) -> Interest:
    """A resident's register of interest, with the methods they prefer. Diversity data is kept
    only with their consent; without it, anything held before is wiped."""
    ways, methods = [w for w in ways if w in WAYS], [m for m in methods if m in METHODS]
    if not ways:
        raise ValidationError({"ways": _("Select at least one way you would like to take part")})
    if "language" in methods and not language.strip():
        raise ValidationError({"language": _("Enter the language you would like us to use")})
    if not diversity_consent:
        age_band = ethnicity = disabled = ""
    interest, _created = Interest.objects.update_or_create(
        person=person,
        defaults={
            "ways": ways,
            "methods": methods,
            "language": language.strip() if "language" in methods else "",
            "registered_on": timezone.localdate(),
            "diversity_consent": diversity_consent,
            "age_band": age_band,
            "ethnicity": ethnicity,
            "disabled": disabled,
        },
    )
    timeline.record(
        interest,
        verb="registered",
        summary=_("Register of interest updated"),
        actor=actor,
        visible_to_resident=True,
    )
    return interest
