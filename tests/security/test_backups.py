"""`hearth backup` and `hearth restore`: a round trip gives back every table exactly, on SQLite
(its online backup API) and PostgreSQL (pg_dump and pg_restore)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from hearth.complaints import services as complaints
from hearth.complaints.models import Complaint
from hearth.tenancies.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db(transaction=True)


def every_table() -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in a fixed order, as the database holds them."""
    snapshot = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names()):
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted}")
            snapshot[table] = sorted(cursor.fetchall(), key=repr)
    return snapshot


def test_a_backup_restores_every_table_exactly(tmp_path: Path, officer: Any, tenancy: Any) -> None:
    complaints.make_complaint(
        actor=officer, category="estate_services", description="Bins not emptied",
        channel="phone", tenancy=tenancy,
    )  # fmt: skip
    before = every_table()
    assert sum(len(rows) for rows in before.values()) > 10
    backup = tmp_path / "hearth.backup"

    call_command("backup", str(backup))
    Complaint.objects.all().delete()
    PersonFactory(full_name="Added After The Backup")
    assert every_table() != before
    call_command("restore", str(backup), "--yes")

    assert every_table() == before


def test_restoring_from_a_missing_file_changes_nothing(tmp_path: Path, tenancy: Any) -> None:
    before = every_table()
    with pytest.raises(CommandError, match="There is no backup at"):
        call_command("restore", str(tmp_path / "nothing.backup"), "--yes")
    assert every_table() == before
