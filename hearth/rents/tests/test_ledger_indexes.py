"""The ledger's reference keeps its unique index but not PostgreSQL's copy of it for prefix
searches (migration rents 0011): every weekly charge was written into both. The suite builds
its tables from the models (--no-migrations), which gives PostgreSQL that copy, so the
migration's step is run here on the test database, inside the test's transaction."""

from __future__ import annotations

import importlib
from datetime import date

import pytest
from django.apps import apps
from django.db import IntegrityError, connection, transaction

from hearth.rents.models import Kind
from hearth.rents.tests.factories import make_account, post

migration = importlib.import_module("hearth.rents.migrations.0011_ledger_ref_without_pattern_index")

pytestmark = pytest.mark.django_db


def ledger_indexes() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() "
            "AND tablename = 'rents_transaction'"
        )
        return [row[0] for row in cursor.fetchall()]


def test_the_migration_drops_the_prefix_copy_of_the_reference_index_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite builds no prefix-search copy of a unique column's index")
    before = ledger_indexes()
    assert [d for d in before if "(ref varchar_pattern_ops)" in d]

    with connection.schema_editor() as editor:
        migration.drop_pattern_index(apps, editor)

    after = ledger_indexes()
    assert [d for d in after if "varchar_pattern_ops" in d] == []
    assert len(after) == len(before) - 1
    assert [d for d in after if d.startswith("CREATE UNIQUE INDEX") and d.endswith("(ref)")]

    # The reference is still unique.
    account = make_account()
    charge = post(account, date(2026, 4, 6), Kind.RENT, "100.00")
    copy = type(charge).objects.get(pk=charge.pk)
    copy.pk = None
    with pytest.raises(IntegrityError), transaction.atomic():
        copy.save()
