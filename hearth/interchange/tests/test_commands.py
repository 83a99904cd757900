"""`hearth import DIR` (`import_records`): a summary line per file, or every problem on
standard error and a non-zero exit."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from hearth.cli import ALIASES
from hearth.estates.models import Estate
from hearth.interchange.tests.helpers import GOOD, write_folder

pytestmark = pytest.mark.django_db


def test_the_import_command_prints_a_summary_line_per_file(tmp_path: Path) -> None:
    out = StringIO()
    call_command("import_records", str(write_folder(tmp_path, GOOD)), stdout=out)
    assert out.getvalue().splitlines() == [
        "estates.csv: 2 rows, 2 created, 0 updated, 0 unchanged",
        "blocks.csv: 2 rows, 2 created, 0 updated, 0 unchanged",
        "homes.csv: 3 rows, 3 created, 0 updated, 0 unchanged",
        "tenancies.csv: 3 rows, 3 created, 0 updated, 0 unchanged",
    ]


def test_the_import_command_fails_listing_every_problem_on_stderr(tmp_path: Path) -> None:
    folder = write_folder(
        tmp_path,
        {
            "estates.csv": "estate_ref,name\nE1,Clapton Park\nE1,Kingsmead\n",
            "blocks.csv": "block_ref,estate_ref,name\nB1,E2,Ambergate House\n",
        },
    )
    err = StringIO()
    with pytest.raises(CommandError, match="2 problems found; nothing was imported"):
        call_command("import_records", str(folder), stderr=err)
    assert err.getvalue().splitlines() == [
        "estates.csv:3: estate_ref: E1 appears again (first on line 2)",
        "blocks.csv:2: estate_ref: no estate E2 in this import or the database",
    ]
    assert not Estate.objects.exists()


def test_the_import_command_refuses_a_folder_that_does_not_exist(tmp_path: Path) -> None:
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_records", str(tmp_path / "nowhere"), stderr=err)
    assert err.getvalue().strip() == f"{tmp_path / 'nowhere'}: is not a folder"


def test_a_dry_run_of_the_import_command_saves_nothing(tmp_path: Path) -> None:
    out = StringIO()
    call_command("import_records", str(write_folder(tmp_path, GOOD)), "--dry-run", stdout=out)
    assert "estates.csv: 2 rows, 2 created" in out.getvalue()
    assert out.getvalue().splitlines()[-1] == "Dry run: nothing was saved."
    assert not Estate.objects.exists()


def test_hearth_import_and_export_run_these_commands() -> None:
    assert ALIASES == {"import": "import_records", "export": "export_records"}
