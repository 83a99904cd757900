"""Printable documents: a stage's response letter and the "How to complain" leaflet, as PDFs made
with WeasyPrint from the same templates (and words) as the web pages."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from hearth.complaints import rules
from hearth.complaints.models import ComplaintResponse
from hearth.core.models import Landlord


def render_pdf(template: str, context: dict[str, Any]) -> bytes:
    """HTML from a template, laid out as an A4 PDF."""
    from weasyprint import HTML  # imported here: it is slow to import and only PDFs need it

    html = render_to_string(
        template,
        {
            "landlord": Landlord.current(),
            "ombudsman": rules.OMBUDSMAN,
            "site_url": settings.SITE_URL.rstrip("/"),
            "printed_on": timezone.localdate(),
            **context,
        },
    )
    return bytes(HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf())


def response_letter(response: ComplaintResponse) -> bytes:
    """The letter for a stage's response: everything Code 6.11 (stage 1) or 6.21 (stage 2) asks
    a response to confirm in writing, addressed to the complainant."""
    complaint = response.complaint
    address = ""
    if complaint.complainant_id:
        from hearth.tenancies.messaging import postal_address

        address = postal_address(complaint.complainant)  # type: ignore[arg-type]
    elif complaint.contact_address:
        address = f"{complaint.contact_name}\n{complaint.contact_address}"
    remedies = list(response.remedies.all())
    return render_pdf(
        "complaints/pdf/response_letter.html",
        {
            "complaint": complaint,
            "response": response,
            "address_lines": [line for line in address.splitlines() if line.strip()],
            "name": complaint.complainant_name,
            "remedies": remedies,
        },
    )


def leaflet() -> bytes:
    return render_pdf("complaints/pdf/leaflet.html", {})
