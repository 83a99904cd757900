# ruff: noqa: RUF001  (Turkish text: its dotless i is meant)
"""Messages to residents in Turkish (issue #14): a resident whose contact preferences say
Turkish is written to in Turkish, letters included, for every message of the core, neighbourhood,
involvement, complaints, repairs, rents, safety and lettings apps; a message not yet worded in
Turkish falls back to English."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from hearth.core.models import Landlord
from hearth.core.notifications_render import render

pytestmark = pytest.mark.django_db
APPS = Path(__file__).resolve().parents[2]
TRANSLATED_APPS = (
    "core",
    "neighbourhood",
    "involvement",
    "complaints",
    "repairs",
    "rents",
    "safety",
    "lettings",
)


def _purposes(app: str) -> set[str]:
    folder = APPS / app / "templates" / "notifications"
    return {
        path.name.split(".")[0]
        for path in folder.glob("*.txt")
        if not path.name.startswith("_") and not path.name.split(".")[0].endswith("_staff")
    }


@pytest.mark.parametrize("app", TRANSLATED_APPS)
def test_every_resident_message_of_the_app_has_a_turkish_wording(app: str) -> None:
    folder = APPS / app / "templates" / "notifications"
    turkish = {path.name.split(".")[0] for path in (folder / "tr").glob("*.txt")}
    assert _purposes(app) - turkish == set()


def test_a_turkish_letter_has_turkish_words_dates_and_contact_lines() -> None:
    landlord = Landlord.current()
    landlord.name, landlord.phone, landlord.email = (
        "Clapton Konut",
        "020 7946 0000",
        "bilgi@example.org",
    )
    landlord.save()
    from hearth.neighbourhood.tests.factories import FlyTipReportFactory

    report = FlyTipReportFactory(location="Çöp odası", removed_on=date(2026, 2, 24))
    letter = render(purpose="flytipping_removed", channel="letter", language="tr", context={
        "name": "Ayşe Yılmaz", "report": report, "case_ref": report.ref, "landlord": landlord,
    })  # fmt: skip
    assert letter.subject == f"Bildirdiğiniz çöpleri kaldırdık ({report.ref})"
    assert letter.body.startswith("Sayın Ayşe Yılmaz,")
    assert "24 Şubat 2026 Salı" in letter.body  # Turkish month and day names
    assert "Telefon: 020 7946 0000" in letter.body and "E-posta: bilgi@example.org" in letter.body
    english = render(purpose="flytipping_removed", channel="letter", language="en-gb", context={
        "name": "Ann", "report": report, "case_ref": report.ref, "landlord": landlord,
    })  # fmt: skip
    assert english.body.startswith("Dear Ann,") and "Phone: 020 7946 0000" in english.body


def test_a_resident_who_prefers_turkish_is_told_in_turkish(officer) -> None:
    from hearth.core.models import Message
    from hearth.neighbourhood import services
    from hearth.tenancies.tests.factories import ContactPreferenceFactory, PersonFactory

    ayse = PersonFactory(full_name="Ayşe Yılmaz", email="ayse@example.org")
    ContactPreferenceFactory(person=ayse, channel="email", language="Turkish")
    case = services.open_asb_case(category="Gürültü", description="Müzik", channel="phone", actor=None, complainant=ayse)  # fmt: skip
    services.send_asb_update(case=case, message="Komşunuzu ziyaret ettik.", actor=officer)
    message = Message.objects.filter(person=ayse, purpose="asb_update").get()
    assert message.language == "tr"
    assert message.subject == f"{case.ref} numaralı antisosyal davranış vakanızla ilgili bilgi"
    assert (
        message.body.startswith("Sayın Ayşe Yılmaz,") and "Komşunuzu ziyaret ettik." in message.body
    )
