"""The quote outside the bundled scenarios: each kind of fault, with worked figures.

Every limit is measured on the value its law names and tested on both sides; missing
data raises naming what is missing; places come from one answer (``place_of``); every
item is taxed at its own category; each figure is computed once.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import attrs
import pytest

from commercekit.checkout import CheckoutContext, Product, Quote, quote
from commercekit.errors import (
    CommerceKitError,
    FutureRatesError,
    InvalidAmountError,
    MissingDataError,
    NoRuleError,
    UnknownCountryError,
)
from commercekit.money import Money, RateTable
from commercekit.pricing import Cart, CartLine
from commercekit.regions import customs_border, place_of
from commercekit.shipping import (
    Item,
    Parcel,
    Shipment,
    ShippingOption,
    example_rate_cards,
    landed_cost,
)
from commercekit.tax import (
    Buyer,
    Collector,
    Regime,
    Sale,
    SaleLine,
    Seller,
    TaxId,
    Verification,
    VerificationLevel,
    decide,
    validate_tax_id,
)
from tests.quote_data import RATES, StatedTariff

D = Decimal
AT = datetime(2026, 11, 26, 12, tzinfo=UTC)
TODAY = AT.date()


def product(sku: str, category: str = "standard", **facts: object) -> Product:
    return Product(sku, category, **facts)  # type: ignore[arg-type]


def one(
    sku: str,
    price: str,
    currency: str,
    quantity: int,
    seller: Seller,
    buyer: Buyer,
    products: dict[str, Product],
    **context: object,
) -> Quote:
    cart = Cart([CartLine(sku, Money(price, currency), quantity)])
    defaults: dict[str, object] = {"prices_include_tax": True, "exchange_rates": RATES}
    defaults.update(context)
    return quote(cart, CheckoutContext(seller, buyer, at=AT, products=products, **defaults))  # type: ignore[arg-type]


JACKET = {"JACKET": product("JACKET", hs_code="6201.40", origin="CN")}


# 1. Limits measured on the value the law names ------------------------------------


def test_a_gbp_150_jacket_with_uk_vat_inside_is_a_gbp_125_consignment() -> None:
    # VATA 1994 s. 5A: the GBP 135 limit is on the consignment's value without the VAT
    # charged at sale. 150.00 x 20/120 = 25.00 VAT; 125.00 is not over 135: UK VAT at
    # sale, no duty (GBP 135 relief), no import VAT, no tariff asked (none given).
    result = one("JACKET", "150.00", "GBP", 1, Seller("NL", {"GB"}), Buyer("GB"), JACKET)
    assert result.decision.regime is Regime.LOW_VALUE_AT_SALE
    assert (result.tax, result.grand_total) == (
        Money("25.00", "GBP"),
        Money("150.00", "GBP"),
    )
    assert result.landed is not None
    assert (result.landed.duty, result.landed.import_tax) == (
        Money("0.00", "GBP"),
        Money("0.00", "GBP"),
    )
    assert result.collected_border_charges == Money("0.00", "GBP")


@pytest.mark.parametrize(
    ("gross", "regime"),
    [("162.00", Regime.LOW_VALUE_AT_SALE), ("162.01", Regime.IMPORT)],
)
def test_gbp_135_on_both_sides(gross: str, regime: Regime) -> None:
    # 162.00 x 100/120 = 135.00, not over GBP 135; 162.01 -> 135.01 (135.0083...,
    # VAT 27.00 taken out line by line), over it.
    tariff = StatedTariff({"6201.40": "12"})
    result = one(
        "JACKET", gross, "GBP", 1, Seller("NL", {"GB"}), Buyer("GB"), JACKET, tariffs=tariff
    )
    assert result.decision.regime is regime


@pytest.mark.parametrize(
    ("net_eur", "regime"),
    # GBP 135 / 0.84 = 160.714 EUR: 160.71 EUR is 134.9964 GBP; 160.72 EUR is
    # 135.0048 GBP, over the limit, although it rounds to 135.00 (the same answer from
    # the decision and from the landed cost's duty relief: no VAT at sale with duty).
    [("160.71", Regime.LOW_VALUE_AT_SALE), ("160.72", Regime.IMPORT)],
)
def test_a_limit_in_another_currency_is_compared_unrounded(
    net_eur: str, regime: Regime
) -> None:
    tariff = StatedTariff({"6201.40": "12"})
    result = one("JACKET", net_eur, "EUR", 1, Seller("DE", {"GB"}), Buyer("GB"), JACKET,
                 prices_include_tax=False, tariffs=tariff)  # fmt: skip
    assert result.decision.regime is regime
    assert result.landed is not None
    at_sale = regime is Regime.LOW_VALUE_AT_SALE
    assert (result.landed.duty == Money("0.00", "EUR")) is at_sale
    assert (result.tax == Money("0.00", "EUR")) is not at_sale


def test_voec_is_per_item() -> None:
    # 3 jackets at EUR 100 incl. 25 % VAT: each item 80.00 EUR = 936.00 NOK, under NOK
    # 3,000 (the cart would be 2,808 NOK without VAT, 3,510 with it). VAT at sale under
    # VOEC; the goods are free of duty (Customs Act s. 5-9), so no tariff is asked.
    result = one("JACKET", "100.00", "EUR", 3, Seller("NL", {"VOEC"}), Buyer("NO"), JACKET)
    assert result.decision.regime is Regime.LOW_VALUE_AT_SALE
    assert any("an item of 936.00 NOK" in rule.text for rule in result.decision.rules)
    assert result.grand_total == Money("300.00", "EUR")
    assert result.landed is not None
    assert result.landed.duty == Money("0.00", "EUR")
    assert result.landed.import_tax == Money("0.00", "EUR")


@pytest.mark.parametrize(
    ("net_eur", "regime"),
    # NOK 3,000 / 11.70 = 256.4103 EUR. 256.41 EUR = 2,999.997 NOK, under the limit;
    # 256.42 EUR = 3,000.114 NOK, at or above it: import. Compared unrounded: rounding
    # 2,999.997 to 3,000.00 first would carry it across the limit.
    [("256.41", Regime.LOW_VALUE_AT_SALE), ("256.42", Regime.IMPORT)],
)
def test_voec_on_both_sides(net_eur: str, regime: Regime) -> None:
    result = one(
        "JACKET",
        net_eur,
        "EUR",
        2,
        Seller("NL", {"VOEC"}),
        Buyer("NO"),
        JACKET,
        prices_include_tax=False,
        tariffs=StatedTariff({"6201.40": "0"}),
    )
    assert result.decision.regime is regime


@pytest.mark.parametrize(
    ("country", "unit", "currency", "units", "regime"),
    [
        ("AU", "1000.00", "AUD", 1, Regime.LOW_VALUE_AT_SALE),
        ("AU", "1000.01", "AUD", 1, Regime.IMPORT),
        # Australia taxes a consignment over AUD 1,000 at the border, every item in it
        # (ATO, "GST on low value imported goods"; tests/test_border_limit_values.py).
        ("AU", "1000.00", "AUD", 2, Regime.IMPORT),
        ("NZ", "1000.00", "NZD", 2, Regime.LOW_VALUE_AT_SALE),
        ("NZ", "1000.01", "NZD", 2, Regime.IMPORT),
        ("SG", "400.00", "SGD", 2, Regime.LOW_VALUE_AT_SALE),
        ("SG", "400.01", "SGD", 2, Regime.IMPORT),
    ],
)
def test_per_item_limits_on_both_sides(
    country: str, unit: str, currency: str, units: int, regime: Regime
) -> None:
    # Two units of the same value: the cart is twice the limit, each item is what counts
    # (but in Australia, whose border judges the consignment).
    sale = Sale(
        Seller("DE", {country}),
        Buyer(country),
        "goods",
        Money(unit, currency) * units,
        lines=(SaleLine(Money(unit, currency) * units, units, excise="none"),),
        transport_mode="air",  # Singapore's regime is for goods by air or post
    )
    assert decide(sale, on=TODAY).regime is regime


@pytest.mark.parametrize(
    ("gross", "regime"), [("181.50", Regime.IOSS), ("181.51", Regime.IMPORT)]
)
def test_eur_150_is_without_vat(gross: str, regime: Regime) -> None:
    # Art. 369l: intrinsic value without VAT. 181.50 incl. 21 % NL VAT = 150.00 (IOSS);
    # 181.51 -> 150.01, over EUR 150: import.
    sale = Sale(
        Seller("US", {"IOSS"}),
        Buyer("NL"),
        "goods",
        Money(gross, "EUR"),
        lines=(SaleLine(Money(gross, "EUR"), excise="none"),),
        prices_include_tax=True,
    )
    assert decide(sale, on=TODAY).regime is regime


# 2. Missing or contradictory data is never a silent default --------------------------


def test_a_heading_missing_from_the_tariff_raises_or_is_listed() -> None:
    # A US seller's EUR 400 lamp into Germany, DDP. Without a duty rate nothing can be
    # charged at the border (import VAT is on customs value + duty).
    lamp = {"LAMP": product("LAMP", hs_code="9405.11", origin="US")}
    args = ("LAMP", "400.00", "EUR", 1, Seller("US"), Buyer("DE"), lamp)
    with pytest.raises(NoRuleError, match=r"9405\.11"):
        one(*args, prices_include_tax=False, tariffs=StatedTariff())
    with pytest.raises(MissingDataError, match=r"duty rate for 9405\.11"):
        one(*args, prices_include_tax=False)
    partial = one(*args, prices_include_tax=False, partial=True)
    assert partial.landed is None
    assert len(partial.missing) == 1
    assert "9405.11" in partial.missing[0]
    # With the rate (3.7 %, say), the 19 % import VAT is there: 400 + 14.80 = 414.80;
    # x 19 % = 78.81.
    full = one(*args, prices_include_tax=False, tariffs=StatedTariff({"9405.11": "3.7"}))
    assert full.landed is not None
    assert (full.landed.duty, full.landed.import_tax) == (
        Money("14.80", "EUR"),
        Money("78.81", "EUR"),
    )
    assert full.missing == ()


def test_missing_product_facts_raise() -> None:
    cart = Cart([CartLine("BOOK", Money("20.00", "EUR"), 1)])
    context = CheckoutContext(Seller("BE"), Buyer("BE"), at=AT, prices_include_tax=True)
    with pytest.raises(MissingDataError, match="product facts of 'BOOK'"):
        quote(cart, context)
    books = attrs.evolve(context, products={"BOOK": product("BOOK", "books")})
    assert quote(cart, books).lines[0].rates[0].rate == D(6)  # Belgian books, not 21 %
    with pytest.raises(MissingDataError, match="weight of 'BOOK'"):
        quote(cart, attrs.evolve(books, rate_cards=example_rate_cards()))


def test_origin_is_never_assumed() -> None:
    goods = {"TEE": product("TEE", hs_code="6109.10")}
    with pytest.raises(MissingDataError, match="country of origin of 'TEE'"):
        one(
            "TEE",
            "50.00",
            "EUR",
            1,
            Seller("NL"),
            Buyer("US"),
            goods,
            tariffs=StatedTariff(),
        )


def test_rate_cards_from_elsewhere_are_not_used() -> None:
    # The example cards ship from NL; a German shop's parcel is not priced on them.
    boxed = {"MUG": product("MUG", weight_kg=D("0.4"))}
    with pytest.raises(MissingDataError, match="rate cards for parcels from DE"):
        one("MUG", "10.00", "EUR", 1, Seller("DE"), Buyer("DE"), boxed,
            rate_cards=example_rate_cards())  # fmt: skip


def test_a_date_before_the_data_raises() -> None:
    mug = {"MUG": product("MUG")}
    cart = Cart([CartLine("MUG", Money("10.00", "EUR"), 1)])
    context = CheckoutContext(
        Seller("DE"),
        Buyer("DE"),
        at=datetime(1990, 1, 1, tzinfo=UTC),
        prices_include_tax=True,
        products=mug,
    )
    with pytest.raises(NoRuleError, match="DE standard rates on 1990-01-01"):
        quote(cart, context)


def test_exchange_rates_from_after_the_quote_are_refused() -> None:
    later = attrs.evolve(RATES, observed_at=datetime(2026, 11, 27, tzinfo=UTC))
    with pytest.raises(FutureRatesError, match="observed 2026-11-27"):
        one("JACKET", "100.00", "EUR", 1, Seller("NL", {"VOEC"}), Buyer("NO"), JACKET,
            exchange_rates=later)  # fmt: skip


def test_ebooks_are_electronic_services_by_law() -> None:
    with pytest.raises(InvalidAmountError, match="electronically supplied services"):
        Sale(Seller("NL"), Buyer("DE"), "services", Money("9.99", "EUR"), category="ebooks")
    shop = Seller("NL", {"OSS"}, eu_sales_this_year=Money("50000", "EUR"))
    sale = Sale(
        shop, Buyer("DE"), "electronic_services", Money("9.99", "EUR"), category="ebooks"
    )
    # TBE services above the EUR 10,000 threshold: where the consumer is (Art. 58), at
    # Germany's e-book rate.
    decision = decide(sale, on=TODAY)
    assert (decision.taxed_in, decision.rates[0].rate) == ("DE", D(7))
    with pytest.raises(InvalidAmountError, match="electronically supplied services"):
        one("EBOOK", "9.99", "EUR", 1, Seller("NL"), Buyer("DE"),
            {"EBOOK": product("EBOOK", "ebooks")})  # fmt: skip


def test_madeira_is_taxed_at_madeira_rates() -> None:
    # A German shop above the EUR 10,000 threshold, OSS: Portuguese VAT where the goods
    # arrive, which in Funchal is Madeira's 22 %, not the mainland's 23 %.
    shop = Seller("DE", {"OSS"}, eu_sales_this_year=Money("50000", "EUR"))
    funchal = one("MUG", "12.20", "EUR", 1, shop, Buyer("PT", postcode="9000-018"),
                  {"MUG": product("MUG")})  # fmt: skip
    lisbon = one("MUG", "12.30", "EUR", 1, shop, Buyer("PT", postcode="1100-148"),
                 {"MUG": product("MUG")})  # fmt: skip
    assert (funchal.decision.taxed_in, funchal.tax) == ("PT-30", Money("2.20", "EUR"))
    assert (lisbon.decision.taxed_in, lisbon.tax) == ("PT", Money("2.30", "EUR"))


# 3. One home for the rules about places -----------------------------------------------


def test_an_eu_shops_coat_to_belfast_is_an_eu_distance_sale() -> None:
    # Windsor Framework: goods from the EU to Northern Ireland are intra-EU supplies with
    # no customs; no GBP rate is needed.
    shop = Seller("NL", {"OSS"}, eu_sales_this_year=Money("50000", "EUR"))
    coat = {"COAT": product("COAT", hs_code="6201.40", origin="CN")}
    result = one("COAT", "120.00", "EUR", 1, shop, Buyer("GB", postcode="BT1 5GS"), coat,
                 exchange_rates=None)  # fmt: skip
    assert (result.decision.regime, result.decision.taxed_in) == (Regime.OSS_UNION, "XI")
    assert (result.tax, result.landed) == (Money("20.00", "EUR"), None)


def test_places_are_answered_in_one_place() -> None:
    belfast = place_of("GB", postcode="BT1 5GS", on=TODAY)
    london = place_of("GB", postcode="SW1A 1AA", on=TODAY)
    amsterdam = place_of("NL", on=TODAY)
    canaries = place_of("ES", postcode="35001", on=TODAY)
    madrid = place_of("ES", postcode="28001", on=TODAY)
    busingen = place_of("DE", postcode="78266", on=TODAY)
    assert (belfast.goods_jurisdiction, belfast.services_jurisdiction) == ("XI", "GB")
    assert not customs_border(amsterdam, belfast)
    assert not customs_border(london, belfast)
    assert customs_border(amsterdam, london)
    # The Canary Islands: outside EU VAT, inside EU customs.
    assert canaries.goods_jurisdiction == "ES-CN"
    assert not canaries.in_eu_vat_area_for_goods
    assert not customs_border(madrid, canaries)
    # Büsingen: Swiss VAT and customs.
    assert (busingen.goods_jurisdiction, busingen.customs_territory) == ("CH", "CH")
    # Before the Windsor Framework's day one, Belfast was simply in the EU.
    assert (
        place_of("GB", postcode="BT1 5GS", on=date(2020, 12, 31)).customs_territory == "EU"
    )
    # Campione d'Italia moved from the Swiss to the EU customs territory on 2020-01-01.
    campione = "22061"
    assert (
        place_of("IT", postcode=campione, on=date(2019, 12, 31)).customs_territory == "CH"
    )
    assert place_of("IT", postcode=campione, on=date(2020, 1, 1)).customs_territory == "EU"


def test_a_datetime_is_not_a_day() -> None:
    with pytest.raises(InvalidAmountError, match="is a datetime"):
        place_of("DE", on=AT)  # type: ignore[arg-type]


# 4. Per item, never "the first item" --------------------------------------------------


@pytest.mark.parametrize("book_first", [True, False])
def test_each_item_is_taxed_at_its_own_category(book_first: bool) -> None:
    # A EUR 200 book (7 %) and a EUR 200 T-shirt (19 %, 12 % duty) from the US into
    # Germany: 200 x 7 % = 14.00 and (200 + 24.00) x 19 % = 42.56; 56.56 in all.
    book = Item("book", Money("200.00", "EUR"), "4901.99", "US", category="books")
    shirt = Item("T-shirt", Money("200.00", "EUR"), "6109.10", "US")
    items = (book, shirt) if book_first else (shirt, book)
    tariff = StatedTariff({"4901.99": "0", "6109.10": "12"})
    cost = landed_cost(
        Shipment(items, destination="DE"), incoterm="DDP", on=TODAY, tariffs=tariff
    )
    by_item = {line.item.description: line.amount for line in cost.taxes}
    assert by_item == {"book": Money("14.00", "EUR"), "T-shirt": Money("42.56", "EUR")}
    assert cost.import_tax == Money("56.56", "EUR")


def test_the_decision_lists_every_lines_rate() -> None:
    sale = Sale(
        Seller("NL"),
        Buyer("NL"),
        "goods",
        Money("30.00", "EUR"),
        lines=(
            SaleLine(Money("10.00", "EUR"), 1, "books"),
            SaleLine(Money("20.00", "EUR"), 1, "standard"),
        ),
    )
    assert sorted(rate.rate for rate in decide(sale, on=TODAY).rates) == [D(9), D(21)]


# 5. One figure for each thing ---------------------------------------------------------


def test_swiss_import_vat_is_computed_once() -> None:
    # An unregistered German shop, CHF 40 T-shirt: the decision says import VAT at the
    # border and leaves the figure to the landed cost, which has it on goods, transport
    # and duty: 40.00 x 8.1 % = 3.24, not over CHF 5: not collected.
    tee = {"TEE": product("TEE", hs_code="6109.10", origin="PT")}
    free = StatedTariff({"6109.10": "0"})
    result = one("TEE", "40.00", "CHF", 1, Seller("DE"), Buyer("CH"), tee,
                 prices_include_tax=False, tariffs=free)  # fmt: skip
    assert result.decision.regime is Regime.IMPORT
    assert not any(
        "CHF" in rule.text and "3.24" in rule.text for rule in result.decision.rules
    )
    assert result.landed is not None
    assert result.landed.import_tax == Money("0.00", "CHF")
    assert any("3.24 CHF not collected" in line for line in result.landed.explanation)


def test_under_ioss_no_import_tax_is_computed() -> None:
    tee = {"TEE": product("TEE", hs_code="6109.10", origin="US")}
    result = one("TEE", "50.00", "EUR", 1, Seller("US", {"IOSS"}), Buyer("FR"), tee,
                 prices_include_tax=False)  # fmt: skip
    assert result.decision.regime is Regime.IOSS
    assert result.landed is not None
    assert result.landed.import_tax == Money("0.00", "EUR")
    assert result.landed.tax_base == result.landed.customs_value + result.landed.duty
    # EU flat duty of EUR 3 (Regulation (EU) 2026/382): collected under DDP.
    assert result.collected_border_charges == Money("3.00", "EUR")
    assert result.grand_total == Money("63.00", "EUR")  # 50.00 + 20 % VAT + 3.00


# 6. The quote takes the live data the parts take --------------------------------------


class Registry:
    """A tax-ID registry answering "not valid" for every number."""

    def verify(self, tax_id: object, *, at: datetime) -> Verification:
        assert isinstance(tax_id, TaxId)
        return Verification(
            tax_id,
            valid=False,
            level=VerificationLevel.REGISTRY,
            registry="VIES",
            checked_at=at,
        )


def test_a_number_the_registry_refuses_makes_a_consumer_sale() -> None:
    business = Buyer("FR", tax_id=validate_tax_id("FR40303265045"))
    shop = Seller("NL", {"OSS"}, eu_sales_this_year=Money("50000", "EUR"))
    mug = {"MUG": product("MUG")}
    trusted = one("MUG", "10.00", "EUR", 1, shop, business, mug, prices_include_tax=False)
    refused = one("MUG", "10.00", "EUR", 1, shop, business, mug, prices_include_tax=False,
                  tax_id_verifier=Registry())  # fmt: skip
    assert trusted.decision.regime is Regime.INTRA_COMMUNITY_SUPPLY
    assert refused.decision.regime is Regime.OSS_UNION
    assert refused.tax == Money("2.00", "EUR")
    assert "does not know" in refused.decision.rules[0].text


class LiveRates:
    """A plugin's exchange rates: the table known at the moment asked."""

    def __init__(self) -> None:
        self.asked: list[tuple[str, datetime]] = []

    def table(self, base: str, *, at: datetime) -> RateTable:
        self.asked.append((base, at))
        return RATES


