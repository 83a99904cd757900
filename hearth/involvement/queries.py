"""Reads other pages need: how many answered and the response rate beside every satisfaction
figure, the weighted figures beside the unweighted ones, and the suggestion box's lists."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Max, Min, Q, QuerySet

from hearth.core.measures import Period, Scope
from hearth.involvement import tsm
from hearth.involvement.models import (
    Answer,
    Invitation,
    Response,
    Suggestion,
    SurveyChannel,
    TsmSurvey,
)
from hearth.tenancies.models import Tenancy, Tenure

SURVEY_MEASURES = tsm.CODES


@dataclass(frozen=True)
class Participation:
    """Responses dated in the period, and the response rate of the survey rounds they answered
    (responses to those rounds ÷ households invited to them)."""

    responses: int
    invited: int
    answered_invitations: int

    @property
    def response_rate(self) -> float | None:
        if not self.invited:
            return None
        return float(
            (Decimal(self.answered_invitations) * 100 / self.invited).quantize(
                Decimal("0.1"), rounding=ROUND_HALF_UP
            )
        )


def participation(period: Period, scope: Scope | None = None) -> Participation:
    """Responses dated in the period and the response rate of their rounds, counting only the
    households of one estate or block when `scope` is given."""
    in_period = Response.objects.filter(answered_on__gte=period.start, answered_on__lte=period.end)
    invited_to = Invitation.objects.filter(survey_id__in=in_period.values("survey_id"))
    if scope is not None:
        in_period = scope.filter(in_period, "tenancy__home__block")
        invited_to = scope.filter(invited_to, "tenancy__home__block")
    invited = invited_to.aggregate(
        invited=Count("pk"), answered=Count("pk", filter=Q(response__isnull=False))
    )
    return Participation(
        responses=in_period.count(),
        invited=invited["invited"],
        answered_invitations=invited["answered"],
    )


def is_survey_measure(measure_id: str) -> bool:
    return measure_id in SURVEY_MEASURES


@dataclass(frozen=True)
class Weighted:
    question: str
    value: float | None
    strata: int


def _round1(value: Decimal) -> float:
    return float(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def weighted_results(period: Period) -> dict[str, Weighted]:
    """Each TP figure weighted by estate, as the survey requirements allow (weighting to the
    known make-up of the tenant population): each estate's satisfaction counts in proportion to
    its share of current social-rent tenancies at the period's end, not its share of answers.
    Estates with no valid answer to a question are left out and the others' shares rescaled."""
    population = dict(
        Tenancy.objects.current_on(period.end)
        .exclude(tenure=Tenure.LEASEHOLD)
        .values_list("home__block__estate_id")
        .annotate(n=Count("pk"))
        .values_list("home__block__estate_id", "n")
    )
    rows = (
        Answer.objects.filter(
            response__answered_on__gte=period.start, response__answered_on__lte=period.end
        )
        .exclude(answer__in=tsm.NOT_VALID)
        .values("question", "response__tenancy__home__block__estate_id")
        .annotate(valid=Count("pk"), positive=Count("pk", filter=Q(answer__in=tsm.POSITIVE)))
    )
    cells: dict[str, list[tuple[int, int, int]]] = {}
    for row in rows:
        estate = row["response__tenancy__home__block__estate_id"]
        weight = population.get(estate, 0)
        cells.setdefault(row["question"], []).append((weight, row["positive"], row["valid"]))
    results: dict[str, Weighted] = {}
    for code in tsm.CODES:
        strata = [(w, p, v) for w, p, v in cells.get(code, []) if w and v]
        total = sum(w for w, _p, _v in strata)
        value = (
            _round1(sum((Decimal(w) * p / v for w, p, v in strata), Decimal(0)) * 100 / total)
            if total
            else None
        )
        results[code] = Weighted(code, value, len(strata))
    return results


def surveys() -> QuerySet[TsmSurvey]:
    return TsmSurvey.objects.annotate(
        invited=Count("invitations", distinct=True), answered=Count("responses", distinct=True)
    )


def published_suggestions() -> QuerySet[Suggestion]:
    return Suggestion.objects.filter(published=True).order_by("-answered_on", "-pk")


def suggestions_for(person_id: int | None) -> QuerySet[Suggestion]:
    if person_id is None:
        return Suggestion.objects.none()
    return Suggestion.objects.filter(person_id=person_id)


def open_invitation(person_id: int | None, on: date) -> Invitation | None:
    if person_id is None:
        return None
    return (
        Invitation.objects.filter(
            person_id=person_id,
            response__isnull=True,
            survey__opens_on__lte=on,
            survey__closes_on__gte=on,
        )
        .order_by("-invited_on")
        .first()
    )


def channel_counts(period: Period) -> dict[str, int]:
    """Responses dated in the period by how they were given (labels as staff read them)."""
    labels = dict(SurveyChannel.choices)
    return {
        str(labels.get(row["channel"], row["channel"])): row["n"]
        for row in Response.objects.filter(
            answered_on__gte=period.start, answered_on__lte=period.end
        )
        .values("channel")
        .annotate(n=Count("pk"))
        .order_by("channel")
    }


def fieldwork_dates(period: Period) -> tuple[date | None, date | None]:
    found = Response.objects.filter(
        answered_on__gte=period.start, answered_on__lte=period.end
    ).aggregate(first=Min("answered_on"), last=Max("answered_on"))
    return found["first"], found["last"]


def participation_between(start: date, end: date) -> Participation:
    return participation(Period(start, end))


def year_in_numbers(start: date, end: date) -> dict[str, int]:
    """Involvement over a year, for the annual report."""
    from hearth.involvement.models import (
        FollowUpAction,
        Interest,
        InvolvementGroup,
        Newsletter,
        QuestionnaireResponse,
        ScrutinyReview,
        SpotCheck,
    )

    suggestions = Suggestion.objects.filter(received_on__gte=start, received_on__lte=end)
    return {
        "suggestions": suggestions.count(),
        "suggestions_published": suggestions.filter(published=True).count(),
        "tsm_responses": Response.objects.filter(
            answered_on__gte=start, answered_on__lte=end
        ).count(),
        "other_survey_responses": QuestionnaireResponse.objects.filter(
            answered_on__gte=start, answered_on__lte=end
        ).count(),
        "spot_checks": SpotCheck.objects.filter(checked_on__gte=start, checked_on__lte=end).count(),
        "actions_done": FollowUpAction.objects.filter(done_on__gte=start, done_on__lte=end).count(),
        "reviews": ScrutinyReview.objects.filter(started_on__lte=end).count(),
        "groups": InvolvementGroup.objects.filter(active=True).count(),
        "registered": Interest.objects.count(),
        "newsletters": Newsletter.objects.filter(sent_on__gte=start, sent_on__lte=end).count(),
    }
