"""A subject access export: everything Hearth holds about one person, as a ZIP of a PDF
summary and one CSV per kind of record.

Each app says what it holds about a person in its own `subject_access.py`, found
automatically, so a new domain is covered by registering:

    @subject_access.source
    def repairs(person) -> Iterable[Part]:
        rows = Repair.objects.filter(reporter=person)
        yield Part("repairs", "Repairs", ["ref", "reported at", ...], [[r.ref, ...] for r in rows],
                   cases=list(rows))

A part's `cases` are the records whose timeline and contact log belong in the export too:
after every source has given its parts, each `follower` (the timeline here; the contact log in
`contacts`) is asked for its parts about those cases. A source leaves out what it holds about
other people (an ASB case's alleged perpetrators, say) and leaves those cases out of `cases`
when their timelines would speak of others.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.template.loader import render_to_string
from django.utils import timezone

from hearth.core import formats, timeline
from hearth.core.actors import Actor
from hearth.core.models import Landlord, Message, TimelineEvent
from hearth.core.registry import Registry
from hearth.core.spreadsheets import escape_formula


@dataclass
class Part:
    """One CSV in the export: `name` is its file name (without `.csv`)."""

    name: str
    title: str
    columns: Sequence[str]
    rows: list[Sequence[Any]]
    cases: Sequence[models.Model] = field(default_factory=list)


Source = Callable[[Any], Iterable[Part]]
Follower = Callable[[Sequence[models.Model]], Iterable[Part]]

sources: Registry[Source] = Registry("subject access sources", discover="subject_access")
followers: Registry[Follower] = Registry("subject access followers", discover="subject_access")


# Which models' rows each source and follower exports ("repairs.Repair" → the source's dotted
# name). tests/security/test_subject_access_coverage.py walks every model with a foreign key
# to a person, an account or a tenancy and fails unless it is covered here or left out there
# with a reason.
covered: dict[str, str] = {}


def _declare(func: Any, covers: Iterable[type[models.Model]]) -> None:
    for model in covers:
        covered[model._meta.label] = f"{func.__module__}.{func.__qualname__}"


def source(func: Source | None = None, *, covers: Iterable[type[models.Model]] = ()) -> Any:
    """Register a source (`@source`, or `@source(covers=[Repair, RepairPhoto])` to say which
    models' rows it exports)."""

    def register(found: Source) -> Source:
        _declare(found, covers)
        return sources.register(found)

    return register(func) if func is not None else register


def follower(func: Follower | None = None, *, covers: Iterable[type[models.Model]] = ()) -> Any:
    """Register a follower, like `source`."""

    def register(found: Follower) -> Follower:
        _declare(found, covers)
        return followers.register(found)

    return register(func) if func is not None else register


def coverage() -> dict[str, str]:
    """Every covered model (after importing each app's `subject_access`)."""
    list(sources)
    list(followers)
    return dict(covered)


def cell(value: Any) -> str:
    """A value as the CSV shows it: dates as ISO dates, money as pounds and pence, and text made
    inert for spreadsheets."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return escape_formula(str(value))


def parts_for(person: Any) -> list[Part]:
    """Every part every app holds about `person`, then its cases' timelines and contact log."""
    parts = [part for found in sources for part in found(person)]
    cases = [case for part in parts for case in part.cases]
    parts += [part for follow in followers for part in follow(cases)]
    return [part for part in parts if part.rows or part.name == "person"]


def _csv(part: Part) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(part.columns)
    writer.writerows([cell(value) for value in row] for row in part.rows)
    return out.getvalue().encode("utf-8-sig")


def _summary_pdf(person: Any, parts: Sequence[Part]) -> bytes:
    from weasyprint import HTML  # slow to import; only PDFs need it

    html = render_to_string(
        "core/pdf/subject_access.html",
        {
            "landlord": Landlord.current(),
            "person": person,
            "parts": parts,
            "made_at": formats.moment(timezone.now()),
        },
    )
    return bytes(HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf())


def export(person: Any, *, actor: Actor) -> bytes:
    """The ZIP for `person`: `summary.pdf` and a CSV per part. Making it is written on the
    person's timeline (who made it, when, and what it held)."""
    parts = parts_for(person)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("summary.pdf", _summary_pdf(person, parts))
        for part in parts:
            archive.writestr(f"{part.name}.csv", _csv(part))
    timeline.record(
        person,
        verb="subject_access_export",
        summary="Everything held about them was exported (subject access)",
        actor=actor,
        details={"files": [part.name for part in parts]},
    )
    return buffer.getvalue()


# Core's own records: the messages sent to the person, and the timelines of their cases.


@source(covers=[Message])
def messages(person: Any) -> Iterable[Part]:
    rows = Message.objects.filter(person_id=person.pk).order_by("created_at", "pk")
    yield Part(
        "messages",
        "Messages sent",
        ["created at", "channel", "to", "subject", "message", "status", "sent at"],
        [
            [m.created_at, m.get_channel_display(), m.to_address, m.subject, m.body,
             m.get_status_display(), m.sent_at]
            for m in rows
        ],
    )  # fmt: skip


@follower(covers=[TimelineEvent])
def timelines(cases: Sequence[models.Model]) -> Iterable[Part]:
    rows: list[Sequence[Any]] = []
    for case in cases:
        for event in timeline.events_for(case).order_by("occurred_at", "pk"):
            rows.append([_case_name(case), event.occurred_at, event.summary])
    yield Part("timeline", "Timeline of their cases", ["case", "when", "what happened"], rows)


def _case_name(case: models.Model) -> str:
    ref = getattr(case, "ref", "") or case.pk
    return f"{case._meta.verbose_name} {ref}"
