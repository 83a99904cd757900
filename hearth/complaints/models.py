"""Complaints under the Housing Ombudsman's Complaint Handling Code: two stages, each with its
acknowledgement, response and (at most one capped) extension, plus the remedies, outstanding
actions and lessons that come out of them.

The stage dates map one to one to the columns of `complaints.csv`, so an import, the services
and the measures all read and write the same fields. The status is a state machine whose
transitions the services call; `next_action` and `next_due_on` are kept by the services (and
the importer) so work queues and reminders can ask the database what is due.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition
from simple_history.models import HistoricalRecords

from hearth.tenancies.models import TenancyMember


class Status(models.TextChoices):
    STAGE1_RECEIVED = "stage1_received", _("Stage 1: to acknowledge")
    STAGE1_OPEN = "stage1_open", _("Stage 1: investigating")
    STAGE1_ANSWERED = "stage1_answered", _("Stage 1: answered")
    STAGE2_REQUESTED = "stage2_requested", _("Stage 2: to acknowledge")
    STAGE2_OPEN = "stage2_open", _("Stage 2: investigating")
    CLOSED = "closed", _("Final response sent")
    EXCLUDED = "excluded", _("Not taken on")
    WITHDRAWN = "withdrawn", _("Withdrawn")


OPEN_STATUSES = (
    Status.STAGE1_RECEIVED,
    Status.STAGE1_OPEN,
    Status.STAGE2_REQUESTED,
    Status.STAGE2_OPEN,
)
STAGE1_STATUSES = (Status.STAGE1_RECEIVED, Status.STAGE1_OPEN)
STAGE2_STATUSES = (Status.STAGE2_REQUESTED, Status.STAGE2_OPEN)


class Channel(models.TextChoices):
    """How the complaint reached us (Code 3.1: residents may complain by any channel)."""

    ONLINE = "online", _("Online form")
    PHONE = "phone", _("Phone")
    EMAIL = "email", _("Email")
    LETTER = "letter", _("Letter")
    IN_PERSON = "in_person", _("In person")
    OTHER = "other", _("Another way (for example through a councillor)")


class Category(models.TextChoices):
    """The service area a complaint is about: the themes the learning page and report count."""

    REPAIRS = "repairs", _("Repairs")
    DAMP_MOULD = "damp_mould", _("Damp and mould")
    ESTATE_SERVICES = "estate_services", _("Cleaning and estate services")
    ANTISOCIAL_BEHAVIOUR = "antisocial_behaviour", _("Antisocial behaviour")
    RENT_CHARGES = "rent_charges", _("Rent and service charges")
    LETTINGS = "lettings", _("Lettings and moving home")
    STAFF_CONDUCT = "staff_conduct", _("How our staff treated you")
    COMMUNICATION = "communication", _("Communication and keeping you informed")
    OTHER = "other", _("Something else")


class Outcome(models.TextChoices):
    UPHELD = "upheld", _("Upheld")
    PARTLY_UPHELD = "partly_upheld", _("Partly upheld")
    NOT_UPHELD = "not_upheld", _("Not upheld")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Decision(models.TextChoices):
    """A response's decision: an outcome other than withdrawn."""

    UPHELD = "upheld", _("Upheld")
    PARTLY_UPHELD = "partly_upheld", _("Partly upheld")
    NOT_UPHELD = "not_upheld", _("Not upheld")


class ExclusionReason(models.TextChoices):
    """The grounds on which the Code lets a landlord refuse a complaint (Code 2.2)."""

    OVER_12_MONTHS = "over_12_months", _("The issue happened more than 12 months ago")
    LEGAL_PROCEEDINGS = "legal_proceedings", _("Legal proceedings have started")
    ALREADY_CONSIDERED = (
        "already_considered",
        _("The matter has already been considered under our complaints policy"),
    )


class RootCause(models.TextChoices):
    COMMUNICATION = "communication", _("Poor or no communication")
    DELAY = "delay", _("Delay")
    QUALITY = "quality", _("Quality of work or service")
    STAFF_CONDUCT = "staff_conduct", _("Staff conduct")
    CONTRACTOR = "contractor", _("Contractor performance")
    POLICY = "policy", _("Policy or process")
    RECORDS = "records", _("Records or information wrong")
    NO_FAULT = "no_fault", _("No fault found")
    OTHER = "other", _("Other")


