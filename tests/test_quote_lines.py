"""The quote's lines taxed per line against the per-call tax functions, composed by hand.

The quote taxes lines of one rate each at ``RoundingLevel.LINE`` in whole minor units
(``checkout._quote_lines``), and every other case through ``tax_invoice``: carts of
mixed categories (two categories sharing one rate, so one summary row), promotions
that discount some lines and waive the shipping, quantities, prices with and without
tax, each rounding level, a currency with no decimals. Each line must equal
``tax_invoice`` of that one line; the summary must add up to the lines and the
shipping shown. ``tax_in_minor_units`` must equal ``add_tax`` / ``extract_tax`` amount by
amount, and the values ``decide`` measures limits on (``tax._without_tax``) must equal
``extract_tax``'s nets and their sum.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commercekit.checkout import CheckoutContext, Product, Quote, quote
from commercekit.checkout._quote import _canonical, sale_of
from commercekit.errors import InvalidCartError
from commercekit.money import Money, RoundingMode, allocate, sum_money, to_minor_units
from commercekit.pricing import (
    AmountOff,
    BuyXGetY,
    Cart,
    CartLine,
    FreeShipping,
    PercentOff,
    Promotion,
)
from commercekit.shipping import example_rate_cards
from commercekit.tax import (
    Buyer,
    RoundingLevel,
    Sale,
    SaleLine,
    Seller,
    Supply,
    TaxLine,
    TaxRate,
    add_tax,
    extract_tax,
    rate_for,
    tax_in_minor_units,
    tax_invoice,
)
from commercekit.tax._without_tax import net_total, nets_of, taxes_inside
from tests.quote_data import RATES

AT = datetime(2026, 11, 26, 12, tzinfo=UTC)
CATEGORIES = ("standard", "books", "food", "childrens_clothing")
PROMOTIONS = (
    Promotion("TEN", PercentOff(Decimal("12.5"))),
    Promotion("OFF", AmountOff(Money("3.33", "EUR")), collections=frozenset({"sale"})),
    Promotion("B2G1", BuyXGetY(2, 1)),
    Promotion("SHIP", FreeShipping(), minimum_subtotal=Money("40", "EUR")),
)


@st.composite
def carts(draw: st.DrawFn) -> tuple[Cart, dict[str, Product]]:
    lines, products = [], {}
    for index in range(draw(st.integers(1, 12))):
        sku = f"SKU{index}"
        cents = draw(st.one_of(st.integers(0, 120), st.integers(0, 300_000)))
        lines.append(
            CartLine(
                sku,
                Money(Decimal(cents).scaleb(-2), "EUR"),
                draw(st.integers(1, 7)),
                frozenset(draw(st.sets(st.sampled_from(["sale", "tees"])))),
            )
        )
        products[sku] = Product(
            sku, draw(st.sampled_from(CATEGORIES)), weight_kg=Decimal("0.1")
        )
    return Cart(lines), products


def _context(
    products: dict[str, Product],
    buyer: str,
    inclusive: bool,
    rounding: RoundingLevel,
    promotions: list[Promotion],
) -> CheckoutContext:
    return CheckoutContext(
        Seller("NL", {"OSS"}, eu_sales_this_year=Money("42000", "EUR")),
        Buyer(buyer),
        at=AT,
        prices_include_tax=inclusive,
        products=products,
        promotions=tuple(promotions),
        rate_cards=example_rate_cards(),
        rounding=rounding,
        exchange_rates=RATES,
    )


def _shipping_by_hand(result: Quote, inclusive: bool, rounding: RoundingLevel) -> None:
    """The shipping left, split over the rates in proportion to the lines' amounts
    after discounts (``allocate``), or before discounts where every amount after them
    is zero (one rate takes it all), each share taxed as one line of ``tax_invoice``."""
    shipping = result.shipping
    assert shipping is not None
    left = shipping.price - shipping.discount
    assert (shipping.gross if inclusive else shipping.net) == left
    if rounding is RoundingLevel.INVOICE or not left.amount:
        return
    groups: dict[object, tuple[tuple[TaxRate, ...], Decimal, Decimal]] = {}
    for line in result.lines:
        key = tuple((rate.tax, rate.rate, rate.kind) for rate in line.rates)
        after, before = (line.amount - line.discount).amount, line.amount.amount
        found = groups.get(key)
        groups[key] = (
            (line.rates, after, before)
            if found is None
            else (line.rates, found[1] + after, found[2] + before)
        )
    weights = [after for _, after, _ in groups.values()]
    if not any(weights):
        weights = [before for _, _, before in groups.values()]
    if len(groups) == 1:
        weights = [Decimal(1)]
    assert any(weights)  # else the quote must have refused (test below)
    shares = allocate(left, weights)
    taxed = tax_invoice(
        [
            TaxLine(share, 1, rates)
            for (rates, _, _), share in zip(groups.values(), shares, strict=True)
            if share.amount
        ],
        prices_include_tax=inclusive,
        rounding=rounding,
    )
    assert (shipping.net, shipping.tax) == (taxed.net, taxed.tax)


def _summary_adds_up(result: Quote) -> None:
    shipping = result.shipping
    assert shipping is not None
    rows = result.tax_summary
    lines_net = sum_money([line.net for line in result.lines], "EUR")
    lines_tax = sum_money([line.tax for line in result.lines], "EUR")
    assert sum_money([row.base for row in rows], "EUR") == lines_net + shipping.net
    assert sum_money([row.amount for row in rows], "EUR") == lines_tax + shipping.tax
    assert result.tax == lines_tax + shipping.tax


@given(
    carts(),
    st.sampled_from(["DE", "FR", "NL", "AT"]),
    st.booleans(),
    st.sampled_from(list(RoundingLevel)),
    st.lists(st.sampled_from(PROMOTIONS), unique=True, max_size=3),
)
def test_each_quote_line_is_tax_invoice_of_that_line(
    cart_and_products: tuple[Cart, dict[str, Product]],
    buyer: str,
    inclusive: bool,
    rounding: RoundingLevel,
    promotions: list[Promotion],
) -> None:
    """quote line (net, tax, gross) == tax_invoice of that line alone, and the
    shipping == tax_invoice of its shares per rate (line and unit rounding); the
    summary == the lines + the shipping, at every level; goods at several rates all
    priced zero are refused (no value to share the shipping by)."""
    cart, products = cart_and_products
    day = AT.date()
    context = _context(products, buyer, inclusive, rounding, promotions)
    rates = {
        rate_for(buyer, products[line.sku].tax_category, on=day) for line in cart.lines
    }
    if len({(r.tax, r.rate, r.kind) for r in rates}) > 1 and not any(
        line.unit_price.amount for line in cart.lines
    ):  # goods worth nothing at two rates: nothing to share the shipping by
        with pytest.raises(InvalidCartError, match="no value to apportion"):
            quote(cart, context)
        return
    result = quote(cart, context)
    assert result.decision.charged_at_checkout
    for line in result.lines:
        category = products[line.sku].tax_category
        assert line.rates == (rate_for(buyer, category, on=day),)
        assert line.amount == line.unit_price * line.quantity
        assert line.gross == line.net + line.tax
        if rounding is RoundingLevel.INVOICE:
            continue  # rounded per rate over the lines: no one line's figure alone
        alone = tax_invoice(
            [TaxLine(line.unit_price, line.quantity, line.rates, discount=line.discount)],
            prices_include_tax=inclusive,
            rounding=rounding,
        )
        assert (line.net, line.tax, line.gross) == (alone.net, alone.tax, alone.gross)
    _shipping_by_hand(result, inclusive, rounding)
    _summary_adds_up(result)


@given(
    st.lists(st.one_of(st.integers(0, 200), st.integers(0, 10**17)), max_size=20),
    st.sampled_from(["DE", "FR", "HU", "CH", "JP"]),
    st.sampled_from(CATEGORIES),
    st.booleans(),
    st.sampled_from(list(RoundingMode)),
    st.sampled_from(["EUR", "JPY", "KWD"]),
)
def test_tax_in_minor_units_is_add_tax_and_extract_tax(
    amounts: list[int],
    country: str,
    category: str,
    inclusive: bool,
    mode: RoundingMode,
    currency: str,
) -> None:
    """tax_in_minor_units(amounts) == each amount's add_tax / extract_tax tax."""
    rate = rate_for(country, category, on=AT.date())
    found = tax_in_minor_units(amounts, rate, prices_include_tax=inclusive, mode=mode)
    one = extract_tax if inclusive else add_tax
    places = {"EUR": 2, "JPY": 0, "KWD": 3}[currency]
    expected = [
        to_minor_units(
            one(Money(Decimal(a).scaleb(-places), currency), rate, mode=mode).tax
        )
        for a in amounts
    ]
    assert found == expected


