"""Valid calls over ``commercekit.tax``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal

from commercekit.money import Money, RateTable, RoundingMode
from commercekit.tax import (
    BUNDLED,
    Buyer,
    Collector,
    CountedSale,
    GstSupplier,
    GstSupply,
    LineTax,
    LocalRate,
    LocalRates,
    NexusThreshold,
    PerItemRate,
    RateFacts,
    RateKind,
    RateTotal,
    Regime,
    Registration,
    RoundingLevel,
    Rule,
    Sale,
    SaleLine,
    Seller,
    StateRatesOnly,
    Supply,
    TaxAmount,
    TaxCategory,
    TaxDecision,
    TaxId,
    TaxLine,
    TaxRate,
    Threshold,
    ThresholdRule,
    Verification,
    VerificationLevel,
    Window,
    decide,
    nexus_threshold,
    per_item_rates,
    rate_for,
    threshold_for,
    us_shipping,
    us_state,
)
from tests.hostile import EVERY_REFUSAL, Call, call, method

DAY = date(2026, 6, 1)
AT = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
SOURCE = "https://eur-lex.europa.eu/eli/dir/2006/112/oj"

FI_TABLE = """\
tax,category,kind,rate,since,until,source,note
VAT,standard,standard,24,2013-01-01,2024-08-31,https://www.vero.fi/en/,
VAT,standard,standard,25.5,2024-09-01,,https://www.vero.fi/en/,
"""


def _vat() -> TaxRate:
    return rate_for("DE", "standard", on=DAY)


def _food() -> TaxRate:
    return rate_for("DE", "food", on=DAY)


def _nexus() -> NexusThreshold:
    return nexus_threshold("US-TX", on=DAY)


def _partial_decision() -> TaxDecision:
    sale = Sale(
        Seller("US", {"US-CA"}),
        Buyer("US", subdivision="US-CA"),
        "goods",
        Money("100.00", "USD"),
    )
    return decide(sale, on=DAY, rates=StateRatesOnly())


def _line() -> TaxLine:
    return TaxLine(Money("19.99", "EUR"), 2, _vat(), discount=Money("1.00", "EUR"))


def _tax_amount() -> TaxAmount:
    return TaxAmount(rate=_vat(), base=Money("100.00", "EUR"), amount=Money("19.00", "EUR"))


def _line_tax() -> LineTax:
    return LineTax(
        net=Money("100.00", "EUR"),
        taxes=(_tax_amount(),),
        line=TaxLine(Money("119.00", "EUR"), 1, _vat()),
    )


def _rate_total() -> RateTotal:
    return RateTotal(
        tax="VAT",
        rate=Decimal("19"),
        kind=RateKind.STANDARD,
        base=Money("100.00", "EUR"),
        amount=Money("19.00", "EUR"),
    )


def _ny_clothing() -> PerItemRate:
    return per_item_rates("US-NY", "clothing", on=DAY)[0]


def _albany() -> LocalRate:
    return LocalRate(
        "Albany County", "county", Decimal(4), SOURCE, date(2025, 3, 1),
        {TaxCategory.CLOTHING: "taxed"},
    )  # fmt: skip


def _davidson() -> LocalRates:
    davidson = LocalRate(
        "Davidson County", "county", Decimal("2.25"), SOURCE, date(2025, 1, 1),
        single_article_limit=Decimal("1600.00"),
    )  # fmt: skip
    return LocalRates("US-TN", (davidson,))


def _tax_id() -> TaxId:
    return TaxId(country="DE", number="136695976", scheme="EU VAT")


def _verification() -> Verification:
    return Verification(
        tax_id=_tax_id(),
        valid=True,
        level=VerificationLevel.REGISTRY,
        registry="VIES",
        checked_at=AT,
        reference="WAPIAAAAZ1234567",
    )


def _rates_table() -> RateTable:
    return RateTable(
        base="EUR",
        rates={"GBP": Decimal("0.8457"), "USD": Decimal("1.0842")},
        observed_at=datetime(2026, 5, 29, 16, 0, tzinfo=UTC),
        provider="ECB reference rates",
    )


def _seller() -> Seller:
    return Seller("NL", ["OSS"], eu_sales_this_year=Money("25000.00", "EUR"))


def _buyer() -> Buyer:
    return Buyer("DE")


def _sale() -> Sale:
    return Sale(_seller(), _buyer(), Supply.GOODS, Money("40.00", "EUR"))


def _threshold() -> Threshold:
    return threshold_for("EU", "distance_sales_threshold", on=DAY)


def _counted() -> CountedSale:
    return CountedSale(date(2026, 3, 2), Money("8200.00", "EUR"), "FR")


CALLS: dict[str, Callable[[], Call]] = {
    "BundledRates": lambda: call(tables={"FI": FI_TABLE}),
    "BundledRates.rates_for": lambda: method(BUNDLED.rates_for, "CA-BC", "books", on=DAY),
    "BundledRates.rate_for": lambda: method(
        BUNDLED.rate_for, "CA-BC", "books", on=DAY, tax="PST"
    ),
    "Buyer": lambda: call(
        "DE",
        postcode="10115",
        subdivision="DE-BE",
        tax_id=_tax_id(),
        verification=_verification(),
    ),
    "CountedSale": lambda: call(
        day=date(2026, 3, 2),
        amount=Money("8200.00", "EUR"),
        destination="FR",
        business=False,
    ),
    "GstSupplier": lambda: call("IN-KA", {GstSupply.GOODS, GstSupply.GOODS_THROUGH_ECO}),
    "GstRegistrationStatus": lambda: call(
        Registration.MUST_REGISTER,
        None,
        (Rule("OIDAR services from outside India", SOURCE),),
        (Rule("OIDAR services from outside India", SOURCE),),
    ),
    "gst_registration_status": lambda: call(
        [CountedSale(DAY, Money("1500000", "INR"), "IN")],
        GstSupplier("IN-KA", {GstSupply.GOODS_THROUGH_ECO}),
        on=DAY,
        registered=False,
        rates=_rates_table(),
    ),
    "TcsCollection": lambda: call(
        Money("1000.00", "INR"),
        (("IGST", Decimal("0.5"), Money("5.00", "INR")),),
        (Rule("net value", SOURCE),),
    ),
    "OperatorLiability": lambda: call(
        "cab",
        "RideApp",
        True,  # noqa: FBT003
        (Rule("clause (i)", SOURCE),),
    ),
    "operator_pays": lambda: call(
        "accommodation", "StayApp", on=DAY, supplier_liable_to_register=False
    ),
    "ecommerce_tcs": lambda: call(
        Money("100000", "INR"), Money("20000", "INR"), place="IN-MH", on=DAY
    ),
    "LineTax": lambda: call(
        net=Money("100.00", "EUR"),
        taxes=(_tax_amount(),),
        line=TaxLine(Money("119.00", "EUR"), 1, _vat()),
    ),
    "RateTotal": lambda: call(
        tax="VAT",
        rate=Decimal("19"),
        kind=RateKind.STANDARD,
        base=Money("100.00", "EUR"),
        amount=Money("19.00", "EUR"),
    ),
    "Rule": lambda: call(text="an intra-EU distance sale over EUR 10,000", source=SOURCE),
    "Sale": lambda: call(
        seller=_seller(),
        buyer=_buyer(),
        supply=Supply.GOODS,
        price=Money("40.00", "EUR"),
        shipping=Money("4.95", "EUR"),
        shipping_shown_separately=True,
        ship_from="NL",
        category=TaxCategory.STANDARD,
        marketplace="bol.com",
        exchange_rates=_rates_table(),
        lines=[
            SaleLine(Money("30.00", "EUR"), 2, TaxCategory.STANDARD),
            SaleLine(Money("10.00", "EUR"), 1, TaxCategory.BOOKS),
        ],
        prices_include_tax=True,
    ),
    "ServiceFacts": lambda: call(
        "event",
        location="IN-KA",
        paid_in_foreign_exchange=True,
        establishments_of_one_person=False,
        operator_service="housekeeping",
        supplier_liable_to_register=False,
    ),
    "SaleLine": lambda: call(
        value=Money("30.00", "EUR"),
        quantity=2,
        category=TaxCategory.BOOKS,
        excise="none",
        hs_code="4901.99",
    ),
    "Seller": lambda: call(
        country="NL",
        registrations=["OSS", "DE"],
        eu_sales_this_year=Money("25000.00", "EUR"),
        eu_sales_last_year=Money("8000.00", "EUR"),
        opted_in=False,
    ),
    "TaxAmount": lambda: call(
        rate=_vat(), base=Money("100.00", "EUR"), amount=Money("19.00", "EUR")
    ),
    "TaxBreakdown": lambda: call(
        lines=(_line_tax(),),
        by_rate=(_rate_total(),),
        prices_include_tax=True,
        rounding=RoundingLevel.LINE,
    ),
    "TaxDecision": lambda: call(
        regime=Regime.OSS_UNION,
        taxed_in="DE",
        collected_by=Collector.SELLER,
        rates=(_vat(),),
        scheme="OSS (union scheme)",
        documents=("invoice showing the DE VAT charged",),
        rules=(Rule("over EUR 10,000: destination VAT", SOURCE),),
        conversions=("GBP 10.00 is EUR 11.82 at 1.1824",),
        verification=_verification(),
        cleared_under="IOSS",
    ),
    "TaxId": lambda: call(country="DE", number="136695976", scheme="EU VAT"),
    "TaxLine": lambda: call(
        price=Money("19.99", "EUR"),
        quantity=2,
        rates=(_vat(),),
        discount=Money("1.00", "EUR"),
        description="T-shirt",
        priced_without_tax=False,
    ),
    "TaxRate": lambda: call(
        jurisdiction="DE",
        tax="VAT",
        category=TaxCategory.BOOKS,
        applies_as=TaxCategory.BOOKS,
        rate=Decimal("7"),
        kind=RateKind.REDUCED,
        since=date(2021, 1, 1),
        until=date(2030, 12, 31),
        source=SOURCE,
        note="printed books",
    ),
    "TaxRate.covers": lambda: method(_vat().covers, DAY),
    "PerItemRate": lambda: call(
        rule="below",
        threshold=Money("110.00", "USD"),
        below=_ny_clothing().below,
        above=_ny_clothing().above,
        compared_on="the price of each item after the seller's discounts",
        local_taxes="each_locality",
        official=True,
    ),
    "LocalRate": lambda: call(
        name="Albany County",
        type="county",
        rate=Decimal(4),
        source=SOURCE,
        as_of=date(2025, 3, 1),
        categories={TaxCategory.CLOTHING: "taxed"},
        single_article_limit=Decimal("1600.00"),
    ),
    "LocalRate.treatment": lambda: method(_albany().treatment, TaxCategory.CLOTHING),
    "LocalRates": lambda: call("US-NY", (_albany(),), source=BUNDLED),
    "LocalRates.rates_for": lambda: method(
        LocalRates("US-NY", (_albany(),)).rates_for, "US-NY", "standard", on=DAY
    ),
    "LocalRates.local_item_rules": lambda: method(
        LocalRates("US-NY", (_albany(),)).local_item_rules,
        "US-NY",
        TaxCategory.CLOTHING,
        (_ny_clothing(),),
        on=DAY,
    ),
    "StateRatesOnly.local_item_rules": lambda: method(
        StateRatesOnly(LocalRates("US-NY", (_albany(),))).local_item_rules,
        "US-NY",
        TaxCategory.CLOTHING,
        (_ny_clothing(),),
        on=DAY,
    ),
    "PerItemRate.parts": lambda: method(_ny_clothing().parts, Money("120.00", "USD")),
    "per_item_rates": lambda: call(
        "US-NY", "clothing", on=DAY, rates=LocalRates("US-NY", (_albany(),))
    ),
    "RateFacts": lambda: call(
        unit_value_per_day=Money("7500.00", "INR"),
        specified_premises=False,
        heading="2202 10 10",
        air_class="economy",
    ),
    "fact_rates": lambda: call(
        "IN-KA",
        "accommodation",
        RateFacts(unit_value_per_day=Money("2500.00", "INR")),
        on=DAY,
    ),
    "single_article_lines": lambda: call(
        Money("4000.00", "USD"),
        2,
        _davidson().rates_for("US-TN", "standard", on=DAY),
        on=DAY,
        source=_davidson(),
        discount=Money("10.00", "USD"),
    ),
    "item_tax_lines": lambda: call(
        Money("120.00", "USD"),
        3,
        (_ny_clothing(),),
        discount=Money("30.00", "USD"),
        description="T-shirt",
    ),
    "Taxed": lambda: call(net=Money("100.00", "EUR"), taxes=(_tax_amount(),)),
    "Threshold": lambda: call(
        jurisdiction="EU",
        rule="distance_sales_threshold",
        amount=Money("10000", "EUR"),
        window=Window.CALENDAR_YEAR_CURRENT_OR_PREVIOUS,
        crossed_when="above",
        since=date(2021, 7, 1),
        until=date(2030, 12, 31),
        legal_basis="Directive 2006/112/EC Art. 59c",
        sources=(SOURCE,),
        note="intra-EU distance sales of goods and TBE services",
    ),
    "Threshold.covers": lambda: method(_threshold().covers, DAY),
    "Threshold.crossed_by": lambda: method(
        _threshold().crossed_by, Money("10000.01", "EUR")
    ),
    "ThresholdStatus": lambda: call(
        jurisdiction="EU",
        threshold=_threshold(),
        window_start=date(2026, 1, 1),
        window_end=DAY,
        counted=Money("8200.00", "EUR"),
        previous_period=Money("3000.00", "EUR"),
        share=Decimal("0.82"),
        status=Registration.APPROACHING,
        conversions=("GBP 100.00 converted to EUR 118.24 at 1.1824",),
        due_from=date(2027, 1, 1),
        unmeasured=("whether the seller opted for destination taxation",),
    ),
    "Verification": lambda: call(
        tax_id=_tax_id(),
        valid=True,
        level=VerificationLevel.REGISTRY,
        registry="VIES",
        checked_at=AT,
        reference="WAPIAAAAZ1234567",
    ),
    "add_tax": lambda: call(Money("100.00", "EUR"), [_vat()], mode=RoundingMode.HALF_UP),
    "check_category": lambda: call("books"),
    "decide": lambda: call(_sale(), on=DAY, rates=BUNDLED),
    "excise_kind": lambda: call("alcohol", "2204.21", TaxCategory.STANDARD),
    "extract_tax": lambda: call(
        Money("119.00", "EUR"), [_vat()], mode=RoundingMode.HALF_EVEN
    ),
    "gross_price": lambda: call(Money("8.40", "EUR"), [_vat()], mode=RoundingMode.HALF_UP),
    "gstin_state": lambda: call("27AAPFU0939F1ZV"),
    "is_valid_tax_id": lambda: call("DE 136 695 976", country="DE"),
    "jurisdictions": call,
    "net_price": lambda: call(Money("9.99", "EUR"), [_vat()], extra_digits=4),
    "rate_for": lambda: call("DE", "books", on=DAY, tax="VAT"),
    "rates_for": lambda: call("CA-BC", "books", on=DAY),
    "tax_in_minor_units": lambda: call(
        [11900, 999, 0], _vat(), prices_include_tax=True, mode=RoundingMode.HALF_EVEN
    ),
    "tax_invoice": lambda: call(
        [_line(), TaxLine(Money("2.49", "EUR"), 3, _food())],
        prices_include_tax=True,
        rounding=RoundingLevel.INVOICE,
        mode=RoundingMode.HALF_UP,
        combined_rates=False,
    ),
    "threshold_for": lambda: call("GB", "registration_threshold", on=DAY),
    "nexus_threshold": lambda: call("US-TX", on=DAY),
    "nexus_periods": lambda: call("US-SD"),
    "nexus_status": lambda: call(
        [CountedSale(DAY, Money("8200.00", "EUR"), "US", state="US-TX", transactions=3)],
        ["US-NY"],
        on=DAY,
        rates=_rates_table(),
    ),
    "NexusThreshold": lambda: call(
        state="US-SD",
        sales=Money("100000", "USD"),
        transactions=200,
        combine="or",
        sales_crossed_when="above",
        transactions_crossed_when="at_or_above",
        window="previous_or_current_calendar_year",
        counts="gross revenue",
        marketplace_counts=True,
        collect_from="next_transaction",
        since=date(2018, 11, 1),
        until=date(2023, 6, 30),
        legal_basis="SDCL 10-64-2",
        sources=("https://sdlegislature.gov/Session/Bill/23843/242476",),
        official=True,
        note="",
    ),
    "NexusThreshold.crossed": lambda: method(
        _nexus().crossed, Money("100000.01", "USD"), 3
    ),
    "NexusStatus": lambda: call(
        state="US-TX",
        threshold=_nexus(),
        window_start=date(2025, 6, 1),
        window_end=date(2026, 5, 31),
        sales=Money("450000.00", "USD"),
        transactions=12,
        previous_sales=None,
        previous_transactions=None,
        left_out=Money("0", "USD"),
        crossed_on=None,
        due=None,
        share=Decimal("0.9"),
        status=Registration.APPROACHING,
        conversions=("EUR 100.00 converted to USD 117.00 at 1.17",),
    ),
    "threshold_periods": lambda: call("GB", ThresholdRule.REGISTRATION_THRESHOLD),
    "threshold_status": lambda: call(
        [_counted()],
        ["DE"],
        seller_country="NL",
        on=DAY,
        rates=_rates_table(),
    ),
    "source_rates": lambda: call(BUNDLED, "DE", "books", on=DAY),
    "StateRatesOnly": lambda: call(BUNDLED),
    "StateRatesOnly.rates_for": lambda: method(
        StateRatesOnly().rates_for, "US-CA", "standard", on=DAY
    ),
    "missing_from": lambda: call(_partial_decision()),
    "us_state": lambda: call("US-CA"),
    "us_shipping": lambda: call("US-TX", on=DAY),
    "UsShipping": lambda: call(
        state="US-TX",
        separately_stated="taxable",
        since=date(2018, 6, 21),
        until=None,
        sources=("https://comptroller.texas.gov/taxes/sales/",),
        note="",
    ),
    "UsShipping.covers": lambda: method(us_shipping("US-TX", on=DAY).covers, DAY),
    "UsState": lambda: call(
        state="US-CA",
        name="California",
        sales_tax=True,
        local_taxes=True,
        facilitator_since=date(2019, 10, 1),
        sources=("https://cdtfa.ca.gov/",),
        note="",
    ),
    "UsState.facilitator_law": lambda: method(us_state("US-CA").facilitator_law, DAY),
    "validate_tax_id": lambda: call("DE 136 695 976", country="DE"),
}

_ANY = EVERY_REFUSAL
_NAME = frozenset({"unknown code"})
_WORDING = "free text as the decision or the registry words it, not a code from a list"
_TAX_NAME = (
    "the tax's own name (VAT, GST, HST, PST, QST, JCT, or a plugin's 'sales tax'), "
    "not a code from a list"
)

VALID_BY_DESIGN: dict[tuple[str, str], tuple[frozenset[str], str]] = {
    ("TaxRate", "tax"): (_NAME, _TAX_NAME),
    ("RateTotal", "tax"): (_NAME, _TAX_NAME),
    ("LocalRate", "name"): (_NAME, "the locality's own name, such as 'Albany County'"),
    ("LocalRate", "source"): (_NAME, "where the rate was read, in words or a URL"),
    ("PerItemRate", "compared_on"): (_NAME, "the law's words for the value compared"),
    ("item_tax_lines", "description"): (_NAME, "the line's own words, such as 'T-shirt'"),
    ("Sale", "marketplace"): (_NAME, "the platform's own name, such as 'bol.com'"),
    ("TaxDecision", "scheme"): (_NAME, _WORDING),
    ("TaxDecision", "cleared_under"): (_NAME, _WORDING),
    ("TaxDecision", "documents"): (_NAME, _WORDING),
    ("TaxDecision", "conversions"): (_NAME, _WORDING),
    ("ThresholdStatus", "conversions"): (_NAME, _WORDING),
    ("NexusStatus", "conversions"): (_NAME, _WORDING),
    ("NexusThreshold", "counts"): (_NAME, "the state's own words for what counts"),
    ("NexusThreshold", "legal_basis"): (_NAME, "the statute's citation, in words"),
    ("ThresholdStatus", "unmeasured"): (_NAME, _WORDING),
    ("UsState", "name"): (_NAME, "the state's name in words, such as 'California'"),
    ("Verification", "registry"): (_NAME, "the registry's own name, such as 'VIES'"),
    ("Verification", "reference"): (_NAME, "the registry's own consultation number"),
    ("is_valid_tax_id", "text"): (
        _ANY,
        "a question, not a rule: it answers False for anything that is not a tax number",
    ),
    ("is_valid_tax_id", "country"): (
        _ANY,
        "a question, not a rule: it answers False for a country with no tax-number scheme",
    ),
}