class NextAction(models.TextChoices):
    ACKNOWLEDGE_STAGE1 = "acknowledge_stage1", _("Acknowledge (stage 1)")
    RESPOND_STAGE1 = "respond_stage1", _("Respond (stage 1)")
    ACKNOWLEDGE_STAGE2 = "acknowledge_stage2", _("Acknowledge (stage 2)")
    RESPOND_STAGE2 = "respond_stage2", _("Respond (stage 2)")


class ComplaintQuerySet(models.QuerySet["Complaint"]):
    def open(self) -> ComplaintQuerySet:
        return self.filter(status__in=OPEN_STATUSES)

    def counted(self) -> ComplaintQuerySet:
        """Complaints the measures count: every one but those refused under Code 2.2."""
        return self.exclude(status=Status.EXCLUDED)

    def for_person(self, person_id: int | None) -> ComplaintQuerySet:
        """Complaints a resident made or that concern a tenancy they belong to."""
        if person_id is None:
            return self.none()
        # Their tenancies as a subquery, not a join through every member of every tenancy
        # with DISTINCT over whole rows: PostgreSQL then reads only these complaints.
        tenancies = TenancyMember.objects.filter(person_id=person_id).values("tenancy_id")
        return self.filter(Q(complainant_id=person_id) | Q(tenancy_id__in=tenancies))


