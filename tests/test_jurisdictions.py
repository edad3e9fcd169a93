"""The shared test base: every registered jurisdiction passes the same checks.

For each jurisdiction of the registry (``tax/_jurisdictions``): its module names its
official references; every threshold rule it reads has rows with a source, no overlaps
and no gaps, nothing in force before its first row, and the right row on both sides of
every change; every bundled rate table belongs to a registered jurisdiction (and so to
the rate tables' own checks in ``test_tax_rates.py``); and a consumer's purchase from
abroad, of goods and of electronic services, is decided with a source on every rule.
Adding a jurisdiction adds it here with nothing else to write.
"""

from __future__ import annotations

import ast
import inspect
import itertools
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

import commercekit.tax._jurisdictions as jurisdictions_package
from commercekit.errors import NoRuleError
from commercekit.money import Money, RateTable
from commercekit.regions import place_of
from commercekit.tax import (
    BUNDLED,
    Buyer,
    CountedSale,
    Sale,
    Seller,
    Supply,
    ThresholdRule,
    decide,
    jurisdictions,
    threshold_for,
    threshold_periods,
    threshold_status,
    validate_tax_id,
)
from commercekit.tax._jurisdictions import JURISDICTION_REGISTRY, Jurisdiction
from commercekit.tax._jurisdictions._case import NOT_BUNDLED_SOURCE
from commercekit.tax._thresholds import _read as read_thresholds
from tests.dated_rules import assert_well_formed

THRESHOLDS = read_thresholds()

REGISTERED = sorted(JURISDICTION_REGISTRY)
RATES = RateTable(
    base="EUR",
    rates={
        "GBP": Decimal("0.85"),
        "NOK": Decimal("11.5"),
        "SGD": Decimal("1.45"),
        "CAD": Decimal("1.5"),
        "AUD": Decimal("1.65"),
        "NZD": Decimal("1.8"),
        "CHF": Decimal("0.95"),
    },
    observed_at=datetime(2026, 1, 5, tzinfo=UTC),
    provider="example rates",
)
ON = date(2026, 6, 1)

# A buyer in each jurisdiction's main place, and money in its currency.
_BUYERS = {
    "EU": (Buyer("DE"), "EUR"),
    "GB": (Buyer("GB"), "GBP"),
    "AU": (Buyer("AU"), "AUD"),
    "NZ": (Buyer("NZ"), "NZD"),
    "NO": (Buyer("NO"), "NOK"),
    "SG": (Buyer("SG"), "SGD"),
    "CH": (Buyer("CH"), "CHF"),
    "CA": (Buyer("CA", subdivision="CA-ON"), "CAD"),
    "JP": (Buyer("JP"), "JPY"),
    "IN": (Buyer("IN", subdivision="IN-MH"), "INR"),
    "US": (Buyer("US", subdivision="US-MA"), "USD"),  # no local taxes: decided whole
}


# A business buyer where commercekit validates the country's tax numbers.
_BUSINESS = {
    "EU": Buyer("DE", tax_id=validate_tax_id("DE136695976")),
    "GB": Buyer("GB", tax_id=validate_tax_id("GB980780684")),
    "IN": Buyer("IN", tax_id=validate_tax_id("27AAPFU0939F1ZV", "IN")),
}


def _rules(code: str) -> list[tuple[str, str]]:
    return [(code, str(rule)) for rule in JURISDICTION_REGISTRY[code].thresholds]


THRESHOLD_RULES = [pair for code in REGISTERED for pair in _rules(code)]


def test_every_jurisdiction_has_a_buyer_here() -> None:
    """A new jurisdiction names the buyer its shared checks decide for."""
    assert set(_BUYERS) == set(REGISTERED)


@pytest.mark.parametrize("code", REGISTERED)
def test_the_registry_key_is_the_jurisdictions_code(code: str) -> None:
    jurisdiction = JURISDICTION_REGISTRY[code]
    assert isinstance(jurisdiction, Jurisdiction)
    assert jurisdiction.code == code
    assert jurisdiction.name


