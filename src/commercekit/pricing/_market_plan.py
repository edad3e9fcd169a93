"""``localize_price``'s lookups for one market, made once, and its steps in minor units.

What a localized price needs that does not depend on the amount (the exchange rate as
an exact integer ratio, the conversion fee, the VAT/GST rates of the day and the price
point in whole minor units) is looked up once per market, rate table, source currency,
tax category and day, and kept in a small cache keyed by those arguments (the market
and the table by identity: the entry holds them, so neither can be replaced while
cached). Each price is then a few integer divisions, rounded at the same points and
with the same mode as [`convert`][commercekit.money.convert],
[`round_money`][commercekit.money.round_money],
[`gross_price`][commercekit.tax.gross_price] and
[`to_price_point`][commercekit.pricing.to_price_point] round them, so every figure is
the one those functions give.

A market whose price point is finer than its currency's minor unit, or whose fee is too
small a fraction to multiply money by, has no plan, nor has one whose rates are
missing (no exchange rate, no VAT/GST rate on the day): ``localize_price`` takes the
general path for it, which raises what those functions raise, in their order.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs
import moneyed

from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import EXACT, MAX_MAGNITUDE, MIN_EXPONENT, context_free
from commercekit.errors import CommerceKitError
from commercekit.money import (
    QUANTUM,
    Money,
    RateTable,
    RoundingMode,
    from_minor_units,
    make_money,
    minor_units,
    round_ratio,
)
from commercekit.pricing._price_points import Direction, PricePoint
from commercekit.tax import TaxCategory, TaxRate, rates_for

if TYPE_CHECKING:
    from commercekit.pricing._markets import Market

_times = EXACT.multiply
_HALF_UP = RoundingMode.HALF_UP

_LARGEST = 17  # Money multiplies by a factor whose leading digit is 10^-50 to 10^17

_MAX_PLANS = 1024
"""The most plans kept; the cache is emptied when it is full (a shop has a few dozen
markets, so it only fills when markets or tables are built anew for each price)."""


@attrs.frozen
class Plan:
    """One market's lookups: an amount ``a = n / d`` of the source currency is
    ``round(n x convert[0] / (d x convert[1]))`` minor units of ``currency``, each
    worth ``quantum``; ``fee`` and ``tax`` are the factors of the fee (``fee% / 100``,
    0/1 without one) and of the tax shown (``1 + tax% / 100``, 1/1 without tax) as
    integer ratios; ``step`` and ``endings`` the price point in minor units (``step``
    0: none); ``limit`` the first count of minor units out of the library's range."""

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    quantum: Decimal
    currency: moneyed.Currency
    convert: tuple[int, int]
    fee: tuple[int, int]
    taxes: tuple[TaxRate, ...]
    tax: tuple[int, int]
    step: int
    endings: tuple[int, ...]
    direction: Direction
    rate_used: Decimal
    limit: int
    no_fee: Money


_Key = tuple[int, int, str, TaxCategory, date]
_PLANS: dict[_Key, tuple[Market, RateTable, Plan | None]] = {}


def plan_for(
    market: Market, table: RateTable, source: str, category: TaxCategory, on: date
) -> Plan | None:
    """The plan for ``market`` (a checked ``Market``), or None where the general path
    must price it."""
    key = (id(market), id(table), source, category, on)
    found = _PLANS.get(key)
    if found is not None and found[0] is market and found[1] is table:
        return found[2]
    made = _plan(market, table, source, category, on)
    if len(_PLANS) >= _MAX_PLANS:
        _PLANS.clear()
    _PLANS[key] = (market, table, made)
    return made


