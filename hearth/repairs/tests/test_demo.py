from __future__ import annotations

from datetime import date, timedelta
from io import StringIO

from django.core.management import call_command
from django.db.models import Count, F

from hearth.core.measures import report
from hearth.repairs.models import Appointment, DampMould, Operative, Repair, Visit

TODAY = date(2026, 11, 25)  # a Wednesday


def test_the_demo_landlord_has_a_realistic_year_of_repairs(db):
    call_command("demo", "--homes", "300", "--today", TODAY.isoformat(), stdout=StringIO())
    repairs = Repair.objects.all()
    assert 400 <= repairs.count() <= 560
    priorities = dict(repairs.values_list("priority").annotate(n=Count("pk")))
    assert set(priorities) == {"emergency", "urgent", "routine", "planned"} or len(priorities) >= 3
    assert repairs.filter(status="completed", completed_at__date__gt=F("due_on")).exists()  # late
    assert repairs.filter(status="open", due_on__lt=TODAY).exists()  # overdue now
    assert repairs.filter(status="cancelled").exists()
    assert Visit.objects.filter(outcome="no_access").exists()
    multi = repairs.annotate(n=Count("visits")).filter(n__gte=2)
    assert multi.exists()
    assert DampMould.objects.exists() and repairs.filter(damp_or_mould=True).exists()
    assert Appointment.objects.filter(outcome="pending", date__gte=TODAY).exists()
    assert not Visit.objects.filter(visited_at__lt=F("repair__reported_at")).exists()
    assert Operative.objects.filter(user__username="operative").exists()
    assert Appointment.objects.filter(operative__username="operative", date=TODAY).exists()
    year = report(TODAY - timedelta(days=364), TODAY)["measures"]
    found = {m["id"]: m["value"] for m in year}
    for measure_id in ("RP02.emergency", "RP02.non_emergency", "repairs.first_visit_fix",
                       "repairs.appointments_offered", "repairs.appointments_kept",
                       "repairs.progress_updates"):  # fmt: skip
        assert found[measure_id] is not None and 50 <= found[measure_id] < 100, (measure_id, found)
