"""The portal in Turkish. The translations are compiled by `make dev` (hearth/locale)."""

from __future__ import annotations

from django.urls import reverse

from hearth.tenancies.models import ContactPreference


def test_a_resident_who_prefers_turkish_reads_the_portal_in_turkish(client, resident):
    ContactPreference.objects.filter(person=resident.person).update(language="Turkish")
    client.force_login(resident)
    page = client.get(reverse("portal:home")).content.decode()
    assert '<html lang="tr"' in page
    assert "Eviniz" in page  # "Your home" in the navigation
    assert "Ana içeriğe geç" in page  # "Skip to main content"


def test_the_language_switcher_overrides_the_preference_on_this_device(client, resident):
    ContactPreference.objects.filter(person=resident.person).update(language="Turkish")
    client.force_login(resident)
    client.post(reverse("set_language"), {"language": "en-gb", "next": "/"})
    page = client.get(reverse("portal:home")).content.decode()
    assert '<html lang="en-gb"' in page
    assert "Your home" in page


def test_a_visitor_switches_the_survey_to_turkish(client, db):
    page = client.get(reverse("involvement_portal:suggest")).content.decode()
    assert '<html lang="en-gb"' in page and 'value="tr"' in page and "Türkçe" in page
    client.post(reverse("set_language"), {"language": "tr", "next": "/"})
    page = client.get(reverse("involvement_portal:suggest")).content.decode()
    assert '<html lang="tr"' in page
    assert "Öneride bulunun" in page
    assert 'lang="en-gb"' in page  # the way back to English is labelled in English


def test_a_resident_whose_language_has_no_translation_reads_english(client, resident):
    ContactPreference.objects.filter(person=resident.person).update(language="Somali")
    client.force_login(resident)
    assert '<html lang="en-gb"' in client.get(reverse("portal:home")).content.decode()
