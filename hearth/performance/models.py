"""What we say on the public performance page where we fall short: one text per standard,
written by staff."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class StandardNote(models.Model):
    standard = models.CharField(max_length=40, unique=True)
    text = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["standard"]

    def __str__(self) -> str:
        return self.standard
