"""Refunds against a quote, and the EU right of withdrawal: worked examples, properties.

Sources for the withdrawal period:

* Directive 2011/83/EU, Art. 9(2)(b): the 14 days start the day after the consumer
  acquires physical possession of the goods. https://eur-lex.europa.eu/eli/dir/2011/83/oj
* Regulation (EEC, Euratom) No 1182/71, Art. 3(4): a period whose last day is a public
  holiday, Saturday or Sunday ends with the following working day.
  https://eur-lex.europa.eu/eli/reg/1971/1182/oj
"""

from __future__ import annotations

import itertools
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from fractions import Fraction

import holidays
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from commercekit.checkout import (
    CheckoutContext,
    Product,
    Quote,
    Refund,
    RefundLine,
    RefundPolicy,
    ShippingRefund,
    quote,
    refund,
    withdrawal_deadline,
)
from commercekit.errors import (
    CommerceKitError,
    ExcessReturnError,
    InvalidAmountError,
    NoRuleError,
    RefundMismatchError,
    UnknownCountryError,
    UnknownSkuError,
)
from commercekit.loyalty import (
    EarnRule,
    ExpiryPolicy,
    ExpiryRule,
    PointsLedger,
    earn_points,
)
from commercekit.money import Money, RateTable, sum_money
from commercekit.pricing import Cart, CartLine, PercentOff, Promotion
from commercekit.shipping import BUNDLED_TARIFF, DutyRate, example_rate_cards
from commercekit.tax import Buyer, Seller

D = Decimal
AT = datetime(2026, 11, 26, 12, tzinfo=UTC)
RATES = RateTable(
    base="EUR",
    rates={"GBP": D("0.84"), "USD": D("1.05"), "CHF": D("0.93"), "AUD": D("1.65")},
    observed_at=datetime(2026, 11, 25, 16, tzinfo=UTC),
    provider="example reference rates",
)
SHOP = Seller("NL", {"OSS", "GB"}, eu_sales_this_year=Money("42000", "EUR"))
PRODUCTS = {
    "BOOK": Product(
        "BOOK", tax_category="books", hs_code="4901.99", origin="NL", weight_kg=D("0.5")
    ),
    "MUG": Product("MUG", "standard", hs_code="6912.00", origin="PT", weight_kg=D("0.4")),
    "TEE": Product("TEE", "standard", hs_code="6109.10", origin="PT", weight_kg=D("0.2")),
}
TEN = (Promotion("TEN", PercentOff(10)),)


class TestTariff:
    """The example tariff, and a made-up 8 % for the headings it lacks (the refund
    properties need a duty on every line, not real rates)."""

    def duty(self, hs_code: str, *, origin: str, destination: str, on: date) -> DutyRate:
        try:
            return BUNDLED_TARIFF.duty(
                hs_code, origin=origin, destination=destination, on=on
            )
        except NoRuleError:
            return DutyRate(destination, hs_code, D(8), date(2000, 1, 1), None, "made up")


def eur(amount: str) -> Money:
    return Money(amount, "EUR")


def checkout(cart: Cart, country: str = "NL", *, inclusive: bool = True) -> Quote:
    context = CheckoutContext(
        SHOP,
        Buyer(country),
        at=AT,
        prices_include_tax=inclusive,
        products=PRODUCTS,
        promotions=TEN,
        rate_cards=example_rate_cards(),
        exchange_rates=RATES,
        tariffs=TestTariff(),
    )
    return quote(cart, context)


ORDER = checkout(
    Cart(
        [
            CartLine("MUG", eur("12.00"), 2),
            CartLine("TEE", eur("19.99"), 3),
            CartLine("BOOK", eur("15.00"), 1),
        ]
    )
)


def figures(result: Refund) -> list[tuple[str, int, str, str, str, str]]:
    return [
        (
            line.sku,
            line.units,
            str(line.discount.amount),
            str(line.net.amount),
            str(line.tax.amount),
            str(line.gross.amount),
        )
        for line in result.lines
    ]


