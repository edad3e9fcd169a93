"""A charge that follows the goods, split over their rates when the discounts took the
whole value of the goods: by the goods' value before discount, never equally.

Shipping is ancillary to the goods it delivers and follows their VAT treatment (CJEU
C-463/16 Stadion Amsterdam; Directive 2006/112/EC Art. 78(b)); over goods at different
rates HMRC asks for a fair and reasonable apportionment, for example by the value of
the goods (VAT Notice 700/24 s.3-4). A discount that takes the whole order leaves the
goods' value before it as the only measure of how the delivery is shared.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import attrs
import pytest

from commercekit.checkout import CheckoutContext, Product, quote
from commercekit.checkout._quote_payment import SurchargeRow
from commercekit.checkout._refund import _border_shares
from commercekit.checkout._refund_payment import _weights
from commercekit.errors import InvalidCartError
from commercekit.money import Money
from commercekit.pricing import AmountOff, Cart, CartLine, Promotion
from commercekit.shipping import example_rate_cards
from commercekit.tax import Buyer, RoundingLevel, Seller
from tests.quote_data import RATES

AT = datetime(2026, 11, 26, 12, tzinfo=UTC)
PRODUCTS = {
    "TEE": Product("TEE", "standard", weight_kg=Decimal("0.2")),
    "BOOK": Product("BOOK", "books", weight_kg=Decimal("0.5")),
}


def _context(off: str) -> CheckoutContext:
    return CheckoutContext(
        Seller("NL", {"OSS"}, eu_sales_this_year=Money("42000", "EUR")),
        Buyer("NL"),
        at=AT,
        prices_include_tax=True,
        products=PRODUCTS,
        promotions=(Promotion("ALL", AmountOff(Money(off, "EUR"))),),
        rate_cards=example_rate_cards(),
        rounding=RoundingLevel.INVOICE,
        exchange_rates=RATES,
    )


def _cart(tee: str, book: str) -> Cart:
    return Cart(
        [CartLine("TEE", Money(tee, "EUR"), 1), CartLine("BOOK", Money(book, "EUR"), 1)]
    )


def test_shipping_follows_value_before_discount_when_all_discounted_away() -> None:
    """T-shirt EUR 1.00 at 21 %, book EUR 99.00 at 9 %, EUR 100 off, shipping EUR 5.37
    (prices include VAT): 5.37 x 99/100 = 5.3163 -> 5.32 at 9 % (tax 5.32 x 9/109 =
    0.4393 -> 0.44) and 0.05 at 21 % (tax 0.05 x 21/121 = 0.0087 -> 0.01); an equal
    split would have put 2.68 at 21 % and 2.69 at 9 % (tax 0.69)."""
    result = quote(_cart("1.00", "99.00"), _context("100"))
    assert [line.gross for line in result.lines] == [Money("0.00", "EUR")] * 2
    shipping = result.shipping
    assert shipping is not None
    assert (shipping.gross, shipping.net, shipping.tax) == (
        Money("5.37", "EUR"),
        Money("4.92", "EUR"),
        Money("0.45", "EUR"),
    )
    rows = {row.rate: (row.base, row.amount) for row in result.tax_summary}
    assert rows == {
        Decimal("9"): (Money("4.88", "EUR"), Money("0.44", "EUR")),
        Decimal("21"): (Money("0.04", "EUR"), Money("0.01", "EUR")),
    }


def test_shipping_over_two_rates_of_goods_worth_nothing_is_refused() -> None:
    """Goods at two rates, every one priced zero, and shipping to pay: there is no
    value to apportion the shipping by, so the quote refuses and says so."""
    with pytest.raises(InvalidCartError, match="no value to apportion"):
        quote(_cart("0.00", "0.00"), _context("1"))


def test_refund_shares_fall_back_to_value_before_discount() -> None:
    """The refunds share a charge as the quote did: by the value after discount, where
    that is all zero by the value before it (99 : 1), never by units (1 : 1)."""
    result = quote(_cart("1.00", "99.00"), _context("100"))
    lines = list(result.lines)
    zero = Money("0.00", "EUR")
    rows = [SurchargeRow(i, line.rates, zero, line.amount) for i, line in enumerate(lines)]
    assert _weights(result, rows) == [Decimal("99.00"), Decimal("1.00")]
    assert [line.sku for line in lines] == ["BOOK", "TEE"]
    border = attrs.evolve(result, collected_border_charges=Money("10.00", "EUR"))
    assert _border_shares(border) == [Money("9.90", "EUR"), Money("0.10", "EUR")]
