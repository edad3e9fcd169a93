"""A Japanese shop's quote: consumption tax rounded once per rate, delivery at 10%.

Two rules of Japan's consumption tax that differ from the EU's, checked against the
parts composed by hand:

* Since 1 October 2023 (the qualified invoice system) the consumption tax on an invoice
  is rounded once per rate, never per item: Consumption Tax Act Enforcement Order
  Art. 70-10 and basic circular 1-8-15, as cited in NTA's invoice Q&A, question 57
  (note): "一の適格請求書に記載されている個々の商品ごとに消費税額等を計算し、1円未満の端数
  処理を行い、その合計額を消費税額等として記載することは認められません" (read as quoted
  by the foovar/jp-invoice package's README, with its example of JPY 105 x 3 lines at
  10%; Square's "Order Calculation Guide for Japan" says the same; both secondary).
* A delivery charge billed apart from food is not a sale of food: it is taxed at the
  standard 10% whatever the goods' rate (EC-CUBE's tax settings page: "飲食料品のみの
  販売の場合であっても、手数料および送料は標準税率で税の計算が行われる", and its
  区分記載請求書 example putting the delivery in the 10% total; secondary sources for the
  National Tax Agency's reduced-rate Q&A, which was not read here).
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commercekit.checkout import CheckoutContext, Product, Quote, quote
from commercekit.errors import CommerceKitError
from commercekit.money import Money, sum_money
from commercekit.pricing import Cart, CartLine
from commercekit.shipping import Bracket, RateCard, Zone
from commercekit.tax import Buyer, RoundingLevel, Seller

AT = datetime(2026, 11, 26, 3, tzinfo=UTC)
PRODUCTS = {
    "RICE": Product("RICE", "food", weight_kg=Decimal(1)),
    "MISO": Product("MISO", "food", weight_kg=Decimal(1)),
    "BOWL": Product("BOWL", "standard", weight_kg=Decimal(1)),
    "CUP": Product("CUP", "standard", weight_kg=Decimal(1)),
    "PLATE": Product("PLATE", "standard", weight_kg=Decimal(1)),
}


def _card(price: str) -> RateCard:
    return RateCard(
        "Example",
        "Takkyubin",
        "JP",
        "JPY",
        (Zone("JP", frozenset({"JP"}), (1, 2)),),
        {"JP": (Bracket(Decimal(30), Money(price, "JPY")),)},
        dimension_rounding="exact",
    )


def _context(
    *, inclusive: bool, rounding: RoundingLevel, **more: object
) -> CheckoutContext:
    return CheckoutContext(
        Seller("JP", {"JP"}),
        Buyer("JP"),
        at=AT,
        prices_include_tax=inclusive,
        products=PRODUCTS,
        rounding=rounding,
        rounding_mode="half-up",  # the business's choice (NTA invoice Q&A question 57)
        **more,  # type: ignore[arg-type]
    )


def _yen(amount: str) -> Money:
    return Money(amount, "JPY")


def test_tax_is_rounded_once_per_rate() -> None:
    """Three lines of JPY 105 at 10%: 315 x 10% = 31.5, rounded once: 32 (not 3 x 11)."""
    cart = Cart([CartLine(sku, _yen("105"), 1) for sku in ("BOWL", "CUP", "PLATE")])
    found = quote(cart, _context(inclusive=False, rounding=RoundingLevel.INVOICE))
    ((row,),) = [found.tax_summary]
    assert (row.rate, row.base, row.amount) == (Decimal(10), _yen("315"), _yen("32"))
    assert found.tax == _yen("32")
    assert found.grand_total == _yen("347")


@pytest.mark.parametrize("level", [RoundingLevel.LINE, RoundingLevel.UNIT])
def test_rounding_per_line_or_unit_is_refused(level: RoundingLevel) -> None:
    """Per line the three lines would carry 33, a figure no qualified invoice may show."""
    cart = Cart([CartLine(sku, _yen("105"), 1) for sku in ("BOWL", "CUP", "PLATE")])
    with pytest.raises(CommerceKitError) as raised:
        quote(cart, _context(inclusive=False, rounding=level))
    assert raised.value.field == "rounding"
    assert "once per rate" in str(raised.value)
    assert "70-10" in str(raised.value)


def _delivered(cart: Cart, delivery: str, *, inclusive: bool) -> Quote:
    """``cart`` quoted per invoice with a delivery of ``delivery`` yen."""
    context = _context(
        inclusive=inclusive, rounding=RoundingLevel.INVOICE, rate_cards=(_card(delivery),)
    )
    return quote(cart, context)


def _rows(found: Quote) -> dict[Decimal, tuple[Money, Money]]:
    return {row.rate: (row.base, row.amount) for row in found.tax_summary}


def test_delivery_of_food_is_taxed_at_the_standard_rate() -> None:
    """JPY 2,160 of rice (8%), a JPY 1,100 bowl (10%), JPY 880 delivery (10%), prices
    with tax: 8% row 2,160 (tax 160), 10% row 1,100 + 880 = 1,980 (tax 180)."""
    cart = Cart([CartLine("RICE", _yen("2160"), 1), CartLine("BOWL", _yen("1100"), 1)])
    found = _delivered(cart, "880", inclusive=True)
    assert found.shipping is not None
    shipping = found.shipping
    assert (shipping.net, shipping.tax, shipping.gross) == (
        _yen("800"),
        _yen("80"),
        _yen("880"),
    )
    assert _rows(found) == {
        Decimal(8): (_yen("2000"), _yen("160")),
        Decimal(10): (_yen("1800"), _yen("180")),
    }
    assert found.tax == _yen("340")
    assert found.grand_total == _yen("4140")
    assert any(
        n.startswith("shipping taxed at the standard rate") for n in found.explanation
    )


def test_delivery_of_food_alone_is_taxed_at_the_standard_rate() -> None:
    """Food only, net prices: JPY 1,000 + 500 of food at 8% (120), JPY 800 delivery at
    10% (80): the delivery's rate is its own, not the goods'."""
    cart = Cart([CartLine("RICE", _yen("1000"), 1), CartLine("MISO", _yen("500"), 1)])
    found = _delivered(cart, "800", inclusive=False)
    assert found.shipping is not None
    assert (found.shipping.net, found.shipping.tax) == (_yen("800"), _yen("80"))
    assert _rows(found) == {
        Decimal(8): (_yen("1500"), _yen("120")),
        Decimal(10): (_yen("800"), _yen("80")),
    }
    assert found.grand_total == _yen("2500")


_PRICES = st.integers(min_value=1, max_value=99_999).map(str)
_LINES = st.lists(
    st.tuples(st.sampled_from(sorted(PRODUCTS)), _PRICES, st.integers(1, 5)),
    min_size=1,
    max_size=5,
    unique_by=lambda line: line[0],
)


@given(lines=_LINES, delivery=_PRICES, inclusive=st.booleans())
def test_each_rate_is_rounded_once_and_the_delivery_is_at_10(
    lines: list[tuple[str, str, int]], delivery: str, inclusive: bool
) -> None:
    """Each rate's tax is its whole base's tax rounded once; the 10% row holds the
    delivery whole and the 8% row only food, whatever the cart."""
    cart = Cart([CartLine(sku, _yen(price), quantity) for sku, price, quantity in lines])
    found = _delivered(cart, delivery, inclusive=inclusive)
    assert found.shipping is not None
    by_rate: dict[Decimal, Decimal] = {Decimal(8): Decimal(0), Decimal(10): Decimal(0)}
    for line in found.lines:
        (rate,) = line.rates
        by_rate[rate.rate] += line.net.amount + line.tax.amount
    by_rate[Decimal(10)] += found.shipping.gross.amount
    for row in found.tax_summary:
        gross = row.base.amount + row.amount.amount
        assert gross == by_rate[row.rate]
        exact = (
            gross * row.rate / (100 + row.rate)
            if inclusive
            else row.base.amount * row.rate / 100
        )
        assert row.amount.amount == exact.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    assert found.tax == sum_money([row.amount for row in found.tax_summary], "JPY")
