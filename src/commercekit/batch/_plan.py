"""Plan once, price many: what a catalog's prices need from each market, resolved once.

Everything [`localize_price`][commercekit.pricing.localize_price] looks up that does not
vary by row is looked up here, once per market: the exchange rate from each currency of
the rate table into the market's currency (an exact integer ratio, as
[`convert`][commercekit.money.convert] uses it), the conversion fee, the VAT/GST rates
on the day for every tax category (a category with no rate that day is remembered with
the error the per-call rule raises, for the rows that ask for it) and the price point in
whole units. A plan holds only numbers, codes and markets, so it pickles: a plan made
once can be sent to every worker that prices a part of the catalog.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from fractions import Fraction

import attrs

from commercekit._checks import Checks
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import EXACT, context_free, named_at_the_door
from commercekit.errors import CommerceKitError, InputKind, InvalidBatchError
from commercekit.money import RateTable, RoundingMode, minor_units
from commercekit.pricing import Direction, Market
from commercekit.tax import TaxCategory, rates_for

__all__ = ["CATEGORIES", "MAX_MARKETS", "MarketPlan", "PricePlan", "plan_prices"]

_CHECK = Checks(InvalidBatchError)

MAX_MARKETS = 1000
"""The most markets one plan prices into."""

CATEGORIES: tuple[TaxCategory, ...] = tuple(TaxCategory)
"""The tax categories in the order a plan's ``taxes`` lists them."""

_DIGITS = 38  # the output columns are decimal128(38, scale)


@attrs.frozen
class Tax:
    """The tax a market shows in its prices for one category: the total ``percent``
    and ``1 + percent / 100`` as an exact ratio; or, where no rate covers the day, the
    ``error`` class and ``message`` the per-call rule raises."""

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    percent: Decimal | None
    factor: tuple[int, int]
    error: type[CommerceKitError] | None = None
    message: str = ""


@attrs.frozen
class Point:
    """A price point in whole units of ``10^-places`` of the currency: prices are
    ``k x step + ending`` (``k >= 0``); ``grid`` is how many of those units make one
    minor unit (1 unless the price point is finer than the currency)."""

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    step: int
    endings: tuple[int, ...]
    grid: int


@attrs.frozen
class MarketPlan:
    """One market, resolved: ``convert[code]`` is ``(n, d)`` such that an amount ``a``
    of ``code`` is ``a x n / d`` minor units of the market's currency before
    rounding; ``fee`` the conversion fee as a fraction ``(n, d)``; ``taxes`` one
    [`Tax`][] per category of ``CATEGORIES`` (``None`` where prices are shown without
    tax); ``point`` the price point in whole units, or ``None``."""

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    market: Market
    places: int
    convert: Mapping[str, tuple[int, int]]
    missing_rate: str
    fee: tuple[int, int]
    taxes: tuple[Tax, ...] | None
    point: Point | None

    @property
    def code(self) -> str:
        """The market's code."""
        return self.market.code

    @property
    def currency(self) -> str:
        """The market's currency."""
        return self.market.currency

    @property
    def direction(self) -> Direction:
        """Which way prices move to the price point."""
        return self.market.direction


def _places(value: Decimal) -> int:
    """The decimal places ``value`` needs (at most 50: a checked Decimal's range)."""
    denominator = Fraction(value).denominator
    places = 0
    while 10**places % denominator:
        places += 1
    return places


def _point(market: Market, places: int) -> Point | None:
    policy = market.price_point
    if policy is None:
        return None
    fine = max(places, _places(policy.step), *(_places(e) for e in policy.endings))
    scale = 10**fine
    return Point(
        step=int(policy.step * scale),
        endings=tuple(int(ending * scale) for ending in policy.endings),
        grid=10 ** (fine - places),
    )


def _tax(market: Market, category: TaxCategory, on: date) -> Tax:
    assert market.tax_jurisdiction is not None  # noqa: S101  # checked by Market
    try:
        found = rates_for(market.tax_jurisdiction, category, on=on)
    except CommerceKitError as error:
        return Tax(None, (1, 1), type(error), str(error))
    percent = sum((rate.rate for rate in found), Decimal(0))
    factor = EXACT.add(Decimal(1), percent.scaleb(-2, EXACT))
    return Tax(percent, factor.as_integer_ratio())


def _convert(rates: RateTable, target: str) -> dict[str, tuple[int, int]]:
    """The exact ratio from each currency of ``rates`` into minor units of ``target``,
    as [`convert`][commercekit.money.convert] computes it."""
    to_num, to_den = rates.ratio(target)  # raises if the table has no rate for it
    scale = 10 ** minor_units(target)
    ratios = {}
    for code in (rates.base, *rates.rates):
        from_num, from_den = rates.ratio(code)
        exact = Fraction(to_num * from_den * scale, to_den * from_num)
        ratios[code] = (exact.numerator, exact.denominator)
    return ratios


