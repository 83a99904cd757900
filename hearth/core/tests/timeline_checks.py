"""Checks for domains' tests of their registered timeline summaries."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.test import Client
from django.utils import translation

from hearth.core.models import TimelineEvent
from hearth.core.timeline import summary_of


def assert_english_reads_as_stored(events: Iterable[TimelineEvent], verbs: set[str]) -> None:
    """Every one of `verbs` happened among `events`, and in English every event reads as the
    service stored it: a registered summary says the same words, given the event's details."""
    events = list(events)
    assert verbs <= {event.verb for event in events}, verbs - {event.verb for event in events}
    with translation.override("en-gb"):
        for event in events:
            assert summary_of(event) == event.summary, event.verb


def page_in(client: Client, user: Any, url: str, language: str) -> str:
    """The page at `url` as `user` reads it with `language` chosen on the switcher. The test's
    own language is kept (the request activates the page's for the rest of the thread)."""
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    with translation.override(translation.get_language()):
        return client.get(url).content.decode()
