from __future__ import annotations

from django.apps import AppConfig


class RentsConfig(AppConfig):
    name = "hearth.rents"
    label = "rents"
    default_auto_field = "django.db.models.BigAutoField"
