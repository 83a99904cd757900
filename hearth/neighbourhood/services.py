"""Every write for neighbourhood and community: one function per state change, keyword-only,
atomic, with an explicit actor, each writing the case's timeline (and telling the resident
through the outbox where the standard says they should hear)."""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from hearth.core import timeline, uploads
from hearth.core.casework import Actor, Address, ContactLog, actor_of, lock, tell_resident
from hearth.core.deadlines import local_date
from hearth.neighbourhood import rules
from hearth.neighbourhood.models import (
    ActionKind,
    AsbAction,
    AsbActionKind,
    AsbCase,
    AsbCaseRead,
    AsbEvidence,
    AsbIncident,
    AsbParty,
    Channel,
    ChecklistItem,
    CleaningConcern,
    CleaningTask,
    CommunityEvent,
    EventResponse,
    FlyTipPhoto,
    FlyTipReport,
    FlyTipStatus,
    Improvement,
    ImprovementStatus,
    IncidentSource,
    Inspection,
    InspectionAction,
    InspectionGrade,
    InspectionNoticeRequest,
    NeighbourhoodSettings,
    PartyRole,
    ResponseKind,
    Risk,
    Satisfaction,
    Triage,
    UpdateFrequency,
    WalkaboutSignup,
)

_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
MAX_TEXT = 2000


def new_ref(prefix: str) -> str:
    return f"{prefix}-" + "".join(secrets.choice(_ALPHABET) for _ in range(7))


def _create_with_ref(model: type[models.Model], prefix: str, **fields: Any) -> Any:
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return model._default_manager.create(ref=new_ref(prefix), **fields)
        except IntegrityError:
            continue
    raise RuntimeError(f"Could not find a free {prefix} reference")


def _text(value: str, field: str, message: str, errors: dict[str, str]) -> str:
    value = (value or "").strip()
    if not value:
        errors[field] = message
    elif len(value) > MAX_TEXT:
        errors[field] = _("This must be %(n)s characters or fewer") % {"n": MAX_TEXT}
    return value


def _long_date(day: date) -> str:
    return date_format(day, "l j F Y")


# Settings and the checklist -------------------------------------------------------------------


@transaction.atomic
def set_notice_days(*, days: int, actor: Actor) -> NeighbourhoodSettings:
    """How many days ahead inspections are published to residents: 7 or 14."""
    if days not in rules.NOTICE_DAY_CHOICES:
        raise ValidationError({"days": _("Choose 7 or 14 days")})
    current = NeighbourhoodSettings.current()
    current.notice_days = days
    current.save(update_fields=["notice_days"])
    timeline.record(current, verb="settings_changed", summary=_("Inspection notice set to %(d)s days") % {"d": days}, actor=actor)  # fmt: skip
    return current


def checklist() -> list[ChecklistItem]:
    """The active checklist, with the standard lines created the first time it is asked for."""
    if not ChecklistItem.objects.exists():
        ChecklistItem.objects.bulk_create(
            ChecklistItem(key=key, label=label, order=n * 10, **_photo_standard(key))
            for n, (key, label) in enumerate(rules.CHECKLIST, start=1)
        )
    return list(ChecklistItem.objects.filter(active=True))


def _photo_standard(key: str) -> dict[str, str]:
    """The standard photo standard of a standard checklist line (none for the landlord's own)."""
    if key not in rules.PHOTO_STANDARDS:
        return {}
    a, b, c, d, example = rules.PHOTO_STANDARDS[key]
    return {"standard_a": a, "standard_b": b, "standard_c": c, "standard_d": d, "example_photo": example}  # fmt: skip


@transaction.atomic
def add_checklist_item(
    *, key: str, label: str, actor: Actor, photo_standard: str = "",
    standards: dict[str, str] | None = None, example_photo: str = "",
) -> ChecklistItem:  # fmt: skip
    """Add or change a checklist line with its photo standard: `standards` maps grades A-D to
    what each looks like; `example_photo` describes (or gives the path of) the example photo."""
    checklist()
    standards = {k.upper(): v.strip()[:300] for k, v in (standards or {}).items()}
    item, _created = ChecklistItem.objects.update_or_create(
        key=key,
        defaults={
            "label": label, "photo_standard": photo_standard, "active": True,
            "example_photo": example_photo.strip()[:300],
            **{f"standard_{g.lower()}": standards.get(g, "") for g in ("A", "B", "C", "D")},
        },
    )  # fmt: skip
    timeline.record(item, verb="checklist_item_saved", summary=_("Checklist line saved: %(l)s") % {"l": label}, actor=actor)  # fmt: skip
    return item


# Estate inspections ---------------------------------------------------------------------------


def _inspection_ref(block: Any, day: date) -> str:
    return f"INS-{block.ref}-{day:%Y%m%d}"


@transaction.atomic
def schedule_inspections(
    *, block: Any, first: date, actor: Actor, months: int = 12, start_time: Any = None,
    meeting_point: str = "",
) -> list[Inspection]:  # fmt: skip
    """A monthly inspection of the block for a year ahead (dates already scheduled are kept)."""
    dates = rules.monthly_inspection_dates(first, months)
    taken = set(
        Inspection.objects.filter(block=block, scheduled_on__in=dates).values_list(
            "scheduled_on", flat=True
        )
    )
    created = Inspection.objects.bulk_create(
        Inspection(
            ref=_inspection_ref(block, day),
            block=block,
            scheduled_on=day,
            start_time=start_time,
            meeting_point=meeting_point.strip(),
        )
        for day in dates
        if day not in taken
    )
    created = list(Inspection.objects.filter(block=block, scheduled_on__in=dates))
    timeline.record_many(
        timeline.Event(
            case=inspection,
            verb="inspection_scheduled",
            summary=_("Inspection scheduled for %(d)s")
            % {"d": _long_date(inspection.scheduled_on)},
            actor=actor,
        )
        for inspection in created
        if inspection.scheduled_on not in taken
    )
    return created


def schedule_ahead(*, today: date, actor: Actor = None) -> int:
    """Keep every block's monthly inspections scheduled a year ahead: a block whose last
    scheduled inspection is less than eleven months away gets the next twelve, on the same day
    of the month as its last one (a block with none starts next month on the 15th)."""
    from hearth.estates.models import Block

    latest = dict(
        Inspection.objects.order_by()
        .values("block_id")
        .annotate(last=models.Max("scheduled_on"))
        .values_list("block_id", "last")
    )
    horizon = today + timedelta(days=335)
    made = 0
    for block in Block.objects.order_by("pk"):
        last = latest.get(block.pk)
        if last is not None and last >= horizon:
            continue
        if last is None:
            year, month = divmod(today.month, 12)
            first = date(today.year + year, month + 1, 15)
        else:
            first = rules.one_month_after(last)
        if first <= today:
            first = today + timedelta(days=7)
        made += len(schedule_inspections(block=block, first=first, actor=actor))
    return made


