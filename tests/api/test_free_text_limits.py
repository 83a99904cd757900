"""Every free-text field the API takes has a maximum length, as the forms do (issue #15): a
string in a request body with no enum, format or pattern that bounds it must say its maxLength,
and a value over it is refused with a 422 problem."""

from __future__ import annotations

from typing import Any

from django.test import Client


def _schemas() -> dict[str, Any]:
    spec = Client().get("/api/v1/openapi.json").json()
    return spec, spec.get("components", {}).get("schemas", {})


def _request_schemas(spec: dict[str, Any]) -> set[str]:
    names = set()
    for path in spec["paths"].values():
        for operation in path.values():
            content = operation.get("requestBody", {}).get("content", {})
            for media in content.values():
                ref = media.get("schema", {}).get("$ref", "")
                if ref:
                    names.add(ref.rsplit("/", 1)[-1])
    return names


def _anchored(option: dict[str, Any]) -> bool:
    """A pattern that fixes the whole value (a choice of words) is not free text; one that
    repeats (`^[^\\x00]*$`, refusing only NUL) is."""
    pattern = option.get("pattern", "")
    return pattern.startswith("^") and pattern.endswith("$") and not {"*", "+"} & set(pattern)


def _unbounded(schema: dict[str, Any], schemas: dict[str, Any], where: str) -> list[str]:
    found = []
    for name, prop in schema.get("properties", {}).items():
        options = prop.get("anyOf", [prop])
        if any(option.get("type") == "number" for option in options):
            continue  # a decimal, given as a number or a string of digits
        for option in options:
            if "$ref" in option:
                target = option["$ref"].rsplit("/", 1)[-1]
                found += _unbounded(schemas[target], schemas, f"{where}.{name}")
            elif option.get("type") == "array" and "$ref" in option.get("items", {}):
                target = option["items"]["$ref"].rsplit("/", 1)[-1]
                found += _unbounded(schemas[target], schemas, f"{where}.{name}[]")
            elif option.get("type") == "string" and not (
                {"maxLength", "enum", "format"} & option.keys() or _anchored(option)
            ):
                found.append(f"{where}.{name}")
    return found


def test_every_free_text_field_in_a_request_body_has_a_maximum_length(db: Any) -> None:
    spec, schemas = _schemas()
    unbounded = []
    for name in sorted(_request_schemas(spec)):
        unbounded += _unbounded(schemas[name], schemas, name)
    assert unbounded == [], f"Give these a max_length matching the form: {unbounded}"
