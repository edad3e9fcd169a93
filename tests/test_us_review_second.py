"""The second review of the United States data and code (issue 18).

Connecticut's Sales Tax Free Week is three bands of one tax: under USD 100 an item
exempt, USD 100.00 to 1,000.00 at the general 6.35%, over USD 1,000 the luxury 7.75% on
the whole price (the week "priced under $100", Governor Lamont's release of 12 August
2025 as DoingItLocal prints it; the luxury rate "the sale of more than $1,000 (per
item)", Conn. Gen. Stat. 12-408(1) as a vendor's overview gives it). Each property here
composes the figure by hand from those words and compares it with ``item_tax_lines``
and with the quote.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commercekit.checkout import CheckoutContext, Product, quote
from commercekit.errors import MissingDataError
from commercekit.money import Money
from commercekit.pricing import Cart, CartLine
from commercekit.tax import (
    Buyer,
    Seller,
    item_tax_lines,
    per_item_rates,
    rates_for,
    tax_invoice,
)

WEEK_DAY = date(2025, 8, 20)  # 17-23 August 2025
CENT = Decimal("0.01")


def usd(amount: Decimal | str) -> Money:
    return Money(amount, "USD")


def by_hand(price: Decimal, quantity: int, discount: Decimal) -> Decimal:
    """The week's tax on one line, from the three bands' words: each item's price is
    its share of the line after the discount; the rate is the band that price falls
    in; the tax is that rate of the line, rounded half up to the cent."""
    line = price * quantity - discount
    each = line / quantity
    if each < 100:
        rate = Decimal(0)
    elif each <= 1000:
        rate = Decimal("6.35")
    else:
        rate = Decimal("7.75")
    return (line * rate / 100).quantize(CENT, rounding=ROUND_HALF_UP)


prices = st.integers(min_value=0, max_value=250_000).map(lambda c: Decimal(c) / 100)


@given(
    price=prices,
    quantity=st.integers(min_value=1, max_value=9),
    share=st.integers(min_value=0, max_value=100),
)
def test_item_tax_lines_equal_the_bands_composed_by_hand(
    price: Decimal, quantity: int, share: int
) -> None:
    """For any price, quantity and discount (0 to 100% of the line), the tax of
    ``item_tax_lines`` in the week equals the band's rate of the line by hand."""
    discount = (price * quantity * share / 100).quantize(CENT)
    rules = per_item_rates("US-CT", "clothing", on=WEEK_DAY)
    off = usd(discount) if discount else None
    lines = item_tax_lines(usd(price), quantity, rules, discount=off)
    invoice = tax_invoice(lines, prices_include_tax=False)
    assert invoice.tax == usd(by_hand(price, quantity, discount))
    assert invoice.net == usd(price * quantity - discount)


def _context(day: date) -> CheckoutContext:
    return CheckoutContext(
        Seller("US", {"US-CT"}), Buyer("US", subdivision="US-CT"),
        at=datetime(day.year, day.month, day.day, 16, tzinfo=UTC),
        prices_include_tax=False,
        products={"SHIRT": Product("SHIRT", "clothing"),
                  "SHOES": Product("SHOES", "footwear"),
                  "MUG": Product("MUG", "standard")},
    )  # fmt: skip