def test_the_worked_order() -> None:
    # A Dutch consumer, prices include VAT. Subtotal 15.00 + 24.00 + 59.97 = 98.97;
    # TEN takes 9.90, shared over the lines 1.50 / 2.40 / 6.00. VAT inside the gross:
    # BOOK 9 %: 13.50 x 9/109 = 1.11; MUG 21 %: 21.60 x 21/121 = 3.75; TEE 21 %:
    # 53.97 x 21/121 = 9.37. Shipping 2 kg in NL: 4.95 + 8.5 % = 5.37 (VAT 0.86).
    assert [
        (line.sku, line.quantity, line.discount, line.net, line.tax, line.gross)
        for line in ORDER.lines
    ] == [
        ("BOOK", 1, eur("1.50"), eur("12.39"), eur("1.11"), eur("13.50")),
        ("MUG", 2, eur("2.40"), eur("17.85"), eur("3.75"), eur("21.60")),
        ("TEE", 3, eur("6.00"), eur("44.60"), eur("9.37"), eur("53.97")),
    ]
    assert ORDER.shipping is not None
    assert (ORDER.shipping.gross, ORDER.shipping.tax) == (eur("5.37"), eur("0.86"))
    assert ORDER.grand_total == eur("94.44")
    assert ORDER.tax == eur("15.09")


def test_a_partial_return_in_two_steps_adds_up_to_the_grand_total() -> None:
    policy = RefundPolicy()  # shipping with the refund that completes the order
    # Step 1: one mug, two T-shirts. Each line is refunded unit by unit from
    # split(gross, quantity), its tax from split(tax, quantity), net = gross - tax:
    # MUG split(21.60, 2) = 10.80, 10.80; split(3.75, 2) = 1.88, 1.87; discount 1.20.
    # TEE split(53.97, 3) = 17.99 x 3; split(9.37, 3) = 3.13, 3.12, 3.12; discount 2.00
    # each: two units 35.98, tax 6.25, net 29.73, discount 4.00.
    first = refund(ORDER, {"MUG": 1, "TEE": 2}, policy)
    assert figures(first) == [
        ("MUG", 1, "1.20", "8.92", "1.88", "10.80"),
        ("TEE", 2, "4.00", "29.73", "6.25", "35.98"),
    ]
    assert (first.shipping, first.border, first.restocking_fee) == (
        eur("0.00"),
        eur("0.00"),
        eur("0.00"),
    )
    assert first.tax == eur("8.13")
    assert first.total == eur("46.78")

    # Step 2: everything else, so the shipping goes back too (5.37, VAT 0.86). The
    # mug's second unit gets the other half of its tax, 1.87; the T-shirt's third 3.12.
    second = refund(ORDER, {"BOOK": 1, "MUG": 1, "TEE": 1}, policy, previous=[first])
    assert figures(second) == [
        ("BOOK", 1, "1.50", "12.39", "1.11", "13.50"),
        ("MUG", 1, "1.20", "8.93", "1.87", "10.80"),
        ("TEE", 1, "2.00", "14.87", "3.12", "17.99"),
    ]
    assert (second.shipping, second.shipping_tax) == (eur("5.37"), eur("0.86"))
    assert second.tax == eur("6.96")
    assert second.total == eur("47.66")

    # 46.78 + 47.66 = 94.44: exactly what was paid, and every cent of VAT reversed.
    assert first.total + second.total == ORDER.grand_total
    assert first.tax + second.tax == ORDER.tax
    assert any("shipping refunded" in note for note in second.explanation)
    assert second.explanation[-1] == "total refunded: 47.66 EUR of 94.44 EUR paid"


def test_shipping_rules() -> None:
    always = RefundPolicy(shipping=ShippingRefund.ALWAYS)
    first = refund(ORDER, {"BOOK": 1}, always)
    assert first.shipping == eur("5.37")
    second = refund(ORDER, {"MUG": 2, "TEE": 3}, always, previous=[first])
    assert second.shipping == eur("0.00")  # once only
    never = RefundPolicy(shipping="never")
    everything = refund(ORDER, {"BOOK": 1, "MUG": 2, "TEE": 3}, never)
    assert everything.shipping == eur("0.00")
    assert everything.total == ORDER.grand_total - eur("5.37")
    whole = refund(ORDER, {"BOOK": 1, "MUG": 2, "TEE": 3}, RefundPolicy())
    assert whole.total == ORDER.grand_total


