"""Services from abroad to a buyer in India: a business with a GSTIN pays IGST under
reverse charge (IGST Act 2017 s. 5(3); Notification 10/2017-Integrated Tax (Rate)
entry 1), where s. 13 places the service in India; OIDAR services to a consumer stay
with the supplier (s. 14). The cases are HAND-BUILT from the statute's and the
notification's text; each names the provision it tests."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commercekit.errors import MissingDataError, NoRuleError
from commercekit.money import Money
from commercekit.tax import Buyer, Sale, Seller, ServiceFacts, decide, validate_tax_id

DAY = date(2026, 6, 1)
BUSINESS = Buyer("IN", tax_id=validate_tax_id("29AAPFU0939F1ZR", "IN"))  # Karnataka
CONSUMER = Buyer("IN", subdivision="IN-KA")
NOTIFICATION = "notfctn-10-2017-igst-rate-english.pdf"


def _sale(buyer: Buyer, supply: str = "services", **facts: object) -> Sale:
    service = ServiceFacts(**facts) if facts else None  # type: ignore[arg-type]
    return Sale(Seller("US"), buyer, supply, Money("1000.00", "USD"), service=service)


@pytest.mark.parametrize("supply", ["services", "electronic_services"])
def test_a_business_with_a_gstin_pays_igst_under_reverse_charge(supply: str) -> None:
    """s. 5(3) with entry 1: any service from a non-taxable territory to a person other
    than a non-taxable online recipient; the supplier charges none."""
    decision = decide(_sale(BUSINESS, supply), on=DAY)
    assert decision.regime.value == "reverse_charge"
    assert decision.collected_by.value == "buyer"
    assert decision.taxed_in == "IN"
    assert decision.scheme == "reverse charge (IGST)"
    assert decision.rates == ()
    text = decision.explain()
    assert "IGST Act s. 5(3)" in text
    assert "Notification 10/2017-Integrated Tax (Rate), entry 1" in text
    assert "s. 2(11)" in text
    assert "s. 7(4)" in text
    assert any(NOTIFICATION in rule.source for rule in decision.rules)


def test_oidar_to_a_consumer_stays_with_the_supplier() -> None:
    """s. 14: a non-taxable online recipient; the supplier registers and pays IGST."""
    decision = decide(_sale(CONSUMER, "electronic_services"), on=DAY)
    assert decision.regime.value == "not_collected"
    assert decision.collected_by.value == "none"
    text = decision.explain()
    assert "(s. 14)" in text
    assert decision.regime.value != "reverse_charge"


def test_oidar_to_a_consumer_through_a_registered_supplier_is_charged() -> None:
    """s. 14: the supplier registered in India charges IGST itself."""
    sale = Sale(Seller("US", {"IN"}), CONSUMER, "electronic_services", Money("10", "USD"))
    decision = decide(sale, on=DAY)
    assert decision.collected_by.value == "seller"
    assert [(rate.tax, str(rate.rate)) for rate in decision.rates] == [("IGST", "18")]


def test_a_service_the_facts_place_in_india_is_reverse_charged() -> None:
    """s. 13(5): an event held in Karnataka is supplied in India."""
    decision = decide(_sale(BUSINESS, kind="event", location="IN-KA"), on=DAY)
    assert decision.regime.value == "reverse_charge"
    assert "s. 13(5)" in decision.explain()


@pytest.mark.parametrize(
    ("facts", "law"),
    [
        ({"kind": "event", "location": "AE"}, "s. 13(5)"),
        ({"kind": "in_person", "location": "US"}, "s. 13(3)(b)"),
        ({"kind": "hire_of_transport"}, "s. 13(8)(c)"),
        ({"kind": "banking"}, "s. 13(8)(a)"),
    ],
)
def test_a_service_placed_outside_india_is_not_indias(
    facts: dict[str, str], law: str
) -> None:
    """s. 2(11): not an import of services when s. 13 places it outside India; the
    decision says India's GST does not apply and names the subsection."""
    decision = decide(_sale(BUSINESS, **facts), on=DAY)
    assert decision.regime.value == "not_bundled"
    assert decision.collected_by.value == "none"
    assert decision.rates == ()
    assert law in decision.explain()
    assert "India's GST does not apply" in decision.explain()


def test_a_kind_placed_where_performed_needs_its_location() -> None:
    """s. 13(3)(b): where performed, which only the caller knows."""
    with pytest.raises(MissingDataError, match=r"ServiceFacts\.location"):
        decide(_sale(BUSINESS, kind="in_person"), on=DAY)


def test_intermediary_services_after_the_last_day_read_are_refused() -> None:
    """s. 13(8)(b), recommended for omission: refused after 2026-01-31, as for exports."""
    decide(_sale(BUSINESS, kind="intermediary"), on=date(2025, 6, 2))
    with pytest.raises(NoRuleError, match=r"13\(8\)\(b\)"):
        decide(_sale(BUSINESS, kind="intermediary"), on=DAY)


def test_before_gst_no_rule() -> None:
    """Notification 10/2017-Integrated Tax (Rate) took effect with GST, 2017-07-01."""
    decide(_sale(BUSINESS), on=date(2017, 7, 1))
    with pytest.raises(NoRuleError, match="2017-07-01 onwards"):
        decide(_sale(BUSINESS), on=date(2017, 6, 30))


@given(st.dates(date(2017, 7, 1), date(2030, 12, 31)))
def test_reverse_charge_on_every_day_of_gst(day: date) -> None:
    """On every day from 2017-07-01 a general service from abroad to a business with a
    GSTIN is the recipient's to pay, and the supplier charges no rate."""
    decision = decide(_sale(BUSINESS), on=day)
    assert (decision.regime.value, decision.rates) == ("reverse_charge", ())
