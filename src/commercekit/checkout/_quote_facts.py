"""The rates of a quote line whose Indian GST rate turns on a fact its product states
(``Product.rate_facts``, [`fact_rates`][commercekit.tax.fact_rates]).

Two facts are checked against the rest of the quote rather than taken blindly:

* a hotel room's **value per day**: since 2018-07-27 the bands compare the value of
  supply (Notification 13/2018-Central Tax (Rate)), which is after the seller's
  discount (CGST Act s. 15(3)(a)). A line with a discount that moves the value into
  another band than the value stated is refused, naming the field to state the value
  after the discount in: a Rs 8,000 room at 10 % off is Rs 7,200, 5 % from 2025-09-22,
  not 18 %;
* a restaurant's **specified premises**, for the rate
  (``RateFacts.specified_premises``) and for who pays through an operator
  (``ServiceFacts.at_specified_premises``): one fact, taken from the products where
  the service facts leave it out, refused where the two disagree.

References:
    CBIC, GST Acts (CGST Act s. 15): https://cbic-gst.gov.in/gst-acts.html
    CBIC, Central Tax (Rate) notifications (11/2017, 13/2018): https://cbic-gst.gov.in/central-tax-rate-notifications.html
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import attrs

from commercekit.checkout._context import CheckoutContext
from commercekit.errors import (
    InvalidAmountError,
    InvalidInputError,
    MissingDataError,
    NoRuleError,
    shown,
)
from commercekit.money import Money
from commercekit.pricing import CartLine
from commercekit.tax import OperatorService, ServiceFacts, TaxCategory, TaxRate

if TYPE_CHECKING:
    from commercekit.tax import RateFacts

__all__ = ["fact_line_rates", "rated_by_facts", "with_stated_premises"]

VALUE_OF_SUPPLY_SINCE = date(2018, 7, 27)
"""From this day hotel accommodation's bands compare the value of supply, not the
declared tariff (13/2018-Central Tax (Rate); ``tax/_data/in_by_fact.csv``)."""


def rated_by_facts(taxed_in: str, category: TaxCategory, day: date) -> bool:
    """Whether ``category``'s Indian rate on ``day`` turns on facts ``fact_rates``
    knows, though no product of the cart states them (so that each line is refused
    naming its product's ``rate_facts``, not the category)."""
    # Imported for a sale in India only: a quote elsewhere never rates by facts.
    from commercekit.tax import RateFacts, fact_rates  # noqa: PLC0415

    try:
        fact_rates(taxed_in, category, RateFacts(), on=day)
    except MissingDataError:
        return True
    except (InvalidInputError, NoRuleError):
        return False
    return True


def fact_line_rates(
    line: CartLine,
    category: TaxCategory,
    taxed_in: str,
    context: CheckoutContext,
    discount: Money,
) -> tuple[TaxRate, ...]:
    """The rates of a line whose Indian rate turns on a fact its product states
    (pan masala's on none); ``discount`` is the line's discount (zero where none)."""
    # Imported for a sale in India only: a quote elsewhere never rates by facts.
    from commercekit.tax import RateFacts, fact_rates  # noqa: PLC0415

    facts = context.products[line.sku].rate_facts
    where = f"products[{shown(line.sku)}].rate_facts"
    if facts is None:  # refused below naming the fact (pan masala's turn on none)
        facts = RateFacts()
    if category is TaxCategory.RESTAURANT:
        _one_premises(facts, context, where)
    day = context.at.date()
    try:
        rates = fact_rates(taxed_in, category, facts, on=day)
    except MissingDataError as error:  # a fact not stated: named on the product
        field = error.field or ""
        if not field.startswith("facts."):
            raise
        raise error.at(f"{where}.{field.removeprefix('facts.')}") from None
    if (
        category is TaxCategory.ACCOMMODATION
        and discount.amount
        and day >= VALUE_OF_SUPPLY_SINCE
    ):
        asked = (taxed_in, facts, day, context.prices_include_tax)
        _same_band(line, discount, rates, asked, where)
    return rates


def _same_band(
    line: CartLine,
    discount: Money,
    rates: tuple[TaxRate, ...],
    asked: tuple[str, RateFacts, date, bool],
    where: str,
) -> None:
    """Refuse a discount that moves a room's value per unit into another band than
    the value stated: the bands compare the value of supply, after the discount and
    without the tax (taken out at the stated value's rates where prices include it:
    the value is consistent when it falls in their band)."""
    # Imported for a sale in India only: a quote elsewhere never rates by facts.
    from commercekit.tax import fact_rates  # noqa: PLC0415

    taxed_in, facts, day, prices_include_tax = asked
    stated = facts.unit_value_per_day
    per_unit = (line.unit_price.amount * line.quantity - discount.amount) / line.quantity
    if prices_include_tax:  # without the tax at the stated value's rates
        per_unit = per_unit * 100 / (100 + sum(rate.rate for rate in rates))
    if line.unit_price.currency.code == "INR":
        after = attrs.evolve(facts, unit_value_per_day=Money(per_unit, "INR"))
        if fact_rates(taxed_in, TaxCategory.ACCOMMODATION, after, on=day) == rates:
            return
    raise MissingDataError(
        f"{where}.unit_value_per_day after the discount",
        f"line {line.sku!r} has a discount of {discount}, which makes each unit "
        f"{per_unit:.2f} {line.unit_price.currency.code} without the tax where "
        f"{stated} is stated "
        "per day, in another band (or in another currency). India's bands compare the "
        "value of supply, after the seller's discount (CGST Act s. 15(3)(a); "
        "13/2018-Central Tax (Rate)): state the value per day after the discount, "
        "in INR, with each unit of the line a day",
        field=f"{where}.unit_value_per_day",
    )


def _one_premises(facts: RateFacts, context: CheckoutContext, where: str) -> None:
    """Refuse a restaurant's specified premises said twice, differently."""
    premises = facts.specified_premises
    said = context.service_facts
    if said is None or None in (premises, said.at_specified_premises):
        return
    if premises is not said.at_specified_premises:
        raise InvalidAmountError.refused(
            "service_facts.at_specified_premises",
            said.at_specified_premises,
            f"contradicts {where}.specified_premises ({premises}): whether the "
            "restaurant is at specified premises is one fact, for the rate and for "
            "who pays it (CGST Act s. 9(5)); say it once",
        )


def with_stated_premises(context: CheckoutContext) -> ServiceFacts | None:
    """The context's service facts, with ``at_specified_premises`` taken from the
    restaurant products' ``rate_facts.specified_premises`` where a restaurant service
    through an operator leaves it out and they all state the same: one fact, said
    once. Otherwise the facts as given (a missing fact is then refused by name)."""
    facts = context.service_facts
    if (
        facts is None
        or facts.operator_service is not OperatorService.RESTAURANT
        or facts.at_specified_premises is not None
    ):
        return facts
    stated = {
        product.rate_facts.specified_premises
        for product in context.products.values()
        if product.tax_category is TaxCategory.RESTAURANT and product.rate_facts is not None
    }
    if len(stated) != 1 or None in stated:
        return facts
    return attrs.evolve(facts, at_specified_premises=stated.pop())
