"""Reading a multipart/form-data body (a file upload) in an endpoint, after its permission
check: Ninja parses `Form` and `File` parameters before the endpoint runs, so an endpoint that
takes a file reads it here instead, once it knows the caller may send one. A body that is not
valid multipart (no boundary, say) is a 400 problem, never a 500."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import BadRequest, RequestDataTooBig, TooManyFieldsSent
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, QueryDict
from django.http.multipartparser import MultiPartParserError
from django.utils.datastructures import MultiValueDict

from hearth.core.api.problems import ApiProblem

NOT_MULTIPART = (
    "The request body is not valid multipart/form-data: send the file as a form upload "
    "(Content-Type: multipart/form-data with a boundary)."
)


def form_and_files(request: HttpRequest) -> tuple[QueryDict, MultiValueDict[str, UploadedFile]]:
    """The form fields and files of the request, parsed now; a 400 problem if they cannot be."""
    try:
        return request.POST, request.FILES
    except (MultiPartParserError, BadRequest, TooManyFieldsSent) as error:
        raise ApiProblem(400, NOT_MULTIPART) from error
    except RequestDataTooBig as error:
        raise ApiProblem(413, "The request is too large.") from error


def multipart_body(fields: dict[str, Any], *, required: list[str]) -> dict[str, Any]:
    """The OpenAPI `requestBody` of a multipart endpoint (for `openapi_extra`), since its
    fields are not Ninja parameters. `fields` maps a name to its JSON schema."""
    return {
        "requestBody": {
            "required": True,
            "content": {
                "multipart/form-data": {
                    "schema": {"type": "object", "properties": fields, "required": required}
                }
            },
        }
    }
