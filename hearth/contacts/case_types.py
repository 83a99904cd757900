"""Which model and interchange file each `case_type` of the contact log points at.

A domain registers its case type once, from its own `interchange.py` (imported automatically),
so that `contacts.csv` can check that a row's `case_ref` names a real case:

    from hearth.contacts.case_types import register_case_type

    register_case_type("repair", model=Repair, file="repairs.csv", label="repair")
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models


@dataclass(frozen=True)
class CaseTypeInfo:
    case_type: str
    model: type[models.Model]
    file: str
    label: str
    ref_field: str = "ref"


_case_types: dict[str, CaseTypeInfo] = {}


def register_case_type(
    case_type: str, *, model: type[models.Model], file: str, label: str, ref_field: str = "ref"
) -> CaseTypeInfo:
    info = CaseTypeInfo(case_type, model, file, label, ref_field)
    _case_types[case_type] = info
    return info


def registered_case_types() -> dict[str, CaseTypeInfo]:
    return dict(_case_types)
