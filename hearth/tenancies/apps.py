from __future__ import annotations

from django.apps import AppConfig


class TenanciesConfig(AppConfig):
    name = "hearth.tenancies"
    label = "tenancies"
    default_auto_field = "django.db.models.BigAutoField"
