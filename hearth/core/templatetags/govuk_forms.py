"""Parts of GOV.UK form fields built in Python where a template loop would cost more."""

from __future__ import annotations

import html

from django import template
from django.forms import BoundField
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.filter
def options(field: BoundField, selected: bool = True) -> SafeString:
    """A select field's `<option>` elements, the same as the template loop

        {% for choice in field %}<option value="{{ choice.data.value }}"{% if choice.data.selected %} selected{% endif %}>{{ choice.choice_label }}</option>{% endfor %}

    writes (`field|options:False` leaves out `selected`), in one pass over the widget's
    options: a list of a thousand operatives or blocks costs a bound widget and a template
    render for each option that way, more than the rest of a queue page."""
    widget = field.field.widget
    value = widget.format_value(field.value())
    parts = []
    for _group, group_options, _index in widget.optgroups(field.html_name, value):
        for option in group_options:
            chosen = " selected" if selected and option["selected"] else ""
            parts.append(
                f'<option value="{_text(option["value"])}"{chosen}>{_text(option["label"])}</option>'
            )
    return mark_safe("".join(parts))  # noqa: S308 - every value and label is escaped above


def _text(value: object) -> str:
    """A value as `{{ value }}` shows it in a template (localised, then escaped unless it is
    marked safe): plain text, the usual case, escaped straight away."""
    if type(value) is str:
        return html.escape(value)
    shown = localize(value)
    return str(conditional_escape(shown if isinstance(shown, str) else str(shown)))
