"""Every total shown is the sum of the parts shown, and no total depends on order:
landed costs, quotes, contribution margins by group, the points liability.

(The tax invoice's rows by rate and the loyalty ledger's balance have their own
properties in tests/test_tax_properties.py and tests/test_loyalty.py; the quote's grand
total in tests/test_quote_differential.py.)
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import attrs
from hypothesis import given
from hypothesis import strategies as st

from commercekit.checkout import CheckoutContext, Product, quote
from commercekit.loyalty import points_liability
from commercekit.metrics import ContributionMargin, MarginLine, contribution_by
from commercekit.money import Money, round_money, sum_money
from commercekit.pricing import Cart, CartLine, PercentOff, Promotion
from commercekit.shipping import (
    Fee,
    Item,
    LandedCost,
    Shipment,
    example_rate_cards,
    landed_cost,
)
from commercekit.tax import Buyer, Seller
from tests.quote_data import RATES, StatedTariff

D = Decimal
TODAY = date(2026, 11, 26)
TARIFF = StatedTariff({"4901.99": "0"}, default="12")
CATEGORIES = ("standard", "books", "food", "childrens_clothing")


@st.composite
def shipments(draw: st.DrawFn) -> Shipment:
    destination, subdivision = draw(
        st.sampled_from(
            [("DE", None), ("FR", None), ("GB", None), ("AU", None), ("NZ", None),
             ("CA", "CA-ON"), ("CA", "CA-QC"), ("NO", None), ("US", None)]
        )
    )  # fmt: skip
    items = []
    for index in range(draw(st.integers(min_value=1, max_value=6))):
        category = draw(st.sampled_from(CATEGORIES))
        cents = draw(st.integers(min_value=0, max_value=300_000))
        items.append(
            Item(
                f"item {index}",
                Money(D(cents).scaleb(-2), "EUR"),
                "4901.99" if category == "books" else "6109.10",
                draw(st.sampled_from(["CN", "US", "PT"])),
                quantity=draw(st.integers(min_value=1, max_value=4)),
                category=category,
            )
        )
    shipping = Money(D(draw(st.integers(min_value=0, max_value=5_000))).scaleb(-2), "EUR")
    shipped_from = draw(st.sampled_from(["US", "DE"]))  # Canada's thresholds ask it
    channel = draw(st.sampled_from(["courier", "post"]))  # and, from the US, this
    return Shipment(
        tuple(items), destination=destination, subdivision=subdivision, shipping=shipping,
        shipped_from=shipped_from, channel=channel,
    )  # fmt: skip


@given(shipments(), st.sampled_from(["DDP", "DAP"]), st.booleans())
def test_landed_cost_totals_are_the_sums_of_their_parts(
    shipment: Shipment, incoterm: str, with_fee: bool
) -> None:
    """duty == sum of item duties; import tax == sum of item taxes == each rate's base
    x rate, rounded once; charges == duty + import tax + fees + their tax; order-free."""
    fees = [Fee("clearance", Money("10.00", "EUR"))] if with_fee else []
    cost = landed_cost(
        shipment, incoterm=incoterm, on=TODAY, rates=RATES, tariffs=TARIFF, fees=fees
    )
    assert cost.duty == sum_money([line.amount for line in cost.duties], "EUR")
    assert cost.import_tax == sum_money([line.amount for line in cost.taxes], "EUR")
    assert cost.tax_base == sum_money([line.base for line in cost.taxes], "EUR")
    # Each item's base: its share of the customs value plus its own duty (plus its share
    # of transport where the law adds it); the shares add up to the customs value.
    shares = sum_money([line.customs_value for line in cost.duties], "EUR")
    assert shares == cost.customs_value
    if cost.import_tax:
        by_rate: dict[Decimal, list[Money]] = {}
        for line in cost.taxes:
            rate = sum((r.rate for r in line.rates), D(0))
            by_rate.setdefault(rate, []).append(line.base)
        expected = [
            round_money(sum_money(bases, "EUR") * rate.scaleb(-2))
            for rate, bases in by_rate.items()
        ]
        assert cost.import_tax == sum_money(expected, "EUR")
    fee_total = sum_money([fee.amount for fee in fees], "EUR")
    assert cost.charges == cost.duty + cost.import_tax + fee_total + cost.fee_tax
    assert cost.total == cost.price + cost.charges
    assert cost.collected_at_checkout + cost.due_at_delivery == cost.total
    backwards = landed_cost(
        Shipment(
            tuple(reversed(shipment.items)),
            destination=shipment.destination,
            subdivision=shipment.subdivision,
            shipping=shipment.shipping,
            shipped_from=shipment.shipped_from,
            channel=shipment.channel,
        ),
        incoterm=incoterm,
        on=TODAY,
        rates=RATES,
        tariffs=TARIFF,
        fees=fees,
    )
    assert (backwards.duty, backwards.import_tax, backwards.charges) == (
        cost.duty,
        cost.import_tax,
        cost.charges,
    )
    assert per_item(backwards) == per_item(cost)


def per_item(cost: LandedCost) -> dict[str, tuple[Money, Money, Money]]:
    """Each item's customs value share, duty and import tax, by its description."""
    return {
        duty.item.description: (duty.customs_value, duty.amount, tax.amount)
        for duty, tax in zip(cost.duties, cost.taxes, strict=True)
    }