class LiveCarrier:
    """A plugin's carrier: one service at a flat price, whatever the parcel."""

    def options(
        self, parcel: Parcel, country: str, postcode: str | None, *, on: date
    ) -> tuple[ShippingOption, ...]:
        card = attrs.evolve(example_rate_cards()[0], carrier="Live", service="Flat")
        return (ShippingOption(card, parcel.weight_kg, Money("9.00", "EUR"), (), (2, 4)),)


def test_the_quote_takes_live_rates_and_live_carriers() -> None:
    # Norway's VOEC limit is in NOK: the quote asks the plugin for the EUR table known at
    # the moment of the quote, and prices the parcel with the live carrier.
    live = LiveRates()
    result = one("JACKET", "100.00", "EUR", 1, Seller("NL", {"VOEC"}), Buyer("NO"),
                 {"JACKET": product("JACKET", hs_code="6201.40", origin="CN",
                                    weight_kg=D("1"))},
                 exchange_rates=None, exchange_rate_source=live,
                 shipping_rates=LiveCarrier())  # fmt: skip
    assert live.asked == [("EUR", AT)]
    assert result.shipping is not None
    assert (result.shipping.service, result.shipping.price) == (
        "Live Flat",
        Money("9.00", "EUR"),
    )


def test_islands_whose_rates_are_not_modelled_are_refused() -> None:
    # Lesvos is in GR-K: its rates are cut by 30 %, which the data does not hold; the
    # mainland's 24 % would be wrong, so the address is refused.
    with pytest.raises(MissingDataError, match=r"North Aegean islands \(GR-K\)"):
        place_of("GR", subdivision="GR-K", on=TODAY)
    assert (
        place_of("GR", subdivision="GR-I", on=TODAY).rates_jurisdiction(goods=True) == "GR"
    )