class Complaint(ConcurrentTransitionMixin, models.Model):
    ref = models.CharField(_("complaint reference"), max_length=40, unique=True)
    tenancy = models.ForeignKey(
        "tenancies.Tenancy",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    home = models.ForeignKey(
        "estates.Home", null=True, blank=True, on_delete=models.PROTECT, related_name="complaints"
    )
    complainant = models.ForeignKey(
        "tenancies.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="complaints",
    )
    # Who complained, as they told us, when we hold no person record for them (or to reach them
    # differently this time).
    contact_name = models.CharField(max_length=200, blank=True)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)
    contact_address = models.TextField(blank=True)
    representative_name = models.CharField(max_length=200, blank=True)
    representative_relationship = models.CharField(max_length=100, blank=True)
    representative_contact = models.CharField(max_length=200, blank=True)

    channel = models.CharField(max_length=12, choices=Channel.choices, default=Channel.ONLINE)
    received_on = models.DateField()
    issue_date = models.DateField(
        null=True, blank=True, help_text=_("When the problem happened or they became aware of it.")
    )
    category = models.CharField(max_length=30, choices=Category.choices)
    # The landlord's own words for the category, when an import brought a complaint whose
    # category is not one of Hearth's: `category` is then what staff mapped it to
    # (`CategoryMapping`), or "other" until they do.
    landlord_category = models.CharField(max_length=200, blank=True, db_index=True)
    description = models.TextField(blank=True)
    desired_outcome = models.TextField(blank=True)
    # A service request (e.g. a repair) the complaint grew out of.
    about_case_type = models.CharField(max_length=20, blank=True)
    about_case_ref = models.CharField(max_length=60, blank=True)

    status = FSMField(default=Status.STAGE1_RECEIVED, choices=Status.choices, protected=True)

    stage1_handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    stage1_definition = models.TextField(blank=True)
    stage1_acknowledged_on = models.DateField(null=True, blank=True)
    stage1_extension_days = models.PositiveSmallIntegerField(default=0)
    stage1_extension_reason = models.TextField(blank=True)
    stage1_responded_on = models.DateField(null=True, blank=True)

    stage2_requested_on = models.DateField(null=True, blank=True)
    stage2_reason = models.TextField(blank=True)
    stage2_handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    stage2_definition = models.TextField(blank=True)
    stage2_acknowledged_on = models.DateField(null=True, blank=True)
    stage2_extension_days = models.PositiveSmallIntegerField(default=0)
    stage2_extension_reason = models.TextField(blank=True)
    stage2_responded_on = models.DateField(null=True, blank=True)

    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    compensation = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)

    exclusion_reason = models.CharField(max_length=30, choices=ExclusionReason.choices, blank=True)
    exclusion_explanation = models.TextField(blank=True)
    excluded_on = models.DateField(null=True, blank=True)
    withdrawn_on = models.DateField(null=True, blank=True)

    root_cause = models.CharField(max_length=20, choices=RootCause.choices, blank=True)
    lessons_learned = models.TextField(blank=True)
    improvement = models.TextField(blank=True, help_text=_("What we changed as a result."))

    next_action = models.CharField(max_length=20, choices=NextAction.choices, blank=True)
    next_due_on = models.DateField(null=True, blank=True, db_index=True)

    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    history = HistoricalRecords()

    objects = ComplaintQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "-pk"]
        indexes = [
            models.Index(fields=["received_on"]),
            models.Index(fields=["stage1_responded_on"]),
            models.Index(fields=["stage2_requested_on"]),
            models.Index(fields=["stage2_responded_on"]),
            models.Index(fields=["status", "next_due_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.ref}: {self.get_category_display()}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("complaints:detail", args=[self.ref])

    # -- the state machine (the services call these, then save) --------------------------------

    @transition(
        field=status,
        source=Status.STAGE1_RECEIVED,
        target=Status.STAGE1_OPEN,
        custom={
            "label": _("Acknowledge"),
            "url": "complaints:acknowledge",
            "order": 10,
            "secondary": False,
            "capability": "handle_complaints",
        },
    )
    def acknowledge_stage1(self) -> None:
        """Stage 1 acknowledged."""

    @transition(
        field=status,
        source=Status.STAGE1_OPEN,
        target=Status.STAGE1_ANSWERED,
        custom={
            "label": _("Respond"),
            "url": "complaints:respond",
            "order": 20,
            "secondary": False,
            "capability": "handle_complaints",
        },
    )
    def answer_stage1(self) -> None:
        """Stage 1 response sent."""

    @transition(
        field=status,
        source=Status.STAGE1_ANSWERED,
        target=Status.STAGE2_REQUESTED,
        custom={
            "label": _("Escalate to stage 2 for the resident"),
            "url": "complaints:escalate",
            "order": 40,
            "secondary": False,
            "capability": "handle_complaints",
        },
    )
    def escalate(self) -> None:
        """The resident asked for stage 2."""

    @transition(
        field=status,
        source=Status.STAGE2_REQUESTED,
        target=Status.STAGE2_OPEN,
        custom={
            "label": _("Acknowledge"),
            "url": "complaints:acknowledge",
            "order": 10,
            "secondary": False,
            "capability": "handle_complaints",
        },
    )
    def acknowledge_stage2(self) -> None:
        """Stage 2 acknowledged."""

    @transition(
        field=status,
        source=Status.STAGE2_OPEN,
        target=Status.CLOSED,
        custom={
            "label": _("Send the final response"),
            "url": "complaints:respond",
            "order": 20,
            "secondary": False,
            "capability": "handle_complaints",
        },
    )
    def answer_stage2(self) -> None:
        """Final response sent."""

    @transition(
        field=status,
        source=list(OPEN_STATUSES),
        target=None,
        custom={
            "label": _("Extend the time to respond"),
            "url": "complaints:extend",
            "order": 30,
            "secondary": True,
            "capability": "handle_complaints",
        },
    )
    def extend_time(self) -> None:
        """More time to respond at the current stage (the status does not change)."""

    @transition(
        field=status,
        source=Status.STAGE1_RECEIVED,
        target=Status.EXCLUDED,
        custom={
            "label": _("Do not take it on"),
            "url": "complaints:exclude",
            "order": 50,
            "secondary": True,
            "capability": "handle_complaints",
        },
    )
    def exclude(self) -> None:
        """Refused under Code 2.2, when deciding whether to take it on (before acknowledging
        it: an acknowledged complaint has been accepted)."""

    @transition(
        field=status,
        source=list(OPEN_STATUSES),
        target=Status.WITHDRAWN,
        custom={
            "label": _("Record that it was withdrawn"),
            "url": "complaints:withdraw",
            "order": 60,
            "secondary": True,
            "capability": "handle_complaints",
        },
    )
    def withdraw(self) -> None:
        """The resident withdrew it."""

    # -- reading -------------------------------------------------------------------------------

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def stage(self) -> int:
        """The stage it is at (or ended at)."""
        return 2 if self.stage2_requested_on else 1

    @property
    def complainant_name(self) -> str:
        if self.complainant_id and self.complainant is not None:
            return self.complainant.full_name
        return self.contact_name

    @property
    def total_compensation(self) -> Decimal:
        return self.compensation or Decimal("0.00")

    def handler_for(self, stage: int) -> Any:
        return self.stage1_handler if stage == 1 else self.stage2_handler


class CategoryMapping(models.Model):
    """A landlord's own complaint category (from an import) and the Hearth category staff
    mapped it to, once, for learning and reports. Empty `category`: not mapped yet."""

    landlord_category = models.CharField(max_length=200, unique=True)
    category = models.CharField(max_length=30, choices=Category.choices, blank=True)
    mapped_at = models.DateTimeField(null=True, blank=True)
    mapped_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["landlord_category"]

    def __str__(self) -> str:
        return f"{self.landlord_category} -> {self.category or 'not mapped'}"


class ComplaintResponse(models.Model):
    """A stage's response letter, built from the structured form (Code 6.11 and 6.21)."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="responses")
    stage = models.PositiveSmallIntegerField(choices=[(1, _("Stage 1")), (2, _("Stage 2"))])
    definition = models.TextField(help_text=_("What we understood the complaint to be."))
    decision = models.CharField(max_length=20, choices=Decision.choices)
    reasons = models.TextField()
    remedy = models.TextField(help_text=_("What we will do to put things right, or why nothing."))
    outstanding_actions = models.TextField()
    how_to_escalate = models.TextField()
    sent_on = models.DateField()
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["stage"]
        constraints = [
            models.UniqueConstraint(fields=["complaint", "stage"], name="one_response_per_stage")
        ]

    def __str__(self) -> str:
        return f"{self.complaint.ref} stage {self.stage} response ({self.get_decision_display()})"


class RemedyKind(models.TextChoices):
    APOLOGY = "apology", _("Apology")
    ACTION = "action", _("Action to put things right")
    COMPENSATION = "compensation", _("Compensation")
    OTHER = "other", _("Other")


class Remedy(models.Model):
    """Something we offered to put things right. Compensation is paid to the resident and never
    set against rent arrears unless they agreed (Housing Ombudsman remedies guidance)."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="remedies")
    response = models.ForeignKey(
        ComplaintResponse,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="remedies",
    )
    kind = models.CharField(max_length=20, choices=RemedyKind.choices)
    description = models.TextField(blank=True)
    amount = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    offset_against_arrears = models.BooleanField(default=False)
    resident_consented_to_offset = models.BooleanField(default=False)
    paid_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(offset_against_arrears=False) | Q(resident_consented_to_offset=True),
                name="no_offset_without_consent",
            ),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gt=0), name="remedy_amount_positive"
            ),
        ]

    def __str__(self) -> str:
        if self.amount is not None:
            return f"{self.get_kind_display()}: £{self.amount}"
        return self.get_kind_display()


