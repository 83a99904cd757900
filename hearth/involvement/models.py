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

    def __str__(self) -> str:
        return self.ref