@given(
    st.lists(
        st.tuples(st.integers(0, 10**12), st.sampled_from(CATEGORIES), st.integers(0, 3)),
        min_size=1,
        max_size=20,
    ),
    st.sampled_from(["DE", "FR", "HU", "CH"]),
)
def test_values_without_tax_are_extract_tax_nets(
    lines: list[tuple[int, str, int]], country: str
) -> None:
    """nets_of and net_total (what decide measures limits on) == extract_tax's nets
    and their sum_money, for amounts written with more or fewer decimals."""
    day = AT.date()
    grosses = [
        Money(Decimal(cents).scaleb(-2).quantize(Decimal(10) ** -(2 + extra)), "EUR")
        for cents, _, extra in lines
    ]
    rates = [(rate_for(country, category, on=day),) for _, category, _ in lines]
    taxes = taxes_inside(grosses, rates)
    expected = [extract_tax(g, r).net for g, r in zip(grosses, rates, strict=True)]
    assert [repr(net) for net in nets_of(grosses, taxes)] == [repr(n) for n in expected]
    assert repr(net_total(grosses, rates)) == repr(sum_money(expected, "EUR"))


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["A", "B", "C", "D"]),
            st.sampled_from(["1", "1.0", "1.00", "2.50", "0.00"]),
            st.integers(1, 3),
        ),
        min_size=1,
        max_size=12,
    ),
    st.booleans(),
)
def test_canonical_order_is_the_sort_by_sku_price_and_quantity(
    rows: list[tuple[str, str, int]], unique: bool
) -> None:
    """The quote's canonical order (``_canonical``) is the stable sort of the cart's
    (index, line) pairs by SKU, price and quantity, ties in the cart's order: SKUs on
    several lines, prices equal in value but not in decimals, or every SKU once."""
    if unique:
        rows = [(f"{sku}{index}", price, n) for index, (sku, price, n) in enumerate(rows)]
    cart = Cart([CartLine(sku, Money(price, "EUR"), n) for sku, price, n in rows])
    expected = sorted(
        enumerate(cart.lines),
        key=lambda pair: (pair[1].sku, pair[1].unit_price.amount, pair[1].quantity),
    )
    ordered, positions = _canonical(cart)
    assert positions == [index for index, _ in expected]
    assert [repr(line) for line in ordered.lines] == [repr(line) for _, line in expected]
    assert repr(ordered) == repr(Cart([line for _, line in expected]))


