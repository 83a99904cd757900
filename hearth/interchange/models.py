"""A record of each import that loaded records, for the audit trail and the case timeline."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class ImportRun(models.Model):
    """One `hearth import` that committed. Rejected imports change nothing, so leave no row."""

    folder = models.CharField(max_length=500)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    # One entry per file: {"file", "rows", "created", "updated", "unchanged"}.
    files = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"Import of {self.folder} at {self.started_at:%Y-%m-%d %H:%M}"
