"""Support needs: what a person needs from us because of a disability, their health, age or
circumstances. They are confidential. Only some roles see them and every showing is logged, so
the timeline events written here say only that a need was recorded, changed or ended, never
what it is, and residents do not see them. Row history keeps the content for auditors."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hearth.core import timeline
from hearth.core.casework import Actor
from hearth.tenancies.models import Person, SupportNeed

DESCRIPTION_MAX_LENGTH = 1000


def _check(*, kind: str, description: str, review_on: date | None, check_review: bool) -> str:
    """The description, trimmed; raises ValidationError naming every field that is wrong."""
    description = description.strip()
    errors: dict[str, str] = {}
    if kind not in SupportNeed.Kind.values:
        errors["kind"] = _("Choose the kind of support need")
    if not description:
        errors["description"] = _("Describe the support need and what staff should do")
    elif len(description) > DESCRIPTION_MAX_LENGTH:
        errors["description"] = _("The description must be %(limit)s characters or fewer") % {
            "limit": DESCRIPTION_MAX_LENGTH
        }
    if check_review and review_on is not None and review_on <= timezone.localdate():
        errors["review_on"] = _("The review date must be in the future")
    if errors:
        raise ValidationError(errors)
    return description


def _record(person: Person, *, verb: str, summary: str, actor: Actor, need_id: int) -> None:
    timeline.record(
        person,
        verb=verb,
        summary=summary,
        actor=actor,
        details={"support_need_id": need_id},
        visible_to_resident=False,
    )


@transaction.atomic
def add_support_need(
    *, person: Person, actor: Actor, kind: str, description: str, review_on: date | None = None
) -> SupportNeed:
    """Record a support need. A review date, if given, must be in the future."""
    description = _check(kind=kind, description=description, review_on=review_on, check_review=True)
    need = SupportNeed.objects.create(
        person=person, kind=kind, description=description, review_on=review_on
    )
    _record(
        person,
        verb="support_need_added",
        summary=_("Support need recorded"),
        actor=actor,
        need_id=need.pk,
    )
    return need


@transaction.atomic
def change_support_need(
    *, need: SupportNeed, actor: Actor, kind: str, description: str, review_on: date | None
) -> SupportNeed:
    """Change a support need's kind, description or review date. A new review date must be in
    the future; one left as it was may have passed (the need is overdue for review)."""
    need = SupportNeed.objects.select_for_update().get(pk=need.pk)
    description = _check(
        kind=kind,
        description=description,
        review_on=review_on,
        check_review=review_on != need.review_on,
    )
    changed = [
        name
        for name, value in (("kind", kind), ("description", description), ("review_on", review_on))
        if getattr(need, name) != value
    ]
    if not changed:
        return need
    need.kind, need.description, need.review_on = kind, description, review_on
    need.save(update_fields=changed)
    _record(
        need.person,
        verb="support_need_changed",
        summary=_("Support need changed"),
        actor=actor,
        need_id=need.pk,
    )
    return need


@transaction.atomic
def end_support_need(*, need: SupportNeed, actor: Actor) -> None:
    """End a support need that no longer applies. It stops being shown to anyone; row history
    keeps what it said and when it ended."""
    need = SupportNeed.objects.select_for_update().select_related("person").get(pk=need.pk)
    person, need_id = need.person, need.pk
    need.delete()
    _record(
        person,
        verb="support_need_ended",
        summary=_("Support need ended"),
        actor=actor,
        need_id=need_id,
    )
