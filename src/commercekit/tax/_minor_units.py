"""Tax on many amounts at one rate, in whole minor units: the lines of a long cart.

[`tax_in_minor_units`][commercekit.tax.tax_in_minor_units] takes each amount as a count
of the currency's minor units (cents for EUR, yen for JPY) and gives the tax on it, or
inside it, as a count of minor units too: the same figure
[`add_tax`][commercekit.tax.add_tax] (prices without tax) or
[`extract_tax`][commercekit.tax.extract_tax] (prices with tax) works out for that
amount at that rate, rounded once per amount with the mode named. The checkout quote
uses it to tax thousands of lines without building a ``Taxed`` for each.

The arithmetic is in integers, on the exact ratio of the rate: tax-exclusive,
``amount x R / 100``; tax-inclusive, ``amount x R / (100 + R)``, each rounded once to a
whole minor unit (no finite-precision division, so no double rounding).

Examples:
    >>> from datetime import date
    >>> from commercekit.tax import rate_for
    >>> vat = rate_for("DE", "standard", on=date(2026, 11, 26))
    >>> tax_in_minor_units([11900, 999], vat, prices_include_tax=True)
    [1900, 160]
    >>> tax_in_minor_units([10000], vat, prices_include_tax=False)
    [1900]
"""

from __future__ import annotations

from collections.abc import Sequence

from commercekit import _checks as checks
from commercekit._checks import invalid
from commercekit._numbers import MAX_MAGNITUDE
from commercekit.errors import InputKind
from commercekit.money import DEFAULT_ROUNDING, RoundingMode, round_ratio
from commercekit.tax import _checks
from commercekit.tax._compute import _mode
from commercekit.tax._tax_rate import TaxRate

__all__ = ["tax_in_minor_units"]

_HALF_UP = RoundingMode.HALF_UP

MAX_AMOUNTS = 100_000
"""The most amounts one call takes: the most parts ``allocate`` shares into, ten times
a cart's most lines ([`MAX_LINES`][commercekit.pricing.MAX_LINES]) and its shipping."""


def tax_in_minor_units(
    amounts: Sequence[int],
    rate: TaxRate,
    *,
    prices_include_tax: bool,
    mode: RoundingMode = DEFAULT_ROUNDING,
) -> list[int]:
    """The tax on (or, with ``prices_include_tax``, inside) each amount at ``rate``.

    ``amounts`` are whole minor units of one currency (an ``int`` each, zero or more,
    below 10^18); the result has one count of minor units per amount, in their order,
    each rounded with ``mode``. Amount ``a`` of currency ``c`` gives
    ``to_minor_units(add_tax(Money(a minor units, c), rate, mode=mode).tax)`` (or
    ``extract_tax``'s with ``prices_include_tax``): with one rate, a line's tax at
    ``RoundingLevel.LINE`` in [`tax_invoice`][commercekit.tax.tax_invoice] too.

    Raises [`InvalidAmountError`][commercekit.errors.InvalidAmountError] for
    ``amounts`` that are not a list or tuple or hold more than 100,000 amounts (pass
    longer lists in slices), an amount
    that is not a whole number of minor units in range, a ``rate`` that is not a
    ``TaxRate`` (get one from [`rate_for`][commercekit.tax.rate_for]), a flag that is
    not a bool or a mode that is not a ``RoundingMode``.

    Examples:
        >>> from datetime import date
        >>> from commercekit.tax import rate_for
        >>> food = rate_for("DE", "food", on=date(2026, 11, 26))
        >>> tax_in_minor_units([249, 2499, 0], food, prices_include_tax=True)
        [16, 163, 0]
        >>> tax_in_minor_units([249, 2499], food, prices_include_tax=False)
        [17, 175]
        >>> tax_in_minor_units([2.49], food, prices_include_tax=True)
        Traceback (most recent call last):
        ...
        commercekit.errors.InvalidAmountCountError: 2.49 is not a whole number of minor ...
    """
    found = _amounts(amounts)
    rate = checks.instance(rate, TaxRate, "rate", invalid)
    inclusive = _checks.flag(prices_include_tax, "prices_include_tax")
    mode = _mode(mode)
    numerator, denominator = rate.rate.as_integer_ratio()
    # Tax-exclusive: a x R / 100; tax-inclusive: a x R / (100 + R), R = n / d.
    whole = 100 * denominator + numerator if inclusive else 100 * denominator
    if mode is _HALF_UP:  # round_ratio's half-up for a ratio of zero or more, inlined
        twice = 2 * whole
        return [(2 * numerator * amount + whole) // twice for amount in found]
    return [round_ratio(numerator * amount, whole, mode) for amount in found]


def _amounts(value: object) -> tuple[int, ...]:
    """The amounts as a tuple of ints in range, zero or more; each refused by index."""
    if not isinstance(value, list | tuple):
        raise checks.refuse(
            invalid, "amounts", value,
            "is not a list or tuple; pass the amounts as a list of ints",
            InputKind.LIST,
        )  # fmt: skip
    if len(value) > MAX_AMOUNTS:
        raise checks.refuse(
            invalid, "amounts", f"{len(value):,} amounts",
            f"are too many; pass at most {MAX_AMOUNTS:,} at a time, in slices",
            InputKind.LIST,
        )  # fmt: skip
    found = tuple(value)
    if all(amount.__class__ is int and 0 <= amount < MAX_MAGNITUDE for amount in found):
        return found
    for index, amount in enumerate(found):
        checks.whole(amount, f"amounts[{index}]", invalid, unit="minor units")
    raise AssertionError  # pragma: no cover  # every amount out of range raised above
