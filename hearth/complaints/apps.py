from __future__ import annotations

from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "hearth.complaints"
    label = "complaints"
    default_auto_field = "django.db.models.BigAutoField"
