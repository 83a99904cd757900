from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hearth.core.forms import DatePartsField, GovukErrors
from hearth.estates.models import Block, Estate


class PeriodForm(GovukErrors, forms.Form):
    """Any period, from and to both included, optionally one estate or block."""

    date_from = DatePartsField(label=_("From"), help_text=_("For example, 1 4 2025"))
    date_to = DatePartsField(label=_("To"), help_text=_("For example, 31 3 2026"))
    estate = forms.ModelChoiceField(
        label=_("Estate"),
        queryset=Estate.objects.order_by("name"),
        required=False,
        empty_label=_("All estates"),
    )
    block = forms.ModelChoiceField(
        label=_("Block"),
        queryset=Block.objects.select_related("estate").order_by("estate__name", "name"),
        required=False,
        empty_label=_("All blocks"),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end date must be the same as or after the start date"))
        block, estate = data.get("block"), data.get("estate")
        if block and estate and block.estate_id != estate.pk:
            self.add_error("block", _("Choose a block on the estate you chose, or all blocks"))
        return data


class NoteForm(GovukErrors, forms.Form):
    text = forms.CharField(
        label=_("What we are doing where we fall short"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=3000,
        error_messages={"max_length": _("The text must be 3,000 characters or fewer")},
    )
