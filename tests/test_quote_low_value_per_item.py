"""A low-value limit set per item judges each item, not the dearest for all (issue 18).

Norway's VOEC limit, New Zealand's and Singapore's apply to each item: in one order,
the items under the limit are taxed at sale by a registered seller (and VOEC goods are
free of duty), the others at the border. The decision is one per sale, so a sale that
mixes both is refused by name, never sent whole to the border (which charged duty and
import VAT on the cheap items) nor taxed whole at sale. Australia's is different: goods
shipped in one consignment over AUD 1,000 are taxed at the border, all of them.

Sources (read for these tests):
* Skatteetaten, "Value Added Tax on low value imported goods": "the NOK 3,000
  threshold of the VOEC scheme applies per item - not per invoice or transaction";
  "Sending goods under the VOEC scheme": "Only goods with value below NOK 3,000 can be
  charged with value added tax and sent as VOEC goods. The amount limit applies per
  item and not per consignment." Tolletaten, "The VOEC scheme": "Goods purchased
  through the VOEC scheme are exempt from customs duty."
* Singapore Customs, "GST on Low-Value Goods": GST at checkout where "Each item costs
  S$400 or less"; "Each item is assessed separately for GST purposes."
* Inland Revenue (NZ), "What low value imported goods are": "items individually
  having an estimated customs value of NZ$1,000 or less".
* ATO, "GST on low value imported goods": "For consignments of goods imported over
  A$1,000 any GST, customs duty and clearance charges are charged to the importer at
  the border."
"""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commercekit.checkout import CheckoutContext, Product, Quote, quote
from commercekit.cli import main
from commercekit.errors import MissingDataError
from commercekit.money import Money
from commercekit.pricing import Cart, CartLine
from commercekit.shipping import DutyRate, TariffTable
from commercekit.tax import Buyer, Regime, Sale, SaleLine, Seller, decide

AT = datetime(2026, 11, 26, 12, tzinfo=UTC)
SOURCE = "https://example.test/a-shops-own-tariff"
TARIFF = TariffTable(
    [
        DutyRate(country, "6109.10", "10.7", date(2020, 1, 1), None, SOURCE)
        for country in ("NO", "AU", "NZ", "SG")
    ],
    name="a shop's own tariff (example rate)",
)
PRODUCTS = {
    sku: Product(sku, "standard", hs_code="6109.10", origin="CN") for sku in ("A", "B")
}
LIMITS = {"NO": ("NOK", "VOEC", Decimal(3000)), "SG": ("SGD", "SG", Decimal(400)),
          "NZ": ("NZD", "NZ", Decimal(1000))}  # fmt: skip


def _quote(country: str, registration: str, *prices: str, currency: str) -> Quote:
    cart = Cart([
        CartLine(sku, Money(price, currency), 1)
        for sku, price in zip(("A", "B"), prices, strict=False)
    ])  # fmt: skip
    context = CheckoutContext(
        Seller("US", {registration}), Buyer(country), at=AT, prices_include_tax=False,
        products=PRODUCTS, tariffs=TARIFF, transport_mode="air",
    )  # fmt: skip
    return quote(cart, context)


def test_a_voec_item_beside_one_over_the_limit_is_refused_by_name() -> None:
    """NOK 500 and NOK 3,500 T-shirts from a VOEC seller: the NOK 500 one is VOEC goods
    (NOK 125.00 VAT at sale, no duty), the other is imported (duty 10.7% = 374.50,
    import VAT 25% of 3,874.50 = 968.63). The quote charged duty on both (53.50 on the
    NOK 500 shirt) and import VAT on both at the border: a total of NOK 5,535.00
    instead of 5,468.13. It is refused, naming the per-item rule and the split."""
    with pytest.raises(MissingDataError) as refused:
        _quote("NO", "VOEC", "500.00", "3500.00", currency="NOK")
    assert refused.value.field == "cart.lines"
    message = str(refused.value)
    assert "500.00 NOK" in message
    assert "3500.00 NOK" in message
    assert "each item" in message
    assert "skatteetaten.no" in message