@given(
    lines=st.lists(
        st.tuples(
            st.sampled_from(["SHIRT", "SHOES", "MUG"]),
            prices,
            st.integers(min_value=1, max_value=5),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_a_mixed_cart_in_the_week_is_its_lines_by_hand(
    lines: list[tuple[str, Decimal, int]],
) -> None:
    """A cart mixing items of every band and a mug at the general rate: each line's
    tax is its band's (the mug's 6.35%) by hand, and the quote's tax their sum."""
    cart = Cart([CartLine(sku, usd(price), count) for sku, price, count in lines])
    result = quote(cart, _context(WEEK_DAY))
    expected = []
    for sku, price, count in lines:
        if sku == "MUG":
            tax = (price * count * Decimal("6.35") / 100).quantize(CENT, ROUND_HALF_UP)
        else:
            tax = by_hand(price, count, Decimal(0))
        expected.append(usd(tax))
    by_position = sorted(result.lines, key=lambda line: line.position)
    assert [line.tax for line in by_position] == expected  # the quote's own order
    assert result.tax == sum(expected, usd("0"))


@pytest.mark.parametrize(
    ("price", "quantity", "discount", "tax"),
    [
        ("1000.01", 2, "0.02", "127.00"),  # USD 1,000.00 each after it: 6.35%
        ("1000.01", 2, "0.01", "155.00"),  # USD 1,000.005 each: over 1,000, 7.75%
        ("100.00", 3, "0.01", "0.00"),  # USD 99.9966... each: under 100
        ("1500.00", 1, "500.00", "63.50"),  # across two bands to USD 1,000.00
        ("1500.00", 1, "1400.01", "0.00"),  # to USD 99.99
    ],
)
def test_a_discount_moves_an_item_across_a_band(
    price: str, quantity: int, discount: str, tax: str
) -> None:
    rules = per_item_rates("US-CT", "apparel", on=WEEK_DAY)
    lines = item_tax_lines(usd(price), quantity, rules, discount=usd(discount))
    assert tax_invoice(lines, prices_include_tax=False).tax == usd(tax)


def test_a_refusal_in_the_week_says_every_band() -> None:
    """Asked for one rate for clothing in the week, the refusal says all three bands:
    the lower band's sentence alone ("the others 6.35%") is wrong above USD 1,000."""
    with pytest.raises(MissingDataError) as raised:
        rates_for("US-CT", "clothing", on=WEEK_DAY)
    said = str(raised.value)
    assert "items under 100.00 USD pay 0%" in said
    assert "items of 1000.00 USD or less pay 6.35% (standard), the others 7.75%" in said


def test_a_tax_inclusive_quote_in_the_week_says_every_band() -> None:
    context = CheckoutContext(
        Seller("US", {"US-CT"}), Buyer("US", subdivision="US-CT"),
        at=datetime(2025, 8, 20, 16, tzinfo=UTC), prices_include_tax=True,
        products={"COAT": Product("COAT", "clothing")},
    )  # fmt: skip
    with pytest.raises(MissingDataError) as raised:
        quote(Cart([CartLine("COAT", usd("1200.00"), 1)]), context)
    assert "the others 7.75%" in str(raised.value)


@pytest.mark.parametrize("category", ["candy", "soft_drinks", "prescription_drugs"])
def test_india_refuses_a_us_category_saying_so(category: str) -> None:
    """India answers by HSN heading; a US-only category is refused there too, saying
    that it is the US states' category and what to give instead."""
    for place in ("IN", "IN-KA"):
        with pytest.raises(MissingDataError, match="US sales tax category"):
            rates_for(place, category, on=date(2026, 3, 1))


# Arkansas: Act 1008 of 2025 (H.B. 1685) ends the state's 0.125% on food and food
# ingredients from 2026-01-01, which since Act 141 of 2017 exclude candy and soft
# drinks: they "will continue to be taxed at the state level" (KNWA, on the Act, read
# in a quotation; secondary), at the general 6.5%. A USD 1.99 soda pays 0.13 (0.12935)
# either side of the day, a loaf 0.00 from it.
@pytest.mark.parametrize("category", ["candy", "soft_drinks"])
@pytest.mark.parametrize("day", [date(2025, 12, 31), date(2026, 1, 1)])
def test_arkansas_candy_and_soft_drinks_keep_the_state_rate_in_2026(
    category: str, day: date
) -> None:
    (found,) = rates_for("US-AR", category, on=day)
    assert found.rate == Decimal("6.5")
    tax = (Decimal("1.99") * found.rate / 100).quantize(CENT, ROUND_HALF_UP)
    assert usd(tax) == usd("0.13")
    (food,) = rates_for("US-AR", "food", on=date(2026, 1, 1))
    assert food.rate == 0
