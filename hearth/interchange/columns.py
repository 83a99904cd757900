"""Column types for interchange files: how a cell is read, checked and written back.

Each column parses one stripped, non-empty cell into a Python value or raises `CellError` with
the words that follow `file:line: column:` in the report. An empty cell is "no value" (`None`)
and never reaches `parse`; whether that is allowed is the column's `required` flag. `format`
is the inverse used by export, so that `parse(format(v)) == v` for every value a column holds.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models

from hearth.core.spreadsheets import escape_formula, unescape_formula

# The spec: a timestamp without an offset is local time in London, whatever the server says.
LONDON = ZoneInfo("Europe/London")

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONEY = re.compile(r"^-?\d+(\.\d{1,2})?$")
_INTEGER = re.compile(r"^-?\d+$")

# CSV injection (OWASP): text cells go through `hearth.core.spreadsheets` both ways.


class CellError(ValueError):
    """A cell's value is wrong; the message says what, in plain words."""


class _Auto(enum.Enum):
    AUTO = "auto"


# `field=AUTO` means "the model field with the column's name"; `field=None` means the column is
# not stored on the file's model by the generic loader (the file spec handles it itself).
AUTO = _Auto.AUTO


def show(raw: str, limit: int = 40) -> str:
    """A cell quoted for a message, shortened so one bad cell cannot flood the report."""
    text = raw if len(raw) <= limit else raw[: limit - 1] + "…"
    return f'"{text}"'


class Column:
    """One column of a file: its name, whether a value is required, and where it is stored.

    `repeats`: the column's cells repeat often (dates, amounts, choices, references) and parse
    to values that cannot change, so a reader may parse each distinct cell once and share the
    value between rows (`parse` depends on nothing but the cell)."""

    repeats = False

    def __init__(
        self, name: str, *, required: bool = False, field: str | _Auto | None = AUTO
    ) -> None:
        self.name = name
        self.required = required
        self.field: str | None = name if field is AUTO else field

    def parse(self, raw: str) -> Any:
        return raw

    def format(self, value: Any) -> str:
        return "" if value is None else str(value)

    def bind(self, model: type[models.Model]) -> None:
        """Learn what the model field allows (called once, when the file spec is registered)."""

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.name!r})"


class Text(Column):
    def __init__(
        self,
        name: str,
        *,
        required: bool = False,
        field: str | _Auto | None = AUTO,
        max_length: int | None = None,
    ) -> None:
        super().__init__(name, required=required, field=field)
        self.max_length = max_length

    def parse(self, raw: str) -> Any:
        raw = unescape_formula(raw)
        if self.max_length is not None and len(raw) > self.max_length:
            raise CellError(f"is {len(raw)} characters long; at most {self.max_length} fit")
        return raw

    def format(self, value: Any) -> str:
        return "" if value is None else escape_formula(str(value))

    def bind(self, model: type[models.Model]) -> None:
        if self.max_length is None and self.field:
            self.max_length = getattr(model._meta.get_field(self.field), "max_length", None)


class Email(Text):
    def parse(self, raw: str) -> Any:
        value = super().parse(raw)
        try:
            validate_email(value)
        except ValidationError:
            raise CellError(f"{show(raw)} is not an email address") from None
        return value


class Ref(Text):
    """The file's own reference column: the landlord's identifier, kept as the record's `ref`."""

    def __init__(self, name: str, *, field: str = "ref", max_length: int | None = None) -> None:
        super().__init__(name, required=True, field=field, max_length=max_length)


class RefTo(Text):
    """A reference to a row of another file (`target`), looked up in the import then the database.

    `field` is the model's foreign key; the loader stores the target's primary key in it.
    """

    repeats = True

    def __init__(
        self,
        name: str,
        target: str,
        *,
        required: bool = False,
        field: str | _Auto | None = AUTO,
        max_length: int | None = 40,
    ) -> None:
        super().__init__(name, required=required, field=field, max_length=max_length)
        self.target = target

    def bind(self, model: type[models.Model]) -> None:
        if self.field:
            model._meta.get_field(self.field)  # fail at registration if the foreign key is wrong


