"""The sales registration monitoring counts: ``CountedSale``, and their total in a
threshold's currency."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import attrs

from commercekit._checks import invalid
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import named_at_the_door
from commercekit.money import Money, RateTable, convert_noted, require_money, sum_money
from commercekit.regions import check_country, check_subdivision
from commercekit.tax import _checks
from commercekit.tax._us_nexus import MAX_COUNT

__all__ = ["CountedSale", "destination", "total_in"]


def destination(code: object) -> str:
    """A sale's destination: a country, or ``XI`` for Northern Ireland."""
    return "XI" if code == "XI" else check_country(code)


def _valid_sale_amount(_: object, __: object, value: Money) -> None:
    if value.amount < 0:
        raise invalid(
            "amount", value, "is negative; record a refund by lowering the original sale"
        )


def _optional_state(value: object) -> str | None:
    return None if value is None else check_subdivision("US", value)


def _transactions(value: object) -> int:
    return _checks.whole(
        value, "transactions", positive=True, unit="transactions", maximum=MAX_COUNT
    )


@named_at_the_door
@attrs.frozen
class CountedSale:
    """One sale as threshold monitoring needs it: when, how much, to where.

    ``destination`` is the buyer's country (``XI`` for goods to Northern Ireland);
    ``business`` marks B2B sales, which most B2C thresholds do not count. For a sale to
    the United States, ``state`` is the state (ISO 3166-2, ``US-NY``) its nexus counts
    toward; ``transactions`` is how many separate transactions the record stands for
    (1 for one sale; more for a day's or month's total); ``marketplace`` marks a sale
    made through a marketplace facilitator. ``business`` does not change a US measure
    (a sale to a business is a retail sale unless for resale): leave out sales for
    resale where the state counts retail or taxable sales only.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    day: date = attrs.field(validator=_checks.valid_day)
    amount: Money = attrs.field(converter=require_money, validator=_valid_sale_amount)
    destination: str = attrs.field(converter=destination)
    business: bool = attrs.field(default=False, validator=_checks.valid_flag)
    state: str | None = attrs.field(default=None, converter=_optional_state)
    transactions: int = attrs.field(default=1, converter=_transactions)
    marketplace: bool = attrs.field(default=False, validator=_checks.valid_flag)

    def __attrs_post_init__(self) -> None:
        if self.state is not None and self.destination != "US":
            raise invalid(
                "state",
                self.state,
                f"is a US state but the destination is {self.destination}; "
                "give destination='US'",
            )


def total_in(
    sales: Iterable[CountedSale], currency: str, rates: RateTable | None, notes: list[str]
) -> Money:
    """The sales added up in ``currency``; each conversion is noted with its rate."""
    total = [
        convert_noted(
            sale.amount,
            currency,
            rates,
            notes,
            how="pass rates= (a RateTable)",
            rounded=True,
        )
        for sale in sales
    ]
    return sum_money(total, currency)
