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
import sys
from collections.abc import Callable, Iterable
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
from typing import Any, ParamSpec, TypeVar

__all__ = [
    "DIVISION",
    "EXACT",
    "LIBRARY",
    "MAX_MAGNITUDE",
    "MIN_EXPONENT",
    "RANGE",
    "context_free",
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
            if not sys._getframe(1).f_globals.get("__name__", "").startswith(_OURS):
                _name_refused(error, function, args, kwargs)
            raise
        finally:
            _ACTIVE.reset(token)
            setcontext(outer)

    return in_library_context


def _name_refused(
    error: Exception,
    function: Callable[..., Any],
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
) -> None:
    """At the library's door (a call from outside the library, in its outermost
    call), a refusal that names no argument names the one the caller gave the refused
    value as, where one is it. A call from the library's own code is left alone: its
    arguments are not the caller's (``Money`` checks its ``currency`` through
    ``validate_currency(code)``, and ``code`` is no argument of ``Money``)."""
    import inspect  # noqa: PLC0415  # on refusal only: not part of the start-up cost

    from commercekit._errors_root import CommerceKitError, name_refused  # noqa: PLC0415

    if not isinstance(error, CommerceKitError):
        return
    try:
        bound = inspect.signature(function).bind(*args, **kwargs)
    except TypeError:  # the call's own TypeError: nothing of the caller's to name
        return
    name_refused(error, dict(bound.arguments))


_OURS = "commercekit."
"""The library's own modules, by ``__name__``."""

MAX_ITERATED = 1_000_000
"""The most items read from a collection given as an iterator or generator (a list or
tuple is already whole in memory): an endless iterator is refused, not read until the
memory runs out."""


def at_most(value: Iterable[Any], most: int) -> tuple[Any, ...] | None:
    """``value``'s items as a tuple, reading at most ``most`` + 1 of them; ``None``
    where there are more than ``most``."""
    found = tuple(itertools.islice(value, most + 1))
    return None if len(found) > most else found
