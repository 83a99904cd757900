from __future__ import annotations

from datetime import date

import factory

from hearth.estates.tests.factories import BlockFactory
from hearth.neighbourhood import rules
from hearth.neighbourhood.models import (
    AsbCase,
    CleaningConcern,
    CleaningTask,
    FlyTipReport,
    Inspection,
)


class InspectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Inspection

    ref = factory.Sequence(lambda n: f"INS-{n:05d}")
    block = factory.SubFactory(BlockFactory)
    scheduled_on = date(2026, 1, 15)


class CleaningTaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CleaningTask

    block = factory.SubFactory(BlockFactory)
    task = factory.Sequence(lambda n: f"Sweep and mop stairwell {n}")
    frequency = "weekly"
    weekday = 1


class CleaningConcernFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CleaningConcern

    ref = factory.Sequence(lambda n: f"CC-{n:05d}")
    block = factory.SubFactory(BlockFactory)
    received_on = date(2026, 1, 15)
    due_on = factory.LazyAttribute(lambda o: rules.cleaning_response_due(o.received_on))
    channel = "phone"
    description = "The stairs were not mopped"


class FlyTipReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FlyTipReport

    ref = factory.Sequence(lambda n: f"FT-{n:05d}")
    block = factory.SubFactory(BlockFactory)
    received_on = date(2026, 1, 15)
    due_on = factory.LazyAttribute(lambda o: rules.flytipping_removal_due(o.received_on))
    channel = "phone"
    location = "By the bin store"


class AsbCaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AsbCase

    ref = factory.Sequence(lambda n: f"ASB-{n:05d}")
    opened_on = date(2026, 1, 15)
    category = "Noise"
    channel = "phone"
    triage = "asb"
