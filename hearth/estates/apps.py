from __future__ import annotations

from django.apps import AppConfig


class EstatesConfig(AppConfig):
    name = "hearth.estates"
    label = "estates"
    default_auto_field = "django.db.models.BigAutoField"
