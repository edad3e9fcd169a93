"""Excise goods in the low-value import regimes: each regime leaves out the goods its law
names, and those are taxed at the border (tax._excise, tax._jurisdictions._excluded).

Sources: Directive 2006/112/EC Art. 369l ("except products subject to excise duty");
GOV.UK, "Tax and customs for goods sent from abroad" (excise goods); GST Act 1999 (AU)
s 84-79(3)(b); GST Act 1985 (NZ) s 4B(1)(b); Norwegian Customs, "The VOEC scheme";
Singapore Customs, "Courier / Postal Procedures" (dutiable goods).
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commercekit.checkout import CheckoutContext, Product, quote
from commercekit.cli import main
from commercekit.errors import InvalidInputError, MissingDataError
from commercekit.money import Money
from commercekit.pricing import Cart, CartLine
from commercekit.shipping import DutyRate, Item, Shipment, TariffTable, landed_cost
from commercekit.tax import (
    Buyer,
    Collector,
    ExciseKind,
    Regime,
    Sale,
    SaleLine,
    Seller,
    decide,
    excise_kind,
    validate_tax_id,
)
from commercekit.tax._jurisdictions._excluded import EXCLUDED

ON = date(2026, 3, 2)
AT = datetime(2026, 3, 2, 12, tzinfo=UTC)
WINE, WHISKY, CIGARETTES, SHIRT = "2204.21", "2208.30", "2402.20", "6109.10"
_AT_SALE = {Regime.IOSS, Regime.LOW_VALUE_AT_SALE, Regime.NOT_COLLECTED}


def _decide(
    country: str, price: str, currency: str, regs: set[str], **kw: object
) -> object:
    sale = Sale(
        Seller("US", registrations=regs), Buyer(country), "goods", Money(price, currency),
        transport_mode="air", **kw,  # type: ignore[arg-type]
    )  # fmt: skip
    return decide(sale, on=ON)


def test_a_eur_30_wine_is_no_ioss_sale_and_a_eur_30_shirt_is() -> None:
    """Art. 369l: the IOSS covers goods "except products subject to excise duty"."""
    wine = _decide("DE", "30.00", "EUR", {"IOSS"}, hs_code=WINE)
    assert wine.regime is Regime.IMPORT
    assert wine.collected_by is Collector.IMPORTER
    assert not wine.charged_at_checkout
    assert "Art. 369l" in wine.rules[-1].text
    assert "alcohol (HS 2204.21)" in wine.rules[-1].text
    shirt = _decide("DE", "30.00", "EUR", {"IOSS"}, hs_code=SHIRT)
    assert shirt.regime is Regime.IOSS
    assert [rate.rate for rate in shirt.rates] == [Decimal(19)]
    # Through a marketplace (deemed supplier, Art. 14a(1)) the same.
    via = _decide("DE", "30.00", "EUR", set(), hs_code=WINE, marketplace="Shop Ltd")
    assert via.regime is Regime.IMPORT


def test_a_gbp_50_whisky_pays_import_vat_and_a_shirt_vat_at_sale() -> None:
    whisky = _decide("GB", "50.00", "GBP", {"GB"}, excise="alcohol")
    assert whisky.regime is Regime.IMPORT
    assert "excise goods" in whisky.rules[-1].text
    shirt = _decide("GB", "50.00", "GBP", {"GB"}, category="clothing")
    assert shirt.regime is Regime.LOW_VALUE_AT_SALE
    assert [rate.rate for rate in shirt.rates] == [Decimal(20)]


def test_whisky_to_a_uk_business_is_imported_not_reverse_charged() -> None:
    buyer = Buyer("GB", tax_id=validate_tax_id("GB980780684"))
    sale = Sale(Seller("US"), buyer, "goods", Money("50.00", "GBP"), hs_code=WHISKY)
    assert decide(sale, on=ON).regime is Regime.IMPORT
    shirt = Sale(Seller("US"), buyer, "goods", Money("50.00", "GBP"), hs_code=SHIRT)
    assert decide(shirt, on=ON).regime is Regime.REVERSE_CHARGE


@pytest.mark.parametrize(
    ("registered", "shirt_regime"), [(True, "low_value_at_sale"), (False, "not_collected")]
)
def test_an_aud_100_wine_is_taxed_at_the_border(
    registered: bool, shirt_regime: str
) -> None:
    """GST Act 1999 s 84-79(3)(b): not "tobacco, tobacco products or alcoholic
    beverages"; neither are they free at the border (unregistered seller)."""
    regs = {"AU"} if registered else set()
    assert _decide("AU", "100.00", "AUD", regs, hs_code=WINE).regime is Regime.IMPORT
    assert _decide("AU", "100.00", "AUD", regs, hs_code=SHIRT).regime.value == shirt_regime


