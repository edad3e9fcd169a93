"""Checks for inputs that are not money: whole numbers, text, flags, days, moments,
lists, types and choices from an enumeration.

Each check takes the package's error (``error``): its class, such as
``InvalidInventoryError``, or a function ``(field, value, reason, *, kind, choices)``
such as ``invalid``, and raises that package's error of the kind it checks: ``whole``
an ``Invalid<Package>CountError``, ``member`` an ``Invalid<Package>ChoiceError``
listing the values, ``day`` an ``Invalid<Package>DateError`` (``commercekit.errors``).
``For(error)`` binds the checks to one package's error: a package's checks are one line.

The money checks live in ``commercekit._checks``; this module imports no rule package.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Protocol, TypeAlias, TypeVar, cast

import attrs

from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import MAX_ITERATED, RANGE, at_most, out_of_range
from commercekit._words import with_article
from commercekit.errors import InputKind, InvalidAmountError, InvalidInputError

_Member = TypeVar("_Member", bound=enum.Enum)
_Kind = TypeVar("_Kind")


class Refusal(Protocol):
    """A function making a package's error for ``field``'s ``value`` of ``kind``."""

    def __call__(
        self,
        field: str,
        value: object,
        reason: str,
        *,
        kind: InputKind = ...,
        choices: Iterable[str] = ...,
    ) -> InvalidInputError: ...


Error: TypeAlias = type[InvalidInputError] | Refusal
"""A package's error: its class (``InvalidInventoryError``) or a ``Refusal``."""


def refuse(
    error: Error,
    field: str,
    value: object,
    reason: str,
    kind: InputKind = InputKind.AMOUNT,
    *,
    choices: Iterable[str] = (),
) -> InvalidInputError:
    """``error``'s class for ``kind``, made for ``field``'s ``value``."""
    make = error.refused if isinstance(error, type) else error
    return make(field, value, reason, kind=kind, choices=choices)


def invalid(
    field: str,
    value: object,
    reason: str,
    *,
    kind: InputKind = InputKind.AMOUNT,
    choices: Iterable[str] = (),
) -> InvalidInputError:
    """The error of the packages that raise ``InvalidAmountError`` for bad input: the
    message ends ``(argument 'field')``; a kind other than an amount raises the
    matching ``InvalidAmount<Kind>Error``."""
    return InvalidAmountError.refused(field, value, reason, kind=kind, choices=choices)


def _sign(
    found: Decimal | int,
    field: str,
    value: object,
    error: Error,
    *,
    positive: bool,
    kind: InputKind = InputKind.AMOUNT,
) -> None:
    if found < 0 or (positive and found == 0):
        need = "greater than zero" if positive else "zero or more"
        raise refuse(error, field, value, f"must be {need}", kind)


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
    count = InputKind.COUNT
    if isinstance(value, bool) or not isinstance(value, int):
        raise refuse(
            error,
            field,
            value,
            f"is not a whole number of {unit}; pass an int such as 12",
            count,
        )
    if out_of_range(value):
        raise refuse(error, field, value, f"is out of range: {RANGE}", count)
    _sign(value, field, value, error, positive=positive, kind=count)
    if maximum is not None and value > maximum:
        raise refuse(
            error, field, value, f"is more than {maximum:,} {unit}, the most allowed", count
        )
    return value


def signed_whole(
    value: object, field: str, error: Error, *, example: str = "-12", unit: str = ""
) -> int:
    """A whole number of either sign, in range (a priority, a stock position)."""
    if isinstance(value, bool) or not isinstance(value, int):
        of = f" of {unit}" if unit else ""
        raise refuse(
            error,
            field,
            value,
            f"is not a whole number{of}; pass an int such as {example}",
            InputKind.COUNT,
        )
    if out_of_range(value):
        raise refuse(error, field, value, f"is out of range: {RANGE}", InputKind.COUNT)
    return value


def text(value: object, field: str, error: Error, *, empty: bool = False) -> str:
    """A ``str``, not empty nor blank unless ``empty``: a name, an id, a code to look up."""
    if not isinstance(value, str):
        raise refuse(error, field, value, "is not text; pass a str", InputKind.TEXT)
    if not empty and not value.strip():
        reason = "is blank (only spaces)" if value else "is empty"
        raise refuse(error, field, value, f"{reason}; pass a non-empty str", InputKind.TEXT)
    return value


def flag(value: object, field: str, error: Error) -> bool:
    """A ``bool``; a truthy string such as ``"no"`` is refused, not read as True."""
    if not isinstance(value, bool):
        raise refuse(
            error,
            field,
            value,
            "is not a yes/no flag; pass True or False",
            InputKind.FLAG,
        )
    return value


