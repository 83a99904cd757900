"""Bulk reads and writes in chunks. Models with django-simple-history get their historical
rows written in bulk alongside (a plain `bulk_create` would skip them and leave auditors blind).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, TypeVar

from django.db import models
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from hearth.core.casework import Actor

M = TypeVar("M", bound=models.Model)

# Comfortably below every backend's limit on query parameters (SQLite: 999 in old builds).
CHUNK = 500


def chunked(items: Iterable[Any], size: int = CHUNK) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def has_history(model: type[models.Model]) -> bool:
    return hasattr(model._meta, "simple_history_manager_attribute")


def in_bulk_by(model: type[M], field: str, keys: Iterable[Any]) -> dict[Any, M]:
    """`{key: instance}` for the rows whose `field` is one of `keys`, one query per chunk."""
    found: dict[Any, M] = {}
    for chunk in chunked(sorted(set(keys))):
        found.update(model._default_manager.in_bulk(chunk, field_name=field))
    return found


def create(model: type[M], objs: Sequence[M], *, actor: Actor = None) -> None:
    """Insert `objs` (their primary keys are set afterwards, on SQLite and PostgreSQL alike)."""
    if not objs:
        return
    if has_history(model):
        bulk_create_with_history(list(objs), model, batch_size=CHUNK, default_user=actor)
    else:
        model._default_manager.bulk_create(objs, batch_size=CHUNK)


def update(
    model: type[M], objs: Sequence[M], fields: Iterable[str], *, actor: Actor = None
) -> None:
    fields = sorted(set(fields))
    if not objs or not fields:
        return
    if has_history(model):
        bulk_update_with_history(list(objs), model, fields, batch_size=CHUNK, default_user=actor)
    else:
        model._default_manager.bulk_update(objs, fields, batch_size=CHUNK)
