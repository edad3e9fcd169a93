"""Checks for inputs that are not money: whole numbers, text, flags, days, moments,
lists, types and choices from an enumeration.

Each check takes the error class to raise (``Error``: ``field, value, reason``), so a
package raises its own error. The money checks, which need the money layer, live in
``commercekit._checks``; this module imports nothing from the rule packages, so the
money layer uses it too.

``trusted`` and ``trusted_evolve`` are the other side of "validate when built": the
library's own results, made from values it has already checked, are built without
running the checks again on its hot paths (a quote builds thousands of lines).
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any, TypeVar

import attrs

from commercekit._numbers import RANGE, out_of_range
from commercekit.errors import CommerceKitError, InvalidAmountError

Error = Callable[[str, object, str], CommerceKitError]
"""An error class taking ``(field, value, reason)``."""

_Member = TypeVar("_Member", bound=enum.Enum)
_Kind = TypeVar("_Kind")


def invalid(field: str, value: object, reason: str) -> InvalidAmountError:
    """An ``Error`` for the packages that raise ``InvalidAmountError`` for bad input."""
    return InvalidAmountError(value, f"{reason} (argument {field!r})")


def _sign(
    found: Decimal | int, field: str, value: object, error: Error, *, positive: bool
) -> None:
    if found < 0 or (positive and found == 0):
        need = "greater than zero" if positive else "zero or more"
        raise error(field, value, f"must be {need}")


def whole(
    value: object,
    field: str,
    error: Error,
    *,
    positive: bool = False,
    unit: str = "units",
    maximum: int | None = None,
) -> int:
    """A whole number (an ``int``, not a bool) that is not negative (or > 0).

    ``maximum`` caps a count that drives work (parts, periods, days) so that no call
    can run away; the refusal names the cap.
    """
    if isinstance(value, bool) or not isinstance(value, int):
        raise error(
            field, value, f"is not a whole number of {unit}; pass an int such as 12"
        )
    if out_of_range(value):
        raise error(field, value, f"is out of range: {RANGE}")
    _sign(value, field, value, error, positive=positive)
    if maximum is not None and value > maximum:
        raise error(field, value, f"is more than {maximum:,} {unit}, the most allowed")
    return value


def text(value: object, field: str, error: Error, *, empty: bool = False) -> str:
    """A ``str`` (non-empty unless ``empty``): a name, an id or a code to look up."""
    if not isinstance(value, str):
        raise error(field, value, "is not text; pass a str")
    if not value and not empty:
        raise error(field, value, "is empty; pass a non-empty str")
    return value


def flag(value: object, field: str, error: Error) -> bool:
    """A ``bool``; a truthy string such as ``"no"`` is refused, not read as True."""
    if not isinstance(value, bool):
        raise error(field, value, "is not a yes/no flag; pass True or False")
    return value


def day(value: object, field: str, error: Error) -> date:
    """A calendar ``date``; a ``datetime`` (a moment, not a day) is refused."""
    if isinstance(value, datetime):
        raise error(
            field, value, "is a datetime, but a day is meant; pass the_moment.date()"
        )
    if not isinstance(value, date):
        raise error(
            field, value, "is not a date; pass a datetime.date such as date(2026, 3, 1)"
        )
    return value


def moment(value: object, field: str, error: Error) -> datetime:
    """A timezone-aware ``datetime``; a plain date or a naive datetime is refused."""
    if not isinstance(value, datetime):
        raise error(field, value, "is not a datetime; pass an aware datetime (with tzinfo)")
    if value.tzinfo is None or value.utcoffset() is None:
        raise error(field, value, "has no time zone; pass an aware datetime (with tzinfo)")
    return value


def items(value: object, field: str, error: Error) -> tuple[Any, ...]:
    """A list or tuple (any iterable but text, a mapping or a set), as a tuple."""
    if isinstance(value, str | bytes | dict) or not hasattr(value, "__iter__"):
        raise error(field, value, "is not a list; pass a list or tuple")
    return tuple(value)


def instance(value: object, kind: type[_Kind], field: str, error: Error) -> _Kind:
    """``value`` if it is a ``kind``; otherwise an error naming the type expected."""
    if not isinstance(value, kind):
        raise error(field, value, f"is not a {kind.__name__}; pass a {kind.__name__}")
    return value


def member(value: object, kind: type[_Member], field: str, error: Error) -> _Member:
    """A member of ``kind``, given as the member or its value, or an error listing them."""
    if isinstance(value, kind):
        return value
    for option in kind:
        if isinstance(value, str) and option.value == value:
            return option
    choices = ", ".join(repr(option.value) for option in kind)
    raise error(field, value, f"is not one of the {kind.__name__} values: {choices}")


_FIELDS: dict[type, frozenset[str]] = {}


def trusted(cls: type[_Kind], **values: Any) -> _Kind:
    """A value object built from values the library itself computed from checked
    inputs, without re-running the checks its constructor makes on a caller's values.

    The quote builds thousands of lines, taxes and amounts; checking each again would
    double its time. Every field must be given, exactly as stored (nothing converts).
    """
    names = _FIELDS.get(cls)
    if names is None:
        names = _FIELDS[cls] = frozenset(
            field.name
            for field in attrs.fields(cls)  # type: ignore[arg-type]
        )
    assert values.keys() == names, (cls, names ^ values.keys())  # noqa: S101
    made = object.__new__(cls)
    for name, value in values.items():
        object.__setattr__(made, name, value)
    return made


def trusted_evolve(value: _Kind, **changes: Any) -> _Kind:
    """``attrs.evolve`` for a value the library checked, changed to values it checked:
    the checks are not run again (see ``trusted``)."""
    cls = type(value)
    fields = {field.name: getattr(value, field.name) for field in attrs.fields(cls)}  # type: ignore[arg-type]
    return trusted(cls, **(fields | changes))
