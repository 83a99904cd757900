"""Every form's errors are written for its field (GOV.UK error message patterns), and free text
has a limit that its hint states."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from django import forms

import hearth
from hearth.core.forms import GovukErrors


class _Report(GovukErrors, forms.Form):
    what_happened = forms.CharField(label="What happened", widget=forms.Textarea)
    priority = forms.ChoiceField(label="Priority", choices=[("a", "A")])
    name = forms.CharField(label="Full name", max_length=10)
    visits = forms.IntegerField(label="Number of visits", min_value=1, max_value=3)
    email = forms.EmailField(label="Email address", required=False)
    reason = forms.CharField(
        label="Reason", error_messages={"required": "Enter why you are cancelling"}
    )


def test_a_missing_answer_says_what_to_enter_or_select():
    form = _Report(data={})
    assert form.errors["what_happened"] == ["Enter what happened"]
    assert form.errors["priority"] == ["Select priority"]
    assert form.errors["name"] == ["Enter full name"]


def test_a_message_the_form_wrote_itself_is_kept():
    assert _Report(data={}).errors["reason"] == ["Enter why you are cancelling"]


def test_limits_and_formats_are_explained_in_words_for_the_field():
    form = _Report(
        data={"what_happened": "x" * 2001, "priority": "z", "name": "A" * 11, "visits": "9",
              "email": "not an email", "reason": "moving"}
    )  # fmt: skip
    assert form.errors["what_happened"] == ["What happened must be 2000 characters or fewer"]
    assert form.errors["priority"] == ["Select priority from the list"]
    assert form.errors["name"] == ["Full name must be 10 characters or fewer"]
    assert form.errors["visits"] == ["Number of visits must be 3 or less"]
    assert form.errors["email"] == [
        "Enter an email address in the correct format, like name@example.com"
    ]
    assert _Report(data={"visits": "two"}).errors["visits"] == ["Number of visits must be a number"]


def test_free_text_with_no_limit_of_its_own_gets_one_and_its_hint_says_so():
    field = _Report().fields["what_happened"]
    assert field.max_length == 2000
    assert field.help_text == "You can enter up to 2,000 characters."


def _form_classes() -> list[type[forms.BaseForm]]:
    found = []
    for module_info in pkgutil.walk_packages(hearth.__path__, "hearth."):
        name = module_info.name
        if (
            ".tests" in name
            or ".migrations" in name
            or not name.rsplit(".", 1)[-1].endswith("forms")
        ):
            continue
        module = importlib.import_module(name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if (
                cls.__module__ == name
                and issubclass(cls, forms.BaseForm)
                and cls not in (forms.Form, forms.ModelForm)
            ):
                found.append(cls)
    return found


def test_every_form_in_hearth_writes_its_errors_for_its_fields():
    classes = _form_classes()
    assert len(classes) > 40
    missing = [
        f"{cls.__module__}.{cls.__name__}" for cls in classes if not issubclass(cls, GovukErrors)
    ]
    assert missing == []
