"""How the events core writes on every case read, in the reader's language (see
`hearth.core.timeline.register_summary`): the messages sent to residents."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from hearth.core.models import Channel
from hearth.core.timeline import EVERY_APP, register_summary


def _channel(code: str) -> str:
    # The outbox's channel names are stored in English; these are the same words to translate.
    return {
        Channel.EMAIL: _("Email"),
        Channel.SMS: _("Text message"),
        Channel.LETTER: _("Letter"),
    }[Channel(code)]


def message_queued(d: Mapping[str, Any]) -> str:
    return _("%(channel)s to %(name)s: %(subject)s") % {
        "channel": _channel(d["channel"]),
        "name": d["to"],
        "subject": d["subject"],
    }


register_summary(EVERY_APP, "message_queued", message_queued)