@given(
    st.lists(
        st.tuples(st.integers(0, 10**9), st.integers(1, 50), st.sampled_from(CATEGORIES)),
        max_size=8,
    ),
    st.one_of(st.none(), st.integers(0, 10**5)),
    st.sampled_from([("NL", None), ("DE", "nl"), ("FR", "XI"), ("US", "de")]),
    st.sampled_from([None, "Etsy"]),
    st.booleans(),
)
def test_the_quotes_sale_is_the_sale_built_with_its_lines(
    rows: list[tuple[int, int, str]],
    shipping_units: int | None,
    places: tuple[str, str | None],
    marketplace: str | None,
    inclusive: bool,
) -> None:
    """``sale_of`` (the Sale the quote decides on, its lines set in place) equals, and
    shows as, ``Sale(...)`` built with the same lines through its own checks."""
    seller, ship_from = places
    context = CheckoutContext(
        Seller(seller, {"OSS"}),
        Buyer("DE"),
        at=AT,
        prices_include_tax=inclusive,
        ship_from=ship_from,
        marketplace=marketplace,
        exchange_rates=RATES,
    )
    lines = tuple(
        SaleLine(Money(Decimal(cents).scaleb(-2), "EUR"), units, category)
        for cents, units, category in rows
    )
    price = sum_money([line.value for line in lines], "EUR")
    shipping = (
        None if shipping_units is None else Money(Decimal(shipping_units).scaleb(-2), "EUR")
    )
    found = sale_of(context, context.buyer, price, shipping, lines)
    expected = Sale(
        context.seller,
        context.buyer,
        Supply.GOODS,
        price,
        shipping=shipping,
        ship_from=context.ship_from,
        marketplace=context.marketplace,
        exchange_rates=context.exchange_rates,
        lines=lines,
        prices_include_tax=inclusive,
    )
    assert found == expected
    assert repr(found) == repr(expected)