def test_restocking_fee() -> None:
    # 15 % of 35.98 = 5.397, half-up 5.40.
    policy = RefundPolicy(restocking_percent="15")
    first = refund(ORDER, {"TEE": 2}, policy)
    assert first.goods == eur("35.98")
    assert first.restocking_fee == eur("5.40")
    assert first.total == eur("30.58")
    assert (first.points_earned, first.points_to_reverse) == (0, 0)
    rest = refund(ORDER, {"BOOK": 1, "MUG": 2, "TEE": 1}, policy, previous=[first])
    # 15 % of the other 53.09 = 7.9635 -> 7.96; the shipping goes back whole, no fee.
    assert rest.goods == eur("53.09")
    assert rest.restocking_fee == eur("7.96")
    assert rest.total == eur("53.09") + eur("5.37") - eur("7.96")
    kept = first.restocking_fee + rest.restocking_fee
    assert first.total + rest.total + kept == ORDER.grand_total


# -- loyalty points: what the order earned goes back, no more ------------------------

GOLD = EarnRule("EUR", 1, tier_multipliers={"gold": D("1.5")})  # net goods, rounded down


def mugs() -> Quote:
    """Three mugs at 19.99 incl. 21 % VAT, at home in NL, with no promotion."""
    context = CheckoutContext(
        Seller("NL"), Buyer("NL"), at=AT, prices_include_tax=True, products=PRODUCTS
    )
    return quote(Cart([CartLine("MUG", eur("19.99"), 3)]), context)


def test_a_full_return_reverses_exactly_the_points_earned() -> None:
    # Gross 3 x 19.99 = 59.97, VAT 59.97 x 21/121 = 10.41, net 49.56. On net goods at
    # 1 point per euro, x 1.5 for gold: 74.34, rounded down to 74 points.
    order = mugs()
    assert (order.lines[0].net, order.lines[0].tax) == (eur("49.56"), eur("10.41"))
    earned = earn_points(GOLD, goods=order.lines[0].net, on=AT.date(), tier="gold")
    assert earned.points == 74
    # (Recomputing instead, at 1.5 points per euro of the gross 59.97, gave 89, which
    # the ledger refuses; at the base 1 point per euro it gave 59, and the member kept
    # 15 points for goods they had returned.)
    ledger = PointsLedger(ExpiryRule(ExpiryPolicy.FIXED_TERM, 12), pending_days=14)
    ledger, _ = ledger.earn("order-0", 200, on=date(2026, 10, 1))
    ledger, _ = ledger.earn("order-1", earned.points, on=AT.date())
    assert ledger.balance == 274

    whole = refund(order, {"MUG": 3}, RefundPolicy(), points_earned=earned.points)
    assert (whole.points_earned, whole.points_to_reverse) == (74, 74)
    back, entries = ledger.reverse(
        "order-1", on=date(2026, 12, 1), points_returned=whole.points_to_reverse
    )
    assert [(entry.lot_id, entry.points) for entry in entries] == [("order-1", -74)]
    assert back.balance == 200  # what it was before the order

    # In two steps: one mug is 16.52 of the 49.56 net, a third: 24.67 points, rounded
    # down to 24; the last two mugs reverse the other 50.
    first = refund(order, {"MUG": 1}, RefundPolicy(), points_earned=74)
    rest = refund(order, {"MUG": 2}, RefundPolicy(), previous=[first], points_earned=74)
    assert (first.points_to_reverse, rest.points_to_reverse) == (24, 50)
    assert any("24 of the 74 points earned reversed" in n for n in first.explanation)
    for step in (first, rest):
        ledger, _ = ledger.reverse(
            "order-1", on=date(2026, 12, 1), points_returned=step.points_to_reverse
        )
    assert ledger.balance == 200
    assert ledger.lot("order-1").clawed_back == 74


def test_points_shared_by_net_value_over_mixed_lines() -> None:
    # ORDER's goods are 12.39 + 17.85 + 44.60 = 74.84 net. Say they earned 112 points.
    # Two T-shirts are 29.73 net: 112 x 29.73 / 74.84 = 44.49, so 44. The rest is 68.
    first = refund(ORDER, {"TEE": 2}, RefundPolicy(), points_earned=112)
    assert first.points_to_reverse == 44
    rest = refund(
        ORDER,
        {"BOOK": 1, "MUG": 2, "TEE": 1},
        RefundPolicy(),
        previous=[first],
        points_earned=112,
    )
    assert rest.points_to_reverse == 68


