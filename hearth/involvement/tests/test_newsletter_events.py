"""The newsletter carries neighbourhood's community events (issue #12/#14): those published and
marked for the newsletter, starting in the three months from the issue date, go in the email,
the page and the PDF; sending is once per newsletter and person."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from hearth.involvement import newsletter_content, services
from hearth.neighbourhood import services as neighbourhood

pytestmark = pytest.mark.django_db


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


def _event(title: str, day: date, **extra):  # type: ignore[no-untyped-def]
    return neighbourhood.announce_event(
        title=title, description=f"About {title}.", starts_at=_at(day, 14), place="Community room",
        accessibility="Step-free access", actor=None, **extra,
    )  # fmt: skip


def test_community_events_in_the_next_three_months_go_in_the_emailed_newsletter(
    client, officer, tenancy
) -> None:
    _event("Fun day", date(2026, 12, 12))
    _event("Spring clean-up", date(2027, 3, 1))  # 90 days after 1 December: in
    _event("Summer fair", date(2027, 3, 15))  # beyond three months: out
    _event("Last month's quiz", date(2026, 11, 20))  # before the issue date: out
    hidden = _event("Staff-only planning", date(2026, 12, 15))
    hidden.in_newsletter = False
    hidden.save()
    newsletter = services.save_newsletter(
        title="Winter news", issue_date=date(2026, 12, 1), news="", events="", actor=officer,
        include_performance=False, include_you_said=False,
    )  # fmt: skip
    assert [e.title for e in newsletter_content.community_events(newsletter)] == ["Fun day", "Spring clean-up"]  # fmt: skip

    assert services.send_newsletter(newsletter=newsletter, on=date(2026, 12, 1), actor=officer) == 1
    [message] = tenancy.lead_tenant.messages.filter(purpose="newsletter")
    assert "Fun day: Saturday 12 December 2026, 2pm, Community room." in message.body
    assert "Access: Step-free access" in message.body
    assert "Summer fair" not in message.body and "Staff-only" not in message.body

    client.force_login(officer)
    page = client.get(reverse("involvement:newsletter", args=[newsletter.pk])).content.decode()
    assert "Fun day" in page and "Spring clean-up" in page and "Summer fair" not in page


def test_a_newsletter_can_leave_the_community_events_out(officer, tenancy) -> None:
    _event("Fun day", date(2026, 12, 12))
    newsletter = services.save_newsletter(
        title="Winter news", issue_date=date(2026, 12, 1), news="News", events="", actor=officer,
        include_performance=False, include_you_said=False, include_community_events=False,
    )  # fmt: skip
    services.send_newsletter(newsletter=newsletter, on=date(2026, 12, 1), actor=officer)
    [message] = tenancy.lead_tenant.messages.filter(purpose="newsletter")
    assert "Fun day" not in message.body
