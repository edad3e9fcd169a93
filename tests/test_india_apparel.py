"""India's GST on garments and footwear by the value of each piece or pair, on each day
since 2017-07-01, and the refusals where a category's rate turns on facts a sale does
not carry (sources: tax/_data/per_item.csv, tax/_in_categories.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commercekit.checkout import CheckoutContext, Product, quote
from commercekit.errors import MissingDataError, NoRuleError
from commercekit.money import Money
from commercekit.pricing import Cart, CartLine
from commercekit.tax import (
    Buyer,
    Seller,
    TaxCategory,
    item_tax_lines,
    per_item_rates,
    rates_for,
    tax_invoice,
)

GST_BEGAN = date(2017, 7, 1)
FOOTWEAR_BY_VALUE = date(2022, 1, 1)  # Notification 21/2021-CT(Rate) and -IT(Rate)
RESTRUCTURED = date(2025, 9, 22)  # Notifications 9/2025-CT(Rate) and -IT(Rate)
LAST_DAY_BEFORE = date(2025, 9, 21)


def inr(amount: str) -> Money:
    return Money(amount, "INR")


def rates(place: str, category: str, price: str, day: date) -> list[tuple[str, Decimal]]:
    """The taxes and rates one item at ``price`` pays in ``place`` on ``day``."""
    rules = per_item_rates(place, category, on=day)
    [line] = item_tax_lines(inr(price), 1, rules)
    return [(rate.tax, rate.rate) for rate in line.rates]


def shirt_quote(
    buyer: str, price: str, day: date
) -> tuple[list[tuple[str, Decimal]], Money]:
    """The rates and tax of a quote of one shirt (apparel) from a seller in
    Maharashtra."""
    context = CheckoutContext(
        Seller("IN", {"IN-MH"}), Buyer("IN", subdivision=buyer),
        at=datetime(day.year, day.month, day.day, 12, tzinfo=UTC),
        prices_include_tax=False, products={"SHIRT": Product("SHIRT", "apparel")},
    )  # fmt: skip
    [line] = quote(Cart([CartLine("SHIRT", inr(price), 1)]), context).lines
    return [(rate.tax, rate.rate) for rate in line.rates], line.tax


# The worked example of the docs: a Rs. 1200 shirt before and after 22 September 2025.


def test_a_rs_1200_shirt_pays_12_percent_in_2024_and_5_percent_from_the_restructuring() -> (
    None
):
    """1/2017-IT(Rate): over Rs. 1000 a piece is Schedule II (12%); 9/2025-IT(Rate):
    not over Rs. 2500 is Schedule I (5%)."""
    assert shirt_quote("IN-KA", "1200.00", date(2024, 5, 1)) == (
        [("IGST", Decimal(12))], inr("144.00"),
    )  # fmt: skip
    assert shirt_quote("IN-KA", "1200.00", RESTRUCTURED) == (
        [("IGST", Decimal(5))], inr("60.00"),
    )  # fmt: skip
    assert shirt_quote("IN-MH", "1200.00", LAST_DAY_BEFORE) == (
        [("CGST", Decimal(6)), ("SGST", Decimal(6))], inr("144.00"),
    )  # fmt: skip


# Apparel: Rs. 1000 a piece from 2017-07-01, Rs. 2500 from 2025-09-22.


@pytest.mark.parametrize("day", [GST_BEGAN, date(2022, 1, 1), LAST_DAY_BEFORE])
@pytest.mark.parametrize(
    ("price", "igst"),
    [("999.99", 5), ("1000.00", 5), ("1000.01", 12), ("2500.00", 12)],
)
def test_apparel_either_side_of_rs_1000_until_the_restructuring(
    day: date, price: str, igst: int
) -> None:
    """'Of sale value not exceeding Rs. 1000 per piece' (Schedule I S. No. 222-223)."""
    assert rates("IN", "apparel", price, day) == [("IGST", Decimal(igst))]
    half = Decimal(igst) / 2
    assert rates("IN-MH", "apparel", price, day) == [("CGST", half), ("SGST", half)]
    assert rates("IN-CH", "apparel", price, day) == [("CGST", half), ("UTGST", half)]


@pytest.mark.parametrize(
    ("price", "igst"), [("1000.01", 5), ("2500.00", 5), ("2500.01", 18)]
)
def test_apparel_either_side_of_rs_2500_from_the_restructuring(
    price: str, igst: int
) -> None:
    assert rates("IN", "apparel", price, RESTRUCTURED) == [("IGST", Decimal(igst))]


def test_apparel_threshold_moves_on_22_september_2025() -> None:
    before = per_item_rates("IN", "apparel", on=LAST_DAY_BEFORE)
    after = per_item_rates("IN", "apparel", on=RESTRUCTURED)
    assert [(r.threshold, r.below.rate, r.above.rate) for r in before] == [
        (inr("1000.00"), Decimal(5), Decimal(12))
    ]
    assert [(r.threshold, r.below.rate, r.above.rate) for r in after] == [
        (inr("2500.00"), Decimal(5), Decimal(18))
    ]
    assert "1/2017-Integrated Tax (Rate)" in before[0].above.note
    assert "9/2025-Integrated Tax (Rate)" in after[0].above.note


def test_nothing_before_gst_began() -> None:
    assert per_item_rates("IN", "apparel", on=date(2017, 6, 30)) == ()
    with pytest.raises(NoRuleError, match="2017-07-01 onwards"):
        rates_for("IN", "apparel", on=date(2017, 6, 30))


def test_a_discount_on_the_invoice_brings_a_piece_under_rs_1000() -> None:
    """3 x Rs. 1100 less Rs. 300.03 is Rs. 999.99 a piece: 5%; less Rs. 299.97 it is
    Rs. 1000.01: 12% (CGST Act s. 15(3)(a))."""
    rules = per_item_rates("IN", "apparel", on=date(2024, 5, 1))
    for off, rate in (("300.03", 5), ("299.97", 12)):
        lines = item_tax_lines(inr("1100.00"), 3, rules, discount=inr(off))
        invoice = tax_invoice(lines, prices_include_tax=False)
        assert [(t.tax, t.rate) for t in invoice.by_rate] == [("IGST", Decimal(rate))]


# Footwear: by the price marked on it until 2021-12-31 (not bundled), then by its value.


@pytest.mark.parametrize(
    ("price", "igst"), [("999.99", 12), ("1000.00", 12), ("1000.01", 18)]
)
@pytest.mark.parametrize("day", [FOOTWEAR_BY_VALUE, LAST_DAY_BEFORE])
def test_footwear_either_side_of_rs_1000_from_2022(
    day: date, price: str, igst: int
) -> None:
    """21/2021-IT(Rate): Schedule II S. No. 171A1, 'sale value not exceeding Rs. 1000
    per pair' at 12%; above it 18%."""
    assert rates("IN", "footwear", price, day) == [("IGST", Decimal(igst))]
    half = Decimal(igst) / 2
    assert rates("IN-MH", "footwear", price, day) == [("CGST", half), ("SGST", half)]


