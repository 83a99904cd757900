"""Rent accounts' pages keep half their room free on PostgreSQL (fillfactor 50), so a
balance update (every account, every week, by the debit run and payment files) writes the
new row version beside the old one and leaves the account table's eight indexes alone (a
HOT update). Full pages made each weekly update rewrite every index entry: about ten times
slower at 100,000 accounts. Pages written from now on take the setting; `VACUUM FULL
rents_rentaccount` applies it to existing ones. SQLite has no such setting."""

from django.db import migrations


def _fillfactor(percent):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"ALTER TABLE rents_rentaccount SET (fillfactor = {percent})")

    return apply


class Migration(migrations.Migration):
    dependencies = [("rents", "0008_merge_20261203_1808")]

    operations = [migrations.RunPython(_fillfactor(50), _fillfactor(100))]