def test_nz_cigarettes_and_sg_petrol_are_imported() -> None:
    assert (
        _decide("NZ", "100.00", "NZD", {"NZ"}, hs_code=CIGARETTES).regime is Regime.IMPORT
    )
    petrol = _decide("SG", "50.00", "SGD", {"SG"}, excise="energy_products")
    assert petrol.regime is Regime.IMPORT
    assert "dutiable goods" in petrol.rules[-1].text
    scooter = _decide("SG", "300.00", "SGD", {"SG"}, category="motorcycles")
    assert scooter.regime is Regime.IMPORT


def test_voec_leaves_out_foodstuffs_as_well() -> None:
    food = _decide("NO", "200.00", "NOK", {"VOEC"}, category="food")
    assert food.regime is Regime.IMPORT
    assert "category food" in food.rules[-1].text
    shirt = _decide("NO", "200.00", "NOK", {"VOEC"}, hs_code=SHIRT)
    assert shirt.regime is Regime.LOW_VALUE_AT_SALE


def test_a_stated_kind_and_a_code_that_disagree_are_refused_naming_both() -> None:
    with pytest.raises(InvalidInputError) as refused:
        SaleLine(Money("30.00", "EUR"), excise="none", hs_code=WHISKY)
    assert refused.value.field == "excise"
    assert "'none'" in str(refused.value)
    assert "2208.30" in str(refused.value)
    with pytest.raises(InvalidInputError):
        SaleLine(Money("30.00", "EUR"), category="clothing", hs_code=WINE)
    assert (
        SaleLine(Money("30.00", "EUR"), excise="alcohol", hs_code=WINE).kind
        is ExciseKind.ALCOHOL
    )


def test_an_open_kind_is_refused_where_an_excluding_regime_would_apply() -> None:
    lines = (
        SaleLine(Money("10.00", "EUR"), hs_code=SHIRT),
        SaleLine(Money("20.00", "EUR")),
    )
    with pytest.raises(MissingDataError) as refused:
        _decide("DE", "30.00", "EUR", {"IOSS"}, lines=lines)
    assert refused.value.field == "sale.lines[1].excise"
    assert "Art. 369l" in str(refused.value)
    assert '"hs_code"' in (refused.value.json_how or "")
    # Over EUR 150 the IOSS does not apply: nothing to ask.
    assert _decide("DE", "200.00", "EUR", {"IOSS"}).regime is Regime.IMPORT


def test_wine_beside_a_shirt_is_refused_as_one_sale() -> None:
    lines = (
        SaleLine(Money("10.00", "EUR"), hs_code=SHIRT),
        SaleLine(Money("20.00", "EUR"), hs_code=WINE),
    )
    with pytest.raises(MissingDataError) as refused:
        _decide("DE", "30.00", "EUR", {"IOSS"}, lines=lines)
    assert refused.value.field == "sale.lines"
    assert "two sales" in str(refused.value)


def test_headings_read_as_kinds() -> None:
    assert excise_kind(None, "2203.00", "standard") is ExciseKind.ALCOHOL
    assert excise_kind(None, "2202.91", "standard") is ExciseKind.NONE  # alcohol-free beer
    assert excise_kind(None, "3303.00", "standard") is ExciseKind.PERFUMES
    assert excise_kind(None, "2710.12", "standard") is ExciseKind.ENERGY_PRODUCTS
    assert excise_kind(None, "2404.12", "standard") is None  # tobacco or not: say it
    assert excise_kind(None, "8703.23", "motor_cars") is ExciseKind.MOTOR_VEHICLES


_REGIMES = {
    "DE": ("EUR", "IOSS", "EU"),
    "GB": ("GBP", "GB", "GB"),
    "AU": ("AUD", "AU", "AU"),
}
_REGIMES |= {
    "NZ": ("NZD", "NZ", "NZ"),
    "NO": ("NOK", "VOEC", "NO"),
    "SG": ("SGD", "SG", "SG"),
}


