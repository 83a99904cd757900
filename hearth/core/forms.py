"""Form pieces every domain's pages share: the GOV.UK date input as a field, and turning a
service's ValidationError into errors on the form (so the error summary lists them)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class DatePartsWidget(forms.MultiWidget):
    """Day, month and year boxes (rendered by includes/forms/date.html)."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(
            widgets={"day": forms.TextInput, "month": forms.TextInput, "year": forms.TextInput},
            attrs=attrs,
        )

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        # Ids named after the part (`<id>_day`, not `<id>_0`), so the error summary can link
        # to the day box and each label names its box.
        base = context["widget"]["attrs"].get("id")
        suffixes: list[str] = self.widgets_names  # type: ignore[attr-defined]
        if base:
            for part, suffix in zip(context["widget"]["subwidgets"], suffixes, strict=True):
                part["attrs"]["id"] = f"{base}{suffix}"
        return context

    def id_for_label(self, id_: str) -> str:
        return f"{id_}_day" if id_ else id_

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, date):
            return [value.day, value.month, value.year]
        return [None, None, None]


def _today_hint() -> str:
    today = timezone.localdate()
    return _("For example, %(day)s %(month)s %(year)s") % {
        "day": today.day,
        "month": today.month,
        "year": today.year,
    }


# The GOV.UK date hint, with today's date as the example (so it is never a date long past).
DATE_HINT = lazy(_today_hint, str)()


class DatePartsField(forms.MultiValueField):
    """A date typed as day, month and year, with GOV.UK's error messages: "Enter the date",
    "The date must include a month", "The date must be a real date"."""

    widget = DatePartsWidget
    default_error_messages = {"required": gettext_lazy("Enter the date")}

    def __init__(self, **kwargs: Any) -> None:
        parts = tuple(forms.CharField(required=False) for _part in range(3))
        super().__init__(fields=parts, require_all_fields=False, **kwargs)

    def compress(self, data_list: list[Any]) -> date | None:
        if not data_list:
            return None
        day, month, year = (str(part or "").strip() for part in data_list)
        missing = [
            name
            for name, value in ((_("a day"), day), (_("a month"), month), (_("a year"), year))
            if not value
        ]
        if missing:
            raise ValidationError(
                _("The date must include %(parts)s") % {"parts": _(" and ").join(missing)}
            )
        if not (day.isdigit() and month.isdigit() and year.isdigit()):
            raise ValidationError(_("The date must be a real date, using numbers only"))
        if len(year) != 4:
            raise ValidationError(_("The year must include 4 numbers, like 2025"))
        try:
            return date(int(year), int(month), int(day))
        except ValueError:
            raise ValidationError(_("The date must be a real date")) from None


def apply_service_errors(
    form: forms.Form, error: ValidationError, *, rename: dict[str, str] | None = None
) -> None:
    """Put a service's ValidationError on the form: errors for a field the form has go on that
    field, anything else on the form as a whole."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            field = (rename or {}).get(name, name)
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class PeriodForm(forms.Form):
    """A period for a performance page: from and to, both days included, typed as GOV.UK
    date inputs. Used with GET, so a bad date shows the error summary and the page keeps the
    period it had."""

    start = DatePartsField(
        label=gettext_lazy("From"),
        help_text=DATE_HINT,
        error_messages={"required": gettext_lazy("Enter the first day of the period")},
    )
    end = DatePartsField(
        label=gettext_lazy("To"),
        help_text=DATE_HINT,
        error_messages={"required": gettext_lazy("Enter the last day of the period")},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The last day must be the same as or after the first day"))
        return data


def period_from(request: Any, *, default: tuple[date, date]) -> tuple[date, date, PeriodForm]:
    """The period a performance page shows: the one asked for in the query string if it is a
    real period, otherwise `default` (the form then carries the errors to show)."""
    asked = any(key.startswith(("start_", "end_")) for key in request.GET)
    if asked:
        form = PeriodForm(request.GET)
        if form.is_valid():
            return form.cleaned_data["start"], form.cleaned_data["end"], form
        return default[0], default[1], form
    return default[0], default[1], PeriodForm(initial={"start": default[0], "end": default[1]})
