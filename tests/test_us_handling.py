"""US shipping charges that include handling: the state's rule for a combined charge.

Virginia exempts separately stated transportation but not handling (23VAC10-210-6000
B); Idaho leaves transportation and handling out of the sales price when stated apart
(IDAPA 35.01.02.061); Washington taxes delivery charges, shipping and handling included
(its Department's tax topic); California taxes handling even separately stated (CDTFA
Annotation 557.0256) and excludes from a combined charge only the carrier's actual cost
(557.0455). New York's TB-ST-838 counts handling as shipping; Minnesota (Fact Sheet 155),
Wisconsin (Tax 11.94(1)), Georgia (r. 560-12-2-.45(1)), Rhode Island (280-RICR-20-70-15.5)
and Kentucky (H.B. 293 of 2003) define delivery charges to include handling and tax
them even separately stated.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from commercekit.checkout import CheckoutContext, Product, quote
from commercekit.errors import InvalidInputError, MissingDataError
from commercekit.money import Money
from commercekit.pricing import Cart, CartLine
from commercekit.shipping import Bracket, RateCard, Zone
from commercekit.tax import Buyer, Seller, StateRatesOnly, UsShipping, us_shipping

DAY = date(2026, 6, 1)
CARD = RateCard(
    "Example Carrier", "Ground", "US", "USD",
    zones=[Zone("domestic", ["US"], (2, 5))],
    brackets={"domestic": [Bracket(Decimal("30"), Money("10.00", "USD"))]},
    dimension_rounding="exact",
)  # fmt: skip
CART = Cart([CartLine("LAMP", Money("80.00", "USD"), 1)])


def _context(state: str, **kwargs: object) -> CheckoutContext:
    kwargs.setdefault("partial", True)
    return CheckoutContext(
        Seller("US", {state}), Buyer("US", subdivision=state),
        at=datetime(2026, 6, 1, 12, tzinfo=UTC), prices_include_tax=False,
        products={"LAMP": Product("LAMP", "standard", weight_kg=Decimal("2"))},
        rate_cards=(CARD,), tax_rates=StateRatesOnly(),
        **kwargs,  # type: ignore[arg-type]
    )  # fmt: skip


@pytest.mark.parametrize(
    ("state", "apart", "handling", "combined"),
    [
        ("US-VA", "exempt", "taxable", None),
        ("US-ID", "exempt", "exempt", "exempt"),
        ("US-WA", "taxable", "taxable", "taxable"),
        ("US-CA", "conditional", "taxable", "conditional"),
        ("US-TX", "taxable", None, None),
    ],
)
def test_each_state_says_handling_or_not_bundled(
    state: str, apart: str, handling: str | None, combined: str | None
) -> None:
    rule = us_shipping(state, on=DAY)
    assert rule.separately_stated.value == apart
    assert (rule.handling and rule.handling.value) == handling
    assert (rule.combined and rule.combined.value) == combined


def test_shipping_alone_is_exempt_in_virginia() -> None:
    result = quote(CART, _context("US-VA"))
    assert result.shipping is not None
    assert result.shipping.tax == Money("0.00", "USD")


def test_a_charge_with_handling_is_not_guessed_in_virginia() -> None:
    with pytest.raises(
        MissingDataError,
        match="whether a combined shipping and handling charge is taxable in US-VA",
    ):
        quote(CART, _context("US-VA", shipping_includes_handling=True, partial=False))
    result = quote(CART, _context("US-VA", shipping_includes_handling=True))
    assert result.shipping is not None
    assert result.shipping.tax == Money("0.43", "USD")  # 10.00 at the 4.3 % state part
    assert any("shipping and handling" in item for item in result.missing)


def test_a_combined_charge_where_the_state_says() -> None:
    idaho = quote(CART, _context("US-ID", shipping_includes_handling=True))
    washington = quote(CART, _context("US-WA", shipping_includes_handling=True))
    assert idaho.shipping is not None
    assert washington.shipping is not None
    assert idaho.shipping.tax == Money("0.00", "USD")
    assert washington.shipping.tax == Money("0.65", "USD")  # 6.5 % state rate


def test_the_flag_refuses_what_is_not_a_flag() -> None:
    with pytest.raises(InvalidInputError, match="shipping_includes_handling"):
        _context("US-VA", shipping_includes_handling="yes")
    with pytest.raises(InvalidInputError, match="handling"):
        UsShipping("US-VA", "exempt", DAY, None, ("https://example.org",), "", "maybe")


@pytest.mark.parametrize(
    ("state", "tax"),
    [
        ("US-NY", "0.40"),  # 10.00 at the 4 % state rate
        ("US-MN", "0.69"),  # 10.00 at 6.875 %: 0.6875, rounded half up
        ("US-WI", "0.50"),  # 5 %
        ("US-KY", "0.60"),  # 6 %
        ("US-GA", "0.40"),  # 4 %
        ("US-RI", "0.70"),  # 7 %
        ("US-NJ", "0.66"),  # 6.625 %: 0.6625, rounded half up
    ],
)
def test_a_combined_charge_is_taxed_like_shipping_where_handling_is_delivery(
    state: str, tax: str
) -> None:
    """Both sides: the charge without handling and with it are taxed alike, and the
    full quote (not partial) answers without a question left open."""
    rule = us_shipping(state, on=DAY)
    assert (rule.separately_stated.value, rule.combined, rule.handling) == (
        "taxable",
        "taxable",
        "taxable",
    )
    alone = quote(CART, _context(state, partial=False))
    both = quote(CART, _context(state, shipping_includes_handling=True, partial=False))
    assert alone.shipping is not None
    assert both.shipping is not None
    assert alone.shipping.tax == both.shipping.tax == Money(tax, "USD")
    assert not any("handling" in item for item in both.missing)


@pytest.mark.parametrize("state", ["US-TX", "US-AR"])
def test_shipping_confirmed_but_handling_not_bundled(state: str) -> None:
    """Texas (34 TAC 3.303) and Arkansas (GR-18) tax separately stated delivery; their
    rules say nothing of handling, so a charge that includes it is not guessed."""
    assert us_shipping(state, on=DAY).separately_stated.value == "taxable"
    shipped = quote(CART, _context(state, partial=False))
    assert shipped.shipping is not None
    assert shipped.shipping.tax > Money("0.00", "USD")
    with pytest.raises(MissingDataError, match=f"shipping and handling .* in {state}"):
        quote(CART, _context(state, shipping_includes_handling=True, partial=False))
