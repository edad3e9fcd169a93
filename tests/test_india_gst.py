"""India's GST: which taxes a supply pays (CGST + SGST, CGST + UTGST or IGST), the
rates on both sides of the 22 September 2025 restructuring, GSTINs and their State
codes, and the refusals where a fact is missing.

The rule (IGST Act 2017 ss. 7-8): a supply whose supplier and place of supply are in
the same State pays CGST + SGST, each half the rate; in the same Union territory
without a legislature CGST + UTGST (UTGST Act 2017 s. 7); otherwise IGST at the full
rate. Worked example (the textbook chain used to teach the split, read 2026-12-01 at
https://www.scribd.com/document/584888238/GST-Question-For-Practice; the same figures
follow from the Acts and the 18% rate): goods of INR 10,000 sold from Maharashtra
within Maharashtra pay CGST 900 + SGST 900; resold for INR 17,500 to Rajasthan, IGST
3,150; sold on for INR 30,000 within Rajasthan, CGST 2,700 + SGST 2,700.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from commercekit.checkout import CheckoutContext, Product, quote
from commercekit.errors import (
    CommerceKitError,
    InvalidAmountError,
    InvalidTaxIdError,
    MissingDataError,
    NoRuleError,
    UnknownCountryError,
    UnknownJurisdictionError,
)
from commercekit.money import Money
from commercekit.pricing import Cart, CartLine
from commercekit.tax import (
    Buyer,
    Collector,
    Regime,
    Sale,
    Seller,
    ServiceFacts,
    TaxCategory,
    TaxRate,
    Verification,
    add_tax,
    decide,
    gstin_state,
    is_valid_tax_id,
    rates_for,
    validate_tax_id,
)
from commercekit.tax._india import (
    GST_STATES,
    JK_JOINED,
    UT_WITHOUT_LEGISLATURE,
    place_on,
)

RESTRUCTURED = date(2025, 9, 22)  # Notifications 9/2025-CT(Rate) and -IT(Rate)
BEFORE = RESTRUCTURED - timedelta(days=1)
ON = date(2026, 6, 1)
MUMBAI_GSTIN = "27AAPFU0939F1ZV"  # python-stdnum's example GSTIN (Maharashtra)
KARNATAKA_GSTIN = "29AAPFU0939F1ZR"  # the same PAN, check character computed for 29
EXPORTED = ServiceFacts(
    "general", paid_in_foreign_exchange=True, establishments_of_one_person=False
)  # a service under s. 13(2), with both conditions of s. 2(6) said to hold


def _sale(
    seller_state: str,
    buyer: Buyer,
    amount: str,
    *,
    supply: str = "goods",
    category: str = "standard",
) -> Sale:
    return Sale(
        Seller("IN", {seller_state}),
        buyer,
        supply,
        Money(amount, "INR"),
        category=category,
    )


def _taxes(rates: tuple[TaxRate, ...], amount: str) -> dict[str, Money]:
    """Each tax on ``amount`` (tax-exclusive); their total is the taxed total's tax."""
    taxed = add_tax(Money(amount, "INR"), rates)
    found = {tax.rate.tax: tax.amount for tax in taxed.taxes}
    assert sum(found.values(), Money("0", "INR")) == taxed.tax
    return found


# --- the worked example -----------------------------------------------------------


def test_the_worked_example_intra_state_in_maharashtra() -> None:
    decision = decide(_sale("IN-MH", Buyer("IN", subdivision="IN-MH"), "10000"), on=ON)
    assert (decision.regime, decision.taxed_in) == (Regime.DOMESTIC, "IN-MH")
    assert decision.collected_by is Collector.SELLER
    assert decision.scheme == "intra-State supply (CGST + SGST)"
    assert _taxes(decision.rates, "10000") == {
        "CGST": Money("900.00", "INR"),
        "SGST": Money("900.00", "INR"),
    }


