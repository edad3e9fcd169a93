"""A figure as an explanation shows it: in its currency's units, exact where it matters.

A value converted at an exchange rate, or a line's value divided into its units, is
exact to 28 significant digits, and a limit is compared with that exact value (GBP
135.0048 is over GBP 135; rounded first it would not be). An explanation shows the
figure to its currency's minor unit, rounded half-up, as an amount is written on an
invoice; where that rounding would put it on the other side of the limit it is
compared with, or onto it, the unrounded value follows, to the first decimal that
keeps it on its side (at most four places past the minor unit; beyond that, in words).
A conversion note shows the converted value whole where it has at most four places
past the minor unit (GBP 135.0048), else as above. An exchange rate is shown as the
table states it (``1 / 0.84`` for GBP to EUR in a
table of euro rates), never as a 28-digit quotient.
"""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from commercekit._numbers import EXACT, context_free
from commercekit.errors import CurrencyMismatchError
from commercekit.money._currency import MINOR_UNITS
from commercekit.money._money import Money
from commercekit.money._rounding import require_money

if TYPE_CHECKING:
    from commercekit.money._exchange import RateTable

__all__ = ["MORE_PLACES", "converted_shown", "measured", "rate_shown"]

MORE_PLACES = 4
"""The most places past the minor unit an unrounded value is shown to."""


@context_free
def measured(value: Money, limit: Money | None = None) -> str:
    """``value`` as an explanation shows it, beside the ``limit`` it is compared with.

    Rounded half-up to the currency's minor unit; where that rounding would carry it
    across ``limit`` or onto it (the law compares the unrounded value), followed by the
    unrounded value (whole where it has at most ``MORE_PLACES`` more places than the
    minor unit; else to the first decimal that keeps it on its side, with "...", or,
    past those places, by which side it is on in words).
    ``limit`` is in ``value``'s currency (else ``CurrencyMismatchError``); a value
    that is not ``Money`` raises ``InvalidAmountError``.

    Examples:
        >>> measured(Money("9826.4464285714285714285714286", "EUR"))
        '9826.45 EUR'
        >>> measured(Money("29.997", "AUD"), Money(1000, "AUD"))
        '30.00 AUD'
        >>> measured(Money("135.0048", "GBP"), Money(135, "GBP"))
        '135.00 GBP (135.0048 GBP unrounded, as the limit is compared)'
        >>> measured(Money("149.99999999", "EUR"), Money(150, "EUR"))
        '150.00 EUR (under 150 EUR unrounded, as the limit is compared)'
    """
    value = require_money(value)
    code = value.currency.code
    if limit is not None:
        limit = require_money(limit, what="the limit")
        if limit.currency.code != code:
            raise CurrencyMismatchError(code, limit.currency.code, "compare")
    places = MINOR_UNITS[code]
    exact = value.amount
    step = Decimal(1).scaleb(-places)
    shown = exact.quantize(step, rounding=ROUND_HALF_UP, context=EXACT)
    text = f"{shown} {code}"
    if limit is None or shown == exact:
        return text
    bound = limit.amount
    side = (exact > bound) - (exact < bound)
    if side == (shown > bound) - (shown < bound):
        return text
    toward = ROUND_FLOOR if side > 0 else ROUND_CEILING  # toward the limit: never past it
    most = places + MORE_PLACES
    for more in range(places + 1, most + 1):
        cut = exact.quantize(Decimal(1).scaleb(-more), rounding=toward, context=EXACT)
        if (cut > bound) - (cut < bound) == side:
            whole = exact.normalize().as_tuple().exponent >= -most  # type: ignore[operator]
            unrounded = f"{exact.normalize():f}" if whole else f"{cut}..."
            unrounded += f" {code}"
            break
    else:
        unrounded = f"{'over' if side > 0 else 'under'} {limit.amount.normalize():f} {code}"
    return f"{text} ({unrounded} unrounded, as the limit is compared)"


def rate_shown(table: RateTable, source: str, target: str) -> str:
    """The rate from ``source`` to ``target`` as a note shows it: the cross rate where
    it is short (12 digits at most), else as the table's own rates make it."""
    rate = table.rate(source, target)
    if len(rate.normalize().as_tuple().digits) <= 12:  # short enough to read
        return str(rate)
    given = {code: str(value) for code, value in table.rates.items()} | {table.base: "1"}
    return f"{given[target]} / {given[source]}"


def converted_shown(value: Money) -> str:
    """A converted value as a conversion note shows it: whole where it has at most
    ``MORE_PLACES`` places past the minor unit, else ``measured``."""
    exponent = value.amount.normalize().as_tuple().exponent
    fits = -exponent <= MINOR_UNITS[value.currency.code] + MORE_PLACES  # type: ignore[operator]
    return str(value) if fits else measured(value)
