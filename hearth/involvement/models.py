"""Involvement: the Tenant Satisfaction Measures perception survey (who was asked, who answered
and how), and the suggestion box."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SurveyChannel(models.TextChoices):
    """How a survey reached the respondent and came back. Email, text and letter invitations
    are answered online (or on paper, entered by staff); phone and face-to-face interviews are
    entered by staff."""

    EMAIL = "email", _("Email")
    TEXT = "text", _("Text message")
    LETTER = "letter", _("Letter")
    PHONE = "phone", _("Phone interview")
    FACE_TO_FACE = "face_to_face", _("Face-to-face interview")
    IMPORTED = "imported", _("Imported from another system")


INVITATION_CHANNELS = (SurveyChannel.EMAIL, SurveyChannel.TEXT, SurveyChannel.LETTER)


class TsmSurvey(models.Model):
    """One round of the TSM perception survey (usually one per year, or a tracker round)."""

    title = models.CharField(max_length=200)
    # The reporting year the answers count towards (the return's year).
    year_start = models.DateField()
    year_end = models.DateField()
    opens_on = models.DateField()
    closes_on = models.DateField()
    # What share of those asked we expect to answer, to size the sample (percent).
    expected_response_rate = models.PositiveSmallIntegerField(default=30)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-opens_on", "-pk"]

    def __str__(self) -> str:
        return self.title


class Invitation(models.Model):
    """A household asked to take part: the tenancy, the person asked, and how."""

    survey = models.ForeignKey(TsmSurvey, on_delete=models.CASCADE, related_name="invitations")
    tenancy = models.ForeignKey(
        "tenancies.Tenancy", on_delete=models.PROTECT, related_name="tsm_invitations"
    )
    person = models.ForeignKey(
        "tenancies.Person", on_delete=models.PROTECT, related_name="tsm_invitations"
    )
    channel = models.CharField(max_length=20, choices=SurveyChannel.choices)
    invited_on = models.DateField()
    # The secret in the link sent to the respondent (no sign-in needed to answer).
    token = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["-invited_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "tenancy"], name="one_invitation_per_home")
        ]
        indexes = [models.Index(fields=["person", "invited_on"])]

    def __str__(self) -> str:
        return f"{self.person} ({self.survey})"


class Response(models.Model):
    """One respondent's answers, with when and how they were given. The filter questions decide
    which of TP02, TP03, TP09 and TP10 were asked."""

    survey = models.ForeignKey(TsmSurvey, on_delete=models.PROTECT, related_name="responses")
    invitation = models.OneToOneField(
        Invitation, null=True, blank=True, on_delete=models.PROTECT, related_name="response"
    )
    tenancy = models.ForeignKey(
        "tenancies.Tenancy",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tsm_responses",
    )
    answered_on = models.DateField()
    channel = models.CharField(max_length=20, choices=SurveyChannel.choices)
    had_repair = models.BooleanField()
    made_complaint = models.BooleanField()
    has_communal_areas = models.BooleanField()
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-answered_on", "-pk"]
        indexes = [models.Index(fields=["answered_on"])]

    def __str__(self) -> str:
        return f"Response {self.pk} to {self.survey}"


class Answer(models.Model):
    """One answer to one TSM question (TP01 … TP12), coded as in `hearth.involvement.tsm`."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    # The landlord's own reference for an answer imported from survey_answers.csv (none for
    # answers given in Hearth: export names those HEARTH-<number>).
    ref = models.CharField(max_length=60, unique=True, null=True, blank=True)
    question = models.CharField(max_length=4)
    answer = models.CharField(max_length=30)

    class Meta:
        ordering = ["question"]
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="one_answer_per_question")
        ]
        indexes = [models.Index(fields=["question", "answer"])]

    def __str__(self) -> str:
        return f"{self.question}: {self.answer}"


class SuggestionStatus(models.TextChoices):
    NEW = "new", _("Waiting for an answer")
    ANSWERED = "answered", _("Answered")


class SuggestionSource(models.TextChoices):
    PORTAL = "portal", _("Online")
    PAPER = "paper", _("Suggestion box (paper)")


class Suggestion(models.Model):
    """A resident's suggestion, signed or anonymous, and our answer. Published on the "You said,
    we did" page when staff choose to."""

    ref = models.CharField(max_length=20, unique=True)
    text = models.TextField()
    source = models.CharField(max_length=10, choices=SuggestionSource.choices)
    # Empty for an anonymous suggestion.
    person = models.ForeignKey(
        "tenancies.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="suggestions",
    )
    received_on = models.DateField()
    status = models.CharField(
        max_length=10, choices=SuggestionStatus.choices, default=SuggestionStatus.NEW
    )
    answer = models.TextField(blank=True)
    what_we_did = models.TextField(blank=True)
    answered_on = models.DateField(null=True, blank=True)
    published = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_on", "-pk"]
        indexes = [models.Index(fields=["status", "received_on"])]

    def __str__(self) -> str:
        return self.ref


# Any survey: the questionnaire builder, and transactional surveys sent when a case closes.


class SurveyPurpose(models.TextChoices):
    GENERAL = "general", _("Sent by staff (any survey)")
    TRACKER = "tracker", _("Short tracker survey between annual ones")
    REPAIR_CLOSED = "repair", _("Sent when a repair is completed")
    COMPLAINT_CLOSED = "complaint", _("Sent when a complaint is answered")
    ASB_CLOSED = "asb", _("Sent when an antisocial behaviour case closes")