@transaction.atomic
def reschedule_inspection(*, inspection: Inspection, day: date, actor: Actor) -> Inspection:
    """Move an inspection; its publication starts again (residents must be told the new date)."""
    inspection = lock(inspection)
    if inspection.completed_on:
        raise ValidationError({"day": _("This inspection has been done")})
    old = inspection.scheduled_on
    inspection.scheduled_on = day
    inspection.published_on = None
    inspection.save(update_fields=["scheduled_on", "published_on"])
    timeline.record(inspection, verb="inspection_rescheduled", summary=_("Moved from %(a)s to %(b)s") % {"a": _long_date(old), "b": _long_date(day)}, actor=actor, visible_to_resident=True)  # fmt: skip
    return inspection


@transaction.atomic
def publish_inspection(
    *, inspection: Inspection, actor: Actor, on: date | None = None
) -> Inspection:
    """Publish the date to residents: on the block's page and calendar feed, and by message to
    each resident who asked to be told."""
    inspection = lock(inspection)
    on = on or timezone.localdate()
    if inspection.completed_on:
        raise ValidationError({"on": _("This inspection has been done")})
    if on > inspection.scheduled_on:
        raise ValidationError({"on": _("The date it was published must be before the inspection")})
    inspection.published_on = on
    inspection.save(update_fields=["published_on"])
    timeline.record(inspection, verb="inspection_published", summary=_("Date published to residents"), actor=actor, visible_to_resident=True)  # fmt: skip
    requests = InspectionNoticeRequest.objects.filter(block_id=inspection.block_id).select_related(
        "person"
    )
    for request in requests:
        tell_resident(
            case=inspection,
            purpose="inspection_notice",
            idempotency_key=f"inspection:{inspection.pk}:{inspection.scheduled_on}:notice:{request.person_id}",
            actor=actor,
            contact=None,
            person=request.person,
            context={"inspection": inspection, "block": inspection.block},
        )
    return inspection


@transaction.atomic
def publish_due_inspections(*, today: date, actor: Actor = None) -> int:
    """Publish every inspection whose notice period starts today or earlier (the sweep)."""
    days = NeighbourhoodSettings.current().notice_days
    due = Inspection.objects.filter(
        published_on__isnull=True, completed_on__isnull=True, scheduled_on__gt=today
    )
    count = 0
    for inspection in due.select_related("block"):
        if rules.publication_due(inspection.scheduled_on, days) <= today:
            publish_inspection(inspection=inspection, actor=actor, on=today)
            count += 1
    return count


@transaction.atomic
def ask_for_inspection_notices(*, block: Any, person: Any, actor: Actor) -> InspectionNoticeRequest:
    request, created = InspectionNoticeRequest.objects.get_or_create(block=block, person=person)
    if created:
        timeline.record(request, verb="notices_requested", summary=_("Asked to be told of inspections of %(b)s") % {"b": block}, actor=actor)  # fmt: skip
    return request


@transaction.atomic
def sign_up_for_walkabout(*, inspection: Inspection, person: Any, actor: Actor) -> WalkaboutSignup:
    """A resident joins the inspection walkabout."""
    if inspection.completed_on or inspection.scheduled_on < timezone.localdate():
        raise ValidationError({"inspection": _("This inspection has already taken place")})
    signup, created = WalkaboutSignup.objects.get_or_create(inspection=inspection, person=person)
    if created:
        timeline.record(inspection, verb="walkabout_signup", summary=_("%(p)s will join the walkabout") % {"p": person}, actor=actor)  # fmt: skip
    return signup


def open_actions_before(inspection: Inspection) -> list[InspectionAction]:
    """Actions still open from the block's last completed inspection (checked first)."""
    last = (
        Inspection.objects.filter(block_id=inspection.block_id, completed_on__isnull=False)
        .exclude(pk=inspection.pk)
        .filter(scheduled_on__lte=inspection.scheduled_on)
        .order_by("-completed_on")
        .first()
    )
    if last is None:
        return []
    return list(last.actions.filter(closed_on__isnull=True).select_related("item"))


@transaction.atomic
def record_inspection(
    *,
    inspection: Inspection,
    grades: Mapping[str, str],
    actor: Actor,
    on: date | None = None,
    notes: Mapping[str, str] | None = None,
    summary: str = "",
    actions_checked: Mapping[int, bool] | None = None,
) -> Inspection:
    """Record the inspection: a grade A-D for each checklist line (by key), the block's score
    and overall grade worked out from them, and each open action from the last inspection
    checked (True: done, so it is closed)."""
    inspection = lock(inspection)
    on = on or timezone.localdate()
    items = {item.key: item for item in checklist()}
    errors: dict[str, str] = {}
    for key, item in items.items():
        if grades.get(key) not in ("A", "B", "C", "D"):
            errors[f"grade_{key}"] = _("Choose a grade for %(item)s") % {"item": item.label.lower()}
    if on > timezone.localdate():
        errors["on"] = _("The date of the inspection must be today or in the past")
    if errors:
        raise ValidationError(errors)
    notes = notes or {}
    InspectionGrade.objects.filter(inspection=inspection).delete()
    InspectionGrade.objects.bulk_create(
        InspectionGrade(
            inspection=inspection, item=item, grade=grades[key], note=notes.get(key, "")[:500]
        )
        for key, item in items.items()
    )
    score = rules.overall_score(grades[key] for key in items)
    inspection.score = score
    inspection.grade = rules.overall_grade(score)
    inspection.completed_on = on
    inspection.notes = summary.strip()
    inspection.inspector = actor_of(actor)
    inspection.save()
    for action in open_actions_before(inspection):
        done = (actions_checked or {}).get(action.pk)
        if done is None:
            continue
        action.checked_on = on
        if done:
            action.closed_on = on
        action.save(update_fields=["checked_on", "closed_on"])
    timeline.record(inspection, verb="inspection_done", summary=_("Inspected: grade %(g)s, score %(s)s") % {"g": inspection.grade, "s": score}, actor=actor, details={"grades": dict(grades)})  # fmt: skip
    return inspection


