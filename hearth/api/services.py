"""Issuing and revoking API tokens: the only writes the API app owns.

Each writes an event on the token owner's timeline, so an administrator can see who gave an
integration access and who took it away.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from hearth.accounts.models import ApiToken, User
from hearth.core import timeline
from hearth.core.casework import Actor

MAX_NAME_LENGTH = ApiToken._meta.get_field("name").max_length or 100


class AlreadyRevoked(Exception):
    """The token was revoked before; the first revocation's time is kept."""

    def __init__(self, token: ApiToken) -> None:
        assert token.revoked_at is not None
        super().__init__(
            f"Token {token.prefix}… was already revoked at {token.revoked_at:%Y-%m-%d %H:%M}."
        )
        self.token = token


@transaction.atomic
def issue_token(*, user: User, name: str, actor: Actor) -> tuple[ApiToken, str]:
    """Give `user` a new token called `name`; the raw key is returned once and never stored."""
    name = name.strip()
    if not name:
        raise ValueError("A token needs a name, such as the system that will use it.")
    token, raw = ApiToken.issue(user=user, name=name[:MAX_NAME_LENGTH])
    timeline.record(
        user,
        verb="api_token_issued",
        summary=f"API token “{token.name}” ({token.prefix}…) issued",
        actor=actor,
        details={"token_id": token.pk, "prefix": token.prefix},
    )
    return token, raw


@transaction.atomic
def revoke_token(*, token: ApiToken, actor: Actor) -> ApiToken:
    """Stop a token working from now on. Revoking it again raises `AlreadyRevoked`."""
    locked = ApiToken.objects.select_for_update().get(pk=token.pk)
    if locked.revoked_at is not None:
        raise AlreadyRevoked(locked)
    locked.revoked_at = timezone.now()
    locked.save(update_fields=["revoked_at"])
    timeline.record(
        locked.user,
        verb="api_token_revoked",
        summary=f"API token “{locked.name}” ({locked.prefix}…) revoked",
        actor=actor,
        details={"token_id": locked.pk, "prefix": locked.prefix},
    )
    return locked