def test_an_order_of_free_goods_shares_its_points_by_units() -> None:
    # Free goods earn nothing on value; a fixed bonus of 50 points goes back by units.
    free = checkout(Cart([CartLine("MUG", eur("0.00"), 4)]))
    first = refund(free, {"MUG": 1}, RefundPolicy(), points_earned=50)
    rest = refund(free, {"MUG": 3}, RefundPolicy(), previous=[first], points_earned=50)
    assert (first.points_to_reverse, rest.points_to_reverse) == (12, 38)


def test_bad_points_earned() -> None:
    policy = RefundPolicy()
    for bad in (74.0, D(74), "74", True, None):
        with pytest.raises(InvalidAmountError, match="not a whole number of points"):
            refund(ORDER, {"TEE": 1}, policy, points_earned=bad)  # type: ignore[arg-type]  # the point
    with pytest.raises(InvalidAmountError, match="negative number of points"):
        refund(ORDER, {"TEE": 1}, policy, points_earned=-1)
    first = refund(ORDER, {"TEE": 1}, policy, points_earned=74)
    # Every refund of one order reverses from the same figure.
    with pytest.raises(RefundMismatchError, match="earned 74, not 75"):
        refund(ORDER, {"TEE": 1}, policy, previous=[first], points_earned=75)
    with pytest.raises(RefundMismatchError, match="earned 74, not 0"):
        refund(ORDER, {"TEE": 1}, policy, previous=[first])
    # The old recomputation is gone, not kept beside the new way.
    with pytest.raises(TypeError):
        RefundPolicy(points_per_unit=1)  # type: ignore[call-arg]  # the point
    assert issubclass(InvalidAmountError, CommerceKitError)
    assert issubclass(RefundMismatchError, CommerceKitError)


def test_a_free_item_costs_no_fee_and_refunds_nothing() -> None:
    free = checkout(Cart([CartLine("MUG", eur("0.00"), 1), CartLine("TEE", eur("10"), 1)]))
    back = refund(free, {"MUG": 1}, RefundPolicy(restocking_percent=50))
    assert (back.goods, back.restocking_fee, back.total) == (eur("0"), eur("0"), eur("0"))


def test_border_charges_under_ddp() -> None:
    # A US consumer, net prices: duty 16.5 % on the T-shirts only (books are free), so
    # the whole 7.41 collected belongs to the T-shirt line: 3.71 and 3.70 per unit.
    order = checkout(
        Cart([CartLine("TEE", eur("24.95"), 2), CartLine("BOOK", eur("18.00"), 1)]),
        "US",
        inclusive=False,
    )
    assert order.collected_border_charges == eur("7.41")
    assert order.grand_total == eur("90.17")
    kept = refund(order, {"TEE": 1}, RefundPolicy())
    assert kept.border == eur("0.00")
    assert any("not refunded" in note for note in kept.explanation)
    policy = RefundPolicy(refund_border_charges=True)
    book = refund(order, {"BOOK": 1}, policy)
    assert book.border == eur("0.00")
    tee = refund(order, {"TEE": 1}, policy, previous=[book])
    assert tee.border == eur("3.71")
    last = refund(order, {"TEE": 1}, policy, previous=[book, tee])
    assert last.border == eur("3.70")
    assert book.total + tee.total + last.total == order.grand_total


def test_a_sku_on_two_lines_is_taken_from_its_lines_in_order() -> None:
    order = checkout(
        Cart([CartLine("TEE", eur("10.00"), 2), CartLine("TEE", eur("7.00"), 3)])
    )
    assert [(line.quantity, line.gross) for line in order.lines] == [
        (3, eur("18.90")),
        (2, eur("18.00")),
    ]
    first = refund(order, {"TEE": 4}, RefundPolicy())
    assert [(line.line, line.units) for line in first.lines] == [(0, 3), (1, 1)]
    second = refund(order, {"TEE": 1}, RefundPolicy(), previous=[first])
    assert [(line.line, line.units) for line in second.lines] == [(1, 1)]
    assert first.total + second.total == order.grand_total