def test_a_uk_business_under_gbp_135_reverse_charges_and_pays_no_import_vat() -> None:
    # HMRC: consignments of GBP 135 or less to a VAT-registered business: no VAT at
    # sale, the business accounts for it by reverse charge, and no import VAT at the
    # border. The value is as shown (no VAT is charged to take out): 100 EUR = 84 GBP.
    business = Buyer("GB", tax_id=validate_tax_id("GB980780684"))
    result = one("JACKET", "100.00", "EUR", 1, Seller("DE", {"GB"}), business, JACKET,
                 prices_include_tax=True)  # fmt: skip
    assert result.decision.regime is Regime.REVERSE_CHARGE
    assert any("84.00 GBP" in rule.text for rule in result.decision.rules)
    assert result.landed is not None
    assert result.landed.import_tax == Money("0.00", "EUR")
    assert result.grand_total == Money("100.00", "EUR")


@pytest.mark.parametrize(
    ("seller", "buyer", "tax_id"),
    [
        (Seller("US", {"IOSS"}), "DE", "DE136695976"),
        (Seller("US", {"VOEC"}), "NO", "NO974760673MVA"),
    ],
)
def test_consumer_schemes_are_not_applied_to_businesses(
    seller: Seller, buyer: str, tax_id: str
) -> None:
    # IOSS covers distance sales (to non-taxable persons, Art. 14(4)(2), 369l); VOEC
    # buyers outside the VAT register: a business imports and deducts the import VAT.
    business = Buyer(buyer, tax_id=validate_tax_id(tax_id))
    sale = Sale(seller, business, "goods", Money("50.00", "EUR"), exchange_rates=RATES)
    decision = decide(sale, on=TODAY)
    assert (decision.regime, decision.rates, decision.cleared_under) == (
        Regime.IMPORT,
        (),
        None,
    )


