"""The range of numbers commercekit computes with, and the decimal context it computes in.

Two promises rest on this module:

* **Bounds.** Every number that enters the library (an amount, a rate, a quantity, a
  weight) lies in one documented range: its magnitude is below 10^18 and no digit is
  finer than 10^-50. Exact ``Decimal`` arithmetic costs time in proportion to the
  distance between the largest and the smallest digit, so ``Decimal("1E+999999")``
  plus a cent would build a million-digit number; inside the range every operation is
  a few dozen digits. The range holds every real amount (10^18 is a quintillion major
  units, far above any economy in any currency) and every quotient the library
  computes at 28 significant digits, even multiplied by another.
* **Context.** No result depends on the caller's ``decimal`` context (precision,
  rounding or traps, which are per thread and which an application may set). Public
  functions run in [`LIBRARY`][commercekit._numbers.LIBRARY], Python's default
  context fixed here, through [`context_free`][commercekit._numbers.context_free];
  a plug-in the caller supplies runs through [`plugged`][commercekit._numbers.plugged],
  so nothing it does to the context reaches the library's figures.
"""

from __future__ import annotations

import functools
import itertools
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from contextvars import ContextVar
from decimal import (
    MAX_EMAX,
    MAX_PREC,
    MIN_EMIN,
    ROUND_HALF_EVEN,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    Overflow,
    getcontext,
    localcontext,
    setcontext,
)
from types import FrameType
from typing import Any, ParamSpec, TypeVar, cast

__all__ = [
    "DIVISION",
    "EXACT",
    "LIBRARY",
    "MAX_MAGNITUDE",
    "MIN_EXPONENT",
    "RANGE",
    "at_the_door",
    "context_free",
    "name_at_the_door",
    "named_at_the_door",
    "out_of_range",
    "plugged",
]

MAX_MAGNITUDE = 10**18
"""Every number's magnitude is below this (an int or a ``Decimal``)."""

MIN_EXPONENT = -50
"""No digit of a ``Decimal`` is finer than ``10**MIN_EXPONENT``."""

_MAX_ADJUSTED = 17  # 10**18 > |value| means its leading digit is at most 10**17
_MAX_EXPONENT = 18  # a zero written 0E+19 is refused too: its exponent is out of range

RANGE = "numbers must be below 10^18 in magnitude with no digit finer than 10^-50"
"""The bounds in words, as every refusal states them."""

LIBRARY = Context(
    prec=28,
    rounding=ROUND_HALF_EVEN,
    Emax=999_999,
    Emin=-999_999,
    capitals=1,
    clamp=0,
    flags=[],
    traps=[InvalidOperation, DivisionByZero, Overflow],
)
"""The context every public function computes in: Python's default, fixed here."""

_ACTIVE: ContextVar[Context | None] = ContextVar("commercekit_decimal", default=None)
"""The context the outermost library call set, so nested calls need not set it again
(a callback that replaced it, with ``decimal.setcontext``, makes them set it anew)."""

EXACT = Context(
    prec=MAX_PREC,
    rounding=ROUND_HALF_EVEN,
    Emax=MAX_EMAX,
    Emin=MIN_EMIN,
    traps=[InvalidOperation, DivisionByZero, Overflow],
)
"""The context of exact arithmetic: with the maximum precision, addition, subtraction,
multiplication and quantize are exact. Rules pass it by name (``EXACT.multiply``,
``amount.quantize(step, rounding, EXACT)``), never relying on an ambient context."""

DIVISION = Context(
    prec=28, rounding=ROUND_HALF_EVEN, traps=[InvalidOperation, DivisionByZero]
)
"""Division, the one inexact operation: 28 significant digits, half-even."""

_P = ParamSpec("_P")
_R = TypeVar("_R")
_T = TypeVar("_T")


def out_of_range(number: Decimal | int) -> bool:
    """Whether ``number`` (finite) lies outside the library's range.

    Examples:
        >>> out_of_range(Decimal("1E+18")), out_of_range(Decimal("999999999999999999.99"))
        (True, False)
        >>> out_of_range(Decimal("1E-51")), out_of_range(10**18)
        (True, True)
    """
    if isinstance(number, int):
        return not -MAX_MAGNITUDE < number < MAX_MAGNITUDE
    exponent = number.as_tuple().exponent
    assert isinstance(exponent, int)  # noqa: S101  # callers pass finite numbers only
    return (
        exponent < MIN_EXPONENT
        or exponent > _MAX_EXPONENT
        or (bool(number) and number.adjusted() > _MAX_ADJUSTED)
    )