def test_bad_returns() -> None:
    policy = RefundPolicy()
    with pytest.raises(UnknownSkuError, match="'SOCK' is not on the quote"):
        refund(ORDER, {"SOCK": 1}, policy)
    with pytest.raises(ExcessReturnError, match="3 were bought") as raised:
        refund(ORDER, {"TEE": 4}, policy)
    assert (raised.value.bought, raised.value.returned, raised.value.requested) == (3, 0, 4)
    first = refund(ORDER, {"TEE": 2}, policy)
    with pytest.raises(ExcessReturnError, match="2 already refunded"):
        refund(ORDER, {"TEE": 2}, policy, previous=[first])
    with pytest.raises(InvalidAmountError, match="negative number of units"):
        refund(ORDER, {"TEE": -1}, policy)
    with pytest.raises(InvalidAmountError, match="float"):
        RefundPolicy(restocking_percent=10.0)
    for units in (1.0, True, "1", D(1)):
        with pytest.raises(InvalidAmountError, match="whole number of units"):
            refund(ORDER, {"TEE": units}, policy)  # type: ignore[dict-item]  # the point
    with pytest.raises(InvalidAmountError, match="not a mapping"):
        refund(ORDER, [("TEE", 1)], policy)  # type: ignore[arg-type]  # the point
    with pytest.raises(InvalidAmountError, match="restocking percentage"):
        RefundPolicy(restocking_percent=101)
    with pytest.raises(
        InvalidAmountError,
        match="not one of the ShippingRefund values: 'never', 'always', 'whole_order'",
    ):
        RefundPolicy(shipping="sometimes")
    other = checkout(Cart([CartLine("TEE", eur("5.00"), 9)]))
    with pytest.raises(RefundMismatchError, match="pass as previous= only"):
        refund(other, {"TEE": 1}, policy, previous=[first])
    with pytest.raises(InvalidAmountError, match="does not add up"):
        RefundLine(0, "TEE", 1, eur("0"), eur("1.00"), eur("0.20"), eur("1.19"))
    # every one of these is a CommerceKitError, so one except clause catches them all
    with pytest.raises(CommerceKitError):
        refund(ORDER, {"TEE": 4}, policy)


# -- properties ---------------------------------------------------------------------

SKUS = ["BOOK", "MUG", "TEE"]


@st.composite
def orders(draw: st.DrawFn) -> Quote:
    """A quote of 1-4 lines (a SKU may repeat), at home, in the EU, or exported DDP."""
    lines = [
        CartLine(
            draw(st.sampled_from(SKUS)),
            Money(D(draw(st.integers(min_value=0, max_value=20_000))).scaleb(-2), "EUR"),
            draw(st.integers(min_value=1, max_value=4)),
        )
        for _ in range(draw(st.integers(min_value=1, max_value=4)))
    ]
    # Goods at several rates all priced zero leave nothing to share the shipping by:
    # the quote refuses them (tests/test_split_zero_value.py).
    assume(
        any(line.unit_price.amount for line in lines)
        or len({PRODUCTS[line.sku].tax_category for line in lines}) == 1
    )
    country = draw(st.sampled_from(["NL", "DE", "GB", "US", "CH", "AU"]))
    return checkout(Cart(lines), country, inclusive=draw(st.booleans()))


def batches(data: st.DataObject, order: Quote) -> list[dict[str, int]]:
    """Every unit of the order, shuffled, cut into 1 or more returns."""
    units = [line.sku for line in order.lines for _ in range(line.quantity)]
    shuffled = data.draw(st.permutations(units))
    cuts: set[int] = set()
    if len(units) > 1:
        cuts = data.draw(st.sets(st.integers(min_value=1, max_value=len(units) - 1)))
    bounds = [0, *sorted(cuts), len(units)]
    return [dict(Counter(shuffled[a:b])) for a, b in itertools.pairwise(bounds)]


def all_refunds(
    order: Quote, steps: list[dict[str, int]], policy: RefundPolicy
) -> list[Refund]:
    done: list[Refund] = []
    for step in steps:
        done.append(refund(order, step, policy, previous=done))
    return done


