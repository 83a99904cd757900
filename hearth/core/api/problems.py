"""Every error the API gives is an RFC 9457 problem: `application/problem+json` with `type`,
`title`, `status` and `detail`, plus `errors` when the request failed validation.

Ninja's own handlers answer with plain JSON (and re-raise unexpected errors into Django's HTML
500 page), so the API replaces every one of them here; `guard` wraps each URL under /api/ so
that what Ninja answers outside its handlers (405 for a method a path does not have) and
anything that escapes is a problem too.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Sequence
from http import HTTPStatus
from typing import Any, TypeVar

from django.core.exceptions import BadRequest, PermissionDenied
from django.core.exceptions import ValidationError as RuleRefusal
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.http.multipartparser import MultiPartParserError
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

logger = logging.getLogger("hearth.api")

MEDIA_TYPE = "application/problem+json"

# "about:blank" means the status code says it all (RFC 9457 section 4.2.1); the rest are ours.
BLANK = "about:blank"
VALIDATION_ERROR = "tag:hearth,2025:problem:validation-error"
CSRF_FAILED = "tag:hearth,2025:problem:csrf-failed"


class FieldError(Schema):
    """One thing wrong with the request, where it was found and how to put it right."""

    loc: list[str | int]
    field: str
    detail: str
    code: str


class Problem(Schema):
    """An RFC 9457 problem details object."""

    type: str
    title: str
    status: int
    detail: str
    errors: list[FieldError] | None = None


class ApiProblem(Exception):
    """Raise from an endpoint to answer with a problem of any status."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        type: str = BLANK,
        title: str | None = None,
        errors: Sequence[dict[str, Any]] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.type = type
        self.title = title
        self.errors = list(errors) if errors is not None else None
        self.headers = headers or {}


class Conflict(ApiProblem):
    """The request cannot be carried out in the record's current state (HTTP 409)."""

    def __init__(self, detail: str) -> None:
        super().__init__(409, detail)


