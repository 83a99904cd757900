"""The one versioned API: `/api/v1/`, with its OpenAPI 3.1 spec at `/api/v1/openapi.json`.

Each domain keeps its endpoints in its own `api.py` as a Ninja `Router`, added here under a
prefix. Every endpoint needs an API token or a signed-in browser session (see `auth`), every
error is a problem body (see `problems`), and every list is paged (see `pagination`).
"""

from __future__ import annotations

import importlib
import importlib.util
from typing import Any

from django.apps import apps
from ninja import NinjaAPI

from hearth.api.auth import AUTH
from hearth.core.api import problems
from hearth.core.api.parser import document_no_nul, refusing_nul

DESCRIPTION = """
Hearth's HTTP API for integrations and for the browser.

**Authentication.** Send a personal API token as `Authorization: Bearer <key>` (an
administrator issues one with `hearth api_token USERNAME NAME`). A browser signed in to Hearth
may use its session instead; unsafe methods then need the page's CSRF token in `X-CSRFToken`.

**Errors** are RFC 9457 problem details (`application/problem+json`) with `type`, `title`,
`status` and `detail`, and `errors` (one per field) when the request was not valid.

**Lists** are paged with `page` and `page_size` (at most 100) and give `count`, `next` and
`previous`.
"""

PROBLEM_REF = "#/components/schemas/Problem"


class HearthAPI(NinjaAPI):
    """A NinjaAPI whose spec says, truthfully, that errors come as `application/problem+json`."""

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> Any:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        problem_schema = problems.Problem.model_json_schema(
            ref_template="#/components/schemas/{model}"
        )
        for name, definition in problem_schema.pop("$defs", {}).items():
            components.setdefault(name, definition)
        components.setdefault("Problem", problem_schema)
        # A NUL character is refused in any string a request sends (hearth.core.api.parser).
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                for parameter in operation.get("parameters", []):
                    if parameter.get("in") == "query":
                        document_no_nul(parameter)
                for media in operation.get("requestBody", {}).get("content", {}).values():
                    document_no_nul(media.get("schema", {}))
                    _document_refs(media.get("schema", {}), components)
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                responses = operation.setdefault("responses", {})
                for status, response in responses.items():
                    content = response.get("content")
                    if _is_error(status) and content and "application/json" in content:
                        content[problems.MEDIA_TYPE] = content.pop("application/json")
                responses.setdefault(
                    "default",
                    {
                        "description": "A problem (RFC 9457): the request was not carried out.",
                        "content": {problems.MEDIA_TYPE: {"schema": {"$ref": PROBLEM_REF}}},
                    },
                )
        return schema


def _document_refs(schema: Any, components: dict[str, Any], seen: set[str] | None = None) -> None:
    """Mark the strings of every component a request body refers to (not response ones)."""
    seen = set() if seen is None else seen
    if isinstance(schema, dict):
        ref = schema.get("$ref", "")
        name = ref.rpartition("/")[2] if ref.startswith("#/components/schemas/") else ""
        if name and name not in seen and name in components:
            seen.add(name)
            document_no_nul(components[name])
            _document_refs(components[name], components, seen)
        for value in schema.values():
            _document_refs(value, components, seen)
    elif isinstance(schema, list):
        for item in schema:
            _document_refs(item, components, seen)


def _is_error(status: object) -> bool:
    return str(status).isdigit() and int(str(status)) >= 400


def build() -> NinjaAPI:
    api = HearthAPI(
        title="Hearth API",
        version="1",
        description=DESCRIPTION,
        urls_namespace="api-v1",
        auth=AUTH,
        docs_url="/docs",
    )
    problems.install(api)

    from hearth.api.accounts import router as accounts_router
    from hearth.api.measures import router as measures_router

    api.add_router("", accounts_router)
    api.add_router("", measures_router)
    # Each app's endpoints: the `router` in its `api.py`, found by name, so a new domain
    # edits nothing here.
    for config in apps.get_app_configs():
        if config.name.startswith("hearth.") and config.name not in ("hearth.api", "hearth.core"):
            module = f"{config.name}.api"
            if importlib.util.find_spec(module) is not None:
                api.add_router("", importlib.import_module(module).router)
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                operation.view_func = refusing_nul(operation.view_func)
    return api


api = build()