class Choice(Column):
    repeats = True

    def __init__(
        self,
        name: str,
        choices: type[models.Choices] | Iterable[str],
        *,
        required: bool = False,
        field: str | _Auto | None = AUTO,
    ) -> None:
        super().__init__(name, required=required, field=field)
        if isinstance(choices, type) and issubclass(choices, models.Choices):
            self.values: tuple[str, ...] = tuple(str(v) for v in choices.values)
        else:
            self.values = tuple(choices)

    def parse(self, raw: str) -> Any:
        if raw not in self.values:
            raise CellError(f"{show(raw)} is not one of: {', '.join(self.values)}")
        return raw


class Integer(Column):
    repeats = True

    def __init__(
        self,
        name: str,
        *,
        required: bool = False,
        field: str | _Auto | None = AUTO,
        min_value: int | None = None,
        max_value: int | None = None,
    ) -> None:
        super().__init__(name, required=required, field=field)
        self.min_value = min_value
        self.max_value = max_value

    def parse(self, raw: str) -> Any:
        if not _INTEGER.match(raw):
            raise CellError(f"{show(raw)} is not a whole number")
        value = int(raw)
        if self.min_value is not None and value < self.min_value:
            raise CellError(f"{value} is below the lowest allowed, {self.min_value}")
        if self.max_value is not None and value > self.max_value:
            raise CellError(f"{value} is above the highest allowed, {self.max_value}")
        return value


class Money(Column):
    repeats = True

    """Pounds with up to two decimals, read as Decimal (never float), e.g. `-123.45`."""

    def __init__(
        self,
        name: str,
        *,
        required: bool = False,
        field: str | _Auto | None = AUTO,
        min_value: Decimal | None = None,
        max_value: Decimal | None = None,
        max_digits: int = 9,
    ) -> None:
        super().__init__(name, required=required, field=field)
        self.min_value = min_value
        self.max_value = max_value
        self.max_digits = max_digits

    def parse(self, raw: str) -> Any:
        if not _MONEY.match(raw):
            raise CellError(f"{show(raw)} is not an amount in pounds like 123.45 or -123.45")
        try:
            value = Decimal(raw).quantize(Decimal("0.01"))
        except InvalidOperation:
            raise CellError(f"{show(raw)} is not an amount in pounds") from None
        if len(value.as_tuple().digits) > self.max_digits:
            raise CellError(f"{value} is too large")
        if self.min_value is not None and value < self.min_value:
            if self.min_value == 0:
                raise CellError(f"{value} is negative; it must be 0.00 or more")
            raise CellError(f"{value} is below the lowest allowed, {self.min_value}")
        if self.max_value is not None and value > self.max_value:
            if self.max_value == 0:
                raise CellError(f"{value} is positive; it must be 0.00 or less")
            raise CellError(f"{value} is above the highest allowed, {self.max_value}")
        return value

    def format(self, value: Any) -> str:
        return "" if value is None else f"{Decimal(value):.2f}"


class Boolean(Column):
    repeats = True

    def parse(self, raw: str) -> Any:
        lowered = raw.lower()
        if lowered == "true":
            return True
        if lowered == "false":
            return False
        raise CellError(f"{show(raw)} is not true or false")

    def format(self, value: Any) -> str:
        return "" if value is None else ("true" if value else "false")


class Date(Column):
    repeats = True

    def parse(self, raw: str) -> Any:
        if not _DATE.match(raw):
            raise CellError(f"{show(raw)} is not a date in the form YYYY-MM-DD")
        try:
            return date.fromisoformat(raw)
        except ValueError:
            raise CellError(f"{show(raw)} is not a real date") from None

    def format(self, value: Any) -> str:
        return "" if value is None else value.isoformat()


class Timestamp(Column):
    """ISO 8601 date and time; without an offset it is London time (GMT or BST as it was)."""

    repeats = True

    def parse(self, raw: str) -> Any:
        try:
            value = datetime.fromisoformat(raw)
        except ValueError:
            raise CellError(
                f"{show(raw)} is not a date and time like 2025-06-03T14:05:00"
            ) from None
        if _DATE.match(raw):
            raise CellError(f"{show(raw)} has no time of day (like 2025-06-03T14:05:00)")
        if value.tzinfo is None:
            value = value.replace(tzinfo=LONDON)
        return value

    def format(self, value: Any) -> str:
        if value is None:
            return ""
        return value.astimezone(LONDON).isoformat()
