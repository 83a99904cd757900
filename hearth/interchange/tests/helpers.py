"""Small CSV folders for the interchange tests, and a picture of every record they carry."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

from hearth.estates.models import Block, Estate, Home
from hearth.tenancies.models import ContactPreference, SupportNeed, Tenancy, TenancyMember

GOOD = {
    "estates.csv": """
        estate_ref,name
        E1,Clapton Park
        E2,Kingsmead
    """,
    "blocks.csv": """
        block_ref,estate_ref,name,postcode,storeys,has_lift,has_communal_areas
        B1,E1,Ambergate House,E5 0PU,5,true,true
        B2,E2,Bakewell Court,E9 5QP,12,false,
    """,
    "homes.csv": """
        home_ref,block_ref,address,postcode,bedrooms,home_type,weekly_rent,weekly_service_charge
        H1,B1,"Flat 1, Ambergate House",E5 0PU,2,flat,120.50,8.25
        H2,B1,"Flat 2, Ambergate House",E5 0PU,,bedsit,98,
        H3,B2,"Flat 3, Bakewell Court",E9 5QP,3,maisonette,140.00,9.10
    """,
    "tenancies.csv": """
        tenancy_ref,home_ref,tenure,start_date,end_date,lead_tenant_name,phone,email,preferred_language,support_needs
        T1,H1,secure,2015-04-06,2020-03-31,Ada Lovelace,07700 900001,ada@example.org,English,
        T2,H1,secure,2020-04-01,,Grace Hopper,,grace@example.org,Turkish,"Uses a wheelchair,
        needs step-free access"
        T3,H2,introductory,2024-01-08,,Alan Turing,07700 900003,,,
    """,
}


def write_folder(folder: Path, files: dict[str, str], *, encoding: str = "utf-8") -> Path:
    """Write each file's text (indentation and the first newline removed) into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(textwrap.dedent(text).lstrip("\n"), encoding=encoding)
    return folder


def snapshot() -> dict[str, Any]:
    """Every value the Foundation files carry, keyed by refs rather than database ids."""
    lead = TenancyMember.objects.filter(role="lead_tenant")
    return {
        "estates": sorted(Estate.objects.values_list("ref", "name")),
        "blocks": sorted(
            Block.objects.values_list(
                "ref",
                "estate__ref",
                "name",
                "postcode",
                "storeys",
                "has_lift",
                "has_communal_areas",
            )
        ),
        "homes": sorted(
            Home.objects.values_list(
                "ref",
                "block__ref",
                "address",
                "postcode",
                "bedrooms",
                "home_type",
                "weekly_rent",
                "weekly_service_charge",
            )
        ),
        "tenancies": sorted(
            Tenancy.objects.values_list("ref", "home__ref", "tenure", "start_date", "end_date")
        ),
        "lead_tenants": sorted(
            lead.values_list("tenancy__ref", "person__full_name", "person__phone", "person__email")
        ),
        "members": TenancyMember.objects.count(),
        "languages": sorted(
            ContactPreference.objects.filter(person__memberships__role="lead_tenant").values_list(
                "person__memberships__tenancy__ref", "language"
            )
        ),
        "preferences": ContactPreference.objects.count(),
        "support_needs": sorted(
            SupportNeed.objects.filter(person__memberships__role="lead_tenant").values_list(
                "person__memberships__tenancy__ref", "kind", "description"
            )
        ),
        "support_need_count": SupportNeed.objects.count(),
    }