@pytest.mark.parametrize(
    ("price", "igst"), [("999.99", 5), ("2500.00", 5), ("2500.01", 18)]
)
def test_footwear_from_the_restructuring(price: str, igst: int) -> None:
    assert rates("IN", "footwear", price, RESTRUCTURED) == [("IGST", Decimal(igst))]


@pytest.mark.parametrize("day", [GST_BEGAN, date(2018, 7, 27), date(2021, 12, 31)])
def test_footwear_before_2022_turns_on_the_marked_price_and_is_refused(
    day: date,
) -> None:
    assert per_item_rates("IN-MH", "footwear", on=day) == ()
    with pytest.raises(MissingDataError, match="retail sale price marked on it"):
        rates_for("IN-MH", "footwear", on=day)


# Clothing (garments and footwear together) has one rule only from 2025-09-22.


@pytest.mark.parametrize("category", ["clothing", "childrens_clothing"])
@pytest.mark.parametrize("day", [GST_BEGAN, date(2024, 5, 1), LAST_DAY_BEFORE])
def test_clothing_before_the_restructuring_names_apparel_and_footwear(
    category: str, day: date
) -> None:
    assert per_item_rates("IN-MH", category, on=day) == ()
    with pytest.raises(MissingDataError, match="use the category 'apparel' or 'footwear'"):
        rates_for("IN-MH", category, on=day)


