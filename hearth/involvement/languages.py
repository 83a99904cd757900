"""Residents read the portal in their own language: the one they chose with the language
switcher on this device, otherwise the language in their contact preferences (when Hearth has
a translation for it), otherwise English."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation

from hearth.core.notifications_render import resolve_language


def preferred_language(user: object) -> str | None:
    """The code of a resident's preferred language if Hearth offers it (e.g. "Turkish" is
    "tr"); None for staff, visitors, and languages Hearth has no translation for."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_resident", False):
        return None
    person = getattr(user, "person", None)
    preference = getattr(person, "contact_preference", None) if person is not None else None
    wanted = getattr(preference, "language", "") or ""
    if not wanted.strip():
        return None
    code = resolve_language(wanted)
    offered = {c for c, _name in settings.LANGUAGES}
    return code if code in offered and code != settings.LANGUAGE_CODE else None


class PreferredLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES:
            code = preferred_language(getattr(request, "user", None))
            if code:
                translation.activate(code)
                request.LANGUAGE_CODE = code
        return self.get_response(request)