@transaction.atomic
def raise_defect(
    *,
    inspection: Inspection,
    kind: str,
    description: str,
    actor: Actor,
    item: ChecklistItem | None = None,
    photo: Any = None,
    location: str = "",
) -> InspectionAction:
    """Turn a defect found on an inspection into a communal repair, a cleaning concern or a
    fly-tipping report in one step, with its photo attached."""
    errors: dict[str, str] = {}
    description = _text(description, "description", _("Describe the defect"), errors)
    if kind not in ActionKind.values:
        errors["kind"] = _("Choose what this defect needs")
    if errors:
        raise ValidationError(errors)
    case_ref = ""
    block = inspection.block
    if kind == ActionKind.REPAIR:
        from hearth.repairs import services as repairs

        photos = [repairs.accept_photo(upload=photo, actor=actor)] if photo else []
        repair = repairs.raise_repair(
            actor=actor,
            description=description,
            channel="in_person",
            block=block,
            location=location or (item.label if item else ""),
            photos=photos,
        )
        case_ref = repair.ref
    elif kind == ActionKind.CLEANING:
        concern = report_cleaning_concern(
            block=block, description=description, channel=Channel.INSPECTION, actor=actor,
            photo=photo,
        )  # fmt: skip
        case_ref = concern.ref
    elif kind == ActionKind.FLYTIPPING:
        report = report_flytipping(
            block=block, location=location or _("Found on the estate inspection"),
            description=description, channel=Channel.INSPECTION, actor=actor,
            photos=[photo] if photo else [],
        )  # fmt: skip
        case_ref = report.ref
    action = InspectionAction.objects.create(
        inspection=inspection, item=item, kind=kind, description=description, case_ref=case_ref,
        photo=photo if kind in (ActionKind.OTHER,) and photo else "",
    )  # fmt: skip
    timeline.record(inspection, verb="defect_raised", summary=_("%(k)s raised: %(d)s %(r)s") % {"k": ActionKind(kind).label, "d": description[:120], "r": case_ref}, actor=actor)  # fmt: skip
    return action


@transaction.atomic
def close_action(
    *, action: InspectionAction, actor: Actor, on: date | None = None
) -> InspectionAction:
    action.closed_on = on or timezone.localdate()
    action.save(update_fields=["closed_on"])
    timeline.record(action.inspection, verb="action_closed", summary=_("Action closed: %(d)s") % {"d": action.description[:120]}, actor=actor)  # fmt: skip
    return action


@transaction.atomic
def publish_results(*, inspection: Inspection, actor: Actor, on: date | None = None) -> Inspection:
    inspection = lock(inspection)
    if not inspection.completed_on:
        raise ValidationError({"inspection": _("Record the inspection before publishing results")})
    inspection.results_published_on = on or timezone.localdate()
    inspection.save(update_fields=["results_published_on"])
    timeline.record(inspection, verb="results_published", summary=_("Results published on the block's page"), actor=actor, visible_to_resident=True)  # fmt: skip
    return inspection


# Cleaning schedules and concerns --------------------------------------------------------------


@transaction.atomic
def save_cleaning_task(
    *, block: Any, task: str, frequency: str, actor: Actor, weekday: int | None = None
) -> CleaningTask:
    """Add or change a line of the block's schedule. A changed schedule needs a new poster, so
    the block's displayed date is cleared until it goes up."""
    errors: dict[str, str] = {}
    task = _text(task, "task", _("Say what is cleaned"), errors)
    if frequency not in ("daily", "weekly", "fortnightly", "monthly"):
        errors["frequency"] = _("Choose how often")
    if weekday is not None and weekday not in range(7):
        errors["weekday"] = _("Choose a day of the week")
    if frequency in ("weekly", "fortnightly") and weekday is None:
        errors["weekday"] = _("Choose the day of the week it is done")
    if errors:
        raise ValidationError(errors)
    line, _created = CleaningTask.objects.update_or_create(
        block=block, task=task, defaults={"frequency": frequency, "weekday": weekday}
    )
    CleaningTask.objects.filter(block=block).update(displayed_on=None)
    timeline.record(line, verb="cleaning_task_saved", summary=_("Cleaning schedule: %(t)s") % {"t": task}, actor=actor)  # fmt: skip
    return line


@transaction.atomic
def remove_cleaning_task(*, task: CleaningTask, actor: Actor) -> None:
    block_id = task.block_id
    timeline.record(task, verb="cleaning_task_removed", summary=_("Removed from the schedule: %(t)s") % {"t": task.task}, actor=actor)  # fmt: skip
    task.delete()
    CleaningTask.objects.filter(block_id=block_id).update(displayed_on=None)


@transaction.atomic
def record_poster_displayed(*, block: Any, on: date, actor: Actor) -> int:
    """The cleaning schedule poster went up in the block on `on`."""
    if on > timezone.localdate():
        raise ValidationError({"on": _("The date must be today or in the past")})
    tasks = CleaningTask.objects.filter(block=block)
    if not tasks.exists():
        raise ValidationError({"on": _("The block has no cleaning schedule yet")})
    count = tasks.update(displayed_on=on)
    first = tasks.first()
    assert first is not None
    timeline.record(first, verb="poster_displayed", summary=_("Cleaning poster displayed in %(b)s on %(d)s") % {"b": block, "d": _long_date(on)}, actor=actor)  # fmt: skip
    return count


def _reporter(person: Any, name: str, email: str, phone: str) -> dict[str, Any]:
    return {
        "reporter": person,
        "reporter_name": (name or "").strip()[:200],
        "reporter_email": (email or "").strip(),
        "reporter_phone": (phone or "").strip()[:40],
    }


@transaction.atomic
def report_cleaning_concern(
    *,
    block: Any,
    description: str,
    channel: str,
    actor: Actor,
    person: Any = None,
    name: str = "",
    email: str = "",
    phone: str = "",
    received_on: date | None = None,
    photo: Any = None,
) -> CleaningConcern:
    """A concern about the standard of cleaning; it is answered within 3 working days."""
    errors: dict[str, str] = {}
    description = _text(
        description, "description", _("Tell us what was not cleaned properly"), errors
    )
    if block is None:
        errors["block"] = _("Choose the block")
    if errors:
        raise ValidationError(errors)
    received_on = received_on or timezone.localdate()
    concern: CleaningConcern = _create_with_ref(
        CleaningConcern, "CC", block=block, received_on=received_on,
        due_on=rules.cleaning_response_due(received_on), channel=channel,
        description=description, photo=photo or "", **_reporter(person, name, email, phone),
    )  # fmt: skip
    timeline.record(concern, verb="concern_reported", summary=_("Cleaning concern reported (%(c)s)") % {"c": Channel(channel).label.lower()}, actor=actor, visible_to_resident=True, details={"channel": channel})  # fmt: skip
    return concern


