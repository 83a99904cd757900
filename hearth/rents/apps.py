from __future__ import annotations

from django.apps import AppConfig


class RentsConfig(AppConfig):
    name = "hearth.rents"
    label = "rents"
    verbose_name = "Rent and arrears"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from hearth.rents import work

        work.register()
