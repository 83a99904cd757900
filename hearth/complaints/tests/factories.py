from __future__ import annotations

from datetime import date

import factory

from hearth.complaints import clocks
from hearth.complaints.models import Category, Channel, Complaint


class ComplaintFactory(factory.django.DjangoModelFactory):
    """A complaint as imported: set its dates and the status and clock follow from them."""

    class Meta:
        model = Complaint

    ref = factory.Sequence(lambda n: f"CMP-T{n:05d}")
    received_on = date(2025, 6, 2)
    category = Category.REPAIRS
    channel = Channel.PHONE
    description = "The repair to my kitchen tap was never done."
    contact_name = "Casey Complainant"
    contact_email = "casey@example.org"

    @classmethod
    def _create(cls, model_class: type[Complaint], *args: object, **kwargs: object) -> Complaint:
        dates = {
            name: kwargs.get(name)
            for name in (
                "stage1_acknowledged_on",
                "stage1_responded_on",
                "stage2_requested_on",
                "stage2_acknowledged_on",
                "stage2_responded_on",
            )
        }
        kwargs.setdefault(
            "status",
            clocks.status_from_dates(outcome=str(kwargs.get("outcome") or ""), **dates),  # type: ignore[arg-type]
        )
        complaint = model_class(*args, **kwargs)
        clocks.refresh(complaint)
        complaint.save()
        return complaint
