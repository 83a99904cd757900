"""The demo has a realistic year of empty homes and lettings, and its measures move."""

from __future__ import annotations

from datetime import date, timedelta
from io import StringIO

from django.core.management import call_command

from hearth.core import measures
from hearth.lettings.models import LettingStandardInspection, Offer, Stage, Void

TODAY = date(2026, 11, 26)


def test_the_demo_has_a_realistic_year_of_voids(db):
    call_command("demo", "--homes", "1000", "--today", TODAY.isoformat(), stdout=StringIO())
    voids = Void.objects.all()
    let = voids.filter(let_on__isnull=False)
    assert let.count() >= 20
    assert not let.filter(let_on__gt=TODAY).exists()
    assert not let.filter(let_on__lt=TODAY - timedelta(days=365)).exists()
    minor, major = let.filter(works_type="minor").count(), let.filter(works_type="major").count()
    assert 0 < major < minor
    assert voids.filter(let_on__isnull=True).exclude(stage=Stage.LET).exists()
    assert Offer.objects.filter(status="refused").count() == 1
    assert LettingStandardInspection.objects.filter(passed=False).count() == 1
    assert voids.filter(owner__isnull=False).count() == voids.count()
    year = measures.report(TODAY - timedelta(days=364), TODAY, only=[
        "voids.average_relet_days", "voids.average_relet_days_major", "voids.rent_lost",
        "lettings.letting_standard_met", "lettings.viewing_offered",
    ])  # fmt: skip
    by_id = {m["id"]: m for m in year["measures"]}
    relet = by_id["voids.average_relet_days"]["value"]
    assert 15 <= relet <= 35
    assert by_id["voids.average_relet_days_major"]["value"] > relet
    # Slow ones: some minor voids miss the 21-day target, not all (the gaps between
    # tenancies come from the tenancies demo, 10 to 45 days).
    days = [(v.let_on - v.previous_tenancy_end).days for v in let.filter(works_type="minor")]
    slow = [d for d in days if d > 21]
    assert 0 < len(slow) < len(days)
    assert 0 < by_id["voids.rent_lost"]["value"] < 5
    assert by_id["lettings.letting_standard_met"]["value"] == 100.0
    assert 90 <= by_id["lettings.viewing_offered"]["value"] <= 100
