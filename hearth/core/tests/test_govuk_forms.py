"""A select's options built in Python (`govuk_forms.options`) are what the template loop over
the bound field writes, character for character."""

from __future__ import annotations

from django import forms
from django.template import Context, Template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

LOOP = Template(
    '{% for choice in field %}<option value="{{ choice.data.value }}"{% if choice.data.selected %}'
    " selected{% endif %}>{{ choice.choice_label }}</option>{% endfor %}"
)
FILTER = Template("{% load govuk_forms %}{{ field|options }}")
PLAIN = Template("{% load govuk_forms %}{{ field|options:False }}")


class Filters(forms.Form):
    who = forms.ChoiceField(
        required=False,
        choices=[
            ("", gettext_lazy("Anyone")),
            ("7", "Tom & Jerry <plumbing>"),
            ("8", 'Ann "A" O\'Neil'),
            ("9", mark_safe("<b>Bold</b>")),
            ("Trades", [("10", "Roofer"), ("11", "Glazier")]),
        ],
    )
    size = forms.TypedChoiceField(coerce=int, choices=[(1, "One"), (1234, "Many")])


def render(template: Template, field: forms.BoundField) -> str:
    return template.render(Context({"field": field}))


def test_the_options_are_the_loops_with_escaping_groups_and_the_choice_kept() -> None:
    for data in ({}, {"who": "8", "size": "1234"}, {"who": "11"}):
        form = Filters(data)
        for name in ("who", "size"):
            assert render(FILTER, form[name]) == render(LOOP, form[name])
    form = Filters({"who": "8"})
    assert render(FILTER, form["who"]).count(" selected") == 1
    assert "Tom &amp; Jerry &lt;plumbing&gt;" in render(FILTER, form["who"])
    assert '<option value="">Anyone</option>' in render(FILTER, form["who"])
    assert "<b>Bold</b>" in render(FILTER, form["who"])


def test_options_without_selected_leave_the_choice_out() -> None:
    form = Filters({"who": "8"})
    assert " selected" not in render(PLAIN, form["who"])
    assert render(PLAIN, form["who"]) == render(FILTER, form["who"]).replace(" selected", "")
