"""Error pages with the header of whoever is signed in: a 500 page rendered like any other
page when it can be (falling back to a page that needs nothing, when even that fails), and a
414 for a web address longer than Hearth reads, before the web server refuses it with a page of
its own."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.template import loader

from hearth.core.api.problems import problem_response

logger = logging.getLogger(__name__)

# Longer than any address Hearth makes (filters, paging), and shorter than gunicorn's limit on
# the request line (4094 bytes), so the reader gets our page rather than the server's.
MAX_ADDRESS = 2000


def server_error(request: HttpRequest) -> HttpResponse:
    try:
        return HttpResponseServerError(loader.render_to_string("500.html", request=request))
    except Exception:  # the page must show whatever broke: the database, a template
        logger.exception("The 500 page could not be rendered; the plain one was sent")
        return HttpResponseServerError(loader.render_to_string("500_plain.html"))


class LongAddressMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if len(request.get_full_path()) > MAX_ADDRESS:
            if request.path.startswith("/api/"):
                # An integration gets the API's own kind of answer: a problem body.
                return problem_response(
                    400,
                    f"The address is longer than {MAX_ADDRESS:,} characters: send fewer or "
                    "shorter filters.",
                )
            return HttpResponse(loader.render_to_string("414.html", request=request), status=414)
        return self.get_response(request)