def _address(record: Any) -> Address | None:
    if record.reporter_id:
        return None
    address = Address(
        name=record.reporter_name, email=record.reporter_email, phone=record.reporter_phone
    )
    return address or None


@transaction.atomic
def answer_cleaning_concern(
    *, concern: CleaningConcern, response: str, actor: Actor, on: date | None = None,
    sent_by: str = "",
) -> CleaningConcern:  # fmt: skip
    """Answer the resident on their channel (the first answer is the one the measure counts)."""
    concern = lock(concern)
    errors: dict[str, str] = {}
    response = _text(response, "response", _("Write the answer to the resident"), errors)
    on = on or timezone.localdate()
    if on < concern.received_on:
        errors["on"] = _("The answer cannot be before the concern was received")
    if errors:
        raise ValidationError(errors)
    first = concern.responded_on is None
    if first:
        concern.responded_on = on
    concern.response = response
    concern.save(update_fields=["responded_on", "response"])
    timeline.record(concern, verb="concern_answered", summary=_("Answered: %(r)s") % {"r": response[:200]}, actor=actor, visible_to_resident=True, details={"r": response[:200]})  # fmt: skip
    if concern.reporter_id or _address(concern):
        tell_resident(
            case=concern, purpose="cleaning_concern_answered",
            idempotency_key=f"cleaning:{concern.pk}:answer:{timezone.now().timestamp()}",
            actor=actor, contact=None, person=concern.reporter, address=_address(concern),
            context={"concern": concern, "case_ref": concern.ref, "response": response},
            on=on, sent_by=sent_by,
        )  # fmt: skip
    return concern


# Fly-tipping ----------------------------------------------------------------------------------


def possible_duplicates(*, block: Any, on: date) -> list[FlyTipReport]:
    """Open reports in the same block on the same day: "is this the same?"."""
    return list(
        FlyTipReport.objects.filter(
            block=block, received_on=on, status=FlyTipStatus.OPEN, removed_on__isnull=True
        )
    )


@transaction.atomic
def report_flytipping(
    *,
    block: Any,
    location: str,
    channel: str,
    actor: Actor,
    description: str = "",
    person: Any = None,
    user: Any = None,
    name: str = "",
    email: str = "",
    phone: str = "",
    photos: Sequence[Any] = (),
    latitude: Any = None,
    longitude: Any = None,
    received_at: datetime | None = None,
    same_as: FlyTipReport | None = None,
) -> FlyTipReport:
    """Fly-tipping reported; it is removed within 3 working days. A reporter who says it is the
    same as an open report in the block today is added to that one (filed as a duplicate, and
    told when it is gone)."""
    errors: dict[str, str] = {}
    location = _text(location, "location", _("Say where the fly-tipping is"), errors)
    if block is None:
        errors["block"] = _("Choose the block")
    if len(description) > MAX_TEXT:
        errors["description"] = _("This must be %(n)s characters or fewer") % {"n": MAX_TEXT}
    if errors:
        raise ValidationError(errors)
    received_at = received_at or timezone.now()
    received_on = local_date(received_at)
    report: FlyTipReport = _create_with_ref(
        FlyTipReport, "FT", block=block, received_at=received_at, received_on=received_on,
        due_on=rules.flytipping_removal_due(received_on), channel=channel,
        location=location[:300], description=description.strip(), latitude=latitude,
        longitude=longitude, reporter_user=user if getattr(user, "is_authenticated", False) else None,
        status=FlyTipStatus.DUPLICATE if same_as else FlyTipStatus.OPEN, duplicate_of=same_as,
        **_reporter(person, name, email, phone),
    )  # fmt: skip
    for upload in photos:
        FlyTipPhoto.objects.create(report=report, image=upload)
    summary = _("Fly-tipping reported (%(c)s) at %(l)s") % {
        "c": Channel(channel).label.lower(),
        "l": location,
    }
    timeline.record(report, verb="flytipping_reported", summary=summary, actor=actor, visible_to_resident=True, details={"channel": channel, "l": location})  # fmt: skip
    if same_as is not None:
        timeline.record(same_as, verb="flytipping_same_reported", summary=_("Reported again by someone else (%(r)s)") % {"r": report.ref}, actor=actor)  # fmt: skip
    return report


def can_update_flytipping(report: FlyTipReport, user: Any) -> bool:
    """Only staff and the person who reported it may update a fly-tipping report."""
    from hearth.core.permissions import can

    if can(user, "handle_estate_reports"):
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    if report.reporter_user_id and report.reporter_user_id == user.pk:
        return True
    return bool(report.reporter_id and report.reporter_id == getattr(user, "person_id", None))


def _tell_flytip_reporters(report: FlyTipReport, *, purpose: str, actor: Actor, on: date) -> None:
    for each in [report, *report.duplicates.all()]:
        if not (each.reporter_id or _address(each)):
            continue
        tell_resident(
            case=each, purpose=purpose,
            idempotency_key=f"flytip:{each.pk}:{purpose}:{report.reopened_times}",
            actor=actor, contact=None, person=each.reporter, address=_address(each),
            context={"report": report, "case_ref": each.ref}, on=on,
        )  # fmt: skip


@transaction.atomic
def record_flytipping_removed(
    *, report: FlyTipReport, actor: Actor, on: date | None = None
) -> FlyTipReport:
    """It has been taken away: the reporter (and anyone who reported the same) is told."""
    report = lock(report)
    on = on or timezone.localdate()
    if on < report.received_on:
        raise ValidationError({"on": _("It cannot be removed before it was reported")})
    if on > timezone.localdate():
        raise ValidationError({"on": _("The date must be today or in the past")})
    report.removed_on = on
    report.status = FlyTipStatus.REMOVED
    report.updated_at = timezone.now()
    report.save(update_fields=["removed_on", "status", "updated_at"])
    report.duplicates.update(removed_on=on, updated_at=timezone.now())
    timeline.record(report, verb="flytipping_removed", summary=_("Removed on %(d)s") % {"d": _long_date(on)}, actor=actor, visible_to_resident=True, details={"on": on.isoformat()})  # fmt: skip
    _tell_flytip_reporters(report, purpose="flytipping_removed", actor=actor, on=on)
    return report


