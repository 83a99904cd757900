from __future__ import annotations

from django.apps import AppConfig


class RepairsConfig(AppConfig):
    name = "hearth.repairs"
    label = "repairs"
    default_auto_field = "django.db.models.BigAutoField"
