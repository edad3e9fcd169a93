"""Refused inputs: what a refused value was meant to be, and who refused it.

Part of [`commercekit.errors`][commercekit.errors], which re-exports every name here.
An [`InvalidInputError`][commercekit.errors.InvalidInputError] names the ``kind`` of
input (an amount, a choice from a list, a date …); each kind has one class to catch it
anywhere, and each package's own error (``InvalidAmountError``,
``InvalidInventoryError`` …) has one subclass per kind, so a caller may catch either.
Those subclasses are made when first asked for (raised, or named in
``commercekit.errors``), not at import: 48 classes of which a program raises few.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import ClassVar

from commercekit._errors_root import CommerceKitError, shown
from commercekit._words import with_article

__all__ = [
    "KIND_ERRORS",
    "PACKAGE_ERRORS",
    "PACKAGE_KIND_NAMES",
    "InputKind",
    "InvalidAmountError",
    "InvalidChoiceError",
    "InvalidCountError",
    "InvalidDateError",
    "InvalidFlagError",
    "InvalidInputError",
    "InvalidInventoryError",
    "InvalidListError",
    "InvalidLoyaltyError",
    "InvalidMetricError",
    "InvalidPaymentError",
    "InvalidPlaceError",
    "InvalidTextError",
    "InvalidTypeError",
    "NaiveDatetimeError",
    "package_kind_error",
]

_PUBLIC_MODULE = "commercekit.errors"
"""Where the made classes live for pickle and tracebacks: the module that exports them."""


class InputKind(enum.Enum):
    """What a refused input was meant to be: the ``kind`` of an
    [`InvalidInputError`][commercekit.errors.InvalidInputError]."""

    AMOUNT = "amount"
    """A number: an amount of money, a rate, a ratio, a quantity, a weight."""
    CHOICE = "choice"
    """One value from a fixed list (the error's ``choices``): a mode, a category."""
    DATE = "date"
    """A calendar day (a ``date``) or a moment (an aware ``datetime``)."""
    COUNT = "count"
    """A whole number: units, points, days, periods, parts."""
    TEXT = "text"
    """A ``str``: a name, an id, a code to look up."""
    FLAG = "flag"
    """``True`` or ``False``."""
    LIST = "list"
    """A list or tuple (or a set, a mapping) of values."""
    TYPE = "type"
    """An object of a given class (a ``Quote``, a ``RateTable``)."""
    PLACE = "place"
    """A country, a subdivision, a jurisdiction, a customs area or a postcode."""


class InvalidInputError(CommerceKitError, ValueError):
    """An input commercekit refuses, with what it was meant to be.

    ``value`` is the input, ``reason`` what is wrong with it and what to pass instead,
    ``field`` the argument or field it was given as (``None`` where the message names
    it), ``kind`` an [`InputKind`][commercekit.errors.InputKind] and ``choices`` the
    values allowed when the input is a choice (empty otherwise).

    It is the base of the package errors
    ([`InvalidAmountError`][commercekit.errors.InvalidAmountError],
    [`InvalidInventoryError`][commercekit.errors.InvalidInventoryError],
    [`InvalidMetricError`][commercekit.errors.InvalidMetricError],
    [`InvalidLoyaltyError`][commercekit.errors.InvalidLoyaltyError],
    [`InvalidPaymentError`][commercekit.errors.InvalidPaymentError]) and of one class
    per kind ([`InvalidChoiceError`][commercekit.errors.InvalidChoiceError],
    [`InvalidDateError`][commercekit.errors.InvalidDateError], ...). An input of a
    kind other than an amount refused by a package is both: an
    ``InvalidInventoryChoiceError`` is an ``InvalidInventoryError`` (what the inventory
    rules have always raised) and an ``InvalidChoiceError``. Catch the package's class,
    the kind's class, or this one.

    Examples:
        >>> from decimal import Decimal
        >>> from commercekit.pricing import CHARM_99
        >>> try:
        ...     CHARM_99.move(Decimal("23.40"), "sideways")
        ... except InvalidChoiceError as error:
        ...     print(type(error).__name__, error.field, error.kind, error.choices)
        ...     print(isinstance(error, InvalidAmountError), isinstance(error, ValueError))
        InvalidAmountChoiceError direction InputKind.CHOICE ('up', 'nearest', 'down')
        True True
    """

    kind: ClassVar[InputKind] = InputKind.AMOUNT
    """What the input was meant to be; a package's own class means an amount."""

    _kinds: ClassVar[dict[InputKind, type[InvalidInputError]]] = {}

    def __init__(
        self,
        value: object,
        reason: str,
        *,
        field: str | None = None,
        choices: Iterable[str] = (),
    ) -> None:
        self.value = value
        self.reason = reason
        self.field = field
        self.choices = tuple(choices)
        super().__init__(self._message())

    def _message(self) -> str:
        said = f"{shown(self.value)} {self.reason}"
        return said if self.field is None else f"{said} (argument {self.field!r})"

    @classmethod
    def of_kind(cls, kind: InputKind) -> type[InvalidInputError]:
        """The class this package raises for an input of ``kind``: itself for an
        amount, ``Invalid<Package><Kind>Error`` for the other kinds."""
        return cls._kinds.get(kind) or _made(cls, kind)

    @classmethod
    def refused(
        cls,
        field: str,
        value: object,
        reason: str,
        *,
        kind: InputKind = InputKind.AMOUNT,
        choices: Iterable[str] = (),
    ) -> InvalidInputError:
        """The error this package raises for ``field``'s ``value`` of ``kind``."""
        return cls.of_kind(kind)(value, reason, field=field, choices=choices)


class InvalidChoiceError(InvalidInputError):
    """A value that is not one of a fixed list; ``choices`` lists the values allowed."""

    kind = InputKind.CHOICE


class InvalidDateError(InvalidInputError):
    """Not a calendar day (a ``date``, never a ``datetime``), or not an aware moment."""

    kind = InputKind.DATE


class InvalidCountError(InvalidInputError):
    """Not a whole number (an ``int``, never a bool or a float), or one out of bounds."""

    kind = InputKind.COUNT


class InvalidTextError(InvalidInputError):
    """Not a ``str``, or empty text where a name, an id or a code is needed."""

    kind = InputKind.TEXT


class InvalidFlagError(InvalidInputError):
    """Not ``True`` or ``False`` (a truthy ``"no"`` is refused, not read as yes)."""

    kind = InputKind.FLAG


class InvalidListError(InvalidInputError):
    """Not a list or tuple (text, a mapping or a lone value), or a list of the wrong
    shape."""

    kind = InputKind.LIST


class InvalidTypeError(InvalidInputError, TypeError):
    """An object of the wrong class where a given one is needed (a ``RateTable``).

    It is a ``TypeError`` too, as code written for py-moneyed expects of a wrong type.
    """

    kind = InputKind.TYPE


class InvalidPlaceError(InvalidInputError):
    """Not a country, subdivision, jurisdiction, customs area or postcode."""

    kind = InputKind.PLACE


KIND_ERRORS: tuple[type[InvalidInputError], ...] = (
    InvalidChoiceError,
    InvalidDateError,
    InvalidCountError,
    InvalidTextError,
    InvalidFlagError,
    InvalidListError,
    InvalidTypeError,
    InvalidPlaceError,
)
"""One class per kind of input other than an amount, to catch that kind anywhere."""


class InvalidAmountError(InvalidInputError):
    """An amount, rate, ratio or quantity that commercekit refuses to compute with.

    Floats, NaN, infinities, booleans and text that is not a decimal number are all
    refused: each would silently change the money it stands for.

    The money, tax, pricing, shipping and checkout packages raise it for every input
    they refuse; where the input is not an amount, the class raised is also the
    kind's (``InvalidAmountChoiceError`` is an ``InvalidChoiceError`` too, and so on),
    and ``kind`` says which.
    """


class NaiveDatetimeError(InvalidDateError):
    """A datetime without a time zone where a moment in time is needed.

    A promotion that "ends at midnight" ends at a different moment in Amsterdam and in
    New York; a naive datetime cannot say which. ``what`` (also ``field``) names the
    moment.
    """

    def __init__(self, value: object, what: str) -> None:
        self.what = what
        super().__init__(
            value,
            "has no time zone; pass a timezone-aware datetime such as "
            "datetime(2026, 11, 27, 0, 0, tzinfo=ZoneInfo('Europe/Amsterdam'))",
            field=what,
        )

    def _message(self) -> str:
        return f"{self.what} {shown(self.value)} {self.reason}"


class _FieldInputError(InvalidInputError):
    """The shape the rule packages' own errors share: ``(field, value, reason)``, with
    the message ``field=value reason``."""

    def __init__(
        self, field: str, value: object, reason: str, *, choices: Iterable[str] = ()
    ) -> None:
        super().__init__(value, reason, field=field, choices=choices)

    def _message(self) -> str:
        return f"{self.field}={shown(self.value)} {self.reason}"

    @classmethod
    def refused(
        cls,
        field: str,
        value: object,
        reason: str,
        *,
        kind: InputKind = InputKind.AMOUNT,
        choices: Iterable[str] = (),
    ) -> InvalidInputError:
        """The error this package raises for ``field``'s ``value`` of ``kind``."""
        made = cls.of_kind(kind)
        assert issubclass(made, _FieldInputError)  # noqa: S101  # by construction
        return made(field, value, reason, choices=choices)


class InvalidInventoryError(_FieldInputError):
    """A demand, lead time, service level or quantity an inventory rule cannot use."""


class InvalidMetricError(_FieldInputError):
    """An input that makes a unit-economics measure meaningless (zero orders, say)."""


class InvalidLoyaltyError(_FieldInputError):
    """Points, dates, rules or lots a loyalty program cannot use.

    Negative or fractional points, a lot id the ledger does not hold, an expiry before
    the earning date, a bonus event that ends before it starts.
    """


class InvalidPaymentError(_FieldInputError):
    """A payment, fee row, fee schedule, card or surcharge input the payment rules
    cannot use.

    A negative fee, a percentage above 100, a fee schedule with no rows, an amount in
    another currency than the schedule's, a refund above the payment, a card payment
    without its card type. Money that is not money at all is the money package's
    [`InvalidAmountError`][commercekit.errors.InvalidAmountError].
    """


class InvalidBatchError(_FieldInputError):
    """A table the batch path cannot read as a whole: not a table, a required column
    missing, a column of the wrong type (floats for amounts), or options it cannot use.

    A bad value in one row never raises this: that row goes to the result's rejected
    rows with the error the per-call rule would raise, and the other rows are priced.
    """


PACKAGE_ERRORS: tuple[type[InvalidInputError], ...] = (
    InvalidAmountError,
    InvalidInventoryError,
    InvalidMetricError,
    InvalidLoyaltyError,
    InvalidPaymentError,
    InvalidBatchError,
)
"""The packages' input errors: each has one subclass per kind in ``KIND_ERRORS``."""


for _package in PACKAGE_ERRORS:
    _package._kinds = {}  # its Invalid<Package><Kind>Error by kind, as each is made
del _package


def _name(package: type[InvalidInputError], kind: InputKind) -> str:
    return f"{package.__name__.removesuffix('Error')}{kind.value.title()}Error"


PACKAGE_KIND_NAMES: dict[str, tuple[type[InvalidInputError], InputKind]] = {
    _name(package, kind_error.kind): (package, kind_error.kind)
    for package in PACKAGE_ERRORS
    for kind_error in KIND_ERRORS
}
"""The name of each ``Invalid<Package><Kind>Error`` (``InvalidInventoryChoiceError``),
with its package's error and its kind: the classes ``commercekit.errors`` exports by
name, made when first asked for."""


def _made(cls: type[InvalidInputError], kind: InputKind) -> type[InvalidInputError]:
    """``of_kind`` where its class is not made yet: the ``Invalid<Package><Kind>Error``
    of the package whose error ``cls`` is (the first package error in its bases), a
    subclass of both the package's and the kind's class, made now; ``cls`` itself for
    an amount, or where it is no package's error.

    Its ``__module__`` is ``commercekit.errors``, which gives it by name (PEP 562), so
    it pickles; ``setdefault`` keeps one class per name, even where two threads make it
    at once.
    """
    package = next((base for base in cls.__mro__ if base in PACKAGE_ERRORS), None)
    kind_error = next((each for each in KIND_ERRORS if each.kind is kind), None)
    if package is None or kind_error is None:
        return cls
    name = _name(package, kind)
    doc = (
        f"An input meant as {with_article(kind.value)}, refused where "
        f"``{package.__name__}`` is raised: both a ``{package.__name__}`` "
        f"and {with_article(kind_error.__name__)}."
    )
    made = type(
        name,
        (package, kind_error),
        {"__module__": _PUBLIC_MODULE, "__qualname__": name, "__doc__": doc},
    )
    return package._kinds.setdefault(kind, made)


def package_kind_error(name: str) -> type[InvalidInputError]:
    """The ``Invalid<Package><Kind>Error`` called ``name`` (made if it is not yet);
    ``KeyError`` for any other name."""
    package, kind = PACKAGE_KIND_NAMES[name]
    return package.of_kind(kind)