def test_the_worked_example_inter_state_to_rajasthan() -> None:
    decision = decide(_sale("IN-MH", Buyer("IN", subdivision="IN-RJ"), "17500"), on=ON)
    assert (decision.taxed_in, decision.scheme) == ("IN", "inter-State supply (IGST)")
    assert _taxes(decision.rates, "17500") == {"IGST": Money("3150.00", "INR")}
    assert "ss. 5(1) and 7" in decision.explain()


def test_the_worked_example_intra_state_in_rajasthan() -> None:
    decision = decide(_sale("IN-RJ", Buyer("IN", subdivision="IN-RJ"), "30000"), on=ON)
    assert _taxes(decision.rates, "30000") == {
        "CGST": Money("2700.00", "INR"),
        "SGST": Money("2700.00", "INR"),
    }


def test_a_union_territory_without_a_legislature_pays_utgst() -> None:
    """Chandigarh (UTGST Act s. 2(13)); Delhi has a legislature and levies SGST."""
    chandigarh = decide(_sale("IN-CH", Buyer("IN", subdivision="IN-CH"), "1000"), on=ON)
    assert [rate.tax for rate in chandigarh.rates] == ["CGST", "UTGST"]
    assert "UTGST Act s. 7" in chandigarh.explain()
    delhi = decide(_sale("IN-DL", Buyer("IN", subdivision="IN-DL"), "1000"), on=ON)
    assert [rate.tax for rate in delhi.rates] == ["CGST", "SGST"]
    # Between two Union territories: inter-State (IGST Act s. 7(1)(b)).
    between = decide(_sale("IN-CH", Buyer("IN", subdivision="IN-LD"), "1000"), on=ON)
    assert [rate.tax for rate in between.rates] == ["IGST"]


# --- the place of supply ----------------------------------------------------------


def test_goods_to_a_registered_buyer_without_a_delivery_state_are_refused() -> None:
    """IGST Act s. 10(1)(a): where the movement ends, which a GSTIN does not tell; never
    the GSTIN's State by assumption."""
    buyer = Buyer("IN", tax_id=validate_tax_id(KARNATAKA_GSTIN, "IN"))
    for seller_state in ("IN-MH", "IN-KA"):
        with pytest.raises(InvalidAmountError, match=r"subdivision, .*delivery ends") as no:
            decide(_sale(seller_state, buyer, "1000"), on=ON)
        assert (no.value.field, no.value.value) == ("buyer.subdivision", None)


def test_goods_follow_the_delivery_state_over_the_gstin() -> None:
    """IGST Act s. 10(1)(a): where the movement of the goods ends."""
    buyer = Buyer("IN", subdivision="IN-MH", tax_id=validate_tax_id(KARNATAKA_GSTIN, "IN"))
    decision = decide(_sale("IN-MH", buyer, "1000"), on=ON)
    assert decision.taxed_in == "IN-MH"


def test_services_to_a_registered_buyer_follow_its_gstin_over_its_address() -> None:
    """IGST Act s. 12(2)(a): the location of a registered recipient."""
    buyer = Buyer("IN", subdivision="IN-MH", tax_id=validate_tax_id(KARNATAKA_GSTIN, "IN"))
    decision = decide(_sale("IN-MH", buyer, "1000", supply="services"), on=ON)
    assert decision.taxed_in == "IN"
    assert "s. 12(2)(a)" in decision.explain()


def _refused(gstin: str) -> Verification:
    return Verification(validate_tax_id(gstin, "IN"), valid=False, level="registry")


def test_a_gstin_the_registry_refused_does_not_set_the_place_of_supply() -> None:
    """IGST Act s. 12(2)(a) is for a registered recipient; a number the registry does
    not know leaves the buyer unregistered: its address, s. 12(2)(b)."""
    buyer = Buyer(
        "IN",
        subdivision="IN-MH",
        tax_id=validate_tax_id(KARNATAKA_GSTIN, "IN"),
        verification=_refused(KARNATAKA_GSTIN),
    )
    decision = decide(_sale("IN-MH", buyer, "1000", supply="services"), on=ON)
    assert decision.taxed_in == "IN-MH"
    assert "whose GSTIN the registry refused" in decision.explain()