@pytest.mark.parametrize("category", ["apparel", "footwear"])
def test_from_the_restructuring_apparel_and_footwear_are_clothing(category: str) -> None:
    """9/2025: one threshold (Rs. 2500) and rates (5%, 18%) for both."""
    for place in ("IN", "IN-MH", "IN-CH"):
        ours = per_item_rates(place, category, on=RESTRUCTURED)
        clothing = per_item_rates(place, "clothing", on=RESTRUCTURED)
        assert [(r.tax, r.threshold, r.below.rate, r.above.rate) for r in ours] == [
            (r.tax, r.threshold, r.below.rate, r.above.rate) for r in clothing
        ]


# Categories whose rate turns on facts a sale does not carry: refused, saying which.


@pytest.mark.parametrize(
    ("category", "fact"),
    [("food", "HSN heading of each foodstuff"),
     ("non_alcoholic_drinks", "HSN heading of the drink"),
     ("medicines", "entry of each medicament"),
     ("medical_devices", "HSN heading of each device"),
     ("ebooks", "SAC entry"),
     ("digital_services", "SAC entry"),
     ("accommodation", "value of a unit of accommodation per day"),
     ("restaurant", "rooms reach the Rs. 7500 a day"),
     ("passenger_transport", "mode and class of transport")],
)  # fmt: skip
@pytest.mark.parametrize("day", [LAST_DAY_BEFORE, RESTRUCTURED])
def test_a_category_without_rows_says_what_its_rate_turns_on(
    category: str, fact: str, day: date
) -> None:
    with pytest.raises(MissingDataError, match=f"its rate turns on .*{fact}"):
        rates_for("IN-MH", category, on=day)


def test_drinks_name_the_compensation_cess_before_it_ended() -> None:
    """Notification 2/2025-Compensation Cess (Rate): Nil on aerated waters and
    lemonade (S. No. 2, 3) from 2025-09-22."""
    with pytest.raises(MissingDataError, match="compensation cess") as before:
        rates_for("IN", "non_alcoholic_drinks", on=LAST_DAY_BEFORE)
    assert "2/2025-Compensation Cess (Rate)" in str(before.value)
    with pytest.raises(MissingDataError) as after:
        rates_for("IN", "non_alcoholic_drinks", on=RESTRUCTURED)
    assert "cess" not in str(after.value)


def _answer(category: TaxCategory, day: date) -> str:
    """The notes of the bundled rates, or the refusal's message."""
    try:
        found = rates_for("IN", category, on=day)
    except MissingDataError as error:
        return str(error)
    return " ".join(rate.note for rate in found)


@pytest.mark.parametrize("category", sorted(TaxCategory))
@pytest.mark.parametrize("day", [LAST_DAY_BEFORE, RESTRUCTURED])
def test_the_cess_is_named_only_where_it_may_apply(
    category: TaxCategory, day: date
) -> None:
    """No category with rows holds goods the compensation cess Schedule lists; drinks,
    motor cars and motorcycles, which may, have no rows and name the cess until it
    ended; pan masala, which kept it until 2026-01-31, on both days."""
    named = "compensation cess" in _answer(category, day)
    cess_goods = category in (
        TaxCategory.NON_ALCOHOLIC_DRINKS,
        TaxCategory.MOTOR_CARS,
        TaxCategory.MOTORCYCLES,
    )
    kept = category is TaxCategory.PAN_MASALA
    assert named == ((cess_goods and day < RESTRUCTURED) or kept)


# Properties.


@given(
    day=st.dates(min_value=GST_BEGAN, max_value=date(2030, 12, 31)),
    cents=st.integers(min_value=1, max_value=1_000_000),
    category=st.sampled_from(["apparel", "footwear"]),
)
def test_the_halves_within_a_state_add_up_to_the_integrated_rate(
    day: date, cents: int, category: str
) -> None:
    """On every day a rule is bundled for, an item's CGST and SGST rates add up to its
    IGST rate, and the rate is the one below the threshold exactly when the price does
    not exceed it."""
    price = str(Decimal(cents) / 100)
    rules = per_item_rates("IN", category, on=day)
    if not rules:
        assert (category, day < FOOTWEAR_BY_VALUE) == ("footwear", True)
        return
    [(_, igst)] = rates("IN", category, price, day)
    [(_, cgst), (_, sgst)] = rates("IN-MH", category, price, day)
    assert cgst + sgst == igst
    below = Decimal(price) <= rules[0].threshold.amount
    assert igst == (rules[0].below.rate if below else rules[0].above.rate)
