"""The quote's taxed lines where tax is rounded per line and each line has one rate.

These are the figures [`tax_invoice`][commercekit.tax.tax_invoice] works out at
``RoundingLevel.LINE`` for the quote's lines and shipping shares, carried as whole
minor units: each line's amount (price x quantity less its discount); its tax from
``tax_invoice``'s arithmetic for one rate,
[`tax_in_minor_units`][commercekit.tax.tax_in_minor_units]' half-up formula, each
rate's ratio worked out once; and the per-rate summary added up from them. Each
``QuoteLine`` and its amounts are built once, at the end, from the library's own
figures. Other rounding levels, and lines with several taxes (GST and PST), go through
``tax_invoice``; ``tests/test_quote_lines.py`` holds both to the per-call functions.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from itertools import compress, repeat
from operator import attrgetter, eq, sub

from commercekit._numbers import EXACT
from commercekit._trusted import trusted_builder
from commercekit.checkout._model import QuoteLine
from commercekit.money import MINOR_UNITS, QUANTUM, Money
from commercekit.pricing import CartLine
from commercekit.tax import RateKind, RateTotal, TaxLine, TaxRate

__all__ = ["lines_taxed_per_line"]

_scaleb = EXACT.scaleb
_multiply = EXACT.multiply
_subtract = EXACT.subtract
_money = trusted_builder(Money)
_AMOUNT = attrgetter("amount")
_rate_total = trusted_builder(RateTotal)  # a rate's own tax, rate and kind; Money made here


def lines_taxed_per_line(
    cart_lines: Sequence[CartLine],
    subtotals: Sequence[Money],
    discounts: Sequence[Money],
    amounts: Sequence[Money],
    rates: Sequence[tuple[TaxRate, ...]],
    *,
    shipping: Sequence[TaxLine],
    positions: Sequence[int],
    inclusive: bool,
) -> tuple[list[QuoteLine], list[tuple[Money, Money]], tuple[RateTotal, ...]]:
    """The quote lines, each shipping share's (net, tax) and the summary per rate, for
    lines of one rate each (``rates``, one tuple per category), taxed per line; each
    line's ``subtotals`` (price x quantity), ``discounts`` and ``amounts`` after them."""
    currency = subtotals[0].currency
    places = MINOR_UNITS[currency.code]
    quantum = QUANTUM[currency.code]  # units x quantum: the amount, to the minor unit

    # Each amount in minor units, as tax_invoice's line amount: price x quantity (whole
    # minor units, checked in the cart) less the discount; then the shipping shares.
    decimals = [*map(_AMOUNT, amounts), *(line.price.amount for line in shipping)]
    units = list(map(int, map(_scaleb, decimals, repeat(places))))
    all_rates = [*rates, *(line.rates for line in shipping)]
    keys = list(map(id, all_rates))  # one tuple of rates per category: by identity
    by_key = dict(zip(keys, all_rates, strict=True))
    taxes = _taxes(units, keys, by_key, inclusive=inclusive)
    nets = list(map(sub, units, taxes)) if inclusive else units
    make_line = trusted_builder(QuoteLine)
    kept = _as_written(amounts, quantum)  # the gross (prices with tax) or the net
    made = {  # each tax's Money, built once (taxes repeat): Money is immutable
        tax: _money(amount=_multiply(tax, quantum), currency=currency) for tax in set(taxes)
    }

    def money(units: int) -> Money:
        found = made.get(units)
        if found is None:
            found = made[units] = _money(
                amount=_multiply(units, quantum), currency=currency
            )
        return found

    lines = [
        make_line(
            sku=line.sku,
            quantity=line.quantity,
            unit_price=line.unit_price,
            amount=subtotal,
            discount=discount,
            net=_money(amount=_multiply(net, quantum), currency=currency)
            if same is None
            else same
            if not inclusive  # mostly unique: the gross as written less its tax
            else _money(amount=_subtract(same.amount, made[tax].amount), currency=currency),
            tax=made[tax],
            gross=_money(amount=_multiply(net + tax, quantum), currency=currency)
            if not inclusive or same is None
            else same,
            rates=line_rates,
            position=position,
            parts=(),
        )
        for line, subtotal, discount, same, net, tax, line_rates, position in zip(
            cart_lines, subtotals, discounts, kept, nets, taxes, rates, positions,
            strict=False,
        )
    ]  # fmt: skip
    count = len(cart_lines)
    shipped = [
        (money(net), money(tax))
        for net, tax in zip(nets[count:], taxes[count:], strict=True)
    ]
    return lines, shipped, _summary(keys, by_key, nets, taxes, money)


def _taxes(
    units: Sequence[int],
    keys: Sequence[int],
    by_key: dict[int, tuple[TaxRate, ...]],
    *,
    inclusive: bool,
) -> list[int]:
    """Each line's tax in minor units, as ``tax_in_minor_units`` gives it at the
    default half-up mode for the line's one rate (``by_key[keys[i]][0]``): its ratio
    worked out once per tuple of rates, then ``tax_in_minor_units``' half-up formula
    for a ratio of zero or more, line by line in one pass (the amounts are the
    library's own whole minor units, zero or more, in range)."""
    factors = {}
    for key, (rate, *_) in by_key.items():
        numerator, denominator = rate.rate.as_integer_ratio()
        whole = 100 * denominator + numerator if inclusive else 100 * denominator
        factors[key] = (2 * numerator, whole, 2 * whole)
    return [
        (twice_rate * amount + whole) // twice
        for amount, (twice_rate, whole, twice) in zip(
            units, map(factors.__getitem__, keys), strict=True
        )
    ]


def _as_written(amounts: Sequence[Money], quantum: Decimal) -> list[Money | None]:
    """Each amount after discount that is the Money ``money()`` would build for it (a
    Money, not a subclass, written to the minor unit, not -0), else None: that line's
    gross (prices with tax) or net is the amount itself."""
    return [
        amount
        if amount.__class__ is Money
        and amount.amount.same_quantum(quantum)
        and not amount.amount.is_signed()
        else None
        for amount in amounts
    ]


def _summary(
    keys: Sequence[int],
    by_key: dict[int, tuple[TaxRate, ...]],
    nets: Sequence[int],
    taxes: Sequence[int],
    money: Callable[[int], Money],
) -> tuple[RateTotal, ...]:
    """``tax_invoice``'s summary: one row per tax and rate, its base (the nets) and
    its tax added up, rows in the order of the lines, then sorted by tax and rate."""
    rows: dict[tuple[str, Decimal, RateKind], tuple[int, int]] = {}
    base_left, tax_left = sum(nets), sum(taxes)  # of the lines not yet counted
    last = len(by_key) - 1
    for index, (line_key, (rate, *_)) in enumerate(by_key.items()):  # as the lines
        key = (rate.tax, rate.rate, rate.kind)
        if index == last:  # the lines left are this tuple's
            base, tax = base_left, tax_left
        else:  # the lines of these rates, chosen in one pass in C
            chosen = list(map(eq, keys, repeat(line_key)))
            base, tax = sum(compress(nets, chosen)), sum(compress(taxes, chosen))
            base_left, tax_left = base_left - base, tax_left - tax
        found = rows.get(key)
        rows[key] = (base, tax) if found is None else (found[0] + base, found[1] + tax)
    return tuple(
        _rate_total(
            tax=tax,
            rate=rate,
            kind=kind,
            base=money(base),
            amount=money(amount),
            allocated=False,  # one rate a line: each row its rate's own tax
        )
        for (tax, rate, kind), (base, amount) in sorted(
            rows.items(), key=lambda item: (item[0][0], item[0][1])
        )
    )