def test_services_to_a_consumer_follow_its_address() -> None:
    """IGST Act s. 12(2)(b)."""
    buyer = Buyer("IN", subdivision="IN-KA")
    decision = decide(_sale("IN-KA", buyer, "1000", supply="electronic_services"), on=ON)
    assert decision.taxed_in == "IN-KA"
    assert "s. 12(2)(b)" in decision.explain()


# --- the rates around the restructuring -------------------------------------------


@pytest.mark.parametrize(
    ("code", "taxes"),
    [("IN", {"IGST": "18"}), ("IN-MH", {"CGST": "9", "SGST": "9"})],
)
def test_the_standard_rate_on_both_sides_of_22_september_2025(
    code: str, taxes: dict[str, str]
) -> None:
    """The residual rate stayed 18%; the notification setting it changed (9/2025)."""
    before = rates_for(code, "standard", on=BEFORE)
    after = rates_for(code, "standard", on=RESTRUCTURED)
    for found in (before, after):
        assert {rate.tax: str(rate.rate) for rate in found} == taxes
    assert {rate.since for rate in before} == {date(2017, 7, 1)}
    assert {rate.until for rate in before} == {BEFORE}
    assert {rate.since for rate in after} == {RESTRUCTURED}
    assert all("9/2025" in rate.note for rate in after)
    assert all("1/2017" in rate.note for rate in before)


@pytest.mark.parametrize("day", [BEFORE, RESTRUCTURED])
@pytest.mark.parametrize("category", ["books", "newspapers"])
def test_printed_books_and_newspapers_are_exempt_on_both_sides(
    day: date, category: str
) -> None:
    for rate in rates_for("IN-MH", category, on=day):
        assert (rate.rate, rate.kind.value, rate.fallback) == (Decimal(0), "exempt", False)


@pytest.mark.parametrize("day", [BEFORE, RESTRUCTURED, ON])
@pytest.mark.parametrize(
    "category",
    sorted(
        set(TaxCategory)
        - {
            TaxCategory.STANDARD,
            TaxCategory.BOOKS,
            TaxCategory.NEWSPAPERS,
            TaxCategory.ZERO_RATED,
            TaxCategory.EXEMPT,
        }
    ),
)
def test_a_category_without_a_sourced_rate_is_missing_not_guessed(
    day: date, category: TaxCategory
) -> None:
    """Food, medicines, children's clothing … have rates per HSN heading, several per
    category, and moved in 2025: never the residual 18% by fallback. Clothing from
    2025-09-22 is rated by the value of each piece (tests/test_per_item.py): the
    lookup for a whole line refuses and says so."""
    match = f"IN GST rate for {category}"
    clothing = (TaxCategory.CLOTHING, TaxCategory.CHILDRENS_CLOTHING)
    by_piece = (TaxCategory.APPAREL, TaxCategory.FOOTWEAR)  # tests/test_india_apparel.py
    if (category in clothing and day >= date(2025, 9, 22)) or category in by_piece:
        match = f"the price of each item of {category} in IN-MH"
    if category is TaxCategory.PAN_MASALA and day >= date(2023, 4, 1):
        match = "the retail sale price declared on each unit of pan masala"  # its cess
    with pytest.raises(MissingDataError, match=match):
        rates_for("IN-MH", category, on=day)


def test_nothing_before_gst_began() -> None:
    with pytest.raises(NoRuleError, match="2017-07-01 onwards"):
        rates_for("IN", "standard", on=date(2017, 6, 30))
    with pytest.raises(NoRuleError):
        rates_for("IN-MH", "food", on=date(2017, 6, 30))


def test_a_decision_for_an_unmapped_category_names_what_is_missing() -> None:
    sale = _sale("IN-MH", Buyer("IN", subdivision="IN-MH"), "100", category="food")
    with pytest.raises(MissingDataError, match="IN GST rate for food"):
        decide(sale, on=ON)