def plugged(call: Callable[[], _R]) -> _R:
    """Call a plug-in (a rate source, a tariff, a carrier) in a decimal context of its
    own: whatever it does to the context, even setting ``prec`` in place, is undone
    when it returns, so the library's figures cannot change.

    Examples:
        >>> import decimal
        >>> def careless() -> int:
        ...     decimal.getcontext().prec = 2
        ...     return 1
        >>> plugged(careless), decimal.getcontext().prec
        (1, 28)
    """
    with localcontext():
        return call()


def context_free(function: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run ``function`` in the library's decimal context, whatever the caller set.

    Examples:
        >>> import decimal
        >>> @context_free
        ... def third(value: Decimal) -> Decimal:
        ...     return value / 3
        >>> with decimal.localcontext(decimal.Context(prec=3)):
        ...     third(Decimal(1))
        Decimal('0.3333333333333333333333333333')
    """

    @functools.wraps(function)
    def in_library_context(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        outer = getcontext()
        if outer is _ACTIVE.get():  # called from inside the library: already set
            return function(*args, **kwargs)
        # What ``localcontext(LIBRARY)`` does, without its context manager: a fresh
        # copy for each outermost call, the caller's own context put back after.
        context = LIBRARY.copy()
        setcontext(context)
        token = _ACTIVE.set(context)
        try:
            return function(*args, **kwargs)
        except Exception as error:  # only refusals are named; the rest pass untouched
            name_at_the_door(error, function, args, kwargs, sys._getframe(1))
            raise
        finally:
            _ACTIVE.reset(token)
            setcontext(outer)

    return in_library_context


def named_at_the_door(target: _T) -> _T:
    """A public function, method or value object whose refusals name the argument the
    caller gave, as those through ``context_free`` do: where it (a class: building
    it), called from outside the library, refuses a value and names no argument, the
    refusal names the one the value was given as (``price``, ``lines[0]``). Its
    checks may be shared ones that cannot know their field (``require_money``, a
    country code's). Nothing changes for a call that is answered, nor for one from
    the library's own code (reading JSON names the JSON path instead).
    ``tests/test_refusals_named.py`` shows it: ``Sale(..., price=0.1)`` is refused
    "0.1 is not money; ... (argument 'price')".
    """
    if isinstance(target, type):
        target.__init__ = named_at_the_door(target.__init__)  # type: ignore[misc]
        return target
    function = cast(Callable[..., Any], target)

    @functools.wraps(function)
    def named(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except Exception as error:  # only refusals are named; the rest pass untouched
            name_at_the_door(error, function, args, kwargs, sys._getframe(1))
            raise

    return cast(_T, named)


_E = TypeVar("_E", bound=BaseException)


def at_the_door(error: _E, function: Callable[..., Any], *args: Any, **kwargs: Any) -> _E:
    """``error``, raised by ``function(*args, **kwargs)``, naming the argument it
    refuses where the call came from outside the library, as ``named_at_the_door``
    would: for the money primitives, which are called too often to be wrapped
    (``raise at_the_door(InvalidAmountError(...), round_ratio, numerator, ...)``)."""
    name_at_the_door(error, function, args, kwargs, sys._getframe(2))
    return error


def name_at_the_door(
    error: BaseException,
    function: Callable[..., Any],
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
    caller: FrameType | None,
) -> None:
    """At the library's door, a refusal that names no argument names the one the
    caller gave the refused value as, where one is it. A call made from the library's
    own code (anywhere up the stack from ``caller``) is left alone: its arguments are
    not the caller's (``Money`` checks its ``currency`` through
    ``validate_currency(code)``, and ``code`` is no argument of ``Money``)."""
    if not any(kind.__module__ == "commercekit.errors" for kind in type(error).__mro__):
        return  # not a refusal (a CommerceKitError, shown as commercekit.errors.<Name>)
    while caller is not None:
        module = caller.f_globals.get("__name__", "")
        if module == "commercekit" or module.startswith("commercekit."):
            return
        caller = caller.f_back
    import inspect  # noqa: PLC0415  # on refusal only: not part of the start-up cost

    signature = inspect.signature(function)
    try:
        given = signature.bind(*args, **kwargs).arguments
    except TypeError:  # the call's own TypeError: nothing of the caller's to name
        return
    for own in ("self", "cls"):  # the object built or asked, not the caller's argument
        given.pop(own, None)
    parameters = signature.parameters.values()
    optional = frozenset(
        p.name for p in parameters if p.default is None or _NONE.search(str(p.annotation))
    )
    flags = frozenset(p.name for p in parameters if _BOOL.search(str(p.annotation)))
    name_refused(error, dict(given), optional, flags)


_NONE = re.compile(r"\bNone\b")
_BOOL = re.compile(r"\bbool\b")
"""Annotations of an argument that may hold ``None``, and of one that may hold a
boolean."""


_NOT_CARRIED = object()
_HOLDS = ("value", "code", "text")
"""The attributes an error keeps the refused value in (``InvalidInputError.value``,
``UnknownCurrencyError.code``, ``InvalidTaxIdError.text``)."""


def name_refused(
    error: BaseException,
    given: dict[str, object],
    optional: frozenset[str] = frozenset(),
    flags: frozenset[str] = frozenset(),
) -> None:
    """Name the argument ``error`` refused, where it names none: the one argument of
    ``given`` (a call's arguments by name), or item of one (``lines[0]``), that *is*
    the value refused or the money whose amount it is; for amounts in two currencies,
    the one argument in a currency no other argument is in. The refusal's ``field``
    is set and its message ends ``(argument 'name')``, as a check told the name says
    it. A value two arguments hold, or none, leaves the error as it is. ``None`` is
    looked for only outside ``optional`` and ``True`` and ``False`` only outside
    ``flags``, the arguments that may hold them, where a refused one is some other
    value's.

    Examples:
        >>> from commercekit.errors import InvalidAmountError
        >>> price = 0.1
        >>> error = InvalidAmountError(price, "is a float")
        >>> name_refused(error, {"cost": 2, "price": price})
        >>> error.field, str(error)
        ('price', "0.1 is a float (argument 'price')")
    """
    if getattr(error, "field", None) is not None or len(error.args) != 1:
        return
    held = list(_held(given))
    value = next(
        (
            found
            for name in _HOLDS
            if (found := getattr(error, name, _NOT_CARRIED)) is not _NOT_CARRIED
        ),
        _NOT_CARRIED,
    )
    if value is not _NOT_CARRIED:
        if value is None or value is True or value is False:
            loose = optional if value is None else flags
            held = [(p, item) for p, item in held if p.partition("[")[0] not in loose]
        paths = [
            p
            for p, item in held
            if item is value or getattr(item, "amount", _NOT_CARRIED) is value
        ]
    else:  # two currencies: the one argument in a currency the others do not share
        codes = [getattr(getattr(item, "currency", None), "code", None) for _, item in held]
        left, right = getattr(error, "left", None), getattr(error, "right", None)
        paths = []
        for odd, even in ((right, left), (left, right)):
            if odd and codes.count(odd) == 1 and codes.count(even) > 1:
                paths = [held[codes.index(odd)][0]]
    if len(paths) == 1:
        error.field = paths[0]  # type: ignore[attr-defined]  # not every error declares it
        error.args = (f"{error.args[0]} (argument {paths[0]!r})",)


def _held(given: dict[str, object]) -> Iterator[tuple[str, object]]:
    """Each argument by its name, and each item of a list or tuple by its path."""
    for name, held in given.items():
        yield name, held
        if isinstance(held, list | tuple):
            yield from ((f"{name}[{i}]", item) for i, item in enumerate(held))


MAX_ITERATED = 1_000_000
"""The most items read from a collection given as an iterator or generator (a list or
tuple is already whole in memory): an endless iterator is refused, not read until the
memory runs out."""


def at_most(value: Iterable[Any], most: int) -> tuple[Any, ...] | None:
    """``value``'s items as a tuple, reading at most ``most`` + 1 of them; ``None``
    where there are more than ``most``."""
    found = tuple(itertools.islice(value, most + 1))
    return None if len(found) > most else found
