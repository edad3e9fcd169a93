"""Cross-border tax decisions: a worked scenario for each case, properties, bad input."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commercekit.errors import (
    InvalidAmountError,
    InvalidPlaceError,
    InvalidTypeError,
    NoRuleError,
    UnknownCountryError,
    UnknownCurrencyError,
)
from commercekit.money import Money, RateTable
from commercekit.tax import (
    Buyer,
    Collector,
    Regime,
    Sale,
    Seller,
    Supply,
    TaxDecision,
    VerificationLevel,
    decide,
    validate_tax_id,
)

ON = date(2026, 11, 26)
RATES = RateTable(
    base="EUR",
    rates={
        "GBP": Decimal("0.8400"),
        "USD": Decimal("1.0500"),
        "AUD": Decimal("1.6500"),
        "NZD": Decimal("1.8500"),
        "NOK": Decimal("11.7500"),
        "CHF": Decimal("0.9300"),
        "SGD": Decimal("1.4000"),
    },
    observed_at=datetime(2026, 11, 25, 16, tzinfo=UTC),
    provider="example reference rates",
)


def eur(amount: str) -> Money:
    return Money(amount, "EUR")


def consumer_sale(
    seller: Seller, buyer: Buyer, price: Money, **kwargs: object
) -> TaxDecision:
    if kwargs.get("supply", "goods") == "goods" and not {"lines", "hs_code"} & {*kwargs}:
        kwargs.setdefault("excise", "none")  # no excise goods, said (tax._excise)
    return decide(
        Sale(
            seller,
            buyer,
            kwargs.pop("supply", "goods"),
            price,
            exchange_rates=RATES,
            **kwargs,
        ),  # type: ignore[arg-type]
        on=ON,
    )


def summary(decision: TaxDecision) -> tuple[str, str | None, str, list[str]]:
    return (
        decision.regime.value,
        decision.taxed_in,
        decision.collected_by.value,
        [f"{rate.tax} {rate.rate.normalize():f}" for rate in decision.rates],
    )


def test_domestic() -> None:
    decision = consumer_sale(Seller("DE"), Buyer("DE"), eur("50.00"))
    assert summary(decision) == ("domestic", "DE", "seller", ["VAT 19"])
    assert decision.charged_at_checkout


def test_eu_distance_sale_below_and_above_the_threshold() -> None:
    # Art. 59c: origin VAT while EU-wide distance sales do not EXCEED EUR 10,000.
    below = Seller("NL", eu_sales_this_year=eur("9960.00"))
    assert summary(consumer_sale(below, Buyer("DE"), eur("40.00")))[:2] == (
        "distance_sale_below_threshold",
        "NL",
    )
    one_cent_over = Seller("NL", {"OSS"}, eu_sales_this_year=eur("9960.01"))
    decision = consumer_sale(one_cent_over, Buyer("DE"), eur("40.00"))
    assert summary(decision) == ("oss_union", "DE", "seller", ["VAT 19"])
    assert "exceed" in decision.rules[0].text
    last_year = Seller("NL", {"OSS"}, eu_sales_last_year=eur("10000.01"))
    assert consumer_sale(last_year, Buyer("DE"), eur("1.00")).taxed_in == "DE"
    opted = Seller("NL", {"OSS"}, opted_in=True)
    assert consumer_sale(opted, Buyer("DE"), eur("1.00")).taxed_in == "DE"


def test_destination_without_oss_means_registering_there() -> None:
    decision = consumer_sale(
        Seller("NL", eu_sales_this_year=eur("20000")), Buyer("FR"), eur("40")
    )
    assert decision.regime is Regime.DESTINATION_REGISTRATION
    assert "must register for VAT in FR" in decision.rules[-1].text


def test_non_eu_seller_shipping_from_eu_stock() -> None:
    # No threshold for a seller established outside the EU (Art. 33).
    decision = consumer_sale(Seller("US", {"OSS"}), Buyer("FR"), eur("40"), ship_from="DE")
    assert summary(decision) == ("oss_union", "FR", "seller", ["VAT 20"])
    via_marketplace = consumer_sale(
        Seller("US"), Buyer("FR"), eur("40"), ship_from="DE", marketplace="Marketplace SA"
    )
    assert via_marketplace.collected_by is Collector.MARKETPLACE  # Art. 14a(2)


def test_stock_outside_the_sellers_country_is_never_below_the_threshold() -> None:
    decision = consumer_sale(Seller("DE", {"OSS"}), Buyer("FR"), eur("40"), ship_from="PL")
    assert decision.taxed_in == "FR"
    assert "threshold does not apply" in decision.rules[0].text


@pytest.mark.parametrize("registrations", [{"OSS"}, {"OSS", "DE"}])
def test_goods_sent_within_another_member_state_are_a_domestic_supply_there(
    registrations: set[str],
) -> None:
    """Identified in NL, goods from German stock to a German consumer: no intra-Community
    distance sale (dispatched from another member state than arrival, Art. 14(4)(1)),
    but a domestic supply in DE at German rates, never through the OSS (Art. 369b(a))."""
    decision = consumer_sale(
        Seller("NL", registrations, eu_sales_this_year=eur("25000")),
        Buyer("DE"),
        eur("40"),
        ship_from="DE",
    )
    assert summary(decision) == ("domestic", "DE", "seller", ["VAT 19"])
    assert decision.regime is not Regime.OSS_UNION


def test_eu_b2b_is_an_exempt_intra_community_supply() -> None:
    buyer = Buyer("FR", tax_id=validate_tax_id("FR40303265045"))
    decision = consumer_sale(Seller("NL"), buyer, eur("1000.00"))
    assert summary(decision) == ("intra_community_supply", "FR", "buyer", [])
    assert not decision.charged_at_checkout
    assert any("Article 138" in document for document in decision.documents)
    assert decision.verification is not None
    assert decision.verification.level is VerificationLevel.FORMAT


def test_a_vat_number_of_another_member_state_than_arrival_keeps_the_exemption() -> None:
    # Directive 2006/112/EC Art. 138(1)(b), as amended by Directive (EU) 2018/1910: the
    # customer is identified for VAT "in a Member State other than that in which the
    # dispatch or transport of the goods begins"; Art. 41 deems the acquisition made
    # also in the member state of the number until taxed at arrival.
    buyer = Buyer("FR", tax_id=validate_tax_id("DE136695976"))
    decision = consumer_sale(Seller("NL"), buyer, eur("100.00"))
    assert summary(decision) == ("intra_community_supply", "FR", "buyer", [])
    assert "Art. 41" in decision.rules[-1].text


def test_a_vat_number_of_the_member_state_of_departure_is_taxed_there() -> None:
    # No exemption without a number of another member state (Art. 138(1)(b)); a sale to
    # a taxable person is no distance sale (Art. 33, 14(4)): taxed where the transport
    # begins (Art. 32), by the seller.
    buyer = Buyer("DE", tax_id=validate_tax_id("NL004495445B01"))
    decision = consumer_sale(Seller("NL", {"OSS"}), buyer, eur("100.00"))
    assert summary(decision) == ("domestic", "NL", "seller", ["VAT 21"])
    assert "Art. 32" in decision.rules[-1].text


def test_b2b_services_are_reverse_charged() -> None:
    buyer = Buyer("DE", tax_id=validate_tax_id("DE136695976"))
    decision = consumer_sale(Seller("NL"), buyer, eur("500"), supply=Supply.SERVICES)
    assert summary(decision) == ("reverse_charge", "DE", "buyer", [])


@pytest.mark.parametrize(
    ("price", "shipping", "separate", "regime"),
    [
        ("150.00", None, True, "ioss"),  # "not exceeding EUR 150"
        ("150.01", None, True, "import"),
        ("140.00", "15.00", True, "ioss"),  # transport shown separately: not counted
        ("140.00", "15.00", False, "import"),  # included in the price: counted
    ],
)
def test_imports_into_the_eu_and_the_150_euro_limit(
    price: str, shipping: str | None, separate: bool, regime: str
) -> None:
    decision = consumer_sale(
        Seller("US", {"IOSS"}),
        Buyer("DE"),
        eur(price),
        shipping=eur(shipping) if shipping else None,
        shipping_shown_separately=separate,
    )
    assert decision.regime.value == regime
    if regime == "ioss":
        assert [rate.rate for rate in decision.rates] == [19]
    else:
        assert decision.collected_by is Collector.IMPORTER


def test_eu_import_without_ioss_or_through_a_marketplace() -> None:
    assert consumer_sale(Seller("CN"), Buyer("IT"), eur("30")).regime is Regime.IMPORT
    via = consumer_sale(Seller("CN"), Buyer("IT"), eur("30"), marketplace="Shop Ltd")
    assert summary(via) == ("ioss", "IT", "marketplace", ["VAT 22"])


def test_uk_low_value_consignments() -> None:
    # VATA 1994 s.5A: GBP 135 or less, UK VAT charged at the point of sale.
    at_limit = consumer_sale(Seller("DE"), Buyer("GB"), Money("135.00", "GBP"))
    assert summary(at_limit) == ("low_value_at_sale", "GB", "seller", ["VAT 20"])
    assert "exempt export (Art. 146)" in at_limit.rules[0].text
    over = consumer_sale(Seller("DE"), Buyer("GB"), Money("135.01", "GBP"))
    assert over.regime is Regime.IMPORT
    # A euro price is compared in pounds at the table's rate, and the decision says so.
    euros = consumer_sale(Seller("DE"), Buyer("GB"), eur("160.00"))
    assert euros.regime is Regime.LOW_VALUE_AT_SALE  # 160 x 0.84 = GBP 134.40
    assert "134.40 GBP at 0.84" in euros.conversions[0]
    business = Buyer("GB", tax_id=validate_tax_id("GB980780684"))
    assert consumer_sale(Seller("DE"), business, Money("100", "GBP")).collected_by is (
        Collector.BUYER
    )


def test_northern_ireland_follows_eu_rules_for_goods() -> None:
    belfast = Buyer("GB", postcode="BT1 1AA")
    from_eu = consumer_sale(Seller("NL"), belfast, eur("40"))
    assert summary(from_eu)[:2] == ("distance_sale_below_threshold", "NL")
    from_britain = consumer_sale(Seller("GB"), belfast, Money("40", "GBP"))
    assert summary(from_britain) == ("domestic", "XI", "seller", ["VAT 20"])
    service = consumer_sale(
        Seller("NL", {"OSS"}, eu_sales_this_year=eur("50000")),
        belfast,
        eur("10"),
        supply=Supply.ELECTRONIC_SERVICES,
    )
    assert service.taxed_in == "GB"  # services in Northern Ireland follow UK rules


def test_low_value_goods_elsewhere() -> None:
    aud = Money("200.00", "AUD")
    assert summary(consumer_sale(Seller("US", {"AU"}), Buyer("AU"), aud)) == (
        "low_value_at_sale",
        "AU",
        "seller",
        ["GST 10"],
    )
    unregistered = consumer_sale(Seller("US"), Buyer("AU"), aud)
    assert unregistered.regime is Regime.NOT_COLLECTED
    assert consumer_sale(Seller("US"), Buyer("AU"), Money("1000.01", "AUD")).regime is (
        Regime.IMPORT
    )
    nok = Money("2999.99", "NOK")
    assert consumer_sale(Seller("DE", {"VOEC"}), Buyer("NO"), nok).regime is (
        Regime.LOW_VALUE_AT_SALE
    )
    assert consumer_sale(Seller("DE"), Buyer("NO"), nok).regime is Regime.IMPORT
    assert consumer_sale(
        Seller("DE", {"VOEC"}), Buyer("NO"), Money("3000", "NOK")
    ).regime is (
        Regime.IMPORT  # VOEC covers items BELOW NOK 3,000
    )
    assert (
        consumer_sale(
            Seller("US", {"SG"}), Buyer("SG"), Money("400", "SGD"), transport_mode="air"
        )
        .rates[0]
        .rate
        == 9
    )
    assert consumer_sale(Seller("US"), Buyer("NZ"), Money("100", "NZD")).regime is (
        Regime.NOT_COLLECTED
    )


def test_switzerland() -> None:
    swiss = Money("40.00", "CHF")
    registered = consumer_sale(Seller("DE", {"CH"}), Buyer("CH"), swiss)
    assert summary(registered) == ("low_value_at_sale", "CH", "seller", ["VAT 8.1"])
    # Unregistered: import VAT at the border. Whether it is collected (CHF 5 or less is
    # not) depends on the tax on goods, transport and duty: the landed cost computes it,
    # once (tests/test_landed_cost.py), so the decision carries no second figure.
    unregistered = consumer_sale(Seller("DE"), Buyer("CH"), swiss)
    assert summary(unregistered) == ("import", "CH", "importer", [])
    assert "5 CHF or less" in unregistered.rules[-1].text


def test_exports_and_places_outside_the_vat_area() -> None:
    usa = consumer_sale(Seller("DE"), Buyer("US"), eur("80"))
    assert summary(usa) == ("export", None, "none", [])
    assert "Art. 146" in usa.rules[0].text
    canaries = consumer_sale(Seller("DE"), Buyer("ES", postcode="35001"), eur("80"))
    assert canaries.regime is Regime.EXPORT
    assert "IGIC" in canaries.rules[-1].text
    canada = consumer_sale(
        Seller("US"), Buyer("CA", subdivision="CA-ON"), Money("50", "USD")
    )
    assert (canada.regime, canada.taxed_in) == (Regime.IMPORT, "CA-ON")


def test_canada_is_taxed_by_the_province_of_delivery() -> None:
    toronto = Buyer("CA", subdivision="CA-ON")
    decision = consumer_sale(Seller("CA"), toronto, Money("100", "CAD"))
    assert summary(decision) == ("domestic", "CA-ON", "seller", ["HST 13"])
    quebec = consumer_sale(
        Seller("CA"), Buyer("CA", subdivision="CA-QC"), Money("1", "CAD")
    )
    assert [rate.tax for rate in quebec.rates] == ["GST", "QST"]
    bc = Buyer("CA", subdivision="CA-BC")
    registered = consumer_sale(Seller("US", {"CA"}), bc, Money("100", "USD"))
    assert summary(registered) == (
        "destination_registration",
        "CA-BC",
        "seller",
        ["GST 5", "PST 7"],
    )
    assert consumer_sale(Seller("US"), bc, Money("100", "USD")).regime is Regime.IMPORT
    with pytest.raises(InvalidAmountError, match="is no province of Canada") as refused:
        consumer_sale(Seller("CA"), Buyer("CA"), Money("100", "CAD"))
    assert isinstance(refused.value, InvalidPlaceError)
    assert refused.value.field == "buyer.subdivision"


def test_what_decide_refuses_says_what_kind_of_thing_was_wrong() -> None:
    with pytest.raises(InvalidTypeError, match="is not a Sale") as refused:
        decide("a sale", on=date(2026, 6, 1))  # type: ignore[arg-type]
    assert isinstance(refused.value, InvalidAmountError | TypeError)
    domestic = consumer_sale(Seller("DE"), Buyer("DE"), eur("10"))
    with pytest.raises(InvalidTypeError, match="TaxRateSource"):
        decide(
            Sale(Seller("DE"), Buyer("FR"), "goods", eur("10")),
            on=date(2026, 6, 1),
            rates=object(),
        )  # type: ignore[arg-type]
    assert domestic.regime is Regime.DOMESTIC


def test_electronic_services() -> None:
    abroad = Seller("US", {"OSS"})
    ebook = consumer_sale(
        abroad, Buyer("FR"), eur("9.99"), supply=Supply.ELECTRONIC_SERVICES
    )
    assert summary(ebook) == ("oss_non_union", "FR", "seller", ["VAT 20"])
    uk = consumer_sale(
        Seller("US"), Buyer("GB"), eur("9.99"), supply=Supply.ELECTRONIC_SERVICES
    )
    assert uk.regime is Regime.NOT_COLLECTED
    assert "must register" in uk.rules[-1].text
    other = consumer_sale(Seller("NL"), Buyer("DE"), eur("50"), supply=Supply.SERVICES)
    assert summary(other)[:2] == ("domestic", "NL")  # Art. 45: the supplier's country


def test_bad_input() -> None:
    with pytest.raises(UnknownCountryError):
        Seller("Holland")
    with pytest.raises(UnknownCountryError):
        Buyer("ZZ")
    with pytest.raises(InvalidAmountError, match="negative price"):
        Sale(Seller("DE"), Buyer("FR"), "goods", eur("-1"))
    with pytest.raises(
        ValueError, match="'software' is not one of the Supply values: 'goods'"
    ):
        Sale(Seller("DE"), Buyer("FR"), "software", eur("1"))
    with pytest.raises(InvalidAmountError, match="set of registrations"):
        Seller("DE", "OSS")  # type: ignore[arg-type]
    # A consignment in a currency the limit is not in, without a rate table:
    sale = Sale(Seller("US"), Buyer("DE"), "goods", Money("100", "USD"))
    with pytest.raises(UnknownCurrencyError, match="pass exchange_rates="):
        decide(sale, on=ON)
    with pytest.raises(InvalidAmountError, match="not a date"):
        decide(sale, on="2026-11-26")  # type: ignore[arg-type]


COUNTRIES = ["DE", "FR", "NL", "GB", "US", "CN", "AU", "NO", "CH", "SG", "NZ", "IT", "PL"]


@given(
    st.sampled_from(COUNTRIES),
    st.sampled_from(COUNTRIES),
    st.sampled_from(list(Supply)),
    st.integers(min_value=0, max_value=500_000),
    st.frozensets(st.sampled_from(["OSS", "IOSS", "VOEC", "GB", "AU", "CH", "SG", "NZ"])),
    st.booleans(),
    st.sampled_from(["air", "sea"]),
)
def test_never_two_jurisdictions_on_one_supply(
    seller: str,
    buyer: str,
    supply: Supply,
    cents: int,
    schemes: frozenset[str],
    market: bool,
    mode: str,
) -> None:
    """Every rate charged belongs to the one jurisdiction the decision names."""
    # A sale to the US through a marketplace is taxed by the buyer's state: it has one.
    state = "US-MA" if buyer == "US" else None
    decision = consumer_sale(
        Seller(seller, schemes),
        Buyer(buyer, subdivision=state),
        eur(str(Decimal(cents).scaleb(-2))),
        supply=supply,
        marketplace="Marketplace" if market else None,
        # How goods travel, asked by Singapore; sea by courier is taxed at the border.
        **({"transport_mode": mode, "channel": "courier"} if supply == "goods" else {}),
    )
    assert {rate.jurisdiction for rate in decision.rates} <= {decision.taxed_in}
    if decision.rates:
        assert decision.collected_by in (Collector.SELLER, Collector.MARKETPLACE)


@given(st.integers(min_value=0, max_value=1_000_000))
def test_one_cent_over_the_eu_threshold_switches_and_one_below_does_not(cents: int) -> None:
    """Below or at EUR 10,000 origin VAT; one cent more and destination VAT."""
    sale = eur(str(Decimal(cents).scaleb(-2)))
    before = eur("10000.00") - sale
    if before.amount < 0:
        return
    at = consumer_sale(Seller("NL", {"OSS"}, eu_sales_this_year=before), Buyer("DE"), sale)
    over = consumer_sale(
        Seller("NL", {"OSS"}, eu_sales_this_year=before + eur("0.01")), Buyer("DE"), sale
    )
    assert at.taxed_in == "NL"
    assert over.taxed_in == "DE"


def test_northern_ireland_marketplace_deeming_excludes_sellers_in_great_britain() -> None:
    # VATA 1994 s. 5B ("Union goods condition"): goods already in Northern Ireland sold
    # through a marketplace are deemed supplied by it only for a seller established
    # outside Northern Ireland, Great Britain and the EU.
    in_ni = Buyer("GB", postcode="BT1 1AA")
    gbp = Money("50", "GBP")
    british = consumer_sale(Seller("GB"), in_ni, gbp, ship_from="XI", marketplace="M")
    assert summary(british)[:3] == ("domestic", "XI", "seller")
    american = consumer_sale(Seller("US"), in_ni, gbp, ship_from="XI", marketplace="M")
    assert summary(american)[:3] == ("domestic", "XI", "marketplace")
    assert "s. 5B" in american.rules[-1].text
    assert american.rules[-1].source.endswith("/section/5B")


def test_canadian_distribution_platforms_are_deemed_suppliers() -> None:
    # CRA, cross-border threshold amounts: a platform facilitating digital services by
    # an unregistered non-resident vendor, or the sale of goods already in Canada, is
    # deemed the supplier (simplified GST/HST regime, since 2021-07-01).
    ontario = Buyer("CA", subdivision="CA-ON")
    usd = Money("20", "USD")
    services = consumer_sale(
        Seller("US"), ontario, usd, supply=Supply.ELECTRONIC_SERVICES, marketplace="App"
    )
    assert summary(services) == (
        "destination_registration",
        "CA-ON",
        "marketplace",
        ["HST 13"],
    )
    registered = consumer_sale(
        Seller("US", {"CA"}),
        ontario,
        usd,
        supply=Supply.ELECTRONIC_SERVICES,
        marketplace="App",
    )
    assert registered.collected_by is Collector.SELLER
    warehouse = consumer_sale(Seller("US"), ontario, usd, ship_from="CA", marketplace="M")
    assert summary(warehouse)[:3] == ("domestic", "CA-ON", "marketplace")
    # Before the simplified regime, the bundled data has no rule: said, not guessed.
    with pytest.raises(NoRuleError, match="covers 2021-07-01"):
        decide(
            Sale(Seller("US"), ontario, Supply.ELECTRONIC_SERVICES, usd, marketplace="App"),
            on=date(2021, 6, 30),
        )


@pytest.mark.parametrize(
    ("country", "currency", "law"),
    [
        ("DE", "EUR", "Art. 9a of Implementing Regulation 282/2011"),  # from 2015-01-01
        ("AU", "AUD", "GST Act 1999 s 84-55"),  # from 2017-07-01
        ("NZ", "NZD", "GST Act 1985 s 60C"),  # from 2016-10-01
    ],
)
def test_a_platform_is_the_supplier_of_electronic_services_sold_through_it(
    country: str, currency: str, law: str
) -> None:
    through = consumer_sale(
        Seller("US"),
        Buyer(country),
        Money("10", currency),
        supply=Supply.ELECTRONIC_SERVICES,
        marketplace="App Store",
    )
    assert through.collected_by is Collector.MARKETPLACE
    assert through.rates
    assert law in through.rules[-1].text
    direct = consumer_sale(
        Seller("US"),
        Buyer(country),
        Money("10", currency),
        supply=Supply.ELECTRONIC_SERVICES,
    )
    assert direct.collected_by is not Collector.MARKETPLACE


def test_where_no_platform_rule_is_bundled_the_decision_says_so() -> None:
    decision = consumer_sale(
        Seller("US"),
        Buyer("GB"),
        Money("10", "GBP"),
        supply=Supply.ELECTRONIC_SERVICES,
        marketplace="App Store",
    )
    assert decision.regime is Regime.NOT_COLLECTED
    assert any("is not bundled" in rule.text for rule in decision.rules)


def test_japan_names_the_small_business_exemption_it_does_not_measure() -> None:
    decision = consumer_sale(
        Seller("US"), Buyer("JP"), Money("1000", "JPY"), supply=Supply.ELECTRONIC_SERVICES
    )
    assert "JPY 10 million or less" in decision.rules[-1].text


def test_goods_into_northern_ireland_may_go_through_the_ioss() -> None:
    # VATA 1994 Sch. 9ZE: Northern Ireland takes part in the EU's IOSS; within EUR 150
    # the seller charges VAT at checkout, above it the UK's rules apply.
    in_ni = Buyer("GB", postcode="BT1 1AA")
    ioss = consumer_sale(Seller("US", {"IOSS"}), in_ni, eur("100"))
    assert summary(ioss) == ("ioss", "XI", "seller", ["VAT 20"])
    assert ioss.rules[-1].source.endswith("/schedule/9ZE")
    over = consumer_sale(Seller("US", {"IOSS"}), in_ni, eur("200"))
    assert over.regime is Regime.IMPORT


def test_quebec_sales_tax_needs_its_own_registration() -> None:
    # Act respecting the QST s. 477.2 ff.: suppliers outside Québec register with Revenu
    # Québec for the QST, apart from their GST/HST registration.
    quebec = Buyer("CA", subdivision="CA-QC")
    gst_only = consumer_sale(Seller("US", {"CA"}), quebec, Money("100", "USD"))
    assert "Revenu Québec" in gst_only.rules[-1].text
    both = consumer_sale(Seller("US", {"CA", "CA-QC"}), quebec, Money("100", "USD"))
    assert all("Revenu Québec" not in rule.text for rule in both.rules)
    assert [rate.tax for rate in both.rates] == ["GST", "QST"]


@pytest.mark.parametrize(
    ("country", "currency", "since"),
    [
        ("FI", "EUR", date(2015, 1, 1)),  # Art. 9a of Implementing Regulation 282/2011
        ("AU", "AUD", date(2017, 7, 1)),  # GST Act 1999 s 84-55
        ("NZ", "NZD", date(2016, 10, 1)),  # GST Act 1985 s 60C
    ],
)
def test_each_platform_rule_applies_from_its_day(
    country: str, currency: str, since: date
) -> None:
    def on(day: date) -> TaxDecision:
        sale = Sale(
            Seller("US", {country if country != "FI" else "OSS"}),
            Buyer(country),
            Supply.ELECTRONIC_SERVICES,
            Money("10", currency),
            marketplace="App Store",
        )
        return decide(sale, on=day)

    assert on(since).collected_by is Collector.MARKETPLACE
    before = on(since - timedelta(days=1))
    assert before.collected_by is Collector.SELLER  # the registered seller, as before
    assert all("is not bundled" not in rule.text for rule in before.rules)