@context_free
def _plan(
    market: Market, table: RateTable, source: str, category: TaxCategory, on: date
) -> Plan | None:
    target = market.currency
    places = minor_units(target)
    taxes: tuple[TaxRate, ...] = ()
    tax = (1, 1)
    try:
        to_num, to_den = table.ratio(target)
        from_num, from_den = table.ratio(source)
        if market.tax_inclusive:
            assert market.tax_jurisdiction is not None  # noqa: S101  # checked by Market
            taxes = rates_for(market.tax_jurisdiction, category, on=on)
    except CommerceKitError:
        return None  # the general path raises it, in its order
    if taxes:
        total = sum((rate.rate for rate in taxes), Decimal(0))  # as gross_price adds
        tax = EXACT.add(Decimal(1), total.scaleb(-2, EXACT)).as_integer_ratio()
    fee = market.conversion_fee.scaleb(-2)  # as the general path: 28 digits
    point = _grid(market.price_point, places)
    if point is None or not MIN_EXPONENT <= fee.adjusted() <= _LARGEST:
        return None  # a price point between minor units, or a fee Money refuses
    return Plan(
        quantum=QUANTUM[target],
        currency=from_minor_units(0, target).currency,
        convert=(to_num * from_den * 10**places, to_den * from_num),
        fee=fee.as_integer_ratio(),
        taxes=taxes,
        tax=tax,
        step=point[0],
        endings=point[1],
        direction=market.direction,
        rate_used=table.rate(source, target),
        limit=MAX_MAGNITUDE * 10**places,
        no_fee=from_minor_units(0, target),
    )


def _grid(policy: PricePoint | None, places: int) -> tuple[int, tuple[int, ...]] | None:
    """``policy``'s step and endings in minor units (``(0, ())`` for none), or None if
    one of them is finer than a minor unit."""
    if policy is None:
        return 0, ()
    scaled = [
        EXACT.scaleb(value, places).as_integer_ratio()
        for value in (policy.step, *policy.endings)
    ]
    if any(denominator != 1 for _, denominator in scaled):
        return None
    step, *endings = (numerator for numerator, _ in scaled)
    return step, tuple(endings)


def figures(plan: Plan, amount: Decimal, mode: RoundingMode) -> tuple[Money, ...] | None:
    """Converted, fee, with tax and shown, for ``amount`` (zero or more) of the plan's
    source currency; None if a figure is out of the library's range (the general path
    raises ``convert``'s error for the converted amount, one naming the fee, the net
    price or the price with tax, and ``Money``'s for the price shown)."""
    numerator, denominator = amount.as_integer_ratio()
    to_num, to_den = plan.convert
    fee_num, fee_den = plan.fee
    tax_num, tax_den = plan.tax  # 1/1 without tax, 0/1 without a fee: exact steps
    if mode is _HALF_UP:  # the default, as round_ratio rounds it, without its checks
        denominator *= to_den
        converted = (2 * numerator * to_num + denominator) // (2 * denominator)
        fee = (2 * converted * fee_num + fee_den) // (2 * fee_den)
        with_tax = (2 * (converted + fee) * tax_num + tax_den) // (2 * tax_den)
    else:
        converted = round_ratio(numerator * to_num, denominator * to_den, mode)
        fee = round_ratio(converted * fee_num, fee_den, mode)
        with_tax = round_ratio((converted + fee) * tax_num, tax_den, mode)
    shown = with_tax
    if plan.step:
        shown = move(with_tax, plan.step, plan.endings, plan.direction)
    if with_tax >= plan.limit or shown >= plan.limit:
        return None  # converted, or a figure after it, out of range (or near it)
    # Each Money built once: an equal figure is the same (immutable) Money. A count
    # of minor units times the quantum is that count at the currency's places.
    currency, quantum = plan.currency, plan.quantum
    converted_money = make_money(_times(converted, quantum), currency)
    fee_money = make_money(_times(fee, quantum), currency) if fee else plan.no_fee
    with_tax_money = converted_money
    if with_tax != converted:
        with_tax_money = make_money(_times(with_tax, quantum), currency)
    shown_money = with_tax_money
    if shown != with_tax:
        shown_money = make_money(_times(shown, quantum), currency)
    return converted_money, fee_money, with_tax_money, shown_money


def move(value: int, step: int, endings: tuple[int, ...], direction: Direction) -> int:
    """``PricePoint.move`` in whole minor units: ``value`` (zero or more) moved to a
    price ``k x step + ending`` (``endings`` ascending, each in ``[0, step)``)."""
    base = value - value % step  # the step boundary at or below value
    index = bisect_left(endings, value - base)  # the first ending at or above value
    above = base + endings[index] if index < len(endings) else base + step + endings[0]
    if direction is Direction.UP or above == value:
        return above
    index = bisect_right(endings, value - base) - 1  # the last ending at or below it
    below = base + endings[index] if index >= 0 else base - step + endings[-1]
    if below < 0:
        return above  # no price point at or below value
    if direction is Direction.DOWN:
        return below
    return above if above - value <= value - below else below