class Questionnaire(models.Model):
    title = models.CharField(max_length=200)
    intro = models.TextField(help_text=_("What the survey is for and how long it takes."))
    purpose = models.CharField(
        max_length=20, choices=SurveyPurpose.choices, default=SurveyPurpose.GENERAL
    )
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class QuestionKind(models.TextChoices):
    SATISFACTION = "satisfaction", _("Satisfied or dissatisfied (5 points)")
    CHOICE = "choice", _("Choose one of a list")
    YES_NO = "yes_no", _("Yes or no")
    TEXT = "text", _("Written answer")


class QuestionnaireQuestion(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="questions"
    )
    position = models.PositiveSmallIntegerField()
    text = models.CharField(max_length=500)
    kind = models.CharField(max_length=20, choices=QuestionKind.choices)
    # For "choose one of a list": one option a line.
    options = models.TextField(blank=True)
    required = models.BooleanField(default=False)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text

    def option_list(self) -> list[str]:
        return [line.strip() for line in self.options.splitlines() if line.strip()]


class QuestionnaireInvite(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="invites"
    )
    person = models.ForeignKey(
        "tenancies.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    case_type = models.CharField(max_length=20, blank=True)
    case_ref = models.CharField(max_length=40, blank=True)
    token = models.CharField(max_length=64, unique=True)
    sent_on = models.DateField()

    class Meta:
        ordering = ["-sent_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "case_type", "case_ref"],
                condition=~models.Q(case_ref=""),
                name="one_transactional_survey_per_case",
            )
        ]

    def __str__(self) -> str:
        return f"{self.questionnaire} ({self.case_ref or self.pk})"


class QuestionnaireResponse(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="responses"
    )
    invite = models.OneToOneField(
        QuestionnaireInvite,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="response",
    )
    answered_on = models.DateField()
    channel = models.CharField(max_length=20, choices=SurveyChannel.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-answered_on", "-pk"]

    def __str__(self) -> str:
        return f"Response {self.pk} to {self.questionnaire}"


class QuestionnaireAnswer(models.Model):
    response = models.ForeignKey(
        QuestionnaireResponse, on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        QuestionnaireQuestion, on_delete=models.PROTECT, related_name="answers"
    )
    value = models.TextField()

    class Meta:
        ordering = ["question__position"]

    def __str__(self) -> str:
        return self.value[:40]


# Spot checks of services, by staff or by residents.


class Rating(models.TextChoices):
    GOOD = "good", _("Good")
    NEEDS_IMPROVEMENT = "needs_improvement", _("Needs improvement")
    POOR = "poor", _("Poor")


class SpotCheck(models.Model):
    ref = models.CharField(max_length=20, unique=True)
    service = models.CharField(max_length=200)
    checked_on = models.DateField()
    checked_by = models.CharField(max_length=200)
    by_residents = models.BooleanField(default=False)
    block = models.ForeignKey(
        "estates.Block", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    rating = models.CharField(max_length=20, choices=Rating.choices)
    findings = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-checked_on", "-pk"]

    def __str__(self) -> str:
        return self.ref


class FollowUpAction(models.Model):
    """An action a spot check or a scrutiny review asked for, tracked until done."""

    spot_check = models.ForeignKey(
        SpotCheck, null=True, blank=True, on_delete=models.CASCADE, related_name="actions"
    )
    review = models.ForeignKey(
        "ScrutinyReview", null=True, blank=True, on_delete=models.CASCADE, related_name="actions"
    )
    description = models.CharField(max_length=500)
    owner = models.CharField(max_length=200)
    due_on = models.DateField()
    done_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.description


# Ways to get involved.


class GroupKind(models.TextChoices):
    PANEL = "panel", _("Residents' panel")
    TRA = "tra", _("Tenants' and residents' association")
    SCRUTINY = "scrutiny", _("Scrutiny panel")
    WALKABOUT = "walkabout", _("Estate walkabouts and inspections")
    EVENT = "event", _("Events")


class InvolvementGroup(models.Model):
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=GroupKind.choices)
    description = models.TextField(blank=True)
    meets = models.CharField(max_length=200, blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name


class ScrutinyReview(models.Model):
    group = models.ForeignKey(
        InvolvementGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="reviews"
    )
    title = models.CharField(max_length=200)
    scope = models.TextField()
    started_on = models.DateField()
    report = models.TextField(blank=True)
    reported_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-started_on", "-pk"]

    def __str__(self) -> str:
        return self.title


class Interest(models.Model):
    """A resident's register of interest: what they would like to take part in and how."""

    person = models.OneToOneField(
        "tenancies.Person", on_delete=models.CASCADE, related_name="involvement_interest"
    )
    ways = models.JSONField(default=list)  # GroupKind values, plus "surveys"
    methods = models.JSONField(default=list)  # online, phone, in_person, large_print, language
    language = models.CharField(max_length=60, blank=True)
    registered_on = models.DateField()
    # Diversity data, held only when the resident consents (and wiped if they withdraw it).
    diversity_consent = models.BooleanField(default=False)
    age_band = models.CharField(max_length=20, blank=True)
    ethnicity = models.CharField(max_length=60, blank=True)
    disabled = models.CharField(max_length=20, blank=True)

    def __str__(self) -> str:
        return f"Interest of {self.person}"


# Newsletters.


class Newsletter(models.Model):
    title = models.CharField(max_length=200)
    issue_date = models.DateField()
    news = models.TextField(blank=True)
    events = models.TextField(blank=True)
    include_performance = models.BooleanField(default=True)
    include_you_said = models.BooleanField(default=True)
    # Neighbourhood's community events and projects marked for the newsletter, starting in the
    # three months from the issue date.
    include_community_events = models.BooleanField(default=True)
    sent_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-issue_date", "-pk"]

    def __str__(self) -> str:
        return self.title
