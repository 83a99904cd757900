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
from hearth.core.api.parser import RefusingNulParser

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
        parser=RefusingNulParser(),
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
    return api


api = build()