@given(
    code=st.sampled_from(sorted(set(GST_STATES.values()))),
    day=st.dates(min_value=date(2017, 7, 1), max_value=date(2030, 12, 31)),
    category=st.sampled_from(["standard", "books", "newspapers", "exempt"]),
)
@example(code="IN-JK", day=date(2017, 7, 1), category="standard")
@example(code="IN-JK", day=date(2017, 7, 8), category="standard")
def test_the_two_halves_add_up_to_the_integrated_rate(
    code: str, day: date, category: str
) -> None:
    """CGST + SGST (or UTGST) in any State on any day it has GST equals IGST, in equal
    halves; Jammu and Kashmir (Ladakh then in it) before GST reached it is refused."""
    if code in {"IN-JK", "IN-LA"} and day < JK_JOINED:
        with pytest.raises(NoRuleError, match="2017-07-08"):
            rates_for(code, category, on=day)
        return
    halves = rates_for(code, category, on=day)
    (whole,) = rates_for("IN", category, on=day)
    assert len(halves) == 2
    assert halves[0].rate == halves[1].rate
    assert halves[0].rate + halves[1].rate == whole.rate
    second = "UTGST" if place_on(code, day) in UT_WITHOUT_LEGISLATURE else "SGST"
    assert [rate.tax for rate in halves] == ["CGST", second]
    assert {rate.jurisdiction for rate in halves} == {code}


@given(
    supplier=st.sampled_from(sorted(set(GST_STATES.values()))),
    place=st.sampled_from(sorted(set(GST_STATES.values()))),
    goods=st.booleans(),
)
def test_a_supply_is_intra_state_exactly_when_both_ends_are_in_one_state(
    supplier: str, place: str, *, goods: bool
) -> None:
    """Same State: two halves taxed there; else IGST; the total rate is 18% either way."""
    supply = "goods" if goods else "services"
    decision = decide(
        _sale(supplier, Buyer("IN", subdivision=place), "100", supply=supply), on=ON
    )
    assert decision.taxed_in == (place if supplier == place else "IN")
    assert len(decision.rates) == (2 if supplier == place else 1)
    assert sum(rate.rate for rate in decision.rates) == Decimal(18)


# --- GSTINs -----------------------------------------------------------------------


def test_a_gstin_is_validated_and_carries_its_state() -> None:
    gstin = validate_tax_id("27 aapfu 0939 f1zv", "IN")
    assert (gstin.country, gstin.number, gstin.scheme) == ("IN", MUMBAI_GSTIN, "GSTIN")
    assert str(gstin) == MUMBAI_GSTIN
    assert gstin_state(gstin) == gstin_state(MUMBAI_GSTIN) == "IN-MH"
    assert gstin_state(KARNATAKA_GSTIN) == "IN-KA"
    assert is_valid_tax_id(MUMBAI_GSTIN, "IN")
    assert not is_valid_tax_id("27AAPFU0939F1ZO", "IN")  # wrong check character


@pytest.mark.parametrize(
    "text",
    [
        "27AAPFU0939F1ZO",  # check character
        "27AAPFU0939F1Z",  # length
        "27AAPFU0939F1AA",  # the 14th character is Z
        "99AAPFU0939F1ZV",  # not a State code
        "",
        "\x00" * 15,
        "२७AAPFU0939F1ZV",  # non-ASCII digits
    ],
)
def test_a_malformed_gstin_is_refused(text: str) -> None:
    with pytest.raises(InvalidTaxIdError):
        gstin_state(text)


@pytest.mark.parametrize("value", [None, 27, 2.7, b"27AAPFU0939F1ZV", ["x"]])
def test_gstin_state_refuses_what_is_not_a_number(value: object) -> None:
    with pytest.raises(CommerceKitError):
        gstin_state(value)  # type: ignore[arg-type]


