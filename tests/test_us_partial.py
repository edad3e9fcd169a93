"""Partial US decisions and quotes: a category a state's table has no row for.

Each state decides what its sales tax reaches; commercekit bundles a state's general
rate and the categories its table lists (groceries, clothing where treated apart), and
nothing else: books in New York have no row. A complete quote refuses with
``MissingDataError``; a partial one (``CheckoutContext(partial=True)``, or a decision
with ``StateRatesOnly``) leaves those lines untaxed and lists what it lacks, naming the
state, the category and how to supply it, as it lists the local rates it lacks.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import jsonschema
import pytest

from commercekit.checkout import CheckoutContext, Product, Quote, quote
from commercekit.errors import MissingDataError
from commercekit.money import Money
from commercekit.pricing import Cart, CartLine
from commercekit.serde import quote_schema, quote_to_json
from commercekit.shipping import Bracket, RateCard, Zone
from commercekit.tax import (
    BUNDLED,
    Buyer,
    Sale,
    SaleLine,
    Seller,
    StateRatesOnly,
    TaxCategory,
    TaxRate,
    decide,
    missing_from,
)

DAY = date(2026, 6, 1)
AT = datetime(2026, 6, 1, 12, tzinfo=UTC)
BOOKS = (
    "US-NY sales tax rates for books (its lines are left untaxed; pass a "
    "TaxRateSource whose rates_for('US-NY', 'books', on=day) answers them)"
)
LOCAL = "local sales tax rates for US-NY (county, city, district)"
CARD = RateCard(
    "Example Carrier", "Ground", "US", "USD",
    zones=[Zone("domestic", ["US"], (2, 5))],
    brackets={"domestic": [Bracket(Decimal(30), Money("10.00", "USD"))]},
    dimension_rounding="exact",
)  # fmt: skip
PRODUCTS = {
    "BOOK": Product("BOOK", "books", weight_kg=Decimal(1)),
    "LAMP": Product("LAMP", "standard", weight_kg=Decimal(1)),
}


def usd(amount: str) -> Money:
    return Money(amount, "USD")


def in_new_york(*skus: tuple[str, str], **kwargs: object) -> Quote:
    context = CheckoutContext(
        Seller("US", {"US-NY"}), Buyer("US", subdivision="US-NY"), at=AT,
        prices_include_tax=False, products=PRODUCTS,
        **kwargs,  # type: ignore[arg-type]
    )  # fmt: skip
    return quote(Cart([CartLine(sku, usd(price), 1) for sku, price in skus]), context)


def test_a_partial_quote_lists_the_category_and_leaves_its_lines_untaxed() -> None:
    """Books USD 90.00, a lamp USD 10.00, shipping USD 10.00 (taxable in New York,
    Tax Law 1101(b)(3)) shared 9.00 : 1.00: the lamp and its share pay the state's
    4 % (0.40 + 0.04); the books and their share are left untaxed, and listed."""
    result = in_new_york(("BOOK", "90.00"), ("LAMP", "10.00"), partial=True,
                         rate_cards=(CARD,))  # fmt: skip
    book, lamp = result.lines
    assert (book.sku, book.tax, book.gross, book.rates) == ("BOOK", usd("0.00"),
                                                           usd("90.00"), ())  # fmt: skip
    assert (lamp.tax, lamp.rates[0].rate) == (usd("0.40"), Decimal(4))
    assert result.shipping is not None
    assert (result.shipping.net, result.shipping.tax) == (usd("10.00"), usd("0.04"))
    assert (result.tax, result.grand_total) == (usd("0.44"), usd("110.44"))
    assert set(result.missing) == {f"tax: {BOOKS}", f"tax: {LOCAL}"}
    jsonschema.validate(quote_to_json(result), quote_schema())


@pytest.mark.parametrize("rounding", ["line", "invoice"])
def test_a_cart_of_untaxed_lines_alone(rounding: str) -> None:
    result = in_new_york(("BOOK", "12.50"), partial=True, rounding=rounding,
                         rate_cards=(CARD,))  # fmt: skip
    assert (result.tax, result.grand_total, result.tax_summary) == (
        usd("0.00"), usd("22.50"), (),
    )  # fmt: skip


def test_a_complete_quote_still_refuses() -> None:
    with pytest.raises(MissingDataError, match="US-NY sales tax treatment of books"):
        in_new_york(("BOOK", "90.00"), ("LAMP", "10.00"))


def _sale(state: str, category: str) -> Sale:
    return Sale(
        Seller("US", {state}), Buyer("US", subdivision=state), "goods", usd("20.00"),
        lines=(SaleLine(usd("20.00"), 1, category), ),
    )  # fmt: skip


def test_a_partial_decision_lists_the_category() -> None:
    decision = decide(_sale("US-NY", "books"), on=DAY, rates=StateRatesOnly())
    assert decision.rates == ()
    assert missing_from(decision) == (BOOKS,)
    with pytest.raises(MissingDataError, match="sales tax treatment of books"):
        decide(_sale("US-NY", "books"), on=DAY)


def test_a_state_without_local_taxes_lists_the_category_alone() -> None:
    decision = decide(_sale("US-MA", "books"), on=DAY, rates=StateRatesOnly())
    assert missing_from(decision) == (BOOKS.replace("US-NY", "US-MA"),)


class _NewYorkBooks:
    """A source that answers books in New York (the state's 4 %, a 4.5 % city tax),
    as a shop's tax service would; anything else as bundled."""

    def rates_for(
        self, jurisdiction: str, category: TaxCategory | str, *, on: date
    ) -> tuple[TaxRate, ...]:
        if category != "books":
            return BUNDLED.rates_for(jurisdiction, category, on=on)
        standard = BUNDLED.rates_for(jurisdiction, "standard", on=on)
        return tuple(
            TaxRate(
                jurisdiction=jurisdiction, tax=tax, category="books",
                applies_as="books", rate=rate, kind="standard",
                since=date(2018, 6, 21), until=None, source=standard[0].source,
            )
            for tax, rate in (("sales tax", "4"), ("city", "4.5"))
        )  # fmt: skip


def test_a_source_with_the_rates_fills_the_gap() -> None:
    result = in_new_york(("BOOK", "20.00"), partial=True, tax_rates=_NewYorkBooks())
    assert result.tax == usd("1.70")  # 0.80 + 0.90
    assert result.missing == ()


def test_a_partial_quote_elsewhere_still_refuses_a_category_without_rows() -> None:
    """India sets a rate per HSN heading: food has no row, and the partial quote's
    leave is for US states' tables only."""
    context = CheckoutContext(
        Seller("IN", {"IN-MH"}), Buyer("IN", subdivision="IN-MH"), at=AT,
        prices_include_tax=False, products={"RICE": Product("RICE", "food")},
        partial=True,
    )  # fmt: skip
    with pytest.raises(MissingDataError, match="IN GST rate for food"):
        quote(Cart([CartLine("RICE", Money("100.00", "INR"), 1)]), context)
