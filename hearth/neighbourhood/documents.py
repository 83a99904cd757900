"""Printable A4 PDFs (WeasyPrint): the inspection notice for the noticeboard and the cleaning
schedule poster with a QR code (segno) that opens the block's cleaning concern form."""

from __future__ import annotations

from typing import Any

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from hearth.core.models import Landlord
from hearth.neighbourhood import queries


def _pdf(template: str, context: dict[str, Any]) -> bytes:
    from weasyprint import HTML  # slow to import; only PDFs need it

    html = render_to_string(template, {"landlord": Landlord.current(), **context})
    return bytes(HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf())


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def concern_form_url(block: Any) -> str:
    return absolute(reverse("neighbourhood_portal:qr-cleaning", args=[block.ref]))


def qr_svg(url: str) -> str:
    return str(segno.make(url, error="m").svg_data_uri(scale=6))


def inspection_notice(inspection: Any) -> bytes:
    block = inspection.block
    return _pdf(
        "neighbourhood/pdf/inspection_notice.html",
        {
            "inspection": inspection,
            "the_block": block,
            "block_url": absolute(reverse("neighbourhood_portal:block", args=[block.ref])),
            "qr": qr_svg(absolute(reverse("neighbourhood_portal:block", args=[block.ref]))),
        },
    )


def cleaning_poster(block: Any) -> bytes:
    url = concern_form_url(block)
    return _pdf(
        "neighbourhood/pdf/cleaning_poster.html",
        {
            "the_block": block,
            "tasks": queries.cleaning_schedule(block),
            "url": url,
            "qr": qr_svg(url),
        },
    )
