from __future__ import annotations

from typing import Any

from django.db import migrations


def load_catalogue(apps: Any, schema_editor: Any) -> None:
    from hearth.repairs import catalogue

    catalogue.load(apps.get_model("repairs", "CatalogueItem"))


class Migration(migrations.Migration):
    dependencies = [("repairs", "0001_initial")]

    operations = [migrations.RunPython(load_catalogue, migrations.RunPython.noop)]
