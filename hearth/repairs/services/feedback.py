"""The one satisfaction question asked after a repair is completed."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from hearth.core import timeline
from hearth.core.casework import Actor, actor_of
from hearth.repairs.models import (
    Repair,
    ReportChannel,
    Satisfaction,
    SatisfactionAnswer,
    Status,
)


@transaction.atomic
def record_satisfaction(
    *,
    repair: Repair,
    actor: Actor,
    answer: str,
    comment: str = "",
    channel: str = ReportChannel.PORTAL,
) -> SatisfactionAnswer:
    """Keep the resident's answer (once per repair) for the involvement measures."""
    if repair.status != Status.COMPLETED:
        raise ValidationError(_("You can tell us what you thought once the repair is done"))
    if answer not in Satisfaction.values:
        raise ValidationError({"answer": _("Select how satisfied you are with the repair")})
    try:
        with transaction.atomic():
            saved = SatisfactionAnswer.objects.create(
                repair_id=repair.pk,
                answer=answer,
                comment=comment.strip()[:2000],
                channel=channel,
                recorded_by=actor_of(actor),
            )
    except IntegrityError:
        raise ValidationError(
            _("We already have an answer about this repair. Thank you.")
        ) from None
    timeline.record(
        repair,
        verb="satisfaction_recorded",
        summary=_("Satisfaction: %(a)s") % {"a": Satisfaction(answer).label},
        actor=actor,
        details={"answer": answer, "comment": saved.comment},
        visible_to_resident=True,
    )
    return saved
