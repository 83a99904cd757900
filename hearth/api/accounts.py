"""Who am I, and my own API tokens.

Tokens are managed from a signed-in browser session only: a leaked token must not be able to
mint a successor that outlives its own revocation.
"""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from hearth.accounts.models import ApiToken
from hearth.api import services
from hearth.api.auth import session_auth
from hearth.core.api.access import current_user
from hearth.core.api.pagination import Pages
from hearth.core.api.params import NOT_BLANK, RecordId
from hearth.core.api.problems import Conflict
from hearth.core.permissions import Can, capabilities_of

router = Router(tags=["me"])


class MeOut(Schema):
    id: int
    username: str
    name: str
    role: str
    role_label: str
    is_staff_member: bool
    capabilities: list[str] = Field(description="What this user's role allows, by name.")
    person_id: int | None = Field(
        description="For a resident, the person record their account belongs to."
    )


@router.get("/me", response=MeOut, summary="The signed-in user or the token's owner")
def me(request: HttpRequest) -> MeOut:
    user = current_user(request)
    capabilities = (
        sorted(capabilities_of(user.role) | {str(c) for c in Can})
        if user.is_superuser
        else sorted(capabilities_of(user.role))
    )
    return MeOut(
        id=user.pk,
        username=user.username,
        name=user.display_name,
        role=user.role,
        role_label=user.get_role_display(),
        is_staff_member=user.is_staff_member,
        capabilities=[str(c) for c in capabilities],
        person_id=user.person_id,
    )


class TokenOut(Schema):
    id: int
    name: str
    prefix: str = Field(description="The key's first characters, to tell tokens apart.")
    created_at: datetime
    last_used_at: datetime | None = Field(description="To the nearest minute.")
    revoked_at: datetime | None


class TokenIn(Schema):
    name: str = Field(
        min_length=1,
        max_length=services.MAX_NAME_LENGTH,
        pattern=NOT_BLANK,
        description="What the token is for, such as the system that will use it.",
    )


class NewTokenOut(TokenOut):
    key: str = Field(description="The token itself. Shown this once only: store it safely.")


tokens = Router(tags=["me"], auth=[session_auth])


@tokens.get("/tokens", response=list[TokenOut], summary="My API tokens")
@paginate(Pages)
def list_tokens(request: HttpRequest):  # type: ignore[no-untyped-def]
    return ApiToken.objects.filter(user=current_user(request)).order_by("-created_at", "-pk")


@tokens.post("/tokens", response={201: NewTokenOut}, summary="Issue myself an API token")
def create_token(request: HttpRequest, payload: TokenIn) -> Status:
    user = current_user(request)
    token, raw = services.issue_token(user=user, name=payload.name, actor=user)
    return Status(201, NewTokenOut(**TokenOut.from_orm(token).model_dump(), key=raw))


@tokens.post("/tokens/{token_id}/revoke", response=TokenOut, summary="Revoke one of my tokens")
def revoke_token(request: HttpRequest, token_id: RecordId) -> ApiToken:
    user = current_user(request)
    token = get_object_or_404(ApiToken, pk=token_id, user=user)
    try:
        return services.revoke_token(token=token, actor=user)
    except services.AlreadyRevoked as exc:
        raise Conflict(str(exc)) from exc


router.add_router("", tokens)