@pytest.mark.parametrize("code", REGISTERED)
def test_each_module_names_its_official_references(code: str) -> None:
    jurisdiction = JURISDICTION_REGISTRY[code]
    assert jurisdiction.references
    for reference in jurisdiction.references:
        assert reference.startswith("https://"), reference
    module = inspect.getmodule(type(jurisdiction))
    assert module is not None
    assert module.__doc__
    assert "\nReferences:\n" in module.__doc__, "a References: list in the docstring"


@pytest.mark.parametrize(("code", "rule"), THRESHOLD_RULES)
def test_thresholds_have_sources_no_overlaps_and_no_gaps(code: str, rule: str) -> None:
    periods = threshold_periods(code, rule)
    assert_well_formed((code, rule), periods)
    for earlier, later in itertools.pairwise(periods):
        assert earlier.until is not None
        assert earlier.until + timedelta(days=1) == later.since, (code, rule, "gap")


@pytest.mark.parametrize(("code", "rule"), THRESHOLD_RULES)
def test_nothing_before_the_first_threshold(code: str, rule: str) -> None:
    first = threshold_periods(code, rule)[0]
    assert threshold_for(code, rule, on=first.since) == first
    with pytest.raises(NoRuleError):
        threshold_for(code, rule, on=first.since - timedelta(days=1))


@pytest.mark.parametrize(("code", "rule"), THRESHOLD_RULES)
def test_both_sides_of_every_threshold_change(code: str, rule: str) -> None:
    periods = threshold_periods(code, rule)
    for earlier, later in itertools.pairwise(periods):
        assert threshold_for(code, rule, on=later.since - timedelta(days=1)) == earlier
        assert threshold_for(code, rule, on=later.since) == later
    last = periods[-1]
    if last.until is not None:
        with pytest.raises(NoRuleError):
            threshold_for(code, rule, on=last.until + timedelta(days=1))


def test_every_bundled_rate_table_belongs_to_a_registered_jurisdiction() -> None:
    """So the rate tables' shared checks (test_tax_rates.py) run for each of them."""
    for table in jurisdictions():
        if table == "XI":
            place = place_of("GB", postcode="BT1 1AA", on=ON)
        else:
            country, _, region = table.partition("-")
            place = place_of(country, subdivision=table if region else None, on=ON)
        assert place.vat_area(goods=True) in JURISDICTION_REGISTRY, table


@pytest.mark.parametrize("code", REGISTERED)
@pytest.mark.parametrize("supply", [Supply.GOODS, Supply.ELECTRONIC_SERVICES])
@pytest.mark.parametrize("marketplace", [None, "Marketplace Ltd"])
def test_a_consumer_purchase_from_abroad_has_a_source_on_every_rule(
    code: str, supply: Supply, marketplace: str | None
) -> None:
    buyer, currency = _BUYERS[code]
    seller = Seller("US") if code != "EU" else Seller("CN")
    amount = "100" if currency != "JPY" else "10000"
    sale = Sale(
        seller, buyer, supply, Money(amount, currency), marketplace=marketplace,
        transport_mode="air" if supply is Supply.GOODS else None,  # asked by SG
        excise="none" if supply is Supply.GOODS else None,  # no excise goods, said
    )  # fmt: skip
    decision = decide(sale, on=ON)
    assert decision.rules
    for rule in decision.rules:
        assert rule.source, rule
    assert (
        place_of(buyer.country, subdivision=buyer.subdivision, on=ON).vat_area(
            goods=supply is Supply.GOODS
        )
        == code
    )


# Rows read outside the decision: landed cost's EU flat customs duty.
READ_BY_LANDED_COST = {("EU", "flat_customs_duty")}


def test_every_threshold_row_is_read_by_a_rule() -> None:
    """Data that nothing reads is used or removed: every threshold row belongs to a
    jurisdiction that lists it (and reads it) or to landed cost."""
    listed = set(THRESHOLD_RULES) | READ_BY_LANDED_COST
    assert {(code, str(rule)) for code, rule in THRESHOLDS} == listed


