"""Where and how a quote rounds its tax when the caller does not say.

``CheckoutContext.rounding`` (the level) and ``rounding_mode`` (the direction) default
to "not stated". Not stated, the level is the one the taxing jurisdiction's law
prescribes (Japan: once per rate on the invoice, Consumption Tax Act Enforcement Order
Art. 70-10), else per line; a level the caller states that the law forbids is refused.
The direction is half-up, except where the law leaves it to the business and
commercekit assumes none: Japan, where NTA's invoice Q&A, question 57, says any method
(round up, down or half-up) may be chosen: "切上げ、切捨て、四捨五入などの端数処理の方法
については、任意の方法とすることができます" (read as quoted by the foovar/jp-invoice
package and a page quoting the Q&A of April 2024; secondary). There a quote charging
Japanese tax without a stated direction is refused, naming ``rounding_mode``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from commercekit.checkout import CheckoutContext, Product, quote
from commercekit.errors import CommerceKitError
from commercekit.money import Money, RateTable, RoundingMode
from commercekit.pricing import Cart, CartLine
from commercekit.serde import quote_request_from_json, quote_request_to_json
from commercekit.tax import Buyer, RoundingLevel, Seller, TaxLine, rates_for, tax_invoice

AT = datetime(2026, 11, 26, 3, tzinfo=UTC)
SKUS = ("BOWL", "CUP", "PLATE")
PRODUCTS = {sku: Product(sku, "standard") for sku in SKUS}
YEN_105 = Cart([CartLine(sku, Money("105", "JPY"), 1) for sku in SKUS])


def _japan(**more: object) -> CheckoutContext:
    return CheckoutContext(
        Seller("JP", {"JP"}), Buyer("JP"), at=AT, prices_include_tax=False,
        products=PRODUCTS, **more,  # type: ignore[arg-type]
    )  # fmt: skip


@pytest.mark.parametrize(("mode", "tax"), [("half-up", "32"), ("down", "31"), ("up", "32")])
def test_japan_unstated_level_is_once_per_rate(mode: str, tax: str) -> None:
    """Three lines of JPY 105 at 10%: 31.5 rounded once, in the stated direction (per
    line it would be 3 x 10.5 -> 33 half-up)."""
    found = quote(YEN_105, _japan(rounding_mode=mode))
    assert found.tax == Money(tax, "JPY")
    ((row,),) = [found.tax_summary]
    assert (row.base, row.amount) == (Money("315", "JPY"), Money(tax, "JPY"))
    said = [note for note in found.explanation if note.startswith("tax rounded")]
    law = (
        "Japan's qualified invoices round consumption tax once per rate, never per item "
        "(Consumption Tax Act Enforcement Order Art. 70-10; NTA invoice Q&A question "
        "57, as quoted by secondary sources)"
    )
    assert said == [f"tax rounded once per rate on the invoice ({mode}): by law, {law}"]


def test_japan_stated_invoice_level_is_the_same() -> None:
    """Stating the level the law prescribes changes nothing but the note's reason."""
    found = quote(YEN_105, _japan(rounding="invoice", rounding_mode="half-up"))
    assert found.tax == Money("32", "JPY")
    assert "tax rounded once per rate on the invoice (half-up): as stated" in "\n".join(
        found.explanation
    )


@pytest.mark.parametrize("level", ["line", "unit"])
def test_japan_stated_line_level_is_refused(level: str) -> None:
    """A level the caller states that the law forbids: refused, naming ``rounding``."""
    with pytest.raises(CommerceKitError) as raised:
        quote(YEN_105, _japan(rounding=level, rounding_mode="half-up"))
    assert raised.value.field == "rounding"
    assert "70-10" in str(raised.value)


def test_japan_without_a_direction_is_refused() -> None:
    """Japan leaves the direction to the business: none is assumed."""
    with pytest.raises(CommerceKitError) as raised:
        quote(YEN_105, _japan())
    assert raised.value.field == "rounding_mode"
    message = str(raised.value)
    assert "question 57" in message
    assert "rounding_mode='down'" in message


def test_a_japanese_export_needs_no_direction() -> None:
    """No Japanese tax is charged on an export: nothing is rounded, nothing asked."""
    rates = RateTable(
        base="EUR", rates={"JPY": Decimal(160)}, observed_at=AT, provider="example"
    )
    context = attrs.evolve(_japan(), buyer=Buyer("DE"), exchange_rates=rates, partial=True)
    found = quote(YEN_105, context)
    assert found.tax == Money("0", "JPY")
    assert not [note for note in found.explanation if note.startswith("tax rounded")]


def _german(**more: object) -> CheckoutContext:
    return CheckoutContext(
        Seller("DE", {"DE"}), Buyer("DE"), at=AT, prices_include_tax=False,
        products=PRODUCTS, **more,  # type: ignore[arg-type]
    )  # fmt: skip


SMALL = Cart([CartLine(sku, Money("0.03", "EUR"), 1) for sku in SKUS])


def test_eu_unstated_is_per_line_half_up_and_says_nothing() -> None:
    """Germany, unstated: per line, half-up, as before (3 x 0.0057 -> 0.01 each)."""
    found = quote(SMALL, _german())
    assert found.tax == Money("0.03", "EUR")
    assert not [note for note in found.explanation if note.startswith("tax rounded")]


@pytest.mark.parametrize(
    ("level", "mode", "tax"),
    [("line", "down", "0.00"), ("invoice", "half-up", "0.02"), ("invoice", "up", "0.02")],
)
def test_eu_stated_level_and_mode_are_used(level: str, mode: str, tax: str) -> None:
    """A stated level and direction are applied and said: equal to ``tax_invoice`` with
    them on the same lines."""
    found = quote(SMALL, _german(rounding=level, rounding_mode=mode))
    rates = rates_for("DE", "standard", on=AT.date())
    lines = [TaxLine(Money("0.03", "EUR"), 1, rates) for _ in SKUS]
    by_hand = tax_invoice(
        lines,
        prices_include_tax=False,
        rounding=RoundingLevel(level),
        mode=RoundingMode(mode),
    )
    assert found.tax == by_hand.tax == Money(tax, "EUR")
    assert any(note.endswith(": as stated") for note in found.explanation)


def test_a_bad_direction_is_refused() -> None:
    with pytest.raises(CommerceKitError) as raised:
        _german(rounding_mode="bankers")
    assert raised.value.field == "rounding_mode"


@given(
    level=st.sampled_from([None, *RoundingLevel]),
    mode=st.sampled_from([None, *RoundingMode]),
)
def test_json_round_trip_keeps_unstated_unstated(
    level: RoundingLevel | None, mode: RoundingMode | None
) -> None:
    """A request read back from its JSON has the same level and direction; an unstated
    one is absent from the JSON and ``None`` again."""
    context = _german(rounding=level, rounding_mode=mode)
    data = quote_request_to_json(SMALL, context)
    assert ("rounding" in data) is (level is not None)
    assert ("rounding_mode" in data) is (mode is not None)
    back = quote_request_from_json(data)[1]
    assert (back.rounding, back.rounding_mode) == (level, mode)
    assert back == context