@given(
    st.lists(
        st.tuples(
            st.sampled_from(CATEGORIES),
            st.integers(min_value=1, max_value=20_000),
            st.integers(min_value=1, max_value=3),
        ),
        min_size=1,
        max_size=5,
    ),
    st.sampled_from(["NL", "DE", "FR", "GB", "US"]),
    st.booleans(),
)
def test_the_quotes_tax_summary_adds_up(
    lines: list[tuple[str, int, int]], country: str, inclusive: bool
) -> None:
    """tax == sum of the summary by rate == lines' tax + shipping's tax."""
    cart = Cart(
        [
            CartLine(f"SKU{i}", Money(D(cents).scaleb(-2), "EUR"), quantity)
            for i, (_, cents, quantity) in enumerate(lines)
        ]
    )
    products = {
        f"SKU{i}": Product(
            f"SKU{i}",
            category,
            hs_code="4901.99" if category == "books" else "6109.10",
            origin="PT",
            weight_kg=D("0.3"),
        )
        for i, (category, _, _) in enumerate(lines)
    }
    context = CheckoutContext(
        Seller("NL", {"OSS", "GB"}, eu_sales_this_year=Money("50000", "EUR")),
        Buyer(country),
        at=datetime(2026, 11, 26, 12, tzinfo=UTC),
        prices_include_tax=inclusive,
        products=products,
        promotions=(Promotion("TEN", PercentOff(10)),),
        rate_cards=example_rate_cards(),
        exchange_rates=RATES,
        tariffs=TARIFF,
    )
    result = quote(cart, context)
    shipping_tax = result.shipping.tax if result.shipping else Money("0.00", "EUR")
    assert (
        result.tax == sum_money([line.tax for line in result.lines], "EUR") + shipping_tax
    )
    if result.tax_summary:
        assert result.tax == sum_money([row.amount for row in result.tax_summary], "EUR")
    for line in result.lines:
        assert line.gross == line.net + line.tax
        # The shown price less its discount is the gross (prices with tax) or the net.
        assert (line.gross if inclusive else line.net) == line.amount - line.discount


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["TEE", "MUG", "BOOK"]),
            st.sampled_from(["web", "marketplace", "store"]),
            *(st.integers(min_value=0, max_value=100_000) for _ in range(6)),
        ),
        min_size=1,
        max_size=8,
    ),
    st.sampled_from(["order", "product", "channel"]),
)
def test_contribution_margins_by_group_add_up_to_the_whole(
    rows: list[tuple[object, ...]], key: str
) -> None:
    """Each group's revenue, costs and margin add up to the whole's; margin = revenue
    - costs."""

    def eur(cents: object) -> Money:
        assert isinstance(cents, int)
        return Money(D(cents).scaleb(-2), "EUR")

    lines = [
        MarginLine(str(i), str(row[0]), str(row[1]), *(eur(c) for c in row[2:]))
        for i, row in enumerate(rows)
    ]
    whole = contribution_margin_of(lines)
    groups = contribution_by(lines, key)
    for part in ("revenue", "variable_costs", "margin"):
        total = sum_money([getattr(g, part) for g in groups.values()], "EUR")
        assert total == getattr(whole, part)
    for group in [whole, *groups.values()]:
        assert group.margin == group.revenue - group.variable_costs


def contribution_margin_of(lines: list[MarginLine]) -> ContributionMargin:
    """The whole book's margin: grouped by one key that every line shares."""
    merged = [attrs.evolve(line, channel="all") for line in lines]
    return contribution_by(merged, "channel")["all"]


@given(
    st.integers(min_value=0, max_value=10**9),
    st.integers(min_value=1, max_value=10_000),
    st.integers(min_value=0, max_value=10_000),
)
def test_points_liability_is_expected_plus_breakage(
    points: int, cents_per_point: int, basis_points: int
) -> None:
    """face value == expected liability + breakage."""
    owed = points_liability(
        points, Money(D(cents_per_point).scaleb(-4), "EUR"), D(basis_points).scaleb(-4)
    )
    assert owed.face_value == owed.expected + owed.breakage
