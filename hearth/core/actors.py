"""Who did something: a staff or resident user, or None for Hearth itself (a sweep, an import).
Part of the case kit (`hearth.core.casework` re-exports both names)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeAlias

if TYPE_CHECKING:
    from hearth.accounts.models import User

Actor: TypeAlias = "User | None"


def actor_of(user: Any) -> Actor:
    """A user who did something, or None for an anonymous visitor or for Hearth itself."""
    return user if getattr(user, "pk", None) else None
