"""Resident-facing words are plain: no jargon from the maintained list, and a Flesch reading
ease of 60 or more, for every resident page and message of every app: each app's portal
templates (`templates/<app>/portal/`), the portal's own pages, the public error pages, and every
message to residents (`templates/notifications/`, email, text and letter). Reading ease says
little about a heading or a subject line, so it is checked on texts of 10 words or more."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hearth.involvement.plain_english import jargon_in, reading_ease, template_text

APPS = Path(__file__).resolve().parents[2]
RESIDENT_TEMPLATES = sorted(
    {
        *APPS.glob("*/templates/*/portal/**/*.html"),
        *APPS.glob("*/templates/notifications/*.txt"),
        *(APPS / "portal" / "templates" / "portal").glob("*.html"),
        *(APPS / "templates").glob("4*.html"),
    }
)


def test_reading_ease_on_hand_worked_sentences():
    # "The cat sat on the mat." 6 words, 1 sentence, 6 syllables:
    # 206.835 - 1.015 x 6 - 84.6 x 1 = 116.145
    assert round(reading_ease("The cat sat on the mat."), 3) == 116.145
    assert reading_ease("") is None


def test_jargon_is_found_as_whole_words():
    assert jargon_in("We will utilise the void.") == ["utilise", "void"]
    assert jargon_in("Avoid the voidance") == []


def test_there_are_resident_templates_to_read():
    apps = {path.relative_to(APPS).parts[0] for path in RESIDENT_TEMPLATES}
    # Every app that speaks to residents, not just two.
    assert {"complaints", "core", "involvement", "lettings", "neighbourhood", "performance",
            "portal", "rents", "repairs", "safety"} <= apps  # fmt: skip
    assert len(RESIDENT_TEMPLATES) >= 150


@pytest.mark.parametrize("path", RESIDENT_TEMPLATES, ids=lambda p: str(p.relative_to(APPS)))
def test_resident_words_are_plain(path):
    text = template_text(path.read_text(encoding="utf-8"))
    assert jargon_in(text) == [], f"{path.relative_to(APPS)}: jargon"
    if len(text.split()) < 10:
        return
    ease = reading_ease(text)
    assert ease is None or ease >= 60, (
        f"{path.relative_to(APPS)}: reading ease {ease:.0f}: {text[:200]}"
    )


def test_a_heading_list_item_or_button_ends_a_sentence():
    text = template_text(
        '<h1>{% translate "Your block" %}</h1><ul><li>Inspections</li><li>Cleaning</li></ul>'
    )
    assert text == "Your block. Inspections. Cleaning."


# The words residents read that live in Python: flash messages and form labels, hints and
# errors on the resident pages (`portal_views.py`, `portal_forms.py` of every app, and the
# portal's own views and forms).
_GETTEXT = re.compile(r"""_\(\s*((?:"[^"\\]*"\s*)+)""")
RESIDENT_MODULES = sorted(
    {
        *APPS.glob("*/portal_views.py"),
        *APPS.glob("*/portal_forms.py"),
        APPS / "portal" / "views.py",
        APPS / "portal" / "forms.py",
    }
)
RESIDENT_MESSAGES = sorted(
    {
        (str(path.relative_to(APPS)), " ".join(re.findall(r'"([^"]*)"', match)))
        for path in RESIDENT_MODULES
        for match in _GETTEXT.findall(path.read_text(encoding="utf-8"))
    }
)


def test_every_app_with_resident_pages_has_its_messages_read():
    apps = {where.split("/")[0] for where, _text in RESIDENT_MESSAGES}
    assert {"complaints", "involvement", "neighbourhood", "portal", "repairs"} <= apps
    assert len(RESIDENT_MESSAGES) >= 100


@pytest.mark.parametrize("where,message", RESIDENT_MESSAGES, ids=lambda v: str(v)[:60])
def test_resident_messages_are_plain(where, message):
    text = re.sub(r"%\(\w+\)[sd]", "it", message)
    assert jargon_in(text) == [], f"{where}: jargon in {message!r}"
    if len(text.split()) < 10:
        return
    ease = reading_ease(text)
    assert ease is None or ease >= 60, f"{where}: reading ease {ease:.0f}: {message}"