def test_a_price_with_no_tax_charged_at_sale_is_measured_as_shown() -> None:
    # An unregistered US seller, an A$1,050 laptop "incl. GST" to an Australian
    # consumer: no GST is charged at sale, so the item is A$1,050 as paid (not 954.55),
    # over A$1,000: GST at the border.
    laptop = {"LAPTOP": product("LAPTOP", hs_code="8471.30", origin="CN")}
    result = one("LAPTOP", "1050.00", "AUD", 1, Seller("US"), Buyer("AU"), laptop,
                 tariffs=StatedTariff({"8471.30": "0"}))  # fmt: skip
    assert result.decision.regime is Regime.IMPORT
    assert any("an item of 1050.00 AUD" in rule.text for rule in result.decision.rules)
    assert result.landed is not None
    assert result.landed.import_tax == Money("105.00", "AUD")


def test_canada_refuses_unknown_provinces_and_relieves_small_courier_parcels() -> None:
    tee = {"TEE": product("TEE", hs_code="6109.10", origin="PT")}
    with pytest.raises(UnknownCountryError, match="not an ISO 3166-2 subdivision of CA"):
        one("TEE", "100.00", "CAD", 1, Seller("CA"), Buyer("CA", subdivision="CA-PQ"), tee)
    # Courier Imports Remission Order: from a country other than the US or Mexico, CAD
    # 20 or less enters free of duty and tax (EUR 10 = CAD 14.50 at 1.45).
    ontario, tariff = Buyer("CA", subdivision="CA-ON"), StatedTariff({"6109.10": "18"})
    small = one("TEE", "10.00", "EUR", 1, Seller("DE"), ontario, tee,
                prices_include_tax=False, tariffs=tariff)  # fmt: skip
    assert small.landed is not None
    assert small.landed.charges == Money("0.00", "EUR")
    # EUR 20 = CAD 29.00, over CAD 20: duty 18 % = 3.60, HST 13 % on 23.60 = 3.07.
    over = one("TEE", "20.00", "EUR", 1, Seller("DE"), ontario, tee,
               prices_include_tax=False, tariffs=tariff)  # fmt: skip
    assert over.landed is not None
    assert (over.landed.duty, over.landed.import_tax) == (
        Money("3.60", "EUR"),
        Money("3.07", "EUR"),
    )


