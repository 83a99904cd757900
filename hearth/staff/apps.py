from __future__ import annotations

from django.apps import AppConfig


class StaffConfig(AppConfig):
    name = "hearth.staff"
    label = "staff"
    default_auto_field = "django.db.models.BigAutoField"
