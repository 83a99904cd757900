"""The resident's pages after the walk-through in issue #15: a card for each service on the home
page, Complaints in the top menu, the date we will reply to a complaint, a running balance on
the payments table, a message for a statement that cannot be made, and a favicon."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from hearth.complaints.portal_views import SENT
from hearth.complaints.tests.factories import ComplaintFactory
from hearth.rents.models import Kind
from hearth.rents.services.accounts import account_for
from hearth.rents.tests.factories import post

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]


def _cells(row: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td.*?</td>", row, re.S)]


def test_the_home_page_has_a_card_for_rent_repairs_complaints_and_requests(
    client: Client, resident: Any
) -> None:
    client.force_login(resident)

    html = client.get(reverse("portal:home")).content.decode()
    cards = html[html.index('id="your-services"') :]
    cards = cards[: cards.index("</ul>")]

    for url_name in (
        "rents_portal:account",
        "repairs_portal:list",
        "complaints_portal:list",
        "portal:your-requests",
    ):
        assert f'href="{reverse(url_name)}"' in cards, url_name


def test_complaints_are_in_the_top_menu(client: Client, resident: Any) -> None:
    client.force_login(resident)

    html = client.get(reverse("portal:your-requests")).content.decode()
    menu = html[html.index("govuk-service-navigation") :]

    assert f'href="{reverse("complaints_portal:list")}"' in menu[: menu.index("</nav>")]


def test_complaint_sent_says_the_date_we_will_reply_by(client: Client) -> None:
    # Received Monday 2 June 2025: acknowledged within 5 working days (by Monday 9 June), and
    # answered within 10 working days of that: Monday 23 June 2025.
    complaint = ComplaintFactory(received_on=date(2025, 6, 2))
    session = client.session
    session[SENT] = complaint.ref
    session.save()

    html = client.get(reverse("complaints_portal:sent")).content.decode()

    assert "We will reply to your complaint by 23 June 2025." in html
    assert "By 9 June 2025 we will write to you" in html


def test_the_payments_table_has_a_running_balance(
    client: Client, resident: Any, tenancy: Any
) -> None:
    account = account_for(tenancy)
    today = timezone.localdate()
    post(account, today - timedelta(days=14), Kind.RENT, "100.00")
    post(account, today - timedelta(days=10), Kind.PAYMENT_CASH, "-60.00")
    post(account, today - timedelta(days=7), Kind.RENT, "100.00")
    post(account, today - timedelta(days=3), Kind.PAYMENT_CASH, "-30.00")
    client.force_login(resident)

    html = client.get(reverse("rents_portal:account")).content.decode()
    table = html[html.index("Payments and charges") :]
    body = table[table.index("<tbody") : table.index("</tbody>")]
    balances = [_cells(row)[-1] for row in re.findall(r"<tr.*?</tr>", body, re.S)]

    # Newest first: 100 - 60 + 100 - 30 = 110 after the last payment, and so back.
    assert balances == ["£110.00", "£140.00", "£40.00", "£100.00"]


@pytest.mark.parametrize(
    "query",
    ["from=2025-05-01&to=2025-04-01", "from=2025-02-30&to=2025-04-01", "from=yesterday"],
)
def test_a_statement_that_cannot_be_made_gets_a_message(
    client: Client, resident: Any, tenancy: Any, query: str
) -> None:
    account_for(tenancy)
    client.force_login(resident)

    response = client.get(reverse("rents_portal:statement") + "?" + query)

    assert response.status_code == 400
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert "Choose one of the periods below." in html


def test_there_is_a_favicon(client: Client) -> None:
    response = client.get("/favicon.ico")

    assert response.status_code == 301
    assert response["Location"].endswith("/favicon.svg")


def test_the_trackers_step_labels_use_the_page_font() -> None:
    scss = (ROOT / "frontend" / "hearth.scss").read_text(encoding="utf-8")
    rule = scss[scss.index(".hearth-timeline__item {") :]
    rule = rule[: rule.index("}")]

    assert "@include govuk-font(" in rule
