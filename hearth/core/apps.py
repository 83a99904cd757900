from __future__ import annotations

from typing import Any

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "hearth.core"
    label = "core"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from hearth.core import signals  # noqa: F401  (connects the calendar's cache reset)

        post_migrate.connect(_create_cache_table, sender=self)


def _create_cache_table(sender: AppConfig, using: str = "default", **kwargs: Any) -> None:
    """Every `migrate` (and every test database) also makes the database cache's table, where
    rate limits count when no Redis is configured. Does nothing if it exists or is not used."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)
