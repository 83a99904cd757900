from __future__ import annotations

from typing import Any

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "hearth.core"
    label = "core"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db import connections
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate

        from hearth.core import (
            data_version,
            signals,  # noqa: F401  (connects the calendar's cache reset)
        )

        post_migrate.connect(_create_cache_table, sender=self)
        post_migrate.connect(_create_data_version_sequence, sender=self)
        # Every write to a table the measures read moves the data version on, so a cached
        # measures report is never served stale (hearth.core.data_version).
        for connection in connections.all():
            data_version.install(connection)
        connection_created.connect(data_version.install)
        from hearth.core.translations import drop_empty_fallbacks

        drop_empty_fallbacks()


def _create_cache_table(sender: AppConfig, using: str = "default", **kwargs: Any) -> None:
    """Every `migrate` (and every test database) also makes the database cache's table, where
    rate limits count when no Redis is configured. Does nothing if it exists or is not used."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)


def _create_data_version_sequence(sender: AppConfig, using: str = "default", **kwargs: Any) -> None:
    """PostgreSQL's data version sequence (made by migration core 0004 too; here as well for a
    test database built from the models without running migrations)."""
    from django.db import connections

    from hearth.core.data_version import SEQUENCE

    connection = connections[using]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE SEQUENCE IF NOT EXISTS {SEQUENCE}")