@settings(deadline=None, max_examples=60)
@given(
    orders(),
    st.sampled_from([ShippingRefund.ALWAYS, ShippingRefund.WHOLE_ORDER]),
    st.data(),
)
def test_returning_everything_in_any_steps_refunds_exactly_what_was_paid(
    order: Quote, rule: ShippingRefund, data: st.DataObject
) -> None:
    """Refunds of every unit, in any order and steps, sum to the grand total exactly."""
    policy = RefundPolicy(shipping=rule, refund_border_charges=True)
    done = all_refunds(order, batches(data, order), policy)
    currency = order.currency
    assert sum_money([r.total for r in done], currency) == order.grand_total
    assert sum_money([r.tax for r in done], currency) == order.tax
    for index, line in enumerate(order.lines):
        mine = [back for r in done for back in r.lines if back.line == index]
        assert sum(back.units for back in mine) == line.quantity
        assert sum_money([back.gross for back in mine], currency) == line.gross
        assert sum_money([back.net for back in mine], currency) == line.net
        assert sum_money([back.tax for back in mine], currency) == line.tax
        assert sum_money([back.discount for back in mine], currency) == line.discount


@settings(deadline=None, max_examples=60)
@given(
    orders(),
    st.sampled_from(list(ShippingRefund)),
    st.booleans(),
    st.integers(min_value=0, max_value=100),
    st.data(),
)
def test_no_refund_exceeds_what_was_paid(
    order: Quote,
    rule: ShippingRefund,
    border: bool,
    percent: int,
    data: st.DataObject,
) -> None:
    """Each refund is >= 0, the running total never passes the grand total, net + tax
    == gross per line, and refunds plus what the policy keeps == the grand total."""
    policy = RefundPolicy(
        shipping=rule, refund_border_charges=border, restocking_percent=percent
    )
    steps = batches(data, order)
    done: list[Refund] = []
    refunded = order.grand_total * 0
    for step in steps:
        result = refund(order, step, policy, previous=done)
        done.append(result)
        assert result.total.amount >= 0
        assert result.restocking_fee <= result.goods
        for line in result.lines:
            assert line.net + line.tax == line.gross
            assert line.units > 0
        refunded += result.total
        assert refunded <= order.grand_total
    currency = order.currency
    fees = sum_money([r.restocking_fee for r in done], currency)
    shipping = order.shipping.gross if order.shipping else order.grand_total * 0
    kept_shipping = shipping if rule is ShippingRefund.NEVER else shipping * 0
    kept_border = order.collected_border_charges * (0 if border else 1)
    assert refunded + fees + kept_shipping + kept_border == order.grand_total


def returned_share(order: Quote, done: list[Refund]) -> Fraction:
    """The share of the goods' net value (or, if it is 0, of the units) now returned."""
    whole = sum(line.net.amount for line in order.lines)
    if whole:
        back = sum(line.net.amount for r in done for line in r.lines)
        return Fraction(back) / Fraction(whole)
    units = sum(line.quantity for line in order.lines)
    return Fraction(sum(line.units for r in done for line in r.lines), units)


@settings(deadline=None, max_examples=60)
@given(orders(), st.integers(min_value=0, max_value=1_000_000), st.data())
def test_points_reversed_add_up_to_exactly_the_points_earned(
    order: Quote, earned: int, data: st.DataObject
) -> None:
    """Points reversed so far == floor(earned x share returned) <= earned; == at the end."""
    ledger = PointsLedger(ExpiryRule(ExpiryPolicy.FIXED_TERM, 12))
    if earned:
        ledger, _ = ledger.earn("order", earned, on=AT.date())
    done: list[Refund] = []
    reversed_so_far = 0
    for step in batches(data, order):
        result = refund(order, step, RefundPolicy(), previous=done, points_earned=earned)
        done.append(result)
        assert result.points_to_reverse >= 0
        reversed_so_far += result.points_to_reverse
        assert reversed_so_far <= earned
        share = returned_share(order, done) * earned
        assert reversed_so_far == share.numerator // share.denominator
        if result.points_to_reverse:  # the ledger takes every step without complaint
            ledger, _ = ledger.reverse(
                "order", on=AT.date(), points_returned=result.points_to_reverse
            )
    assert reversed_so_far == earned
    assert ledger.balance == 0


