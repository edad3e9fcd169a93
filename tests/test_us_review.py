"""US sales tax under a demanding user's inputs: each test failed before its fix.

Figures: Massachusetts taxes tangible personal property at 6.25% (M.G.L. c. 64H s. 2)
and not services in general; Texas' state rate is 6.25% (Tax Code 151.051) with local
taxes up to 2% on top.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from commercekit.checkout import CheckoutContext, Product, quote
from commercekit.errors import MissingDataError, UnknownCountryError
from commercekit.money import Money
from commercekit.pricing import Cart, CartLine
from commercekit.tax import (
    BUNDLED,
    Buyer,
    Collector,
    Regime,
    Sale,
    Seller,
    TaxCategory,
    TaxRate,
    decide,
    us_shipping,
)

DAY = date(2026, 6, 1)


class LocalOnly:
    """A source answering the address's local tax and forgetting the state's."""

    def rates_for(
        self, jurisdiction: str, category: TaxCategory | str, *, on: date
    ) -> tuple[TaxRate, ...]:
        asked = TaxCategory(category)
        return (
            TaxRate(
                jurisdiction=jurisdiction, tax="city", category=asked,
                applies_as=asked, rate="2", kind="standard", since=date(2018, 6, 21),
                until=None, source="https://comptroller.texas.gov/taxes/sales/",
            ),
        )  # fmt: skip


@pytest.mark.parametrize("state", ["US-TX", "US-MA"])
def test_a_source_without_the_state_tax_is_refused_not_charged_short(state: str) -> None:
    """Texas: the city's 2% alone would be charged as the whole tax (USD 2.00 on
    USD 100.00, not 8.25); Massachusetts has no local taxes, so the 2% would even
    replace the state's 6.25%."""
    sale = Sale(Seller("US", {state}), Buyer("US", subdivision=state), "goods",
                Money("100.00", "USD"))  # fmt: skip
    with pytest.raises(MissingDataError, match="own sales tax in the rate source"):
        decide(sale, on=DAY, rates=LocalOnly())


def test_the_bundled_answer_still_passes_where_there_are_no_local_taxes() -> None:
    sale = Sale(Seller("US", {"US-MA"}), Buyer("US", subdivision="US-MA"), "goods",
                Money("100.00", "USD"))  # fmt: skip
    assert [r.rate for r in decide(sale, on=DAY, rates=BUNDLED).rates] == [6.25]


@pytest.mark.parametrize(
    ("seller", "supply"),
    [("US", "services"), ("US", "electronic_services"), ("DE", "electronic_services")],
)
def test_services_to_a_us_consumer_are_not_charged_the_goods_rate(
    seller: str, supply: str
) -> None:
    """Massachusetts taxes goods at 6.25% but not services in general: a registered
    US seller's services were charged USD 6.25 on USD 100.00 as if they were goods.
    (A German seller's other services stay Germany's VAT, Art. 45.)"""
    sale = Sale(Seller(seller, {"US-MA"}), Buyer("US", subdivision="US-MA"), supply,
                Money("100.00", "USD"))  # fmt: skip
    decision = decide(sale, on=DAY)
    assert decision.rates == ()
    assert decision.regime is Regime.NOT_BUNDLED
    assert decision.collected_by is Collector.NONE
    assert "US-MA's taxation of services is not bundled" in decision.rules[-1].text


def test_shipping_of_an_outlying_area_is_not_said_to_have_no_sales_tax() -> None:
    """Puerto Rico levies a sales and use tax; the message said it levies none."""
    with pytest.raises(UnknownCountryError, match="outlying area"):
        us_shipping("US-PR", on=DAY)


class LocalForStandardOnly:
    """A source with the address's local rate for general goods, forgetting it for
    groceries (Tennessee taxes them at 4% plus the local rate: Tenn. Code 67-6-228)."""

    def rates_for(
        self, jurisdiction: str, category: TaxCategory | str, *, on: date
    ) -> tuple[TaxRate, ...]:
        asked = TaxCategory(category)
        state = BUNDLED.rates_for(jurisdiction, asked, on=on)
        if asked is not TaxCategory.STANDARD:
            return state
        local = TaxRate(
            jurisdiction=jurisdiction, tax="local", category=asked, applies_as=asked,
            rate="2.25", kind="standard", since=date(2018, 6, 21), until=None,
            source="https://www.tn.gov/revenue/taxes/sales-and-use-tax.html",
        )  # fmt: skip
        return (*state, local)


def _tennessee(*, partial: bool) -> CheckoutContext:
    return CheckoutContext(
        Seller("US", {"US-TN"}), Buyer("US", subdivision="US-TN"),
        at=datetime(2026, 6, 1, 12, tzinfo=UTC), prices_include_tax=False,
        products={"BREAD": Product("BREAD", "food"), "LAMP": Product("LAMP", "standard")},
        tax_rates=LocalForStandardOnly(), partial=partial,
    )  # fmt: skip


CART = Cart([CartLine("LAMP", Money("50.00", "USD"), 1),
             CartLine("BREAD", Money("50.00", "USD"), 1)])  # fmt: skip


def test_each_category_sold_needs_its_local_rates_not_only_the_first() -> None:
    """The lamp's answer had a local rate, the bread's had not: the bread was charged
    Tennessee's 4% alone (USD 2.00, not 3.13 at 4% + 2.25%) and nothing was said."""
    with pytest.raises(MissingDataError, match="answer for food holds the state's"):
        quote(CART, _tennessee(partial=False))
    partial = quote(CART, _tennessee(partial=True))
    assert partial.missing == (
        "tax: local sales tax rates for US-TN (county, city, district)",
    )