@transaction.atomic
def say_flytipping_still_there(
    *, report: FlyTipReport, user: Any, actor: Actor, note: str = ""
) -> FlyTipReport:
    """The reporter says it is still there: the report is open again, due as first promised."""
    report = lock(report)
    if not can_update_flytipping(report, user):
        raise PermissionError("Only staff and the reporter can update this report")
    target = report.duplicate_of if report.duplicate_of_id else report
    assert target is not None
    target = lock(target)
    if target.removed_on is None:
        raise ValidationError({"report": _("This report is still open")})
    target.removed_on = None
    target.status = FlyTipStatus.OPEN
    target.reopened_times += 1
    target.updated_at = timezone.now()
    target.save(update_fields=["removed_on", "status", "reopened_times", "updated_at"])
    target.duplicates.update(removed_on=None)
    timeline.record(target, verb="flytipping_reopened", summary=_("Reported as still there %(n)s") % {"n": note.strip()[:200]}, actor=actor, visible_to_resident=True, details={"n": note.strip()[:200]})  # fmt: skip
    return target


# Antisocial behaviour -------------------------------------------------------------------------


def _asb_contact(case: AsbCase, purpose: str = "asb_update") -> ContactLog:
    return ContactLog(case_type="asb", case_ref=case.ref, purpose=purpose)


def complainants(case: AsbCase) -> list[AsbParty]:
    return list(case.parties.filter(role=PartyRole.COMPLAINANT).select_related("person"))


def _tell_complainants(
    case: AsbCase, *, purpose: str, key: str, actor: Actor, context: Mapping[str, Any] | None = None,
    contact_purpose: str | None = "asb_update", on: date | None = None, sent_by: str = "",
) -> int:  # fmt: skip
    told = 0
    for party in complainants(case):
        address = None
        if party.person_id is None:
            address = Address(name=party.name, email=party.email, phone=party.phone) or None
            if address is None and not sent_by:
                continue
        result = tell_resident(
            case=case, purpose=purpose, idempotency_key=f"asb:{case.pk}:{key}:{party.pk}",
            actor=actor,
            contact=_asb_contact(case, contact_purpose) if contact_purpose else None,
            person=party.person, address=address,
            context={"case": case, "case_ref": case.ref, **(context or {})}, on=on,
            sent_by=sent_by,
        )  # fmt: skip
        told += int(result.sent)
    return told


def report_dates_for(person: Any, *, before: date) -> list[date]:
    """The dates a person reported ASB (as a complainant), up to `before`."""
    return list(
        AsbCase.objects.filter(
            parties__role=PartyRole.COMPLAINANT, parties__person=person, opened_on__lte=before
        ).values_list("opened_on", flat=True)
    )


@transaction.atomic
def open_asb_case(
    *,
    category: str,
    description: str,
    channel: str,
    actor: Actor,
    complainant: Any = None,
    complainant_name: str = "",
    complainant_email: str = "",
    complainant_phone: str = "",
    home: Any = None,
    block: Any = None,
    opened_on: date | None = None,
    hate_incident: bool = False,
    occurred_at: datetime | None = None,
) -> AsbCase:
    """An ASB report from the portal, by phone or from staff. It starts untriaged; when the
    complainant has now reported three times in six months, the Community Trigger is flagged
    and they are told of their right to an ASB case review."""
    errors: dict[str, str] = {}
    category = _text(category, "category", _("Choose what kind of behaviour it is"), errors)
    description = _text(description, "description", _("Tell us what happened"), errors)
    if complainant is None and not complainant_name.strip():
        errors["complainant_name"] = _("Enter the name of the person reporting it")
    if errors:
        raise ValidationError(errors)
    opened_on = opened_on or timezone.localdate()
    if home is not None and block is None:
        block = home.block
    case: AsbCase = _create_with_ref(
        AsbCase, "ASB", home=home, block=block, opened_on=opened_on, category=category[:100],
        description=description, channel=channel, hate_incident=hate_incident,
        officer=actor if getattr(actor, "is_staff_member", False) else None,
        next_update_due_on=rules.one_month_after(opened_on),
    )  # fmt: skip
    AsbParty.objects.create(
        case=case, role=PartyRole.COMPLAINANT, person=complainant,
        name="" if complainant else complainant_name.strip()[:200],
        email=complainant_email.strip(), phone=complainant_phone.strip()[:40],
    )  # fmt: skip
    AsbIncident.objects.create(
        case=case,
        occurred_at=occurred_at or timezone.now(),
        description=description,
        source=IncidentSource.STAFF if channel != Channel.PORTAL else IncidentSource.DIARY,
    )
    timeline.record(case, verb="asb_reported", summary=_("ASB reported (%(c)s): %(cat)s") % {"c": Channel(channel).label.lower(), "cat": category}, actor=actor, visible_to_resident=True, details={"channel": channel, "cat": category})  # fmt: skip
    if hate_incident:
        timeline.record(case, verb="hate_flagged", summary=_("Flagged as a hate incident"), actor=actor)  # fmt: skip
    if complainant is not None:
        check_community_trigger(case=case, actor=actor)
    return case


@transaction.atomic
def check_community_trigger(*, case: AsbCase, actor: Actor) -> bool:
    """Flag the Community Trigger on the case and tell the complainant of their right to a case
    review, once, when they have reported three times in six months."""
    case = lock(case)
    if case.community_trigger_on:
        return True
    for party in complainants(case):
        if party.person_id is None:
            continue
        dates = report_dates_for(party.person, before=case.opened_on)
        if rules.community_trigger_met(dates, case.opened_on):
            case.community_trigger_on = case.opened_on
            case.save(update_fields=["community_trigger_on"])
            timeline.record(case, verb="community_trigger", summary=_("Community Trigger: three reports in six months. The resident has the right to an ASB case review."), actor=actor, visible_to_resident=True)  # fmt: skip
            tell_resident(
                case=case, purpose="asb_case_review_right",
                idempotency_key=f"asb:{case.pk}:case-review-right", actor=actor,
                contact=_asb_contact(case, "other"), person=party.person,
                context={"case": case, "case_ref": case.ref},
            )  # fmt: skip
            return True
    return False


