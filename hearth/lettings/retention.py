"""How long lettings keeps things (`hearth.core.retention`): photos of an empty home are deleted
the set number of years after it was let again (the note goes on the void's timeline), and a
former tenant being anonymised loses the forwarding address they left when their tenancy
ended. The void's dates and stages stay for the measures."""

from __future__ import annotations

from hearth.core import retention
from hearth.lettings.models import TenancyEnding, VoidPhoto
from hearth.tenancies.models import TenancyMember


@retention.rule
def void_photos() -> retention.Rule:
    return retention.files(
        key="lettings.void_photo", label="Empty home photos", closed="the home was let",
        due=lambda cutoff: VoidPhoto.objects.filter(void__let_on__lt=cutoff),
        field="image", delete_rows=True, related=("void",), case=lambda photo: photo.void,
    )  # fmt: skip


@retention.forget_people
def forwarding_addresses(person_ids: list[int]) -> None:
    """The forwarding address on the ending of any tenancy they were on."""
    tenancies = TenancyMember.objects.filter(person_id__in=person_ids).values("tenancy_id")
    TenancyEnding.objects.filter(tenancy_id__in=tenancies).update(forwarding_address="")
