"""A new user's pass over the round's features: excise goods at the border, refunds
below a free-shipping threshold, the border limits.

Each test here failed before its fix. Sources are cited where a figure is asserted.
"""

from __future__ import annotations

import warnings
from datetime import date

import pytest

from commercekit.errors import InvalidInputError
from commercekit.money import Money
from commercekit.shipping import Item, Shipment, landed_cost

WINE = Item("Rioja", Money("40.00", "EUR"), hs_code="2204.21", origin="US")


@pytest.mark.parametrize("asked", [1, "true", "no", None])
def test_without_excise_is_a_flag_not_anything_truthy(asked: object) -> None:
    """``without_excise="no"`` was read as yes: a landed cost lacking the excise duty
    was returned where the caller may have meant to be refused."""
    with pytest.raises(InvalidInputError, match="without_excise"):
        landed_cost(
            Shipment((WINE,), destination="DE"),
            incoterm="DDP",
            on=date(2026, 7, 2),
            without_excise=asked,  # type: ignore[arg-type]
        )


def test_the_service_refuses_a_without_excise_that_is_not_true_or_false() -> None:
    """Checked and kept: the JSON request was already read strictly."""
    with warnings.catch_warnings():  # starlette prefers httpx2 for its test client
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient  # noqa: PLC0415  # warns on import

    from commercekit.service._app import build_app  # noqa: PLC0415

    wine = {"description": "Rioja", "value": {"amount": "40.00", "currency": "EUR"},
            "hs_code": "2204.21", "origin": "US"}  # fmt: skip
    body = {"shipment": {"items": [wine], "destination": "DE"}, "incoterm": "DDP",
            "on": "2026-07-02", "without_excise": "yes"}  # fmt: skip
    answer = TestClient(build_app()).post("/landed-cost", json=body)
    assert answer.status_code == 422
    assert answer.json()["field"] == "without_excise"


def test_a_limit_converted_twice_is_said_once() -> None:
    """A EUR 8.00 corkscrew into Australia: the AUD 1,000 limit is converted for the
    duty relief and again for the GST relief; the landed cost said
    "1000 AUD is 606.06... EUR at 0.606..." twice."""
    from datetime import UTC, datetime  # noqa: PLC0415

    from commercekit.money import RateTable  # noqa: PLC0415

    rates = RateTable(
        base="EUR",
        rates={"AUD": "1.65"},
        observed_at=datetime(2026, 11, 25, tzinfo=UTC),
        provider="example",
    )
    corkscrew = Item("corkscrew", Money("8.00", "EUR"), hs_code="8205.51", origin="FR")
    cost = landed_cost(
        Shipment((corkscrew,), destination="AU"),
        incoterm="DDP",
        on=date(2026, 11, 26),
        rates=rates,
    )
    assert cost.duty == cost.import_tax == Money("0.00", "EUR")
    assert len(cost.conversions) == len(set(cost.conversions)) == 1
    assert cost.conversions[0].startswith("1000 AUD is 606.06")


def _wine_and_corkscrew_to(country: str, wine: dict[str, str]) -> str:
    """The refusal of a quote of a wine and a corkscrew (listed in that order) from a
    US seller registered in ``country`` under its low-value regime."""
    from datetime import UTC, datetime  # noqa: PLC0415

    from commercekit.checkout import CheckoutContext, Product, quote  # noqa: PLC0415
    from commercekit.errors import MissingDataError  # noqa: PLC0415
    from commercekit.pricing import Cart, CartLine  # noqa: PLC0415
    from commercekit.tax import Buyer, Seller  # noqa: PLC0415

    currency = {"AU": "AUD", "GB": "GBP"}[country]
    cart = Cart(
        [
            CartLine("WINE", Money("20.00", currency), 2),
            CartLine("CORK", Money("8.00", currency), 1),
        ]
    )
    products = {
        "WINE": Product("WINE", "standard", origin="FR", **wine),  # type: ignore[arg-type]
        "CORK": Product("CORK", "standard", hs_code="8205.51", origin="FR"),
    }
    context = CheckoutContext(
        Seller("US", {country}),
        Buyer(country),
        at=datetime(2026, 3, 2, 12, tzinfo=UTC),
        prices_include_tax=False,
        products=products,
    )
    with pytest.raises(MissingDataError) as refused:
        quote(cart, context)
    return str(refused.value)


@pytest.mark.parametrize("country", ["AU", "GB"])
def test_a_mixed_carts_refusal_names_the_wine_not_the_corkscrew(country: str) -> None:
    """The cart lists the wine first (cart.lines[0]); the refusal said "line 1 is such
    goods, taxed at the border, line 0 is not", counting the quote's lines sorted by
    SKU, so cart.lines[1], the corkscrew, read as the excise goods."""
    said = _wine_and_corkscrew_to(country, {"hs_code": "2204.21"})
    assert "the line of 'WINE' is such goods" in said
    assert "the line of 'CORK' is not" in said
    assert "line 1" not in said


def test_a_quotes_open_kind_names_the_product() -> None:
    """A wine with no HS code and no excise kind: "what kind of goods line 1 is" named
    the corkscrew's place in the cart."""
    said = _wine_and_corkscrew_to("AU", {})
    assert "what kind of goods the line of 'WINE' is" in said


@pytest.mark.parametrize("rule", ["deduct_up_to_refund", "deduct_shipping"])
def test_a_withdrawal_after_the_deduction_was_made_is_refunded_in_full(rule: str) -> None:
    """Two T-shirts at 24.95 and a mug at 12.00 reach a EUR 50.00 free-shipping
    threshold (EUR 5.37 waived). A T-shirt returned under the shop's own terms keeps
    36.95 and bears the 5.37 (19.58 back). The mug then withdrawn deducts nothing under
    either rule (the shipping was taken whole), so Directive 2011/83/EU Art. 9(1) is
    kept and the mug's 12.00 goes back; the withdrawal was refused instead."""
    from datetime import UTC, datetime  # noqa: PLC0415
    from decimal import Decimal  # noqa: PLC0415

    from commercekit.checkout import (  # noqa: PLC0415
        CheckoutContext,
        Product,
        RefundPolicy,
        quote,
        refund,
    )
    from commercekit.pricing import Cart, CartLine, FreeShipping, Promotion  # noqa: PLC0415
    from commercekit.shipping import example_rate_cards  # noqa: PLC0415
    from commercekit.tax import Buyer, Seller  # noqa: PLC0415

    ship50 = Promotion("SHIP50", FreeShipping(), minimum_subtotal=Money("50.00", "EUR"))
    weight = {"weight_kg": Decimal("0.2")}
    placed = quote(
        Cart([CartLine("TEE", Money("24.95", "EUR"), 2),
              CartLine("MUG", Money("12.00", "EUR"), 1)]),
        CheckoutContext(Seller("NL"), Buyer("NL"),
            at=datetime(2026, 11, 26, 12, tzinfo=UTC), prices_include_tax=True,
            rate_cards=example_rate_cards(), promotions=(ship50,),
            products={sku: Product(sku, "standard", **weight) for sku in ("TEE", "MUG")}),
    )  # fmt: skip
    policy = RefundPolicy(below_threshold=rule)
    tee = refund(placed, {"TEE": 1}, policy, withdrawal=False)
    assert tee.shipping_deducted == Money("5.37", "EUR")
    assert tee.total == Money("19.58", "EUR")
    mug = refund(placed, {"MUG": 1}, policy, withdrawal=True, previous=[tee])
    assert mug.shipping_deducted == Money("0.00", "EUR")
    assert mug.total == Money("12.00", "EUR")