@transaction.atomic
def triage_asb_case(*, case: AsbCase, outcome: str, reason: str, actor: Actor) -> AsbCase:
    """Separate everyday household noise from ASB, with the reason. Household noise gets advice
    and an offer of mediation, and the report is closed."""
    case = lock(case)
    errors: dict[str, str] = {}
    reason = _text(reason, "reason", _("Give the reason for your decision"), errors)
    if outcome not in (Triage.ASB, Triage.HOUSEHOLD_NOISE):
        errors["outcome"] = _("Choose whether this is antisocial behaviour or household noise")
    if case.closed_on:
        errors["outcome"] = _("This case is closed")
    if errors:
        raise ValidationError(errors)
    case.triage = outcome
    case.triage_reason = reason
    fields = ["triage", "triage_reason"]
    if outcome == Triage.HOUSEHOLD_NOISE:
        today = timezone.localdate()
        case.closed_on = today
        case.closure_reason = _("Everyday household noise: advice given and mediation offered")
        fields += ["closed_on", "closure_reason"]
        AsbAction.objects.create(case=case, kind=AsbActionKind.MEDIATION, on=today, notes=reason)
    case.save(update_fields=fields)
    timeline.record(case, verb="asb_triaged", summary=_("Triaged as %(o)s: %(r)s") % {"o": Triage(outcome).label.lower(), "r": reason[:200]}, actor=actor, visible_to_resident=True, details={"outcome": outcome, "r": reason[:200]})  # fmt: skip
    if outcome == Triage.HOUSEHOLD_NOISE:
        _tell_complainants(case, purpose="asb_household_noise", key="household-noise", actor=actor, context={"reason": reason}, contact_purpose="response")  # fmt: skip
    return case


@transaction.atomic
def assess_risk(
    *, case: AsbCase, risk: str, actor: Actor, vulnerable: bool = False, notes: str = ""
) -> AsbCase:
    """The risk assessment, including the complainant's vulnerability: high, medium or low,
    which sets the first-contact target (1, 5 or 10 working days from the report)."""
    case = lock(case)
    if risk not in Risk.values:
        raise ValidationError({"risk": _("Choose high, medium or low")})
    case.risk = risk
    case.vulnerable = vulnerable
    case.risk_notes = notes.strip()
    case.first_contact_due_on = rules.first_contact_due(case.opened_on, risk)
    if case.triage == Triage.PENDING:
        case.triage = Triage.ASB
    case.save(update_fields=["risk", "vulnerable", "risk_notes", "first_contact_due_on", "triage"])
    timeline.record(case, verb="risk_assessed", summary=_("Risk assessed as %(r)s; first contact due %(d)s") % {"r": Risk(risk).label.lower(), "d": _long_date(case.first_contact_due_on)}, actor=actor)  # fmt: skip
    return case


@transaction.atomic
def add_party(
    *, case: AsbCase, role: str, actor: Actor, person: Any = None, name: str = "",
    description: str = "", email: str = "", phone: str = "",
) -> AsbParty:  # fmt: skip
    """A complainant, an alleged perpetrator (named or unknown) or a witness."""
    _party_fields(role, person, name)
    case = lock(case)
    party = AsbParty.objects.create(
        case=case, role=role, person=person, name=name.strip()[:200],
        description=description.strip(), email=email.strip(), phone=phone.strip()[:40],
    )  # fmt: skip
    timeline.record(case, verb="party_added", summary=_("%(r)s added: %(n)s") % {"r": PartyRole(role).label, "n": party.display_name}, actor=actor)  # fmt: skip
    return party


def _party_fields(role: str, person: Any, name: str) -> None:
    if role not in PartyRole.values:
        raise ValidationError({"role": _("Choose who this person is in the case")})
    if role == PartyRole.COMPLAINANT and person is None and not name.strip():
        raise ValidationError({"name": _("Enter the complainant's name")})


@transaction.atomic
def change_party(
    *, party: AsbParty, actor: Actor, role: str, name: str = "", description: str = "",
    email: str = "", phone: str = "",
) -> AsbParty:  # fmt: skip
    """Correct a complainant, alleged perpetrator or witness after the case was opened: their
    role, name (empty for someone not known), description or contact details. The last
    complainant cannot become someone else: the case would have nobody to update."""
    case = lock(party.case)
    party = AsbParty.objects.select_for_update().get(pk=party.pk, case=case)
    _party_fields(role, party.person, name)
    if (party.role == PartyRole.COMPLAINANT and role != PartyRole.COMPLAINANT
            and not case.parties.filter(role=PartyRole.COMPLAINANT).exclude(pk=party.pk).exists()):  # fmt: skip
        raise ValidationError({"role": _("A case must keep at least one complainant")})
    before = str(party)
    party.role = role
    if party.person_id is None:
        party.name = name.strip()[:200]
    party.description = description.strip()
    party.email = email.strip()
    party.phone = phone.strip()[:40]
    party.save(update_fields=["role", "name", "description", "email", "phone"])
    timeline.record(case, verb="party_changed", summary=_("%(before)s changed to %(after)s") % {"before": before, "after": str(party)}, actor=actor)  # fmt: skip
    return party


@transaction.atomic
def remove_party(*, party: AsbParty, actor: Actor, reason: str) -> None:
    """Take someone off the case (added by mistake, or not involved after all), with the reason.
    The last complainant cannot be removed."""
    case = lock(party.case)
    party = AsbParty.objects.select_for_update().get(pk=party.pk, case=case)
    errors: dict[str, str] = {}
    reason = _text(reason, "reason", _("Say why this person is being removed"), errors)
    if errors:
        raise ValidationError(errors)
    if (party.role == PartyRole.COMPLAINANT
            and not case.parties.filter(role=PartyRole.COMPLAINANT).exclude(pk=party.pk).exists()):  # fmt: skip
        raise ValidationError({"reason": _("A case must keep at least one complainant")})
    removed = str(party)
    party.delete()
    timeline.record(case, verb="party_removed", summary=_("%(party)s removed: %(reason)s") % {"party": removed, "reason": reason}, actor=actor)  # fmt: skip


@transaction.atomic
def record_incident(
    *, case: AsbCase, occurred_at: datetime, description: str, actor: Actor,
    source: str = IncidentSource.STAFF,
) -> AsbIncident:  # fmt: skip
    """An incident on the case's diary sheet (staff's, or the complainant's own entry)."""
    errors: dict[str, str] = {}
    description = _text(description, "description", _("Describe what happened"), errors)
    if occurred_at > timezone.now():
        errors["occurred_at"] = _("The time it happened must be in the past")
    if errors:
        raise ValidationError(errors)
    incident = AsbIncident.objects.create(
        case=case, occurred_at=occurred_at, description=description, source=source
    )
    timeline.record(case, verb="incident_recorded", summary=_("Incident on %(d)s: %(t)s") % {"d": _long_date(local_date(occurred_at)), "t": description[:120]}, actor=actor, visible_to_resident=source == IncidentSource.DIARY)  # fmt: skip
    return incident


