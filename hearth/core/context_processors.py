from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from hearth.core.models import Landlord


def landlord(request: HttpRequest) -> dict[str, Any]:
    return {"landlord": Landlord.current()}