def test_gstin_state_refuses_another_countrys_number() -> None:
    with pytest.raises(InvalidTaxIdError, match="not a GSTIN"):
        gstin_state(validate_tax_id("DE136695976"))


def test_a_gstin_needs_its_country() -> None:
    with pytest.raises(InvalidTaxIdError, match="pass country="):
        validate_tax_id(MUMBAI_GSTIN)


def test_every_state_code_is_an_iso_subdivision() -> None:
    from commercekit.regions import check_subdivision  # noqa: PLC0415

    for code in GST_STATES.values():
        assert check_subdivision("IN", code) == code


# --- refusals ---------------------------------------------------------------------


def test_an_indian_seller_must_name_the_state_of_its_registration() -> None:
    buyer = Buyer("IN", subdivision="IN-MH")
    for registrations in (frozenset(), {"IN-MH", "IN-KA"}):
        sale = Sale(Seller("IN", registrations), buyer, "goods", Money("1", "INR"))
        with pytest.raises(InvalidAmountError, match="State of its GST registration") as no:
            decide(sale, on=ON)
        assert (no.value.field, no.value.value) == (
            "seller.registrations",
            sorted(registrations),
        )


def test_a_buyer_in_india_needs_a_state() -> None:
    with pytest.raises(InvalidAmountError, match="no State of India") as refused:
        decide(_sale("IN-MH", Buyer("IN"), "1"), on=ON)
    assert refused.value.field == "buyer.subdivision"


def test_an_unknown_state_is_refused() -> None:
    with pytest.raises(UnknownCountryError, match="IN-ZZ"):  # refused when built
        decide(_sale("IN-ZZ", Buyer("IN", subdivision="IN-MH"), "1"), on=ON)
    with pytest.raises(UnknownJurisdictionError):
        rates_for("IN-ZZ", "standard", on=ON)


# --- from abroad ------------------------------------------------------------------


def test_goods_from_abroad_are_taxed_at_the_border() -> None:
    sale = Sale(Seller("US"), Buyer("IN", subdivision="IN-MH"), "goods", Money("50", "USD"))
    decision = decide(sale, on=ON)
    assert (decision.regime, decision.collected_by) == (Regime.IMPORT, Collector.IMPORTER)
    assert decision.rates == ()
    assert "Customs Tariff Act 1975 s. 3(7)" in decision.explain()


def test_electronic_services_from_abroad_pay_igst_through_a_registration() -> None:
    """IGST Act s. 14: OIDAR services to consumers in India."""
    buyer = Buyer("IN", subdivision="IN-MH")
    price = Money("10", "INR")
    registered = Sale(Seller("US", {"IN"}), buyer, "electronic_services", price)
    decision = decide(registered, on=ON)
    assert decision.regime is Regime.DESTINATION_REGISTRATION
    assert [(rate.tax, rate.rate) for rate in decision.rates] == [("IGST", Decimal(18))]
    unregistered = Sale(Seller("US"), buyer, "electronic_services", price)
    decision = decide(unregistered, on=ON)
    assert decision.regime is Regime.NOT_COLLECTED
    assert "from its first sale" in decision.explain()


# --- exports ----------------------------------------------------------------------

EU_DIRECTIVE = "https://eur-lex.europa.eu/eli/dir/2006/112/oj"


def test_services_to_a_consumer_abroad_are_a_zero_rated_export() -> None:
    """IGST Act s. 13(2): the recipient's location, outside India; s. 2(6) export of
    services; s. 16(1)(a) zero-rated. Never 18% IGST as a domestic supply."""
    sale = Sale(
        Seller("IN", {"IN-MH"}), Buyer("DE"), "services", Money("1000", "USD"),
        service=EXPORTED,
    )  # fmt: skip
    decision = decide(sale, on=ON)
    assert (decision.regime, decision.taxed_in, decision.rates) == (
        Regime.EXPORT,
        None,
        (),
    )
    assert decision.collected_by is Collector.NONE
    text = decision.explain()
    for said in ("s. 13(2)", "s. 2(6)", "s. 16(1)(a)"):
        assert said in text
    assert "Art. 45" not in text


