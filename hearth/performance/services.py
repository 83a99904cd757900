"""Every write in performance: the text on the public page saying what we are doing where a
standard falls short."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from hearth.core import timeline
from hearth.core.casework import Actor
from hearth.performance.models import StandardNote


@transaction.atomic
def save_standard_note(*, standard: str, text: str, actor: Actor) -> StandardNote:
    note, _created = StandardNote.objects.select_for_update().get_or_create(standard=standard)
    if note.text != text.strip():
        note.text = text.strip()
        note.updated_by = actor
        note.save()
        timeline.record(note, verb="edited", summary=_("Public text changed"), actor=actor)
    return note