@pytest.mark.parametrize("code", REGISTERED)
def test_the_rules_a_jurisdiction_reads_are_listed(code: str) -> None:
    jurisdiction = JURISDICTION_REGISTRY[code]
    read = {
        rule
        for rule in (
            jurisdiction.registration_threshold,
            jurisdiction.resident_threshold,
            getattr(jurisdiction, "services_threshold", None),
            getattr(jurisdiction, "low_value_rule", None),
        )
        if rule is not None
    }
    assert read <= set(jurisdiction.thresholds)


@pytest.mark.parametrize(
    ("home", "code", "rule"),
    [
        ("GB", "GB", "registration_threshold"),
        ("US", "GB", "registration_threshold_nonresident"),
        ("NO", "NO", "registration_threshold"),
        ("US", "NO", "registration_threshold_nonresident"),
        ("SG", "SG", "registration_threshold"),
        ("US", "SG", "ovr_local_supplies"),
        ("CA", "CA", "registration_threshold"),
        ("US", "CA", "registration_threshold_nonresident"),
        ("AU", "AU", "registration_threshold"),
        ("US", "AU", "registration_threshold"),
    ],
)
def test_residents_and_foreign_sellers_meet_their_own_registration_threshold(
    home: str, code: str, rule: str
) -> None:
    sales = [CountedSale(date(2026, 3, 2), Money("100", "EUR"), "DE")]
    found = {
        status.jurisdiction: status.threshold.rule
        for status in threshold_status(sales, (), seller_country=home, on=ON, rates=RATES)
        if status.threshold is not None  # not bundled: the US's physical presence
    }
    assert found[code] == rule


def test_a_resident_counts_its_whole_turnover_a_foreign_seller_its_consumers_here() -> None:
    """A seller established in the UK counts its sales to businesses and its exports
    toward the UK threshold (VATA 1994 Sch. 1 para 1: taxable supplies, zero-rated
    ones included); a seller established abroad only its sales to UK consumers."""
    sales = [
        CountedSale(date(2026, 3, 2), Money("60000", "GBP"), "GB", business=True),
        CountedSale(date(2026, 4, 2), Money("40000", "GBP"), "US", state="US-OR"),
    ]
    (resident,) = [
        s
        for s in threshold_status(sales, (), seller_country="GB", on=ON)
        if s.jurisdiction == "GB"
    ]
    assert resident.counted == Money("100000.00", "GBP")
    assert resident.status.value == "must_register"
    for home in ("XI", "GB"):  # Northern Ireland is in the UK
        assert any(
            s.jurisdiction == "GB" and s.threshold.rule == "registration_threshold"
            for s in threshold_status(sales, (), seller_country=home, on=ON)
        )


def test_a_northern_ireland_seller_meets_the_eu_distance_sales_threshold() -> None:
    sales = [CountedSale(date(2026, 3, 2), Money("11000", "EUR"), "IE")]
    found = [
        s
        for s in threshold_status(sales, (), seller_country="XI", on=ON, rates=RATES)
        if s.jurisdiction == "EU"
    ]
    assert found[0].status.value == "must_register"


def test_switzerland_measures_a_foreign_seller_of_goods_by_its_mail_order_sales() -> None:
    """MWSTG Art. 7(3)(b): small consignments to Switzerland, not worldwide turnover."""
    sales = [
        CountedSale(date(2026, 3, 1), Money("150000", "CHF"), "DE"),
        CountedSale(date(2026, 3, 2), Money("50", "CHF"), "CH"),
    ]
    (swiss,) = [
        s
        for s in threshold_status(sales, (), seller_country="DE", on=ON, rates=RATES)
        if s.jurisdiction == "CH"
    ]
    assert swiss.threshold.rule == "mail_order_threshold"
    assert swiss.status.value == "below"
    at_home = [
        s
        for s in threshold_status(sales, (), seller_country="CH", on=ON, rates=RATES)
        if s.jurisdiction == "CH"
    ]
    assert at_home[0].threshold.rule == "registration_threshold"
    assert at_home[0].status.value == "must_register"


