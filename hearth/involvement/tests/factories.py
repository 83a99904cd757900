from __future__ import annotations

from datetime import date

import factory

from hearth.involvement.models import Answer, Response, TsmSurvey


class SurveyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TsmSurvey

    title = "Tenant satisfaction survey 2025 to 2026"
    year_start = date(2025, 4, 1)
    year_end = date(2026, 3, 31)
    opens_on = date(2025, 4, 1)
    closes_on = date(2026, 3, 31)
    expected_response_rate = 30


def respond(survey: TsmSurvey, on: date, tenancy=None, **answers: str) -> Response:  # type: ignore[no-untyped-def]
    """A response with the given answers (TP01="very_satisfied", ...), filters all yes."""
    response = Response.objects.create(
        survey=survey,
        tenancy=tenancy,
        answered_on=on,
        channel="email",
        had_repair=True,
        made_complaint=True,
        has_communal_areas=True,
    )
    for code, answer in answers.items():
        Answer.objects.create(response=response, question=code, answer=answer)
    return response