# -- the EU right of withdrawal -----------------------------------------------------


def test_withdrawal_deadline_worked_examples() -> None:
    # Art. 9(2)(b): delivered Thursday 26 November 2026; day 1 is Friday 27 November,
    # day 14 Thursday 10 December, a working day: the period ends that day.
    assert withdrawal_deadline(date(2026, 11, 26), country="NL") == date(2026, 12, 10)
    # Delivered Saturday 28 November: day 14 is Saturday 12 December; Art. 3(4) of
    # Regulation 1182/71 moves the end to Monday 14 December.
    assert withdrawal_deadline(date(2026, 11, 28), country="NL") == date(2026, 12, 14)
    # Delivered Friday 11 December: day 14 is Christmas Day (Friday), then Boxing Day
    # (a Dutch public holiday, and a Saturday) and a Sunday: Monday 28 December.
    assert withdrawal_deadline(date(2026, 12, 11), country="NL") == date(2026, 12, 28)
    # Across the year: delivered 18 December, day 14 is New Year's Day 2027 (Friday),
    # then the weekend: Monday 4 January 2027.
    assert withdrawal_deadline(date(2026, 12, 18), country="FR") == date(2027, 1, 4)
    # Regional holidays count where the consumer is: Corpus Christi (4 June 2026) in
    # Bavaria, not in Berlin.
    may = date(2026, 5, 21)
    assert withdrawal_deadline(may, country="DE", subdivision="BY") == date(2026, 6, 5)
    assert withdrawal_deadline(may, country="DE", subdivision="BE") == date(2026, 6, 4)
    # EEA states apply the Directive too (the UK has its own rule: test_withdrawal_uk).
    assert withdrawal_deadline(date(2026, 11, 26), country="no") == date(2026, 12, 10)


def test_withdrawal_deadline_bad_input() -> None:
    with pytest.raises(NoRuleError, match="EU right of withdrawal in US"):
        withdrawal_deadline(date(2026, 11, 26), country="US")
    with pytest.raises(UnknownCountryError):
        withdrawal_deadline(date(2026, 11, 26), country="Netherlands")
    with pytest.raises(UnknownCountryError, match="not a region of DE with its own public"):
        withdrawal_deadline(date(2026, 11, 26), country="DE", subdivision="XX")
    with pytest.raises(InvalidAmountError, match="is empty"):
        withdrawal_deadline(date(2026, 11, 26), country="DE", subdivision="")
    # Directive 2011/83/EU applies to contracts concluded after 13 June 2014 (Art. 28(2)).
    with pytest.raises(NoRuleError, match="deliveries from 2014-06-13"):
        withdrawal_deadline(date(2014, 6, 12), country="NL")
    assert withdrawal_deadline(date(2014, 6, 13), country="NL") == date(2014, 6, 27)
    # The calendar ends on 31 December 9999: no deadline can be counted past it.
    with pytest.raises(NoRuleError, match="to 9999-11-30"):
        withdrawal_deadline(date.max, country="NL")
    naive = datetime(2026, 11, 26, 23, 30)  # noqa: DTZ001  # the point of the test
    for moment in (naive, datetime(2026, 11, 26, 23, 30, tzinfo=UTC), "2026-11-26"):
        with pytest.raises(InvalidAmountError, match="not a date"):
            withdrawal_deadline(moment, country="NL")  # type: ignore[arg-type]  # the point


@given(
    st.dates(min_value=date(2021, 1, 1), max_value=date(2035, 12, 31)),
    st.sampled_from(["NL", "DE", "FR", "IT", "ES", "PL", "SE", "IE", "NO"]),
)
def test_withdrawal_deadline_is_the_first_working_day_from_day_14(
    delivered: date, country: str
) -> None:
    """The deadline is day 14 or later, a working day, with no working day before it."""
    public = holidays.country_holidays(country)
    deadline = withdrawal_deadline(delivered, country=country)
    day = delivered + timedelta(days=14)
    assert deadline >= day
    assert deadline.weekday() < 5
    assert deadline not in public
    while day < deadline:
        assert day.weekday() >= 5 or day in public
        day += timedelta(days=1)
