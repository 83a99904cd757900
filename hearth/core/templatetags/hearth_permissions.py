"""`{% load hearth_permissions %}{% if request.user|can:"manage_rent" %}`: show a link, tab or
button only to those who may use it (the page behind it answers 404 to anyone else).
`{% if request.user|may_open:url %}` asks the page itself which capabilities it needs."""

from __future__ import annotations

from typing import Any

from django import template

from hearth.core import access, permissions

register = template.Library()


@register.filter
def can(user: Any, capability: str) -> bool:
    return permissions.can(user, capability)


@register.filter
def may_open(user: Any, path: str) -> bool:
    return access.may_open(user, path)
