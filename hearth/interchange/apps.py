from __future__ import annotations

from django.apps import AppConfig


class InterchangeConfig(AppConfig):
    name = "hearth.interchange"
    label = "interchange"
    default_auto_field = "django.db.models.BigAutoField"
