"""Parameter types shared by every router.

Ids are bounded to what a database key can hold: an id beyond that can name no record, and
SQLite refuses to bind one at all, so it must be a 422, not a 500.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Annotated, Any, TypeVar, get_type_hints

from ninja import Path, Query
from pydantic import BeforeValidator

MAX_ID = 2**63 - 1
F = TypeVar("F", bound=Callable[..., Any])

RecordId = Annotated[int, Path(ge=1, le=MAX_ID, description="The record's id.")]


def id_filter(description: str) -> Any:
    """An optional id in the query string, for use as a parameter's default.

    A default rather than an `Annotated` alias, because `@paginate` resolves a view's string
    annotations in Ninja's own module, where an alias defined here is not visible.
    """
    return Query(None, ge=1, le=MAX_ID, description=description)


def _iso_date(value: Any) -> Any:
    """Only YYYY-MM-DD: pydantic would otherwise read a number (`0`) as seconds since 1970."""
    if isinstance(value, date) or (
        isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value)
    ):
        return value
    raise ValueError("Enter a date in the form YYYY-MM-DD")


# A date in a request: "2026-12-08", never a number.
IsoDate = Annotated[date, BeforeValidator(_iso_date)]


def resolved(view: F) -> F:
    """Resolve a view's annotations in its own module, for a view under `@paginate`.

    Ninja reads a paginated view's annotations through the wrapper, whose globals are Ninja's
    own module, so a string annotation (any module with `from __future__ import annotations`)
    naming `date`, `IsoDate` or an alias cannot be found there. Put this under `@paginate`:

        @paginate(Pages)
        @resolved
        def list_things(request, received_from: IsoDate | None = Query(None)) -> ...
    """
    view.__annotations__ = get_type_hints(view, include_extras=True)
    return view


# A text that is not blank: at least one character that is not white space. Every kind of
# white space is spelled out rather than written `\S`, because "white space" differs between
# the server's regular expressions (Unicode's list, with U+0085), the JavaScript ones the
# OpenAPI document's readers use (without U+0085, with U+FEFF) and Python's (with U+001C to
# U+001F): a body one of them thinks valid must not be refused by another.
NOT_BLANK = (
    r"[^\t\n\v\f\r \x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]"
)