def day(value: object, field: str, error: Error) -> date:
    """A calendar ``date``; a ``datetime`` (a moment, not a day) is refused."""
    if isinstance(value, datetime):
        raise refuse(
            error,
            field,
            value,
            "is a datetime, but a day is meant; pass the_moment.date()",
            InputKind.DATE,
        )
    if not isinstance(value, date):
        raise refuse(
            error,
            field,
            value,
            "is not a date; pass a datetime.date such as date(2026, 3, 1)",
            InputKind.DATE,
        )
    return value


def moment(value: object, field: str, error: Error) -> datetime:
    """A timezone-aware ``datetime``; a plain date or a naive datetime is refused."""
    if not isinstance(value, datetime):
        raise refuse(
            error,
            field,
            value,
            "is not a datetime; pass an aware datetime (with tzinfo)",
            InputKind.DATE,
        )
    if value.tzinfo is None or value.utcoffset() is None:
        raise refuse(
            error,
            field,
            value,
            "has no time zone; pass an aware datetime (with tzinfo)",
            InputKind.DATE,
        )
    return value


def items(value: object, field: str, error: Error) -> tuple[Any, ...]:
    """A list or tuple (any iterable but text or a mapping, read up to
    ``MAX_ITERATED`` items), as a tuple."""
    if isinstance(value, list | tuple):
        return tuple(value)
    if isinstance(value, str | bytes | dict) or not hasattr(value, "__iter__"):
        raise refuse(
            error, field, value, "is not a list; pass a list or tuple", InputKind.LIST
        )
    found = at_most(cast(Iterable[Any], value), MAX_ITERATED)
    if found is None:
        said = f"yields more than {MAX_ITERATED:,} items; pass a list or tuple"
        raise refuse(error, field, value, said, InputKind.LIST)
    return found


def instance(value: object, kind: type[_Kind], field: str, error: Error) -> _Kind:
    """``value`` if it is a ``kind``; otherwise an error naming the type expected."""
    if not isinstance(value, kind):
        name = kind.__name__
        said = f"is not {with_article(name)}; pass {with_article(name)}"
        raise refuse(error, field, value, said, InputKind.TYPE)
    return value


def member(value: object, kind: type[_Member], field: str, error: Error) -> _Member:
    """A member of ``kind``, given as the member or its value, or an error listing them
    (``choices`` holds them as text)."""
    if isinstance(value, kind):
        return value
    for option in kind:
        if isinstance(value, str) and option.value == value:
            return option
    raise not_one_of(
        value, tuple(option.value for option in kind), field, error, kind.__name__
    )


def one_of(value: object, options: tuple[str, ...], field: str, error: Error) -> str:
    """``value`` if it is one of the words ``options``; otherwise an error listing them."""
    if isinstance(value, str) and value in options:
        return value
    raise not_one_of(value, options, field, error)


def not_one_of(
    value: object,
    options: tuple[object, ...],
    field: str,
    error: Error,
    name: str | None = None,
) -> InvalidInputError:
    """The choice error for a ``value`` outside ``options`` (the ``name`` enumeration's
    values, when given), listing them in the message and in ``choices``."""
    listed = ", ".join(repr(option) for option in options)
    said = f"the {name} values: {listed}" if name else listed
    return refuse(
        error,
        field,
        value,
        f"is not one of {said}",
        InputKind.CHOICE,
        choices=tuple(str(option) for option in options),
    )


@attrs.frozen
class For:
    """A package's checks bound to its ``error``: ``For(E).day(v, f)`` is day(v, f, E)."""

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    error: Error

    def whole(
        self,
        value: object,
        field: str,
        *,
        positive: bool = False,
        unit: str = "units",
        maximum: int | None = None,
    ) -> int:
        """A whole number, not negative (or > 0), at most ``maximum``."""
        return whole(
            value, field, self.error, positive=positive, unit=unit, maximum=maximum
        )

    def text(self, value: object, field: str, *, empty: bool = False) -> str:
        """A ``str``, non-empty unless ``empty``."""
        return text(value, field, self.error, empty=empty)

    def flag(self, value: object, field: str) -> bool:
        """``True`` or ``False``."""
        return flag(value, field, self.error)

    def day(self, value: object, field: str) -> date:
        """A calendar ``date`` (a ``datetime`` is refused)."""
        return day(value, field, self.error)

    def optional_day(self, value: object, field: str) -> date | None:
        """A calendar ``date``, or ``None``."""
        return None if value is None else day(value, field, self.error)

    def moment(self, value: object, field: str) -> datetime:
        """A timezone-aware ``datetime``."""
        return moment(value, field, self.error)

    def items(self, value: object, field: str) -> tuple[Any, ...]:
        """A list or tuple, as a tuple."""
        return items(value, field, self.error)

    def instance(self, value: object, kind: type[_Kind], field: str) -> _Kind:
        """``value`` if it is a ``kind``."""
        return instance(value, kind, field, self.error)

    def member(self, value: object, kind: type[_Member], field: str) -> _Member:
        """A member of ``kind`` or its value; the refusal lists the values."""
        return member(value, kind, field, self.error)
