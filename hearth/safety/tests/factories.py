from __future__ import annotations

from datetime import date

import factory

from hearth.safety.models import ConditionSurvey, SafetyCheck


class SafetyCheckFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SafetyCheck

    ref = factory.Sequence(lambda n: f"SC{n:05d}")
    kind = "gas"
    done_on = date(2025, 6, 1)
    next_due_on = date(2026, 6, 1)
    outcome = "satisfactory"


class ConditionSurveyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConditionSurvey

    ref = factory.Sequence(lambda n: f"CS{n:05d}")
    surveyed_on = date(2024, 5, 1)
    decent = True
