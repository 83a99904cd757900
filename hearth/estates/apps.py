from __future__ import annotations

from django.apps import AppConfig


class EstatesConfig(AppConfig):
    name = "hearth.estates"
    label = "estates"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from hearth.core.measures import register_homes_counter
        from hearth.estates.queries import homes_managed_at

        register_homes_counter(homes_managed_at)
