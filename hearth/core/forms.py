"""Form pieces every domain's pages share: the GOV.UK date input as a field, and turning a
service's ValidationError into errors on the form (so the error summary lists them)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
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


# Free text with no limit of its own gets one, said in its hint (GOV.UK character count).
TEXTAREA_LIMIT = 2000
TEXT_LIMIT = 200


def _what(label: str) -> str:
    """The label as it reads inside a sentence: "Enter what happened", "Select a priority"."""
    if len(label) > 1 and label[1].isupper():  # an acronym such as "EICR certificate"
        return label
    return label[:1].lower() + label[1:]


def _defaults(field: forms.Field) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for cls in reversed(type(field).__mro__):
        found.update(getattr(cls, "default_error_messages", {}) or {})
    return found


def word_errors(field: forms.Field, name: str) -> None:
    """Replace Django's generic error messages ("This field is required.") with ones written
    for this field, following the GOV.UK Design System's error message patterns, and give
    free text a limit. A message a form set itself is left alone."""
    label = str(field.label or name.replace("_", " ").capitalize()).strip().rstrip("?:")
    what = _what(label).replace("%", "%%")
    label = label.replace("%", "%%")
    choose = isinstance(
        field, forms.ChoiceField | forms.ModelChoiceField | forms.FileField | forms.BooleanField
    )
    worded = {
        "required": (_("Select %(what)s") if choose else _("Enter %(what)s")) % {"what": what},
        "max_length": _("%(label)s must be %%(limit_value)s characters or fewer")
        % {"label": label},
        "min_length": _("%(label)s must be %%(limit_value)s characters or more") % {"label": label},
        "max_value": _("%(label)s must be %%(limit_value)s or less") % {"label": label},
        "min_value": _("%(label)s must be %%(limit_value)s or more") % {"label": label},
        "invalid_choice": _("Select %(what)s from the list") % {"what": what},
        "max_digits": _("%(label)s is too large") % {"label": label},
        "max_decimal_places": _("%(label)s must have no more than %%(max)s decimal places")
        % {"label": label},
    }
    if isinstance(field, forms.IntegerField | forms.DecimalField | forms.FloatField):
        worded["invalid"] = _("%(label)s must be a number") % {"label": label}
    if isinstance(field, forms.FileField):
        worded["empty"] = _("The selected file is empty")
    if isinstance(field, forms.EmailField):
        worded["invalid"] = _("Enter an email address in the correct format, like name@example.com")
    # Limits come from validators, whose messages Django takes from `error_messages` by code.
    applies = {
        "max_length": getattr(field, "max_length", None) is not None,
        "min_length": getattr(field, "min_length", None) is not None,
        "max_value": getattr(field, "max_value", None) is not None,
        "min_value": getattr(field, "min_value", None) is not None,
    }
    defaults = _defaults(field)
    for key, message in worded.items():
        current = field.error_messages.get(key)
        if current is None:
            if applies.get(key, key == "invalid"):
                field.error_messages[key] = message
            continue
        if str(current) == str(defaults.get(key, "")):
            field.error_messages[key] = message
    if type(field) is forms.CharField and field.max_length is None:
        limit = TEXTAREA_LIMIT if isinstance(field.widget, forms.Textarea) else TEXT_LIMIT
        field.max_length = limit
        field.validators.append(MaxLengthValidator(limit))
        field.error_messages["max_length"] = worded["max_length"]
        if isinstance(field.widget, forms.Textarea):
            said = _("You can enter up to %(limit)s characters.") % {"limit": f"{limit:,}"}
            field.help_text = f"{field.help_text} {said}".strip() if field.help_text else said


class GovukErrors:
    """Mix into every form (before `forms.Form`): each field's errors are written for that
    field, and free text has a limit (`word_errors`). A test checks every form in Hearth."""

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            word_errors(field, name)


class PeriodForm(GovukErrors, forms.Form):
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


def refusal(error: ValidationError) -> forms.Form:
    """A form with no fields carrying a service's refusal, for the error summary of a page that
    only asks to confirm (the summary lists it; the title starts "Error:")."""
    form = forms.Form(data={})
    form.is_valid()
    form.add_error(None, error)
    return form