def test_an_export_priced_in_rupees_asks_how_the_payment_is_received() -> None:
    """s. 2(6)(iv): rupees count only where the RBI permits, which the price's
    currency does not tell: the fact is asked for, not taken from the currency."""
    sale = Sale(
        Seller("IN", {"IN-KA"}), Buyer("US"), "services", Money("1000", "INR"),
        service=ServiceFacts("general", establishments_of_one_person=False),
    )  # fmt: skip
    with pytest.raises(MissingDataError, match="paid_in_foreign_exchange"):
        decide(sale, on=ON)


def test_goods_sent_abroad_are_a_zero_rated_export() -> None:
    """IGST Act s. 2(5) and s. 16(1)(a)."""
    sale = Sale(Seller("IN", {"IN-MH"}), Buyer("US"), "goods", Money("10", "USD"))
    decision = decide(sale, on=ON)
    assert (decision.regime, decision.rates) == (Regime.EXPORT, ())
    assert "s. 16(1)(a)" in decision.explain()


@pytest.mark.parametrize(
    "sale",
    [
        _sale("IN-MH", Buyer("IN", subdivision="IN-MH"), "1"),
        _sale("IN-MH", Buyer("IN", subdivision="IN-KA"), "1", supply="services"),
        Sale(
            Seller("IN", {"IN-MH"}),
            Buyer("DE"),
            "services",
            Money("1", "INR"),
            service=EXPORTED,
        ),
        Sale(
            Seller("IN", {"IN-MH"}),
            Buyer("GB"),
            "services",
            Money("1", "GBP"),
            service=EXPORTED,
        ),
        Sale(Seller("IN", {"IN-MH"}), Buyer("US"), "goods", Money("1", "USD")),
        Sale(
            Seller("US", {"IN"}),
            Buyer("IN", subdivision="IN-MH"),
            "electronic_services",
            Money("1", "INR"),
        ),
        Sale(
            Seller("US", {"IN"}),
            Buyer(
                "IN",
                subdivision="IN-MH",
                tax_id=validate_tax_id(MUMBAI_GSTIN, "IN"),
                verification=Verification(
                    validate_tax_id(MUMBAI_GSTIN, "IN"), valid=False, level="registry"
                ),
            ),
            "electronic_services",
            Money("1", "INR"),
        ),
    ],
)
def test_every_indian_rule_cites_indian_law(sale: Sale) -> None:
    decision = decide(sale, on=ON)
    for rule in decision.rules:
        assert rule.source != EU_DIRECTIVE
        assert "Art. " not in rule.text


@pytest.mark.parametrize(
    ("former", "current"),
    [("IN-TG", "IN-TS"), ("in-tg", "IN-TS"), ("IN-OR", "IN-OD"), ("IN-DD", "IN-DH")],
)
def test_a_former_iso_code_is_refused_naming_the_current_one(
    former: str, current: str
) -> None:
    """ISO 3166-2:IN lists Telangana as IN-TS today (pycountry 26.2.16), IN-TG before."""
    with pytest.raises(UnknownJurisdictionError, match=f"is '{current}'"):
        rates_for(former, "standard", on=ON)
    with pytest.raises(UnknownCountryError, match=f"is '{current}'"):  # when built
        decide(_sale(former, Buyer("IN", subdivision="IN-MH"), "1"), on=ON)
    assert rates_for(current, "standard", on=ON)


def test_telangana_by_its_current_code() -> None:
    assert gstin_state("36AAPFU0939F1ZW") == "IN-TS"
    assert [rate.tax for rate in rates_for("IN-TS", "standard", on=ON)] == ["CGST", "SGST"]


# --- dated geography --------------------------------------------------------------

