"""One base price, many markets: convert, add the fee, show tax the local way, round.

A [`Market`][commercekit.pricing.Market] says how a shop sells somewhere: in which
currency, whose tax it shows in consumer prices (the EU, the UK, Australia, Norway and
Switzerland show prices *with* VAT/GST; the United States and Canada show them without),
what it adds for currency conversion, and which price points look right there.
[`localize_price`][commercekit.pricing.localize_price] goes through those steps in order
and keeps each figure, so the result can be explained line by line.

Examples:
    >>> from datetime import UTC, date, datetime
    >>> from commercekit.money import RateTable
    >>> rates = RateTable(base="EUR", rates={"SEK": Decimal("11.20")},
    ...     observed_at=datetime(2026, 11, 25, 16, tzinfo=UTC), provider="example")
    >>> sweden = Market("SE", "SEK", tax_jurisdiction="SE", tax_inclusive=True,
    ...     price_point=PricePoint(Decimal(10), (Decimal(9),)), conversion_fee=Decimal(2))
    >>> price = localize_price(Money("20.00", "EUR"), sweden, rates, on=date(2026, 11, 26))
    >>> print(price.explain())
    20.00 EUR at 11.2 = 224.00 SEK
    + conversion fee 2% = 4.48 SEK
    + 25% tax shown in prices = 285.60 SEK
    price point: 289.00 SEK
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import attrs

from commercekit._checks import invalid, one_of
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import context_free, named_at_the_door
from commercekit._trusted import trusted_builder
from commercekit.errors import InvalidAmountError, UnknownJurisdictionError
from commercekit.money import Money, RateTable, RoundingMode, to_decimal, validate_currency
from commercekit.pricing import _checks as checks
from commercekit.pricing._market_floors import floor_of, minimum_price_of, unfloored
from commercekit.pricing._market_plan import figures, plan_for
from commercekit.pricing._market_steps import shown_at, stepped
from commercekit.pricing._price_points import Direction, PricePoint
from commercekit.tax import TaxCategory, TaxRate, check_category, jurisdictions

__all__ = ["BOUND_BY", "LocalizedPrice", "Market", "localize_price"]

BOUND_BY = ("margin", "minimum price")
"""What can bind a shown price (``LocalizedPrice.bound_by``): the margin floor, or the
minimum advertised price."""


def _percent(value: object) -> Decimal:
    number = to_decimal(value, "conversion fee")
    if number < 0:
        raise InvalidAmountError(value, "is a negative conversion fee")
    return number


def _code(value: object) -> str:
    return checks.text(value, "code")


def _jurisdiction(value: object) -> str | None:
    """A jurisdiction with bundled rates (the prices shown include its tax), or None."""
    if value is None:
        return None
    code = checks.text(value, "tax_jurisdiction").strip().upper()
    known = jurisdictions()
    if code not in known:
        raise UnknownJurisdictionError(value, "bundled: " + ", ".join(known))
    return code


def _tax_inclusive(value: object) -> bool:
    return checks.flag(value, "tax_inclusive")


def _price_point(value: object) -> PricePoint | None:
    return None if value is None else checks.instance(value, PricePoint, "price_point")


def _direction(value: object) -> Direction:
    return checks.member(value, Direction, "direction")


@named_at_the_door
@attrs.frozen
class Market:
    """How a shop prices in one market.

    ``tax_jurisdiction`` is whose VAT/GST the shown price includes (``None`` where prices
    are shown without tax, or where none applies); ``conversion_fee`` is a percentage
    added to converted prices (``Decimal(2)`` for 2 %), shown separately.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    code: str = attrs.field(converter=_code)
    currency: str = attrs.field(converter=validate_currency)
    tax_jurisdiction: str | None = attrs.field(default=None, converter=_jurisdiction)
    tax_inclusive: bool = attrs.field(default=False, converter=_tax_inclusive)
    price_point: PricePoint | None = attrs.field(default=None, converter=_price_point)
    direction: Direction = attrs.field(default=Direction.UP, converter=_direction)
    conversion_fee: Decimal = attrs.field(default=Decimal(0), converter=_percent)

    def __attrs_post_init__(self) -> None:
        if self.tax_inclusive and self.tax_jurisdiction is None:
            raise InvalidAmountError(
                self, "shows prices with tax but names no tax_jurisdiction"
            )


def _market(value: object) -> Market:
    return checks.instance(value, Market, "market")


def _base(value: object) -> Money:
    return checks.money(value, "base")


