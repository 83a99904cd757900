"""Resident-facing words are plain: no jargon from the maintained list, and a Flesch reading
ease of 60 or more, for every resident page and message of involvement and performance (the
public performance page, surveys, suggestions, newsletters and their notifications). Reading
ease says little about a heading or a subject line, so it is checked on texts of 10 words or
more."""

from __future__ import annotations

from pathlib import Path

import pytest

from hearth.involvement.plain_english import jargon_in, reading_ease, template_text

APPS = Path(__file__).resolve().parents[2]
RESIDENT_TEMPLATES = sorted(
    [
        *(APPS / "involvement" / "templates" / "involvement" / "portal").glob("*.html"),
        *(APPS / "involvement" / "templates" / "notifications").glob("*.txt"),
        *(APPS / "performance" / "templates" / "performance" / "portal").glob("*.html"),
    ]
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
    assert len(RESIDENT_TEMPLATES) >= 15


@pytest.mark.parametrize("path", RESIDENT_TEMPLATES, ids=lambda p: p.name)
def test_resident_words_are_plain(path):
    text = template_text(path.read_text(encoding="utf-8"))
    assert jargon_in(text) == [], f"{path.name}: jargon"
    if len(text.split()) < 10:
        return
    ease = reading_ease(text)
    assert ease is None or ease >= 60, f"{path.name}: reading ease {ease:.0f}: {text[:200]}"
