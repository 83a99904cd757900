"""What residents see of the rent review: next year's rent beside this year's from the day
their notice goes out, with the benefit reminder, and the change on its date in their
statement."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from hearth.accounts.models import Role
from hearth.accounts.tests.factories import UserFactory
from hearth.rents.queries import statement
from hearth.rents.queries_review import with_rate_changes
from hearth.rents.services import review as reviews
from hearth.rents.services.accounts import account_for
from hearth.rents.services.debit_run import post_week
from hearth.rents.tests.factories import pretend_today

pytestmark = pytest.mark.django_db
D = Decimal


def approved_review(manager):  # type: ignore[no-untyped-def]
    second = UserFactory(username="manager2", role=Role.MANAGER)
    review = reviews.create_review(rent_year=2027, september_cpi=D("3.8"), actor=manager)
    reviews.submit_review(review=review, actor=manager)
    return reviews.approve_review(review=review, actor=second)


def test_next_years_rent_shows_from_the_day_the_notice_goes_out(
    client, resident, tenancy, manager, monkeypatch
):
    # The factory home charges £120.50 rent and £8.25 service charge a week.
    review = approved_review(manager)
    pretend_today(monkeypatch, date(2027, 1, 29))
    client.force_login(resident)
    page = client.get(reverse("rents_portal:account")).content.decode()
    assert "Your rent from 5 April 2027" not in page

    pretend_today(monkeypatch, date(2027, 2, 1))
    reviews.send_notices(review=review, actor=manager)
    page = client.get(reverse("rents_portal:account")).content.decode()
    assert "Your rent from 5 April 2027" in page
    assert "We sent you a notice of variation on 1 February 2027" in page
    # 120.50 x 1.048 = 126.284, rounded down: £126.28; with £8.25 service charge, £134.53.
    assert '£120.50</td><td class="govuk-table__cell govuk-table__cell--numeric">£126.28' in page
    assert "£134.53" in page
    assert (
        "report a change of circumstances on or after 5 April 2027 (not before) and by 2 May 2027"
        in page
    )

    pretend_today(monkeypatch, date(2027, 4, 5))  # the new rent is now this year's
    page = client.get(reverse("rents_portal:account")).content.decode()
    assert "Your rent from 5 April 2027" not in page


def test_another_resident_never_sees_someone_elses_new_rent(
    client, tenancy, other_resident, manager, monkeypatch
):
    review = approved_review(manager)
    pretend_today(monkeypatch, date(2027, 2, 1))
    reviews.send_notices(review=review, actor=manager)
    client.force_login(other_resident)
    assert client.get(reverse("rents_portal:account") + f"?tenancy={tenancy.pk}").status_code == 404
    assert tenancy.home.address not in client.get(reverse("rents_portal:account")).content.decode()


def test_the_statement_shows_the_change_on_its_date(tenancy, manager, monkeypatch):
    review = approved_review(manager)
    pretend_today(monkeypatch, date(2027, 2, 1))
    reviews.send_notices(review=review, actor=manager)
    post_week(week_commencing=date(2027, 3, 29))
    post_week(week_commencing=date(2027, 4, 5))
    account = account_for(tenancy)
    lines = with_rate_changes(statement(account, date(2027, 3, 29), date(2027, 4, 11)))
    assert [(line.date, line.kind, line.charge) for line in lines] == [
        (date(2027, 3, 29), "Rent", D("120.50")),
        (date(2027, 3, 29), "Service charge", D("8.25")),
        (date(2027, 4, 5), "Rate change", None),
        (date(2027, 4, 5), "Rent", D("126.28")),
        (date(2027, 4, 5), "Service charge", D("8.25")),
    ]
    assert lines[2].description == (
        "Weekly charge changes from 5 April 2027: "
        "rent £120.50 to £126.28, service charge £8.25 to £8.25"
    )
    assert lines[2].description.endswith("rent £120.50 to £126.28, service charge £8.25 to £8.25")
    assert lines[2].balance == D("128.75")