@pytest.mark.parametrize(
    ("country", "article"), [("DE", "Art. 14a(2)"), ("GB", "VATA 1994 s. 5A")]
)
def test_a_marketplace_is_the_deemed_supplier_of_goods_already_in_the_country(
    country: str, article: str
) -> None:
    # A US seller's goods in a German (or British) warehouse, sold through a platform
    # to a consumer there: the platform is deemed the supplier and charges the VAT.
    sale = Sale(Seller("US"), Buyer(country), "goods", Money("50.00", "EUR"),
                ship_from=country, marketplace="ExampleMarket")  # fmt: skip
    decision = decide(sale, on=TODAY)
    assert (decision.regime, decision.collected_by) == (
        Regime.DOMESTIC,
        Collector.MARKETPLACE,
    )
    assert article in decision.rules[-1].text
    mine = decide(attrs.evolve(sale, seller=Seller(country)), on=TODAY)
    assert mine.collected_by is Collector.SELLER


def test_the_distance_sales_threshold_counts_the_transport_charged() -> None:
    # Art. 59c with Art. 78(b): the value of the supplies includes the transport the
    # customer pays. EUR 9,990 this year + EUR 5 goods + EUR 7.19 shipping = 10,002.19,
    # over EUR 10,000: German VAT, not Dutch.
    shop = Seller("NL", {"OSS"}, eu_sales_this_year=Money("9990", "EUR"))
    sale = Sale(
        shop, Buyer("DE"), "goods", Money("5.00", "EUR"), shipping=Money("7.19", "EUR")
    )
    assert decide(sale, on=TODAY).taxed_in == "DE"
    without = attrs.evolve(sale, shipping=None)
    assert decide(without, on=TODAY).taxed_in == "NL"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("seller", "NL"),
        ("buyer", "DE"),
        ("products", [product("MUG")]),
        ("products", {"MUG": "standard"}),
        ("products", {"CUP": product("MUG")}),
        ("promotions", "TEN"),
        ("rate_cards", ("x",)),
        ("exchange_rates", {"base": "EUR"}),
        ("rounding", "bogus"),
        ("parcel_cm", (30, 20)),
        ("parcel_cm", (30, 20, 10.5)),
        ("ship_from", "ZZ"),
        ("marketplace", 1),
    ],
)
def test_a_context_of_the_wrong_kinds_is_refused_when_built(
    field: str, value: object
) -> None:
    fields: dict[str, object] = {
        "seller": Seller("NL"),
        "buyer": Buyer("DE"),
        "at": AT,
        "prices_include_tax": True,
        field: value,
    }
    with pytest.raises(CommerceKitError):
        CheckoutContext(**fields)  # type: ignore[arg-type]