@given(
    st.sampled_from(sorted(_REGIMES)),
    st.lists(st.sampled_from(list(ExciseKind)), min_size=1, max_size=4),
    st.booleans(),
)
def test_no_regime_covers_a_line_of_a_kind_it_excludes(
    country: str, kinds: list[ExciseKind], registered: bool
) -> None:
    """A decision never applies an excluding regime to a line of an excluded kind."""
    currency, registration, code = _REGIMES[country]
    lines = tuple(SaleLine(Money("10.00", currency), excise=kind) for kind in kinds)
    total = Money(Decimal(10 * len(kinds)), currency)
    sale = Sale(
        Seller("US", {registration} if registered else set()), Buyer(country), "goods",
        total, lines=lines, transport_mode="air",
    )  # fmt: skip
    out = [kind in EXCLUDED[code].kinds for kind in kinds]
    try:
        regime = decide(sale, on=ON).regime
    except MissingDataError as refused:
        field = refused.field
        assert field == "sale.lines"
        assert any(out)
        assert not all(out)
        return
    if any(out):
        assert regime not in _AT_SALE
        assert regime is Regime.IMPORT


def test_the_json_request_names_the_product_of_a_wrong_or_missing_kind(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    example = Path(__file__).parents[1] / "src/commercekit/examples/nl-to-gb-consumer.json"
    request = json.loads(example.read_text())
    sku = next(iter(request["products"]))
    request["products"][sku]["excise"] = "beer"
    (tmp_path / "wrong.json").write_text(json.dumps(request))
    assert main(["quote", str(tmp_path / "wrong.json")]) != 0
    assert f"products['{sku}'].excise" in capsys.readouterr().err
    del request["products"][sku]["excise"], request["products"][sku]["hs_code"]
    (tmp_path / "open.json").write_text(json.dumps(request))
    assert main(["quote", str(tmp_path / "open.json")]) != 0
    said = capsys.readouterr().err
    assert f"products['{sku}'].excise" in said
    assert 'write the product\'s "excise"' in said


# At the border: reliefs leave out the goods their laws name; excise duty is not bundled.

EXAMPLE_TARIFF = TariffTable(
    [
        DutyRate("EU", "3303", "10", date(2020, 1, 1), None, "https://example.test/t"),
        DutyRate("EU", "2204", "0", date(2020, 1, 1), None, "https://example.test/t"),
    ],
    name="example rates, not the Common Customs Tariff's",
)


def test_the_eu_duty_relief_does_not_cover_perfume() -> None:
    """Regulation (EC) No 1186/2009 Art. 24: no relief for perfumes and toilet waters.
    EUR 40.00 at a 10% example rate: duty 4.00, import VAT 19% of 44.00 = 8.36 (was:
    relieved, duty 0.00 and VAT 7.60)."""
    scent = Item("eau de toilette", Money("40.00", "EUR"), hs_code="3303.00", origin="US")
    cost = landed_cost(
        Shipment((scent,), destination="DE"), incoterm="DDP", on=ON, tariffs=EXAMPLE_TARIFF
    )
    assert (cost.duty, cost.import_tax) == (Money("4.00", "EUR"), Money("8.36", "EUR"))
    assert any("1186/2009 Art. 24" in line for line in cost.explanation)
    shirt = Item("T-shirt", Money("40.00", "EUR"), hs_code=SHIRT, origin="US")
    relieved = landed_cost(Shipment((shirt,), destination="DE"), incoterm="DDP", on=ON)
    assert relieved.duty == Money("0.00", "EUR")
    with pytest.raises(MissingDataError) as mixed:
        landed_cost(
            Shipment((shirt, scent), destination="DE"), incoterm="DDP", on=ON,
            tariffs=EXAMPLE_TARIFF,
        )  # fmt: skip
    assert mixed.value.field == "shipment.items"


def test_a_landed_cost_of_wine_is_refused_or_says_it_lacks_the_excise_duty() -> None:
    wine = Item("Rioja", Money("40.00", "EUR"), hs_code=WINE, origin="US")
    shipment = Shipment((wine,), destination="DE")
    with pytest.raises(MissingDataError, match=r"the excise duty on alcohol \('Rioja'\)"):
        landed_cost(shipment, incoterm="DDP", on=ON, tariffs=EXAMPLE_TARIFF)
    cost = landed_cost(
        shipment, incoterm="DDP", on=ON, tariffs=EXAMPLE_TARIFF, without_excise=True
    )
    # Before 2026-07-01 no relief for wine either: 0% example duty, 19% of 40.00.
    assert (cost.duty, cost.import_tax) == (Money("0.00", "EUR"), Money("7.60", "EUR"))
    assert cost.lacks == ("the excise duty on alcohol ('Rioja') into DE",)


def test_an_item_whose_kind_nothing_says_is_refused_at_the_border() -> None:
    thing = Item("thing", Money("15.00", "CAD"), origin="US")
    shipment = Shipment((thing,), destination="CA", subdivision="CA-ON", channel="post")
    with pytest.raises(MissingDataError) as refused:
        landed_cost(shipment, incoterm="DAP", on=ON)
    assert refused.value.field == "shipment.items[0].excise"
    stated = Item("thing", Money("15.00", "CAD"), origin="US", excise="none")
    cost = landed_cost(
        Shipment((stated,), destination="CA", subdivision="CA-ON", channel="post"),
        incoterm="DAP", on=ON,
    )  # fmt: skip
    assert cost.charges == Money("0.00", "CAD")  # CAD 20 by post: relieved


def _wine_quote(*, partial: bool) -> object:
    context = CheckoutContext(
        Seller("US"), Buyer("DE"), at=datetime(2026, 3, 2, 12, tzinfo=UTC),
        prices_include_tax=False, tariffs=EXAMPLE_TARIFF, partial=partial,
        products={"RIOJA": Product("RIOJA", "standard", hs_code=WINE, origin="US")},
    )  # fmt: skip
    return quote(Cart([CartLine("RIOJA", Money("40.00", "EUR"), 1)]), context)


def test_a_ddp_quote_of_wine_names_the_excise_duty_it_lacks() -> None:
    with pytest.raises(MissingDataError, match="excise duty on alcohol"):
        _wine_quote(partial=False)
    partial = _wine_quote(partial=True)
    assert "border charges: the excise duty on alcohol ('RIOJA') into DE" in (
        partial.missing  # type: ignore[attr-defined]
    )
    assert partial.collected_border_charges == Money("7.60", "EUR")  # type: ignore[attr-defined]


def test_a_quote_names_the_product_whose_kind_nothing_says() -> None:
    context = CheckoutContext(
        Seller("US", {"IOSS"}), Buyer("DE"), at=datetime(2026, 3, 2, 12, tzinfo=UTC),
        prices_include_tax=False, products={"MUG": Product("MUG", "standard", origin="US")},
    )  # fmt: skip
    with pytest.raises(MissingDataError) as refused:
        quote(Cart([CartLine("MUG", Money("12.00", "EUR"), 1)]), context)
    assert refused.value.field == "products['MUG'].excise"


_HEADINGS = (WINE, WHISKY, CIGARETTES, SHIRT, "2710.19", "3303.00", "8711.20", "6403.99")
_QUOTED = {"DE": "EU", "GB": "GB", "AU": "AU", "NZ": "NZ", "NO": "NO", "SG": "SG"}


@given(
    st.sampled_from(sorted(_QUOTED)),
    st.lists(st.sampled_from(_HEADINGS), min_size=1, max_size=3, unique=True),
)
def test_a_carts_decision_never_applies_an_excluding_regime_to_an_excluded_line(
    country: str, headings: list[str]
) -> None:
    """quote(): where a line's kind is one its regime excludes, nothing is taxed at
    sale under that regime (or the cart is refused as one sale)."""
    currency, registration, _ = _REGIMES[country]
    code = _QUOTED[country]
    products = {h: Product(h, "standard", hs_code=h, origin="US") for h in headings}
    context = CheckoutContext(
        Seller("US", {registration}), Buyer(country), at=AT, prices_include_tax=False,
        products=products, partial=True, transport_mode="air",
    )  # fmt: skip
    cart = Cart([CartLine(h, Money("10.00", currency), 1) for h in headings])
    out = [excise_kind(None, h, "standard") in EXCLUDED[code].kinds for h in headings]
    try:
        decided = quote(cart, context).decision
    except MissingDataError as refused:
        field = refused.field
        assert field == "cart.lines"
        assert any(out)
        assert not all(out)
        return
    if any(out):
        assert decided.regime is Regime.IMPORT
    else:
        assert decided.regime in _AT_SALE


def test_a_quote_of_perfume_beside_a_shirt_is_refused_at_its_lines() -> None:
    """The EU duty relief (until 2026-06-30) covers the shirt and not the perfume."""
    products = {
        "TEE": Product("TEE", "clothing", hs_code=SHIRT, origin="US"),
        "EDT": Product("EDT", "standard", hs_code="3303.00", origin="US"),
    }
    context = CheckoutContext(
        Seller("US"), Buyer("DE"), at=AT, prices_include_tax=False, products=products,
        tariffs=EXAMPLE_TARIFF,
    )  # fmt: skip
    cart = Cart([CartLine(sku, Money("20.00", "EUR"), 1) for sku in products])
    with pytest.raises(MissingDataError) as refused:
        quote(cart, context)
    assert refused.value.field == "cart.lines"
    assert "1186/2009 Art. 24" in str(refused.value)