def _plan_market(market: Market, rates: RateTable, on: date) -> MarketPlan:
    places = minor_units(market.currency)
    fee = market.conversion_fee.scaleb(-2, EXACT).as_integer_ratio()
    taxes = None
    if market.tax_inclusive:
        taxes = tuple(_tax(market, category, on) for category in CATEGORIES)
    return MarketPlan(
        market=market,
        places=places,
        convert=_convert(rates, market.currency),
        missing_rate=f"has no rate in the {rates.provider} table (base {rates.base}, "
        f"observed {rates.observed_at.isoformat()})",
        fee=fee,
        taxes=taxes,
        point=_point(market, places),
    )


def _markets(value: object) -> tuple[Market, ...]:
    found = _CHECK.items(value, "markets")
    if not 0 < len(found) <= MAX_MARKETS:
        raise InvalidBatchError.refused(
            "markets",
            len(found),
            f"is not a number of markets from 1 to {MAX_MARKETS}",
            kind=InputKind.LIST,
        )
    markets = tuple(_CHECK.instance(market, Market, "markets") for market in found)
    seen: set[str] = set()
    for market in markets:
        if market.code in seen:
            raise InvalidBatchError.refused(
                "markets", market.code, "names two markets; give each market once"
            )
        seen.add(market.code)
    return markets


def _largest(plan: MarketPlan) -> int:
    """A bound on any amount the market's rows can show, in the currency's major units:
    a converted amount is below 10^18 (the library's range), the fee and the tax add
    their percentages, a floor is below 10^18 grossed up, and a price point moves a
    price up by less than one step (below 10^18 too)."""
    fee = Fraction(*plan.fee)
    tax = max((Fraction(*t.factor) for t in plan.taxes or ()), default=Fraction(1))
    return int(10**18 * (1 + fee) * tax + 2 * 10**18 * tax)


@named_at_the_door
@attrs.frozen(init=False)
class PricePlan:
    """Markets resolved once for pricing a whole catalog: see
    [`plan_prices`][commercekit.batch.plan_prices], which builds it with the same
    arguments.

    ``scale`` is the decimal places of the amount columns a batch gives back (the most
    minor-unit places among the markets' currencies), ``percent_scale`` those of the
    tax percentage column.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    markets: tuple[MarketPlan, ...]
    on: date
    mode: RoundingMode
    scale: int
    percent_scale: int

    @context_free
    def __init__(
        self,
        markets: list[Market] | tuple[Market, ...],
        rates: RateTable,
        *,
        on: date,
        mode: RoundingMode = RoundingMode.HALF_UP,
    ) -> None:
        found = _markets(markets)
        rates = _CHECK.instance(rates, RateTable, "rates")
        on = _CHECK.day(on, "on")
        mode = _CHECK.member(mode, RoundingMode, "mode")
        planned = tuple(_plan_market(market, rates, on) for market in found)
        scale = max(plan.places for plan in planned)
        for plan in planned:
            if _largest(plan) >= 10 ** (_DIGITS - scale):
                raise InvalidBatchError.refused(
                    "markets",
                    plan.market,
                    f"has a conversion fee ({plan.market.conversion_fee}%) too large "
                    f"for amounts of {_DIGITS} digits; check it",
                )
        percents = [t.percent for p in planned for t in p.taxes or () if t.percent]
        self.__attrs_init__(
            planned,
            on,
            mode,
            scale,
            max((_places(percent) for percent in percents), default=0),
        )

    @property
    def codes(self) -> tuple[str, ...]:
        """The markets' codes, in the plan's order."""
        return tuple(plan.code for plan in self.markets)


def plan_prices(
    markets: list[Market] | tuple[Market, ...],
    rates: RateTable,
    *,
    on: date,
    mode: RoundingMode = RoundingMode.HALF_UP,
) -> PricePlan:
    """Resolve ``markets`` once, for pricing catalogs with
    [`localize_catalog`][commercekit.batch.localize_catalog]: the exchange ratios from
    ``rates``, the fees, the tax rates on the day ``on`` and the price points, with
    ``mode`` the rounding of every step that
    [`localize_price`][commercekit.pricing.localize_price] rounds with it.

    Raises:
        InvalidBatchError: ``markets`` is not a list of 1 to 1,000 ``Market`` with
            distinct codes, ``rates`` not a ``RateTable``, ``on`` not a date, ``mode``
            not a ``RoundingMode``, or a conversion fee too large to show.
        UnknownCurrencyError: ``rates`` has no rate for a market's currency (no row
            could be priced there).

    A tax category with no rate on ``on`` is not an error here: the rows that ask for
    it are refused, with the per-call error.

    Examples:
        >>> from datetime import UTC, datetime
        >>> from commercekit.money import RateTable
        >>> from commercekit.pricing import CHARM_99, Market
        >>> rates = RateTable(base="EUR", rates={"USD": Decimal("1.05")},
        ...     observed_at=datetime(2026, 11, 25, 16, tzinfo=UTC), provider="example")
        >>> us = Market("US", "USD", price_point=CHARM_99, conversion_fee=Decimal(2))
        >>> plan = plan_prices([us], rates, on=date(2026, 11, 26))
        >>> plan.codes, plan.scale
        (('US',), 2)
    """
    return PricePlan(markets, rates, on=on, mode=mode)
