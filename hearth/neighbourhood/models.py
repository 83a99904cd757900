"""Neighbourhood and community: estate inspections, cleaning schedules and concerns, fly-tipping,
antisocial behaviour cases, and community events, projects and improvements.

Dates that a measure counts (`received_on`, `removed_on`, `responded_on`, `completed_on`,
`opened_on`, ...) are stored as local dates, and every due date is worked out once, by the one
clock (`hearth.core.calendar`) through `rules.py`, when the case is opened.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class NeighbourhoodSettings(models.Model):
    """The landlord's choices for this standard (one row)."""

    notice_days = models.PositiveSmallIntegerField(
        _("days' notice of an inspection"), default=7
    )  # 7 (the charter's minimum) or 14

    def __str__(self) -> str:
        return f"Inspection notice: {self.notice_days} days"

    @classmethod
    def current(cls) -> NeighbourhoodSettings:
        found = cls.objects.order_by("pk").first()
        return found if found is not None else cls.objects.create()


class Grade(models.TextChoices):
    A = "A", _("A: very good")
    B = "B", _("B: good")
    C = "C", _("C: needs attention")
    D = "D", _("D: poor")


class ChecklistItem(models.Model):
    """One line of the inspection checklist (the landlord can add, rename and retire lines)."""

    key = models.SlugField(max_length=40, unique=True)
    label = models.CharField(max_length=100)
    photo_standard = models.TextField(_("what each grade looks like"), blank=True)
    # The photo standard, grade by grade, and the example photo to compare with (a description
    # of the shot, or the path of an image in the media folder).
    standard_a = models.CharField(_("grade A looks like"), max_length=300, blank=True)
    standard_b = models.CharField(_("grade B looks like"), max_length=300, blank=True)
    standard_c = models.CharField(_("grade C looks like"), max_length=300, blank=True)
    standard_d = models.CharField(_("grade D looks like"), max_length=300, blank=True)
    example_photo = models.CharField(_("example photo"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(default=100)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["order", "label"]

    def __str__(self) -> str:
        return self.label

    def standard_for(self, grade: str) -> str:
        """What grade `grade` (A-D) of this line looks like ("" if not written down)."""
        return str(getattr(self, f"standard_{grade.lower()}", "") or "")

    @property
    def standards(self) -> list[tuple[str, str]]:
        """(grade, what it looks like) for A to D."""
        return [(grade, self.standard_for(grade)) for grade in Grade.values]


class Inspection(models.Model):
    ref = models.CharField(_("inspection reference"), max_length=60, unique=True)
    block = models.ForeignKey(
        "estates.Block", on_delete=models.PROTECT, related_name="estate_inspections"
    )
    scheduled_on = models.DateField()
    start_time = models.TimeField(null=True, blank=True)
    meeting_point = models.CharField(max_length=200, blank=True)
    published_on = models.DateField(null=True, blank=True)
    completed_on = models.DateField(null=True, blank=True)
    score = models.PositiveSmallIntegerField(null=True, blank=True)  # 0-100
    grade = models.CharField(max_length=1, choices=Grade.choices, blank=True)
    notes = models.TextField(blank=True)
    inspector = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    results_published_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["scheduled_on", "block__name"]
        indexes = [
            models.Index(fields=["block", "scheduled_on"]),
            models.Index(fields=["completed_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.block} inspection on {self.scheduled_on:%-d %B %Y}"

    @property
    def is_done(self) -> bool:
        return self.completed_on is not None


class InspectionGrade(models.Model):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="grades")
    item = models.ForeignKey(ChecklistItem, on_delete=models.PROTECT, related_name="+")
    grade = models.CharField(max_length=1, choices=Grade.choices)
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["item__order"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "item"], name="one_grade_per_item")
        ]

    def __str__(self) -> str:
        return f"{self.item}: {self.grade}"


class ActionKind(models.TextChoices):
    REPAIR = "repair", _("Communal repair")
    CLEANING = "cleaning", _("Cleaning concern")
    FLYTIPPING = "flytipping", _("Fly-tipping report")
    OTHER = "other", _("Other action")


class InspectionAction(models.Model):
    """A defect found on an inspection and what it became (a repair, a concern, a report)."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="actions")
    item = models.ForeignKey(
        ChecklistItem, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(max_length=12, choices=ActionKind.choices)
    description = models.TextField()
    case_ref = models.CharField(max_length=60, blank=True)
    photo = models.FileField(upload_to="neighbourhood/inspections/%Y/%m/", blank=True)
    closed_on = models.DateField(null=True, blank=True)
    checked_on = models.DateField(null=True, blank=True)  # checked at a later inspection

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.description[:60]


class WalkaboutSignup(models.Model):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="signups")
    person = models.ForeignKey("tenancies.Person", on_delete=models.CASCADE, related_name="+")
    signed_up_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["inspection", "person"], name="one_signup_each")
        ]

    def __str__(self) -> str:
        return f"{self.person} on {self.inspection}"


class InspectionNoticeRequest(models.Model):
    """A resident who asked to be told of each inspection of their block."""

    block = models.ForeignKey("estates.Block", on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey("tenancies.Person", on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["block", "person"], name="one_notice_request_each")
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.block}"


class Frequency(models.TextChoices):
    DAILY = "daily", _("Every day")
    WEEKLY = "weekly", _("Every week")
    FORTNIGHTLY = "fortnightly", _("Every two weeks")
    MONTHLY = "monthly", _("Every month")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class CleaningTask(models.Model):
    """One line of a block's cleaning schedule. `displayed_on` is the date the poster showing
    it went up in the block."""

    block = models.ForeignKey("estates.Block", on_delete=models.CASCADE, related_name="+")
    task = models.CharField(max_length=200)
    frequency = models.CharField(max_length=12, choices=Frequency.choices)
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices, null=True, blank=True)
    displayed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["block__name", "pk"]
        constraints = [models.UniqueConstraint(fields=["block", "task"], name="one_task_per_block")]

    def __str__(self) -> str:
        return self.task


class Channel(models.TextChoices):
    PORTAL = "portal", _("Online, signed in")
    QR = "qr", _("Online, from the poster")
    PHONE = "phone", _("Phone")
    STAFF = "staff", _("Found by staff")
    INSPECTION = "inspection", _("Estate inspection")
    OPEN311 = "open311", _("Open311")
    IMPORTED = "imported", _("Imported")


class CleaningConcern(models.Model):
    ref = models.CharField(_("concern reference"), max_length=60, unique=True)
    block = models.ForeignKey("estates.Block", on_delete=models.PROTECT, related_name="+")
    received_on = models.DateField(default=timezone.localdate)
    due_on = models.DateField()
    channel = models.CharField(max_length=12, choices=Channel.choices)
    description = models.TextField()
    reporter = models.ForeignKey(
        "tenancies.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reporter_name = models.CharField(max_length=200, blank=True)
    reporter_email = models.EmailField(blank=True)
    reporter_phone = models.CharField(max_length=40, blank=True)
    photo = models.FileField(upload_to="neighbourhood/cleaning/%Y/%m/", blank=True)
    responded_on = models.DateField(null=True, blank=True)
    response = models.TextField(blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [
            models.Index(fields=["received_on"]),
            models.Index(fields=["due_on"]),
            models.Index(fields=["responded_on", "due_on"]),  # open concerns, soonest due
        ]

    def __str__(self) -> str:
        return f"Cleaning concern {self.ref}"


class FlyTipStatus(models.TextChoices):
    OPEN = "open", _("Reported")
    REMOVED = "removed", _("Removed")
    DUPLICATE = "duplicate", _("Already reported")


class FlyTipReport(models.Model):
    ref = models.CharField(_("report reference"), max_length=60, unique=True)
    block = models.ForeignKey("estates.Block", on_delete=models.PROTECT, related_name="+")
    received_on = models.DateField(default=timezone.localdate)
    received_at = models.DateTimeField(default=timezone.now)
    due_on = models.DateField()
    channel = models.CharField(max_length=12, choices=Channel.choices)
    location = models.CharField(max_length=300, blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    description = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=FlyTipStatus.choices, default="open")
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="duplicates"
    )
    reporter = models.ForeignKey(
        "tenancies.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reporter_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reporter_name = models.CharField(max_length=200, blank=True)
    reporter_email = models.EmailField(blank=True)
    reporter_phone = models.CharField(max_length=40, blank=True)
    removed_on = models.DateField(null=True, blank=True)
    reopened_times = models.PositiveSmallIntegerField(default=0)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [
            models.Index(fields=["received_on"]),
            models.Index(fields=["block", "received_on"]),
            models.Index(fields=["status", "due_on"]),  # the open fly-tipping queue
        ]

    def __str__(self) -> str:
        return f"Fly-tipping {self.ref}"


class FlyTipPhoto(models.Model):
    report = models.ForeignKey(FlyTipReport, on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(upload_to="neighbourhood/flytipping/%Y/%m/")
    uploaded_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Photo of {self.report}"


class Risk(models.TextChoices):
    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")


class Triage(models.TextChoices):
    PENDING = "pending", _("Not triaged yet")
    ASB = "asb", _("Antisocial behaviour")
    HOUSEHOLD_NOISE = "household_noise", _("Everyday household noise")


class UpdateFrequency(models.TextChoices):
    WEEKLY = "weekly", _("Every week")
    FORTNIGHTLY = "fortnightly", _("Every two weeks")
    MONTHLY = "monthly", _("Every month")


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", _("Satisfied")
    NEITHER = "neither", _("Neither satisfied nor dissatisfied")
    DISSATISFIED = "dissatisfied", _("Dissatisfied")
    NO_ANSWER = "no_answer", _("Did not answer")


class AsbCaseQuerySet(models.QuerySet["AsbCase"]):
    def counted(self) -> AsbCaseQuerySet:
        """Cases the measures count: everything but reports triaged as household noise."""
        return self.exclude(triage=Triage.HOUSEHOLD_NOISE)

    def open(self) -> AsbCaseQuerySet:
        return self.filter(closed_on__isnull=True)


class AsbCase(models.Model):
    ref = models.CharField(_("case reference"), max_length=60, unique=True)
    home = models.ForeignKey(
        "estates.Home", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    block = models.ForeignKey(
        "estates.Block", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    opened_on = models.DateField(default=timezone.localdate)
    closed_on = models.DateField(null=True, blank=True)
    category = models.CharField(max_length=100)
    description = models.TextField(blank=True)
    channel = models.CharField(max_length=12, choices=Channel.choices)
    triage = models.CharField(max_length=16, choices=Triage.choices, default=Triage.PENDING)
    triage_reason = models.TextField(blank=True)
    hate_incident = models.BooleanField(default=False)
    risk = models.CharField(max_length=6, choices=Risk.choices, blank=True)
    risk_notes = models.TextField(blank=True)
    vulnerable = models.BooleanField(default=False)
    first_contact_due_on = models.DateField(null=True, blank=True)
    first_contact_on = models.DateField(null=True, blank=True)
    action_plan = models.TextField(blank=True)
    update_frequency = models.CharField(
        max_length=12, choices=UpdateFrequency.choices, default=UpdateFrequency.MONTHLY
    )
    update_channel = models.CharField(max_length=10, blank=True)
    last_update_on = models.DateField(null=True, blank=True)
    next_update_due_on = models.DateField(null=True, blank=True)
    community_trigger_on = models.DateField(null=True, blank=True)
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closure_reason = models.TextField(blank=True)
    satisfaction = models.CharField(max_length=14, choices=Satisfaction.choices, blank=True)

    objects = AsbCaseQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_on", "-pk"]
        indexes = [models.Index(fields=["opened_on"]), models.Index(fields=["closed_on"])]

    def __str__(self) -> str:
        return f"ASB case {self.ref}"

    @property
    def is_open(self) -> bool:
        return self.closed_on is None


class PartyRole(models.TextChoices):
    COMPLAINANT = "complainant", _("Complainant")
    PERPETRATOR = "perpetrator", _("Alleged perpetrator")
    WITNESS = "witness", _("Witness")


class AsbParty(models.Model):
    case = models.ForeignKey(AsbCase, on_delete=models.CASCADE, related_name="parties")
    role = models.CharField(max_length=12, choices=PartyRole.choices)
    person = models.ForeignKey(
        "tenancies.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(max_length=200, blank=True)  # empty and no person: unknown
    description = models.TextField(blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["role", "pk"]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.display_name}"

    @property
    def display_name(self) -> str:
        if self.person_id:
            return str(self.person)
        return self.name or str(_("Unknown"))


class IncidentSource(models.TextChoices):
    STAFF = "staff", _("Recorded by staff")
    DIARY = "diary", _("Complainant's diary")


class AsbIncident(models.Model):
    case = models.ForeignKey(AsbCase, on_delete=models.CASCADE, related_name="incidents")
    occurred_at = models.DateTimeField()
    description = models.TextField()
    source = models.CharField(max_length=8, choices=IncidentSource.choices)
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-occurred_at", "-pk"]

    def __str__(self) -> str:
        return self.description[:60]


class EvidenceKind(models.TextChoices):
    PHOTO = "photo", _("Photo")
    AUDIO = "audio", _("Sound recording")
    VIDEO = "video", _("Video")
    DOCUMENT = "document", _("Document")


class AsbEvidence(models.Model):
    case = models.ForeignKey(AsbCase, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to="neighbourhood/asb/%Y/%m/")
    kind = models.CharField(max_length=10, choices=EvidenceKind.choices)
    description = models.CharField(max_length=300, blank=True)
    uploaded_at = models.DateTimeField(default=timezone.now)
    uploaded_on = models.DateField(default=timezone.localdate)
    review_due_on = models.DateField()
    reviewed_on = models.DateField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.case}"


class AsbActionKind(models.TextChoices):
    POLICE_REFERRAL = "police_referral", _("Referral to the police")
    COMMUNITY_SAFETY_REFERRAL = "community_safety", _("Referral to community safety")
    MEDIATION = "mediation", _("Mediation offered")
    WARNING = "warning", _("Warning")
    ABA = "aba", _("Acceptable behaviour agreement")
    INJUNCTION = "injunction", _("Injunction")
    POSSESSION = "possession", _("Notice seeking possession")
    OTHER_LEGAL = "other_legal", _("Other legal action")


class AsbAction(models.Model):
    case = models.ForeignKey(AsbCase, on_delete=models.CASCADE, related_name="actions")
    kind = models.CharField(max_length=20, choices=AsbActionKind.choices)
    on = models.DateField()
    notes = models.TextField(blank=True)
    party = models.ForeignKey(
        AsbParty, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.on}"


class AsbCaseRead(models.Model):
    """Every time a member of staff opened an ASB case (the access log)."""

    case = models.ForeignKey(AsbCase, on_delete=models.CASCADE, related_name="reads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField(default=timezone.now)
    what = models.CharField(max_length=40, default="case page")

    class Meta:
        ordering = ["-read_at"]

    def __str__(self) -> str:
        return f"{self.user} read {self.case} at {self.read_at}"


class EventKind(models.TextChoices):
    EVENT = "event", _("Event")
    PROJECT = "project", _("Project")


class CommunityEvent(models.Model):
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=8, choices=EventKind.choices, default=EventKind.EVENT)
    description = models.TextField()
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField(null=True, blank=True)
    place = models.CharField(max_length=300)
    accessibility = models.TextField(blank=True)
    estate = models.ForeignKey(
        "estates.Estate", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    places = models.PositiveIntegerField(null=True, blank=True)  # None: no booking needed
    published = models.BooleanField(default=True)
    in_newsletter = models.BooleanField(default=True)

    class Meta:
        ordering = ["starts_at"]

    def __str__(self) -> str:
        return self.title


class ResponseKind(models.TextChoices):
    INTEREST = "interest", _("Interested")
    BOOKING = "booking", _("Booked a place")


class EventResponse(models.Model):
    event = models.ForeignKey(CommunityEvent, on_delete=models.CASCADE, related_name="responses")
    person = models.ForeignKey("tenancies.Person", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=8, choices=ResponseKind.choices)
    places = models.PositiveSmallIntegerField(default=1)
    responded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "person"], name="one_response_each")
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.event}"


class ImprovementStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    AGREED = "agreed", _("Agreed")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DECLINED = "declined", _("Not going ahead")


class Improvement(models.Model):
    ref = models.CharField(max_length=60, unique=True)
    title = models.CharField(max_length=200)
    description = models.TextField()
    block = models.ForeignKey(
        "estates.Block", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    proposed_by = models.ForeignKey(
        "tenancies.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    proposed_on = models.DateField(default=timezone.localdate)
    status = models.CharField(
        max_length=12, choices=ImprovementStatus.choices, default=ImprovementStatus.PROPOSED
    )
    status_note = models.TextField(blank=True)
    done_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-proposed_on", "-pk"]

    def __str__(self) -> str:
        return self.title
