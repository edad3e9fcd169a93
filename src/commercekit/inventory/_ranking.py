"""Ranking products by margin velocity: how fast, how profitably, how often they sell.

A product's score is its contribution margin per period times the share of periods in
which it sold, so steady earners outrank products carried by a few large orders.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import attrs

from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import context_free, named_at_the_door
from commercekit.errors import (
    CurrencyMismatchError,
    InputKind,
    InvalidAmountError,
    InvalidInventoryError,
)
from commercekit.inventory._numbers import (
    is_positive_units,
    is_share,
    is_signed_money,
    is_signed_quantity,
    is_text,
    is_units,
    listed,
    rounded,
)
from commercekit.money import Money, require_money

__all__ = ["RankedProduct", "SalesRecord", "rank_products"]


def _margin(value: object) -> Money:
    try:
        return require_money(value, "the contribution margin")
    except InvalidAmountError as problem:
        raise InvalidInventoryError("contribution_margin", value, problem.reason) from None


@named_at_the_door
@attrs.frozen
class SalesRecord:
    """A product's sales over a number of periods: units, contribution margin, frequency.

    ``periods_with_sales`` counts the periods in which it sold at all. The margin may be
    below zero: a product sold at a loss.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    sku: str = attrs.field(validator=is_text)
    units: int = attrs.field(validator=is_units)
    contribution_margin: Money = attrs.field(converter=_margin)
    periods: int = attrs.field(validator=is_positive_units)
    periods_with_sales: int = attrs.field(validator=is_units)

    def __attrs_post_init__(self) -> None:
        if self.periods_with_sales > self.periods:
            raise InvalidInventoryError.refused(
                "periods_with_sales",
                self.periods_with_sales,
                f"cannot exceed periods ({self.periods})",
                kind=InputKind.COUNT,
            )


@named_at_the_door
@attrs.frozen
class RankedProduct:
    """A product's rank by margin velocity and frequency, with the score and its parts.

    A product sold at a loss has a margin, and a score, below zero.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    sku: str = attrs.field(validator=is_text)
    rank: int = attrs.field(validator=is_positive_units)
    margin_per_period: Money = attrs.field(validator=is_signed_money)
    frequency: Decimal = attrs.field(validator=is_share)
    score: Decimal = attrs.field(validator=is_signed_quantity)


@context_free
def rank_products(
    records: tuple[SalesRecord, ...] | list[SalesRecord],
) -> tuple[RankedProduct, ...]:
    """Rank products that sell fast, profitably and repeatedly.

    Score = contribution margin per period x frequency (the share of periods with a
    sale): a product earning EUR 100 a week in every week outranks one earning EUR 150
    a week from two big orders a quarter. Ties go to more units, then the SKU.

    Examples:
        >>> from commercekit.money import Money
        >>> ranked = rank_products([
        ...     SalesRecord("TEE", 400, Money("1200", "EUR"), 12, 12),
        ...     SalesRecord("BULK", 90, Money("1800", "EUR"), 12, 2),
        ... ])
        >>> [(item.sku, str(item.score)) for item in ranked]
        [('TEE', '100.0000'), ('BULK', '25.0000')]
    """
    currency = None
    scored = []
    for record in listed(records, "records"):
        if not isinstance(record, SalesRecord):
            raise InvalidInventoryError.refused(
                "records", record, "is not a SalesRecord", kind=InputKind.TYPE
            )
        margin = record.contribution_margin
        if currency is None:
            currency = margin.currency.code
        elif margin.currency.code != currency:
            raise CurrencyMismatchError(currency, margin.currency.code, "rank")
        periods, selling = record.periods, record.periods_with_sales
        per_period = Fraction(margin.amount) / periods
        frequency = Fraction(selling, periods)
        scored.append((per_period * frequency, record, per_period, frequency, margin))
    scored.sort(key=lambda row: (-row[0], -row[1].units, row[1].sku))
    return tuple(
        RankedProduct(
            sku=record.sku,
            rank=rank,
            margin_per_period=Money(rounded(per_period), margin.currency),
            frequency=rounded(frequency),
            score=rounded(score),
        )
        for rank, (score, record, per_period, frequency, margin) in enumerate(scored, 1)
    )
