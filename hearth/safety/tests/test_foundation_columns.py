"""The register's two new columns: a home's gas supply (homes.csv `gas_supply`, default true)
and a block's communal lift count (blocks.csv `lifts`), in and out through interchange."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from hearth.estates.models import Block, Home
from hearth.interchange.services import export_folder, import_folder
from hearth.interchange.tests.helpers import write_folder

pytestmark = pytest.mark.django_db

FILES = {
    "estates.csv": """
        estate_ref,name
        E1,Clapton Park
    """,
    "blocks.csv": """
        block_ref,estate_ref,name,storeys,has_lift,lifts,has_communal_areas
        B1,E1,Ambergate House,12,true,2,true
        B2,E1,Bakewell Terrace,2,false,,false
    """,
    "homes.csv": """
        home_ref,block_ref,address,postcode,weekly_rent,gas_supply
        H1,B1,"Flat 1, Ambergate House",E5 0PU,120.50,false
        H2,B1,"Flat 2, Ambergate House",E5 0PU,98,true
        H3,B2,"1 Bakewell Terrace",E5 0PU,140.00,
    """,
}


def test_gas_supply_and_lift_counts_load_and_an_empty_gas_supply_means_gas(tmp_path: Path) -> None:
    import_folder(write_folder(tmp_path / "in", FILES))

    assert dict(Home.objects.values_list("ref", "gas_supply")) == {
        "H1": False,
        "H2": True,
        "H3": True,
    }
    assert dict(Block.objects.values_list("ref", "lifts")) == {"B1": 2, "B2": None}


def test_a_homes_file_without_the_gas_supply_column_leaves_homes_with_gas(tmp_path: Path) -> None:
    files = dict(FILES)
    files["homes.csv"] = """
        home_ref,block_ref,address,postcode,weekly_rent
        H1,B1,"Flat 1, Ambergate House",E5 0PU,120.50
    """
    import_folder(write_folder(tmp_path / "in", files))

    assert Home.objects.get(ref="H1").gas_supply is True


def test_the_new_columns_are_exported_and_come_back_the_same(tmp_path: Path) -> None:
    import_folder(write_folder(tmp_path / "in", FILES))
    export_folder(tmp_path / "out")

    with (tmp_path / "out" / "homes.csv").open(encoding="utf-8-sig") as handle:
        homes = {row["home_ref"]: row["gas_supply"] for row in csv.DictReader(handle)}
    with (tmp_path / "out" / "blocks.csv").open(encoding="utf-8-sig") as handle:
        blocks = {row["block_ref"]: row["lifts"] for row in csv.DictReader(handle)}
    assert homes == {"H1": "false", "H2": "true", "H3": "true"}
    assert blocks == {"B1": "2", "B2": ""}