LADAKH_UT = date(2019, 10, 31)  # Jammu and Kashmir Reorganisation Act 2019
MERGED = date(2020, 1, 26)  # Act 44 of 2019: Dadra and Nagar Haveli and Daman and Diu


def test_ladakh_was_in_the_state_of_jammu_and_kashmir_before_31_october_2019() -> None:
    """Before: CGST + SGST, and Jammu and Kashmir to Ladakh was intra-State; from the
    day: a Union territory without a legislature (UTGST), and the supply inter-State."""
    before = LADAKH_UT - timedelta(days=1)
    assert [r.tax for r in rates_for("IN-LA", "standard", on=before)] == ["CGST", "SGST"]
    assert [r.tax for r in rates_for("IN-LA", "standard", on=LADAKH_UT)] == [
        "CGST",
        "UTGST",
    ]
    within = _sale("IN-LA", Buyer("IN", subdivision="IN-LA"), "1000")
    assert decide(within, on=before).scheme == "intra-State supply (CGST + SGST)"
    assert decide(within, on=LADAKH_UT).scheme == "intra-State supply (CGST + UTGST)"
    from_jk = _sale("IN-JK", Buyer("IN", subdivision="IN-LA"), "1000")
    decision = decide(from_jk, on=before)
    assert (decision.taxed_in, decision.scheme) == (
        "IN-JK",
        "intra-State supply (CGST + SGST)",
    )
    assert "Ladakh (IN-LA) was part of the State of Jammu and Kashmir" in (
        decision.explain()
    )
    assert decide(from_jk, on=LADAKH_UT).scheme == "inter-State supply (IGST)"


def test_jammu_and_kashmir_levies_sgst_on_both_sides_of_31_october_2019() -> None:
    """A State before, a Union territory with a legislature after: SGST either way."""
    within = _sale("IN-JK", Buyer("IN", subdivision="IN-JK"), "1000")
    for day in (LADAKH_UT - timedelta(days=1), LADAKH_UT):
        assert decide(within, on=day).scheme == "intra-State supply (CGST + SGST)"


def test_a_supply_within_dadra_and_nagar_haveli_and_daman_and_diu_before_the_merger() -> (
    None
):
    """Two Union territories until 2020-01-26: a supply between them was inter-State,
    which IN-DH cannot tell, so it is refused; from the day, intra-territory."""
    within = _sale("IN-DH", Buyer("IN", subdivision="IN-DH"), "1000")
    with pytest.raises(NoRuleError, match="2020-01-26 onwards"):
        decide(within, on=MERGED - timedelta(days=1))
    assert decide(within, on=MERGED).scheme == "intra-State supply (CGST + UTGST)"
    # To or from elsewhere it was inter-State whichever of the two it was.
    out = _sale("IN-DH", Buyer("IN", subdivision="IN-GJ"), "1000")
    assert decide(out, on=MERGED - timedelta(days=1)).scheme == (
        "inter-State supply (IGST)"
    )


# --- the day of a quote -----------------------------------------------------------


def test_a_quote_takes_the_day_of_at_in_the_time_zone_it_carries() -> None:
    """By design (CheckoutContext: tax rules use ``at``'s date), not converted to India's
    time: 20:00 UTC on 21 Sept 2025 is 22 Sept in India; the docs tell callers to pass
    ``at`` in Asia/Kolkata."""
    cart = Cart([CartLine("LAMP", Money("1499.00", "INR"), 1)])
    evening = datetime(2025, 9, 21, 20, 0, tzinfo=UTC)
    found = []
    for at in (evening, evening.astimezone(ZoneInfo("Asia/Kolkata"))):
        context = CheckoutContext(
            Seller("IN", {"IN-MH"}),
            Buyer("IN", subdivision="IN-KA"),
            at=at,
            prices_include_tax=False,
            products={"LAMP": Product("LAMP", "standard")},
        )
        (rate,) = quote(cart, context).lines[0].rates
        found.append(rate.since)
    assert found == [date(2017, 7, 1), RESTRUCTURED]
