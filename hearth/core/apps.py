from __future__ import annotations

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "hearth.core"
    label = "core"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from hearth.core import signals  # noqa: F401  (connects the calendar's cache reset)