_JURISDICTION_MODULES = sorted(
    (Path(jurisdictions_package.__file__).parent).glob("_*.py"),
)


def _threshold_reads(path: Path) -> set[tuple[str, str]]:
    """Each (jurisdiction, rule) a module reads with ``threshold_for`` or ``in_force``
    where both are written out (``"EU"`` or ``self.code``, ``ThresholdRule.X``)."""
    tree = ast.parse(path.read_text("utf-8"))
    codes = {
        node.value.value
        for node in ast.walk(tree)
        if isinstance(node, ast.AnnAssign)
        and isinstance(node.target, ast.Name)
        and node.target.id == "code"
        and isinstance(node.value, ast.Constant)
    }
    found = set()
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
            continue
        if node.func.id not in {"threshold_for", "in_force"} or len(node.args) < 2:
            continue
        where, rule = node.args[0], node.args[1]
        if not (isinstance(rule, ast.Attribute) and isinstance(rule.value, ast.Name)):
            continue
        if rule.value.id != "ThresholdRule":
            continue
        name = ThresholdRule[rule.attr].value
        if isinstance(where, ast.Constant):
            found.add((where.value, name))
        else:  # self.code: every jurisdiction the module defines
            found.update((code, name) for code in codes)
    return found


@pytest.mark.parametrize("path", _JURISDICTION_MODULES, ids=lambda p: p.name)
def test_every_threshold_a_module_reads_is_listed(path: Path) -> None:
    """A threshold read by a rule but not in its jurisdiction's ``thresholds`` escapes
    the shared checks above; this finds it."""
    listed = set(THRESHOLD_RULES) | READ_BY_LANDED_COST
    assert _threshold_reads(path) <= listed


def _change_days(code: str) -> list[date]:
    """The day before and the day of every change of the jurisdiction's thresholds,
    from its first rule on."""
    jurisdiction = JURISDICTION_REGISTRY[code]
    first = max(
        (threshold_periods(code, rule)[0].since for rule in jurisdiction.thresholds),
        default=date.min,
    )
    days = {ON}
    for rule in jurisdiction.thresholds:
        for row in threshold_periods(code, rule)[1:]:
            days.update({row.since - timedelta(days=1), row.since})
    return sorted(day for day in days if day >= first)


@pytest.mark.parametrize("code", REGISTERED)
def test_decisions_on_both_sides_of_every_change_cite_their_sources(code: str) -> None:
    """A consumer's and a business's purchase, of goods and of services, decided on
    the day before and the day of each change of the jurisdiction's thresholds: each
    rule cites an official page (https) or names the documentation of what is not
    bundled."""
    buyer, currency = _BUYERS[code]
    business = _BUSINESS.get(code)
    seller = Seller("US") if code != "EU" else Seller("CN")
    amount = "100" if currency != "JPY" else "10000"
    for day in _change_days(code):
        for who in (buyer, business):
            if who is None:
                continue
            for supply in Supply:
                mode = "air" if supply is Supply.GOODS else None  # asked by SG
                excise = "none" if mode else None  # no excise goods, said
                sale = Sale(
                    seller,
                    who,
                    supply,
                    Money(amount, currency),
                    transport_mode=mode,
                    excise=excise,
                )
                decision = decide(sale, on=day, rates=BUNDLED)
                for rule in decision.rules:
                    assert rule.source.startswith("https://") or (
                        rule.source == NOT_BUNDLED_SOURCE
                    ), (code, day, supply, rule)


@pytest.mark.parametrize("code", REGISTERED)
def test_an_invoice_rule_says_why(code: str) -> None:
    """A prescribed rounding level or a delivery rate of its own comes with its rule."""
    jurisdiction = JURISDICTION_REGISTRY[code]
    if jurisdiction.invoice_rounding is not None:
        assert jurisdiction.invoice_rounding_rule
    if jurisdiction.delivery_category is not None:
        assert jurisdiction.delivery_rule