class ComplaintAction(models.Model):
    """Something we promised to do, tracked until it is done (Code 6.6)."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField(max_length=500)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    due_on = models.DateField(null=True, blank=True)
    done_on = models.DateField(null=True, blank=True)
    done_note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["done_on", "due_on", "pk"]
        indexes = [models.Index(fields=["done_on", "due_on"])]

    def __str__(self) -> str:
        return self.description

    @property
    def is_done(self) -> bool:
        return self.done_on is not None


class Answer(models.TextChoices):
    YES = "yes", _("Yes")
    PARTLY = "partly", _("Partly")
    NO = "no", _("No")


class SelfAssessmentAnswer(models.Model):
    """The landlord's answer to one requirement of the Code's annual self-assessment (Code 8.2),
    for the financial year starting 1 April `year`."""

    year = models.PositiveSmallIntegerField()
    clause = models.CharField(max_length=10)
    answer = models.CharField(max_length=10, choices=Answer.choices)
    evidence = models.TextField(blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_on = models.DateField(default=timezone.localdate)
    history = HistoricalRecords()

    class Meta:
        ordering = ["year", "clause"]
        constraints = [
            models.UniqueConstraint(fields=["year", "clause"], name="one_answer_per_clause")
        ]

    def __str__(self) -> str:
        return f"{self.year}/{self.year + 1} {self.clause}: {self.get_answer_display()}"


def financial_year_of(day: date) -> int:
    """The year a financial year (1 April to 31 March) starts in."""
    return day.year if day.month >= 4 else day.year - 1
