"""The EU's EUR 10,000 counts the transport charged even when the goods are free
(issue 18).

Directive 2006/112/EC Art. 59c(1)(c): the threshold is "the total value, exclusive of
VAT, of the supplies" of goods dispatched to other member states; Art. 78(b): the
taxable amount of a supply of goods includes "incidental expenses, such as ...
transport ... charged by the supplier to the customer". A cart whose goods a promotion
made free, with EUR 7.19 of shipping (prices including VAT), is a supply of EUR 5.94
without NL VAT (7.19 / 1.21 = 5.942, VAT 1.25). Where prices included the tax, the
decision counted it as EUR 0.00: a shop at EUR 9,995.00 stayed under the threshold and
charged Dutch VAT on the shipping.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from commercekit.checkout import CheckoutContext, Product, quote
from commercekit.errors import MissingDataError
from commercekit.money import Money
from commercekit.pricing import Cart, CartLine, PercentOff, Promotion
from commercekit.shipping import example_rate_cards
from commercekit.tax import Buyer, Regime, Sale, SaleLine, Seller, decide

AT = datetime(2026, 11, 26, 12, tzinfo=UTC)
DAY = AT.date()
PRODUCTS = {
    "TEE": Product("TEE", "standard", weight_kg=Decimal("0.2")),
    "BOOK": Product("BOOK", "books", weight_kg=Decimal("0.6")),
}


def _sale(sold: str, *lines: SaleLine, shipping: str = "7.19") -> Sale:
    return Sale(
        Seller("NL", {"OSS"}, eu_sales_this_year=Money(sold, "EUR")), Buyer("DE"),
        "goods", Money("0.00", "EUR"), lines=lines, shipping=Money(shipping, "EUR"),
        prices_include_tax=True,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("sold", "regime", "counted"),
    [
        ("9994.06", Regime.DISTANCE_SALE_BELOW_THRESHOLD, "10000.00"),
        ("9994.07", Regime.OSS_UNION, "10000.01"),
    ],
)
def test_the_shipping_of_free_goods_counts_without_its_vat(
    sold: str, regime: Regime, counted: str
) -> None:
    """EUR 7.19 with NL VAT inside is EUR 5.94 without it: both sides of EUR 10,000."""
    decision = decide(_sale(sold, SaleLine(Money("0.00", "EUR"))), on=DAY)
    assert decision.regime is regime
    assert f"{counted} EUR" in decision.rules[0].text


def test_free_goods_at_several_rates_are_refused_only_where_it_matters() -> None:
    """A free T-shirt (NL 21 %) and a free book (NL 9 %): the shipping without VAT is
    5.94 at 21 % or 6.60 at 9 % (7.19 / 1.09 = 6.596), and which part is at which rate
    is not in the sale. At EUR 9,993.50 that is 9,999.44 or 10,000.10: refused. Below
    and above, both give one answer."""
    free = (
        SaleLine(Money("0.00", "EUR")),
        SaleLine(Money("0.00", "EUR"), category="books"),
    )
    with pytest.raises(MissingDataError, match=r"9999\.44 EUR and 10000\.10 EUR"):
        decide(_sale("9993.50", *free), on=DAY)
    assert decide(_sale("9990.00", *free), on=DAY).regime is (
        Regime.DISTANCE_SALE_BELOW_THRESHOLD
    )
    assert decide(_sale("9995.00", *free), on=DAY).regime is Regime.OSS_UNION


def test_the_quote_of_a_free_tee_charges_german_vat_on_its_shipping() -> None:
    """The example card's EUR 7.19 to Germany; the shop at EUR 9,995.00: 9,995.00 +
    5.94 = 10,000.94 exceeds EUR 10,000, so DE VAT 19 % inside 7.19 = 1.15 (the quote
    charged NL 21 %, 1.25, counting the sale as EUR 0.00)."""
    context = CheckoutContext(
        Seller("NL", {"OSS"}, eu_sales_this_year=Money("9995.00", "EUR")), Buyer("DE"),
        at=AT, prices_include_tax=True, products=PRODUCTS,
        rate_cards=example_rate_cards(),
        promotions=(Promotion("GIFT", PercentOff(100)),),
    )  # fmt: skip
    result = quote(Cart([CartLine("TEE", Money("60.00", "EUR"), 1)]), context)
    assert result.decision.regime is Regime.OSS_UNION
    assert result.shipping is not None
    assert (result.shipping.gross, result.shipping.tax) == (
        Money("7.19", "EUR"),
        Money("1.15", "EUR"),
    )