# What the file's first bytes say it is (`hearth.core.uploads.sniff`), never its name or the
# content type the browser sent: anything else (a program renamed .jpg, a web page) is refused.
EVIDENCE_TYPES = {"image": "photo", "audio": "audio", "video": "video", "document": "document"}
EVIDENCE_DOCUMENTS = {"a PDF document"}
MAX_EVIDENCE_BYTES = 50 * 1024 * 1024


@transaction.atomic
def upload_evidence(
    *, case: AsbCase, upload: Any, actor: Actor, description: str = ""
) -> AsbEvidence:
    """A photo, sound recording or video from the complainant; an officer reviews it within 5
    working days."""
    if upload is None:
        raise ValidationError({"file": _("Choose a file to upload")})
    if not upload.size:
        raise ValidationError({"file": _("The selected file is empty")})
    if upload.size > MAX_EVIDENCE_BYTES:
        raise ValidationError({"file": _("The file must be smaller than 50MB")})
    upload.seek(0)
    found = uploads.sniff(upload.read(uploads.HEAD_BYTES))
    upload.seek(0)
    if (
        found is None
        or found.kind not in EVIDENCE_TYPES
        or (found.kind == "document" and found.name not in EVIDENCE_DOCUMENTS)
    ):
        raise ValidationError({"file": _(
            "The file must be a photo (JPG, PNG, WebP or HEIC), a sound recording (MP3, M4A, "
            "WAV or OGG), a video (MP4, MOV or WebM) or a PDF"
        )})  # fmt: skip
    kind = EVIDENCE_TYPES[found.kind]
    today = timezone.localdate()
    evidence = AsbEvidence.objects.create(
        case=case, file=upload, kind=kind, description=description.strip()[:300],
        uploaded_on=today, review_due_on=rules.evidence_review_due(today),
    )  # fmt: skip
    timeline.record(case, verb="evidence_uploaded", summary=_("Evidence uploaded: %(k)s") % {"k": evidence.get_kind_display()}, actor=actor, visible_to_resident=True)  # fmt: skip
    return evidence


@transaction.atomic
def review_evidence(*, evidence: AsbEvidence, actor: Actor, on: date | None = None) -> AsbEvidence:
    evidence.reviewed_on = on or timezone.localdate()
    evidence.reviewed_by = actor_of(actor)
    evidence.save(update_fields=["reviewed_on", "reviewed_by"])
    timeline.record(evidence.case, verb="evidence_reviewed", summary=_("Evidence reviewed"), actor=actor)  # fmt: skip
    return evidence


@transaction.atomic
def agree_action_plan(
    *, case: AsbCase, plan: str, frequency: str, actor: Actor, channel: str = ""
) -> AsbCase:
    """The action plan agreed with the complainant, with how often (never less than monthly)
    and how they want to be updated."""
    case = lock(case)
    errors: dict[str, str] = {}
    plan = _text(plan, "plan", _("Write the action plan"), errors)
    if frequency not in UpdateFrequency.values:
        errors["frequency"] = _("Choose how often: at least every month")
    if errors:
        raise ValidationError(errors)
    case.action_plan = plan
    case.update_frequency = frequency
    case.update_channel = channel
    last = case.last_update_on or case.opened_on
    case.next_update_due_on = rules.update_interval_due(last, frequency)
    case.save(update_fields=["action_plan", "update_frequency", "update_channel", "next_update_due_on"])  # fmt: skip
    timeline.record(case, verb="action_plan_agreed", summary=_("Action plan agreed; updates %(f)s") % {"f": UpdateFrequency(frequency).label.lower()}, actor=actor, visible_to_resident=True, details={"frequency": frequency})  # fmt: skip
    return case


@transaction.atomic
def send_asb_update(
    *, case: AsbCase, message: str, actor: Actor, on: date | None = None, sent_by: str = ""
) -> AsbCase:
    """An update to the complainant on the progress of their case. It is logged as an
    `asb_update` contact (the touchpoint `asb.monthly_updates` counts) and restarts the clock."""
    case = lock(case)
    errors: dict[str, str] = {}
    message = _text(message, "message", _("Write the update for the complainant"), errors)
    on = on or timezone.localdate()
    if on < case.opened_on:
        errors["on"] = _("The update cannot be before the case was opened")
    if case.closed_on:
        errors["message"] = _("This case is closed")
    if errors:
        raise ValidationError(errors)
    told = _tell_complainants(case, purpose="asb_update", key=f"update:{on}:{timezone.now().timestamp()}", actor=actor, context={"update": message}, on=on, sent_by=sent_by)  # fmt: skip
    if not told:
        raise ValidationError({"sent_by": _("Hearth could not send this: say how you told the complainant")})  # fmt: skip
    case.last_update_on = on
    if case.first_contact_on is None:
        case.first_contact_on = on
    case.next_update_due_on = rules.update_interval_due(on, case.update_frequency)
    case.save(update_fields=["last_update_on", "first_contact_on", "next_update_due_on"])
    timeline.record(case, verb="asb_update_sent", summary=_("Update to the complainant: %(m)s") % {"m": message[:200]}, actor=actor, visible_to_resident=True, details={"m": message[:200]})  # fmt: skip
    return case


@transaction.atomic
def set_hate_incident(*, case: AsbCase, flagged: bool, actor: Actor) -> AsbCase:
    case = lock(case)
    case.hate_incident = flagged
    case.save(update_fields=["hate_incident"])
    verb = "hate_flagged" if flagged else "hate_unflagged"
    summary = _("Flagged as a hate incident") if flagged else _("Hate incident flag removed")
    timeline.record(case, verb=verb, summary=summary, actor=actor)
    return case


@transaction.atomic
def record_asb_action(
    *, case: AsbCase, kind: str, on: date, actor: Actor, notes: str = "", party: AsbParty | None = None
) -> AsbAction:  # fmt: skip
    """A referral (police, community safety), a warning, an ABA or a legal action."""
    if kind not in AsbActionKind.values:
        raise ValidationError({"kind": _("Choose the action")})
    if on < case.opened_on:
        raise ValidationError({"on": _("The action cannot be before the case was opened")})
    action = AsbAction.objects.create(case=case, kind=kind, on=on, notes=notes.strip(), party=party)
    timeline.record(case, verb="asb_action", summary=_("%(k)s on %(d)s") % {"k": AsbActionKind(kind).label, "d": _long_date(on)}, actor=actor)  # fmt: skip
    return action


