"""The words of a message: plain-English templates per purpose and channel, rendered in the
resident's language when Hearth offers it.

Templates live under `notifications/` in any app's templates folder:

- `<purpose>.subject.txt`: one line, the email subject or the letter heading (required);
- `<purpose>.<channel>.txt` for `email`, `sms` and `letter`, or `<purpose>.txt` for all three;
- `<language>/<purpose>.<channel>.txt` (e.g. `cy/welcome.sms.txt`) to word a language's
  version yourself; otherwise the English template is rendered with that language active.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.template import Context, TemplateDoesNotExist, engines
from django.utils import translation


class UnknownPurpose(ValueError):
    """No template says what to write for this purpose and channel."""


@dataclass(frozen=True)
class Rendered:
    subject: str
    body: str


def resolve_language(requested: str) -> str:
    """The language code to write in: the one asked for if it is one of settings.LANGUAGES
    (matched by code, e.g. "cy", or by name, e.g. "Welsh"), otherwise the site's default."""
    wanted = requested.strip().lower()
    if wanted:
        for code, name in settings.LANGUAGES:
            primary = code.lower().split("-")[0]
            if wanted in (code.lower(), primary, str(name).lower()):
                return code
    return settings.LANGUAGE_CODE


def _candidates(language: str, names: list[str]) -> list[str]:
    prefixes = [f"notifications/{language}/"]
    primary = language.split("-")[0]
    if primary != language:
        prefixes.append(f"notifications/{primary}/")
    prefixes.append("notifications/")
    return [prefix + name for name in names for prefix in prefixes]


def _render(names: list[str], context: dict[str, Any]) -> str:
    engine = engines["django"].engine  # type: ignore[attr-defined]
    template = engine.select_template(names)
    # Plain text: escaping HTML would put "&#x27;" into a resident's text message.
    return str(template.render(Context(context, autoescape=False)))


def _tidy(text: str) -> str:
    lines = [line.rstrip() for line in text.strip().splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines))


def render(*, purpose: str, channel: str, language: str, context: dict[str, Any]) -> Rendered:
    """Render the subject and body for a purpose on a channel, with `language` active."""
    if not re.fullmatch(r"[a-z][a-z0-9_]*", purpose):
        raise UnknownPurpose(f"{purpose!r} is not a valid message purpose")
    with translation.override(language):
        try:
            subject = _render(_candidates(language, [f"{purpose}.subject.txt"]), context)
            body = _render(
                _candidates(language, [f"{purpose}.{channel}.txt", f"{purpose}.txt"]), context
            )
        except TemplateDoesNotExist as error:
            raise UnknownPurpose(
                f"No notification template for purpose {purpose!r} on channel {channel!r}"
            ) from error
    return Rendered(subject=" ".join(subject.split())[:200], body=_tidy(body))