@pytest.mark.parametrize(
    ("prices", "regime", "tax", "collected"),
    [
        # each under NOK 3,000: 25% VAT at sale, 125.00 + 750.00 (749.9975 half up)
        (("500.00", "2999.99"), Regime.LOW_VALUE_AT_SALE, "875.00", "0.00"),
        # each at or over: duty 3,000.00 x 10.7% = 321.00, VAT 3,321.00 x 25% = 830.25;
        # 3,500.00 x 10.7% = 374.50, 3,874.50 x 25% = 968.63 (968.625 half up)
        (("3000.00", "3500.00"), Regime.IMPORT, "0.00", "2494.38"),
    ],
)
def test_voec_orders_whose_items_agree_are_quoted(
    prices: tuple[str, str], regime: Regime, tax: str, collected: str
) -> None:
    """Either side of NOK 3,000 for every item: VOEC at sale, or the border for all."""
    result = _quote("NO", "VOEC", *prices, currency="NOK")
    assert result.decision.regime is regime
    assert result.tax == Money(tax, "NOK")
    assert result.collected_border_charges == Money(collected, "NOK")


@pytest.mark.parametrize("country", ["SG", "NZ"])
def test_other_per_item_limits_refuse_a_mixed_order(country: str) -> None:
    currency, registration, limit = LIMITS[country]
    with pytest.raises(MissingDataError) as refused:
        _quote(country, registration, "10.00", str(limit + 1), currency=currency)
    assert refused.value.field == "cart.lines"


def test_australia_taxes_a_consignment_over_its_limit_at_the_border() -> None:
    """AUD 500 and AUD 1,100 in one consignment over AUD 1,000: the border taxes both
    (the ATO's page above); 1,600 x 10.7% = 171.20 duty, (1,771.20) x 10% = 177.12
    GST (53.50 + 117.70 duty; 55.35 + 121.77 GST per item)."""
    result = _quote("AU", "AU", "500.00", "1100.00", currency="AUD")
    assert result.decision.regime is Regime.IMPORT
    assert result.collected_border_charges == Money("348.32", "AUD")


def test_decide_refuses_the_mixed_sale_at_its_lines() -> None:
    sale = Sale(
        Seller("US", {"VOEC"}), Buyer("NO"), "goods", Money("4000.00", "NOK"),
        lines=(SaleLine(Money("500.00", "NOK"), excise="none"),
               SaleLine(Money("3500.00", "NOK"), excise="none")),
    )  # fmt: skip
    with pytest.raises(MissingDataError) as refused:
        decide(sale, on=AT.date())
    assert refused.value.field == "sale.lines"


@given(
    st.lists(st.integers(min_value=1, max_value=600_000), min_size=1, max_size=4),
    st.sampled_from(sorted(LIMITS)),
)
def test_every_item_is_judged_by_its_own_value(cents: list[int], country: str) -> None:
    """Whatever a per-item regime decides holds for every item: at sale only when each
    is within the limit, at the border only when none is (otherwise refused)."""
    currency, registration, limit = LIMITS[country]
    lines = [
        SaleLine(Money(Decimal(cent).scaleb(-2), currency), excise="none") for cent in cents
    ]  # fmt: skip
    total = sum((line.value.amount for line in lines), Decimal(0))
    sale = Sale(
        Seller("US", {registration}), Buyer(country), "goods", Money(total, currency),
        lines=tuple(lines), transport_mode="air",
    )  # fmt: skip
    within = [
        line.value.amount < limit if country == "NO" else line.value.amount <= limit
        for line in lines
    ]
    try:
        regime = decide(sale, on=AT.date()).regime
    except MissingDataError as refused:
        field = refused.field
        assert field == "sale.lines"
        assert any(within)
        assert not all(within)
        return
    if regime is Regime.LOW_VALUE_AT_SALE:
        assert all(within)
    else:
        assert not any(within)


def test_the_command_line_names_the_cart_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def line(sku: str, amount: str) -> dict[str, object]:
        return {"sku": sku, "unit_price": {"amount": amount, "currency": "NOK"},
                "quantity": 1}  # fmt: skip

    shirt = {"tax_category": "standard", "hs_code": "6109.10", "origin": "CN"}
    request = {
        "cart": {"lines": [line("A", "500.00"), line("B", "3500.00")]},
        "seller": {"country": "US", "registrations": ["VOEC"]},
        "buyer": {"country": "NO"},
        "at": "2026-11-26T12:00:00Z",
        "prices_include_tax": False,
        "products": {"A": shirt, "B": shirt},
        "tariff": {"name": "mine", "rows": [{
            "destination": "NO", "heading": "6109.10", "rate": "10.7",
            "since": "2020-01-01", "until": None, "source": SOURCE}]},
    }  # fmt: skip
    path = tmp_path / "cart.json"
    path.write_text(json.dumps(request), encoding="utf-8")
    assert main(["quote", str(path)], out=io.StringIO()) == 2
    assert capsys.readouterr().err.startswith("commercekit: cart.lines: missing a sale")
