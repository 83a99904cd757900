"""Cautionary alerts: warnings for the safety of staff and contractors, on a person or a home,
shown first on every page about them. Each alert has a review date, so none outlives its reason
unchecked: reviews are due on My work. Events go on the person's or home's timeline and are
never shown to residents."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from hearth.core import timeline
from hearth.core.casework import Actor, actor_of
from hearth.estates.models import Home
from hearth.tenancies.models import CautionaryAlert, Person

CATEGORY_MAX_LENGTH = 60
TEXT_MAX_LENGTH = 2000
# An alert is reviewed at least once a year, so a review date further ahead is refused.
LONGEST_REVIEW = timedelta(days=366)


def clean_review_on(review_on: date | None) -> date:
    """A review date must be given, in the future and within a year."""
    today = timezone.localdate()
    if review_on is None:
        raise ValidationError(_("Enter the date the alert must be reviewed by"))
    if review_on <= today:
        raise ValidationError(_("The review date must be in the future"))
    if review_on > today + LONGEST_REVIEW:
        raise ValidationError(
            _("The review date must be within a year: alerts are reviewed yearly")
        )
    return review_on


def _check_review_on(review_on: date | None, errors: dict[str, Any]) -> None:
    try:
        clean_review_on(review_on)
    except ValidationError as error:
        errors["review_on"] = error


def _check_text(name: str, value: str, errors: dict[str, Any], empty: str) -> str:
    value = value.strip()
    if not value:
        errors[name] = empty
    elif len(value) > TEXT_MAX_LENGTH:
        errors[name] = _("This must be %(limit)s characters or fewer") % {"limit": TEXT_MAX_LENGTH}
    return value


def _subject(alert: CautionaryAlert) -> models.Model:
    return alert.person if alert.person_id else alert.home  # type: ignore[return-value]


def _when(day: date) -> str:
    return date_format(day, "j F Y")


def _open_alert(alert: CautionaryAlert) -> CautionaryAlert:
    alert = CautionaryAlert.objects.select_for_update().get(pk=alert.pk)
    if alert.ended_on is not None:
        raise ValidationError(_("This alert has already ended"))
    return alert


@transaction.atomic
def raise_alert(
    *,
    actor: Actor,
    category: str,
    reason: str,
    review_on: date | None,
    person: Person | None = None,
    home: Home | None = None,
) -> CautionaryAlert:
    """Raise an alert on a person or a home (exactly one). It needs a category, the reason
    staff must know, and a review date in the next year."""
    if (person is None) == (home is None):
        raise ValueError("An alert is on a person or a home")
    errors: dict[str, Any] = {}
    category = " ".join(category.split())
    if not category:
        errors["category"] = _("Enter the kind of alert, for example Verbal abuse")
    elif len(category) > CATEGORY_MAX_LENGTH:
        errors["category"] = _("The kind of alert must be %(limit)s characters or fewer") % {
            "limit": CATEGORY_MAX_LENGTH
        }
    reason = _check_text("reason", reason, errors, _("Enter what staff must know and do, and why"))
    _check_review_on(review_on, errors)
    if errors:
        raise ValidationError(errors)
    assert review_on is not None
    alert = CautionaryAlert.objects.create(
        person=person,
        home=home,
        category=category,
        reason=reason,
        review_on=review_on,
        raised_by=actor_of(actor),
    )
    timeline.record(
        _subject(alert),
        verb="alert_raised",
        summary=_("Cautionary alert raised: %(category)s. Review by %(review)s")
        % {"category": category, "review": _when(review_on)},
        actor=actor,
        details={"alert_id": alert.pk, "category": category, "review_on": review_on.isoformat()},
    )
    return alert


@transaction.atomic
def review_alert(
    *, alert: CautionaryAlert, actor: Actor, review_on: date | None, note: str
) -> CautionaryAlert:
    """Record that an alert was checked and is still needed: a note of what was checked and the
    next review date (in the next year)."""
    alert = _open_alert(alert)
    errors: dict[str, Any] = {}
    note = _check_text("note", note, errors, _("Enter what you checked and why the alert stays"))
    _check_review_on(review_on, errors)
    if errors:
        raise ValidationError(errors)
    assert review_on is not None
    previous = alert.review_on
    alert.review_on = review_on
    alert.save(update_fields=["review_on"])
    timeline.record(
        _subject(alert),
        verb="alert_reviewed",
        summary=(
            _("Cautionary alert reviewed: %(category)s. Next review by %(review)s. %(note)s")
            % {"category": alert.category, "review": _when(review_on), "note": note}
        )[:500],
        actor=actor,
        details={
            "alert_id": alert.pk,
            "note": note,
            "review_on": review_on.isoformat(),
            "previous_review_on": previous.isoformat(),
        },
    )
    return alert


@transaction.atomic
def end_alert(*, alert: CautionaryAlert, actor: Actor, note: str) -> CautionaryAlert:
    """End an alert that is no longer needed, saying why. It stops being shown today."""
    alert = _open_alert(alert)
    errors: dict[str, Any] = {}
    note = _check_text("note", note, errors, _("Enter why the alert is no longer needed"))
    if errors:
        raise ValidationError(errors)
    alert.ended_on = timezone.localdate()
    alert.save(update_fields=["ended_on"])
    timeline.record(
        _subject(alert),
        verb="alert_ended",
        summary=(
            _("Cautionary alert ended: %(category)s. %(note)s")
            % {"category": alert.category, "note": note}
        )[:500],
        actor=actor,
        details={"alert_id": alert.pk, "note": note},
    )
    return alert