def _converted(value: object) -> Money:
    return checks.money(value, "converted")


def _fee(value: object) -> Money:
    return checks.money(value, "fee")


def _tax_rates(value: object) -> tuple[TaxRate, ...]:
    return tuple(
        checks.instance(rate, TaxRate, "rates") for rate in checks.items(value, "rates")
    )


def _with_tax(value: object) -> Money:
    return checks.money(value, "with_tax")


def _shown(value: object) -> Money:
    return checks.money(value, "shown")


def _optional_floor(value: object) -> Money | None:
    return None if value is None else checks.money(value, "floor")


def _rate_used(value: object) -> Decimal:
    return checks.decimal(value, "rate_used", positive=True)


def _bound_by(value: object) -> str | None:
    return None if value is None else one_of(value, BOUND_BY, "bound_by", invalid)


@named_at_the_door
@attrs.frozen
class LocalizedPrice:
    """A base price carried into a market, every step kept.

    ``shown = price point(converted + fee (+ tax where shown with tax))``, never below
    ``floor``. ``bound_by`` says which floor raised the shown price: ``None`` when there
    is no floor or the price the market's rules give without one (the price point of
    ``with_tax`` in the market's direction, or ``with_tax`` where the market has no
    price point) is already at or above it; otherwise ``"minimum price"`` if the floor
    is the minimum advertised price (at least the margin floor: a tie names it) and
    ``"margin"`` if it is the margin floor.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    market: Market = attrs.field(converter=_market)
    base: Money = attrs.field(converter=_base)
    converted: Money = attrs.field(converter=_converted)
    fee: Money = attrs.field(converter=_fee)
    rates: tuple[TaxRate, ...] = attrs.field(converter=_tax_rates)
    with_tax: Money = attrs.field(converter=_with_tax)
    shown: Money = attrs.field(converter=_shown)
    floor: Money | None = attrs.field(converter=_optional_floor)
    rate_used: Decimal = attrs.field(converter=_rate_used)
    bound_by: str | None = attrs.field(default=None, converter=_bound_by)

    def __attrs_post_init__(self) -> None:
        currency = self.market.currency
        for field, amount in (
            ("converted", self.converted),
            ("fee", self.fee),
            ("with_tax", self.with_tax),
            ("shown", self.shown),
            ("floor", self.floor),
        ):
            if amount is not None:
                checks.same_currency(currency, amount, field)

    @property
    def net(self) -> Money:
        """The price before tax: converted plus fee."""
        return self.converted + self.fee

    @context_free
    def explain(self) -> str:
        """Each step, one line each."""
        steps = [
            f"{self.base} at {self.rate_used} = {self.converted}",
            f"+ conversion fee {self.market.conversion_fee}% = {self.fee}",
        ]
        if self.rates:
            percent = sum((rate.rate for rate in self.rates), Decimal(0))
            steps.append(f"+ {percent}% tax shown in prices = {self.with_tax}")
        if self.floor is not None:
            raised = (
                f": the {self.bound_by} floor raised the price" if self.bound_by else ""
            )
            steps.append(f"never below {self.floor}{raised}")
        steps.append(f"price point: {self.shown}")
        return "\n".join(steps)


_localized_price = trusted_builder(LocalizedPrice)
"""A ``LocalizedPrice`` from figures computed from checked arguments, unchecked."""


def localize_price(
    base_price: Money,
    market: Market,
    rates: RateTable,
    *,
    on: date,
    category: TaxCategory | str = TaxCategory.STANDARD,
    cost: Money | None = None,
    min_margin: Decimal | None = None,
    minimum_price: Money | None = None,
    mode: RoundingMode = RoundingMode.HALF_UP,
) -> LocalizedPrice:
    """``base_price`` as shown in ``market`` on the day ``on``.

    Steps: convert at ``rates`` (rounded with ``mode``); add the market's conversion
    fee; add the tax the market shows in consumer prices (from the bundled rates, for
    ``category``); move to the market's price point. The price point never goes below a
    floor: the price that keeps ``min_margin`` over ``cost`` or ``minimum_price`` (a
    minimum advertised price, in the market's currency and as shown), whichever is
    higher. The margin floor is ``cost`` converted (rounded with ``mode``), the net
    price earning ``min_margin`` on it (``price_for_margin``, rounded up), and that net
    price with the tax the market shows (``gross_price``, half up). The conversion fee
    is not added to it: the fee is part of the net price the margin is earned on.
    ``bound_by`` says which floor, if any, raised the shown price.

    Raises:
        InvalidAmountError: a figure ``Money`` cannot hold (10^18 or more): the
            converted price, the fee, the net price (converted + fee) or the price
            with tax (``field`` names it: ``price``, ``fee``, ``net``, ``with_tax``);
            a price point that gives a price finer than the currency's minor unit
            (``field`` ``shown``); or a negative base price. Each ``field`` is the one
            [`localize_catalog`][commercekit.batch.localize_catalog] gives the row.
    """
    if (
        base_price.__class__ is Money
        and market.__class__ is Market
        and rates.__class__ is RateTable
        and on.__class__ is date
        and category.__class__ is TaxCategory
        and mode.__class__ is RoundingMode
        and cost is None
        and min_margin is None
        and minimum_price is None
        and base_price.amount >= 0
    ):
        # Every argument is what the checks let through, and no floor is asked for:
        # the planned steps, in integers and in no decimal context, where they can.
        found = _planned(base_price, market, rates, on, category, mode=mode)
        if found is not None:
            return found
    return _checked(
        base_price,
        market,
        rates,
        on=on,
        category=category,
        cost=cost,
        min_margin=min_margin,
        minimum_price=minimum_price,
        mode=mode,
    )


def _planned(
    base: Money,
    market: Market,
    rates: RateTable,
    on: date,
    category: TaxCategory,
    *,
    mode: RoundingMode,
) -> LocalizedPrice | None:
    """The price from the market's plan, or None where it has none."""
    plan = plan_for(market, rates, base.currency.code, category, on)
    found = None if plan is None else figures(plan, base.amount, mode)
    if plan is None or found is None:
        return None
    converted, fee, with_tax, shown = found
    return _localized_price(  # every figure computed from the checked arguments
        market=market,
        base=base,
        converted=converted,
        fee=fee,
        rates=plan.taxes,
        with_tax=with_tax,
        shown=shown,
        floor=None,
        rate_used=plan.rate_used,
        bound_by=None,
    )


@context_free
def _checked(
    base_price: object,
    market: object,
    rates: object,
    *,
    on: object,
    category: object,
    cost: object,
    min_margin: object,
    minimum_price: object,
    mode: object,
) -> LocalizedPrice:
    """``localize_price`` with every argument checked: planned if it can be, else by
    the general path."""
    base_price = checks.money(base_price, "base_price")
    market = checks.instance(market, Market, "market")
    rates = checks.instance(rates, RateTable, "rates")
    on = checks.day(on, "on")
    category = check_category(category)
    cost = None if cost is None else checks.money(cost, "cost")
    if min_margin is not None:
        min_margin = checks.decimal(min_margin, "min_margin")
    if minimum_price is not None:
        minimum_price = minimum_price_of(market, minimum_price)
    mode = checks.mode(mode)
    if cost is None and min_margin is None and minimum_price is None:
        found = _planned(base_price, market, rates, on, category, mode=mode)
        if found is not None:
            return found
    floors = (cost, min_margin, minimum_price)
    return _localized(base_price, market, rates, on, category, floors=floors, mode=mode)


def _localized(
    base_price: Money,
    market: Market,
    rates: RateTable,
    on: date,
    category: TaxCategory,
    *,
    floors: tuple[Money | None, Decimal | None, Money | None],
    mode: RoundingMode,
) -> LocalizedPrice:
    """The general path: with a floor (``cost``, ``min_margin``, ``minimum_price``),
    or for what has no plan."""
    cost, min_margin, minimum_price = floors
    converted, fee, taxes, with_tax = stepped(
        base_price, market, rates, on, category, mode=mode
    )
    floor = floor_of(
        market,
        rates=rates,
        taxes=taxes,
        cost=cost,
        min_margin=min_margin,
        minimum_price=minimum_price,
        mode=mode,
    )
    shown = with_tax
    if market.price_point is not None:
        shown = shown_at(market, with_tax, floor)
    elif floor is not None and shown < floor:
        shown = floor
    bound_by = None
    if floor is not None and unfloored(market, with_tax) < floor.amount:
        bound_by = "minimum price" if minimum_price == floor else "margin"
    return _localized_price(  # every figure computed here from the checked arguments
        market=market,
        base=base_price,
        converted=converted,
        fee=fee,
        rates=taxes,
        with_tax=with_tax,
        shown=shown,
        floor=floor,
        rate_used=rates.rate(base_price.currency.code, market.currency),
        bound_by=bound_by,
    )