@transaction.atomic
def close_asb_case(
    *, case: AsbCase, reason: str, satisfaction: str, actor: Actor, on: date | None = None,
    sent_by: str = "",
) -> AsbCase:  # fmt: skip
    """Close the case, with the complainant's satisfaction asked and recorded. Closing is a
    touchpoint: the complainant is told."""
    case = lock(case)
    errors: dict[str, str] = {}
    reason = _text(reason, "reason", _("Say why the case is closing"), errors)
    on = on or timezone.localdate()
    if satisfaction not in Satisfaction.values:
        errors["satisfaction"] = _("Record how satisfied the complainant is")
    if on < case.opened_on:
        errors["on"] = _("A case cannot close before it was opened")
    if case.closed_on:
        errors["reason"] = _("This case is already closed")
    if errors:
        raise ValidationError(errors)
    case.closed_on = on
    case.closure_reason = reason
    case.satisfaction = satisfaction
    case.save(update_fields=["closed_on", "closure_reason", "satisfaction"])
    timeline.record(case, verb="asb_closed", summary=_("Closed: %(r)s") % {"r": reason[:200]}, actor=actor, visible_to_resident=True, details={"satisfaction": satisfaction, "r": reason[:200]})  # fmt: skip
    _tell_complainants(case, purpose="asb_closed", key="closed", actor=actor, context={"reason": reason}, on=on, sent_by=sent_by)  # fmt: skip
    return case


def log_case_read(*, case: AsbCase, user: Any, what: str = "case page") -> None:
    """Every read of an ASB case by staff is logged (who, when, what)."""
    if getattr(user, "is_authenticated", False):
        AsbCaseRead.objects.create(case=case, user=user, what=what[:40])


# Events, projects and improvements ------------------------------------------------------------


@transaction.atomic
def announce_event(
    *, title: str, description: str, starts_at: datetime, place: str, actor: Actor,
    kind: str = "event", accessibility: str = "", ends_at: datetime | None = None,
    places: int | None = None, estate: Any = None,
) -> CommunityEvent:  # fmt: skip
    errors: dict[str, str] = {}
    title = _text(title, "title", _("Enter the name of the event"), errors)
    description = _text(description, "description", _("Describe the event"), errors)
    place = _text(place, "place", _("Say where it is"), errors)
    if ends_at is not None and ends_at < starts_at:
        errors["ends_at"] = _("It must end after it starts")
    if errors:
        raise ValidationError(errors)
    event = CommunityEvent.objects.create(
        title=title[:200], description=description, starts_at=starts_at, ends_at=ends_at,
        place=place[:300], accessibility=accessibility.strip(), kind=kind, places=places,
        estate=estate,
    )  # fmt: skip
    timeline.record(event, verb="event_announced", summary=_("Announced: %(t)s") % {"t": title}, actor=actor)  # fmt: skip
    return event


def places_taken(event: CommunityEvent) -> int:
    return int(
        event.responses.filter(kind=ResponseKind.BOOKING).aggregate(n=models.Sum("places"))["n"]
        or 0
    )


@transaction.atomic
def respond_to_event(
    *, event: CommunityEvent, person: Any, kind: str, actor: Actor, places: int = 1
) -> EventResponse:
    """Register interest, or book places (while there are places left)."""
    event = lock(event)
    if kind not in ResponseKind.values:
        raise ValidationError({"kind": _("Choose whether to book or register interest")})
    if kind == ResponseKind.BOOKING:
        if event.places is None:
            raise ValidationError({"kind": _("This event does not need booking")})
        if places < 1 or places > 10:
            raise ValidationError({"places": _("Book between 1 and 10 places")})
        existing = event.responses.filter(person=person, kind=ResponseKind.BOOKING).first()
        mine = existing.places if existing else 0
        if places_taken(event) - mine + places > event.places:
            raise ValidationError({"places": _("There are not enough places left")})
    response, _created = EventResponse.objects.update_or_create(
        event=event,
        person=person,
        defaults={
            "kind": kind,
            "places": places if kind == ResponseKind.BOOKING else 0,
        },
    )
    timeline.record(event, verb="event_response", summary=_("%(p)s: %(k)s") % {"p": person, "k": ResponseKind(kind).label.lower()}, actor=actor)  # fmt: skip
    return response


@transaction.atomic
def propose_improvement(
    *, title: str, description: str, actor: Actor, person: Any = None, block: Any = None,
    on: date | None = None,
) -> Improvement:  # fmt: skip
    errors: dict[str, str] = {}
    title = _text(title, "title", _("Give your idea a short title"), errors)
    description = _text(description, "description", _("Describe the improvement"), errors)
    if errors:
        raise ValidationError(errors)
    improvement: Improvement = _create_with_ref(
        Improvement, "IMP", title=title[:200], description=description, proposed_by=person,
        block=block, proposed_on=on or timezone.localdate(),
    )  # fmt: skip
    timeline.record(improvement, verb="improvement_proposed", summary=_("Proposed: %(t)s") % {"t": title}, actor=actor, visible_to_resident=True)  # fmt: skip
    return improvement


@transaction.atomic
def update_improvement(
    *, improvement: Improvement, status: str, actor: Actor, note: str = "", on: date | None = None
) -> Improvement:
    """Move a resident's improvement on (agreed, in progress, done or not going ahead)."""
    improvement = lock(improvement)
    if status not in ImprovementStatus.values:
        raise ValidationError({"status": _("Choose where the improvement has got to")})
    if status == ImprovementStatus.DECLINED and not note.strip():
        raise ValidationError({"note": _("Say why it is not going ahead")})
    improvement.status = status
    improvement.status_note = note.strip()
    improvement.done_on = (on or timezone.localdate()) if status == ImprovementStatus.DONE else None
    improvement.save(update_fields=["status", "status_note", "done_on"])
    timeline.record(improvement, verb="improvement_updated", summary=_("%(s)s %(n)s") % {"s": ImprovementStatus(status).label, "n": note.strip()[:200]}, actor=actor, visible_to_resident=True)  # fmt: skip
    return improvement


def bulk_ids(records: Iterable[models.Model]) -> list[int]:
    return [r.pk for r in records]