def problem_response(
    status: int,
    detail: str,
    *,
    type: str = BLANK,
    title: str | None = None,
    errors: Sequence[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
) -> HttpResponse:
    body: dict[str, Any] = {
        "type": type,
        "title": title or reason_phrase(status),
        "status": status,
        "detail": detail,
    }
    if errors is not None:
        body["errors"] = list(errors)
    response = HttpResponse(json.dumps(body), status=status, content_type=MEDIA_TYPE)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def reason_phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def field_errors(raw: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Ninja's validation errors (pydantic's, with the source prepended to `loc`) as ours."""
    out = []
    for error in raw:
        loc = [part if isinstance(part, int) else str(part) for part in error.get("loc", ())]
        if len(loc) > 2 and loc[0] == "body":
            # Ninja puts the endpoint's parameter name after "body"; clients never see it.
            del loc[1]
        # The first element is where the value came from (query, path, body, …).
        field = ".".join(str(part) for part in loc[1:]) or (str(loc[0]) if loc else "")
        out.append(
            {
                "loc": loc,
                "field": field,
                "detail": str(error.get("msg", "Not valid")),
                "code": str(error.get("type", "invalid")),
            }
        )
    return out


def validation_problem(
    errors: Sequence[dict[str, Any]], *, status: int = 422, detail: str | None = None
) -> ApiProblem:
    return ApiProblem(
        status,
        detail or "The request is not valid: see errors for what to correct.",
        type=VALIDATION_ERROR,
        title="Your request is not valid",
        errors=errors,
    )


BAD_BODY = (
    "The request body could not be read: check its Content-Type matches what is sent (for "
    "multipart/form-data, a boundary)."
)
NUL_IN_ADDRESS = "The address must not contain a NUL character (%00)."

UNAUTHENTICATED_DETAIL = (
    "Send an API token as 'Authorization: Bearer <key>', or sign in to use the API from a browser."
)


def install(api: NinjaAPI) -> None:
    """Replace Ninja's exception handlers with ones that answer with problem bodies."""

    def on_problem(request: HttpRequest, exc: Any) -> HttpResponse:
        return problem_response(
            exc.status,
            exc.detail,
            type=exc.type,
            title=exc.title,
            errors=exc.errors,
            headers=exc.headers,
        )

    def on_validation(request: HttpRequest, exc: Any) -> HttpResponse:
        return on_problem(request, validation_problem(field_errors(exc.errors)))

    def on_authentication(request: HttpRequest, exc: Any) -> HttpResponse:
        return problem_response(
            401, UNAUTHENTICATED_DETAIL, headers={"WWW-Authenticate": 'Bearer realm="hearth"'}
        )

    def on_http_error(request: HttpRequest, exc: Any) -> HttpResponse:
        if isinstance(exc.__cause__, ApiProblem):
            # Ninja turns whatever its body parser raises into a 400; a problem the parser
            # raised on purpose (a NUL character, see `parser`) keeps its own status.
            return on_problem(request, exc.__cause__)
        status = exc.status_code if 400 <= exc.status_code < 600 else 500
        return problem_response(status, str(exc))

    def on_not_found(request: HttpRequest, exc: Any) -> HttpResponse:
        return problem_response(404, "There is nothing here, or you may not see it.")

    def on_permission_denied(request: HttpRequest, exc: Any) -> HttpResponse:
        return problem_response(403, str(exc) or "You may not do this.")

    def on_integrity_error(request: HttpRequest, exc: Any) -> HttpResponse:
        # A uniqueness or reference constraint refused the change: the request clashes with
        # what is stored, so the client can fix it and retry; nothing was written.
        logger.info("API request refused by a database constraint: %s", exc)
        return problem_response(409, "This change conflicts with a record that already exists.")

    def on_bad_body(request: HttpRequest, exc: Any) -> HttpResponse:
        # Django could not read the body (multipart without a boundary, say): the client's
        # mistake, so a 400, never a 500.
        return problem_response(400, BAD_BODY)

    def on_unexpected(request: HttpRequest, exc: Any) -> HttpResponse:
        logger.exception("Unhandled error in API request %s %s", request.method, request.path)
        return server_error()

    api.add_exception_handler(ApiProblem, on_problem)
    api.add_exception_handler(ValidationError, on_validation)
    api.add_exception_handler(AuthenticationError, on_authentication)
    api.add_exception_handler(HttpError, on_http_error)
    api.add_exception_handler(Http404, on_not_found)
    api.add_exception_handler(PermissionDenied, on_permission_denied)
    api.add_exception_handler(IntegrityError, on_integrity_error)
    api.add_exception_handler(MultiPartParserError, on_bad_body)
    api.add_exception_handler(BadRequest, on_bad_body)
    api.add_exception_handler(Exception, on_unexpected)


def server_error() -> HttpResponse:
    return problem_response(
        500, "Something went wrong on our side. Nothing was changed; please try again later."
    )


def _is_problem(response: HttpResponseBase) -> bool:
    return str(response.get("Content-Type", "")).startswith(MEDIA_TYPE)


def method_not_allowed(method: str, allowed: str) -> HttpResponse:
    return problem_response(
        405, f"{method} is not allowed here. Allowed: {allowed}.", headers={"Allow": allowed}
    )


def guard(
    view: Callable[..., HttpResponseBase], *, read_only: bool = False
) -> Callable[..., HttpResponseBase]:
    """Wrap a view under /api/ so that no error leaves it as anything but a problem.

    HEAD is answered as GET without the body. A `read_only` view (the spec, the docs page)
    answers only GET and HEAD. Django's CSRF middleware is bypassed here, as Ninja's views
    are: the session authentication checks CSRF itself (see `auth`), and a token request
    needs none, so the middleware's HTML 403 page can never answer an API request.
    """

    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        head = request.method == "HEAD"
        if head:
            request.method = "GET"
        if read_only and request.method != "GET":
            return method_not_allowed(str(request.method), "GET, HEAD")
        if "\x00" in request.path:
            # A NUL in a path parameter: no record's reference or id holds one.
            response: HttpResponseBase = problem_response(
                422, NUL_IN_ADDRESS, type=VALIDATION_ERROR, title="Your request is not valid"
            )
            return response
        try:
            response = view(request, *args, **kwargs)
        except (MultiPartParserError, BadRequest):
            response = problem_response(400, BAD_BODY)
        except Http404:
            response = problem_response(404, "There is nothing here, or you may not see it.")
        except Exception:
            logger.exception("Unhandled error in API request %s %s", request.method, request.path)
            response = server_error()
        if response.status_code == 405 and not _is_problem(response):
            allowed = str(response.get("Allow", ""))
            if "GET" in allowed.split(", "):
                allowed += ", HEAD"
            response = method_not_allowed("HEAD" if head else str(request.method), allowed)
        elif response.status_code >= 400 and not _is_problem(response):
            # Any other error a wrapped view gave in its own format, e.g. Django's own 400.
            response = problem_response(response.status_code, reason_phrase(response.status_code))
        if head and isinstance(response, HttpResponse):
            response.content = b""
        return response

    guarded.csrf_exempt = True  # type: ignore[attr-defined]
    guarded.__name__ = getattr(view, "__name__", "guarded")
    guarded.__doc__ = view.__doc__
    return guarded


T = TypeVar("T")


def call_service(call: Callable[[], T], *, title: str, type: str) -> T:
    """Run a domain service for an endpoint: a `ValidationError` (a rule refusing what was
    asked) becomes a 409 problem whose `errors` name the fields concerned."""
    try:
        return call()
    except RuleRefusal as error:
        errors: list[dict[str, Any]]
        if hasattr(error, "error_dict"):
            errors = [
                {"loc": ["body", name], "field": name, "detail": str(message), "code": "refused"}
                for name, messages in error.message_dict.items()
                for message in messages
            ]
        else:
            errors = [
                {"loc": ["body"], "field": "", "detail": str(message), "code": "refused"}
                for message in error.messages
            ]
        raise ApiProblem(
            409, " ".join(e["detail"] for e in errors), type=type, title=title, errors=errors
        ) from error