def test_territories_outside_every_customs_territory() -> None:
    # Heligoland and Livigno are duty-free zones with no VAT: nothing at the border.
    # Ceuta levies IPSI on imports, which is not bundled: refused, or listed.
    mug = {"MUG": product("MUG", hs_code="6912.00", origin="CN")}
    for country, postcode in (("DE", "27498"), ("IT", "23041")):
        buyer = Buyer(country, postcode=postcode)
        free = one("MUG", "20.00", "EUR", 1, Seller("NL"), buyer, mug)
        assert (free.landed, free.grand_total) == (None, Money("20.00", "EUR"))
        assert "no duty or import tax" in free.explanation[-1]
    with pytest.raises(MissingDataError, match="import taxes of Ceuta"):
        one("MUG", "20.00", "EUR", 1, Seller("NL"), Buyer("ES", postcode="51001"), mug)
    partial = one("MUG", "20.00", "EUR", 1, Seller("NL"), Buyer("ES", postcode="51001"),
                  mug, partial=True)  # fmt: skip
    assert "Ceuta" in partial.missing[0]


def test_a_parcel_no_service_takes_says_so() -> None:
    heavy = {"MUG": product("MUG", weight_kg=D("1"))}
    with pytest.raises(MissingDataError, match="a service for a parcel of 200 kg"):
        one("MUG", "1.00", "EUR", 200, Seller("NL"), Buyer("DE"), heavy,
            rate_cards=example_rate_cards())  # fmt: skip
    with pytest.raises(InvalidAmountError, match="not an HS code"):
        product("MUG", hs_code="")


def test_a_tax_rate_source_that_answers_garbage_is_refused_by_name() -> None:
    """A plug-in's answer is input too: rates_for must give TaxRates."""

    class Broken:
        def rates_for(self, jurisdiction: str, category: object, *, on: object) -> object:
            return ("19%",)

    context = CheckoutContext(
        Seller("DE"),
        Buyer("DE"),
        at=datetime(2026, 6, 1, 12, tzinfo=UTC),
        prices_include_tax=True,
        products={"MUG": Product("MUG", "standard")},
        tax_rates=Broken(),
    )
    cart = Cart([CartLine("MUG", Money("12.00", "EUR"), 1)])
    with pytest.raises(InvalidAmountError, match="rates_for must return"):
        quote(cart, context)
