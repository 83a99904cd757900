from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template

register = template.Library()


@register.filter
def any_errors(forms: Iterable[Any]) -> bool:
    """Whether any of a page's forms has an error (for one error summary over them all)."""
    return any(form.errors for form in forms or ())
