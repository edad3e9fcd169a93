"""The quote's taxed lines where tax is rounded per line and each line has one rate.

These are the figures [`tax_invoice`][commercekit.tax.tax_invoice] works out at
``RoundingLevel.LINE`` for the quote's lines and shipping shares, carried as whole
minor units: each line's amount (price x quantity less its discount); its tax from
``tax_invoice``'s arithmetic for one rate,
[`tax_in_minor_units`][commercekit.tax.tax_in_minor_units], asked once per rate for
all the lines at that rate; and the per-rate summary added up from them. Each
``QuoteLine`` and its amounts are built once, at the end, from the library's own
figures. Other rounding levels, and lines with several taxes (GST and PST), go through
``tax_invoice``; ``tests/test_quote_lines.py`` holds both to the per-call functions.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

from commercekit._inputs import trusted_builder
from commercekit._numbers import EXACT
from commercekit.checkout._model import QuoteLine
from commercekit.money import MINOR_UNITS, QUANTUM, Money
from commercekit.pricing import CartLine
from commercekit.tax import RateKind, RateTotal, TaxLine, TaxRate, tax_in_minor_units

__all__ = ["lines_taxed_per_line"]

_scaleb = EXACT.scaleb
_multiply = EXACT.multiply
_money = trusted_builder(Money)
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
    units = [int(_scaleb(amount.amount, places)) for amount in amounts]
    units += [int(_scaleb(line.price.amount, places)) for line in shipping]
    all_rates = [*rates, *(line.rates for line in shipping)]
    groups = _by_rates(all_rates)
    taxes = _taxes(units, all_rates, groups, inclusive=inclusive)
    nets = [a - t for a, t in zip(units, taxes, strict=True)] if inclusive else units
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
            net=_money(amount=_multiply(net, quantum), currency=currency)  # mostly unique
            if inclusive or same is None
            else same,
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
    return lines, shipped, _summary(groups, all_rates, nets, taxes, money)


def _taxes(
    units: Sequence[int],
    rates: Sequence[tuple[TaxRate, ...]],
    groups: dict[int, list[int]],
    *,
    inclusive: bool,
) -> list[int]:
    """Each line's tax in minor units: ``tax_in_minor_units`` asked once per rate, for
    the lines at that rate (``groups``, from ``_by_rates``)."""
    taxes = [0] * len(units)
    for members in groups.values():
        found = tax_in_minor_units(
            [units[index] for index in members],
            rates[members[0]][0],
            prices_include_tax=inclusive,
        )
        for index, tax in zip(members, found, strict=True):
            taxes[index] = tax
    return taxes


def _by_rates(rates: Sequence[tuple[TaxRate, ...]]) -> dict[int, list[int]]:
    """The lines' indexes by their rates (one tuple per category: by identity), in
    order."""
    groups: dict[int, list[int]] = {}
    for index, line_rates in enumerate(rates):
        members = groups.get(id(line_rates))
        if members is None:  # not setdefault: no list built and dropped per line
            groups[id(line_rates)] = [index]
        else:
            members.append(index)
    return groups


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
    groups: dict[int, list[int]],
    rates: Sequence[tuple[TaxRate, ...]],
    nets: Sequence[int],
    taxes: Sequence[int],
    money: Callable[[int], Money],
) -> tuple[RateTotal, ...]:
    """``tax_invoice``'s summary: one row per tax and rate, its base (the nets) and
    its tax added up, rows in the order of the lines, then sorted by tax and rate."""
    rows: dict[tuple[str, Decimal, RateKind], tuple[int, int]] = {}
    for members in groups.values():
        rate = rates[members[0]][0]
        key = (rate.tax, rate.rate, rate.kind)
        base = sum(nets[index] for index in members)
        tax = sum(taxes[index] for index in members)
        found = rows.get(key)
        rows[key] = (base, tax) if found is None else (found[0] + base, found[1] + tax)
    return tuple(
        _rate_total(tax=tax, rate=rate, kind=kind, base=money(base), amount=money(amount))
        for (tax, rate, kind), (base, amount) in sorted(
            rows.items(), key=lambda item: (item[0][0], item[0][1])
        )
    )
