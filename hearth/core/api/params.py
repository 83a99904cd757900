"""Parameter types shared by every router.

Ids are bounded to what a database key can hold: an id beyond that can name no record, and
SQLite refuses to bind one at all, so it must be a 422, not a 500.
"""

from __future__ import annotations

from typing import Annotated, Any

from ninja import Path, Query

MAX_ID = 2**63 - 1

RecordId = Annotated[int, Path(ge=1, le=MAX_ID, description="The record's id.")]


def id_filter(description: str) -> Any:
    """An optional id in the query string, for use as a parameter's default.

    A default rather than an `Annotated` alias, because `@paginate` resolves a view's string
    annotations in Ninja's own module, where an alias defined here is not visible.
    """
    return Query(None, ge=1, le=MAX_ID, description=description)
