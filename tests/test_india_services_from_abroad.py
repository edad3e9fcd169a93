"""Services other than OIDAR from a supplier outside India to a consumer in India.

IGST Act 2017 s. 13 places them (the recipient's location under the general rule, s.
13(2); where performed, s. 13(3)-(5)); placed in India they are an import of services
(s. 2(11)), inter-State (s. 7(4)), on which Notification 10/2017-Integrated Tax (Rate)
entry 1 (s. 5(3)) makes a recipient other than a non-taxable online recipient pay the
IGST; Notification 9/2017-Integrated Tax (Rate) entry 10(a) exempts them when the
recipient is an individual receiving them for a purpose other than commerce, industry
or any other business or profession. The cases are HAND-BUILT from those texts (no CBIC
or GST Council worked example with these facts was found); each names what it tests.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from commercekit.checkout import CheckoutContext, Product, quote
from commercekit.errors import (
    InvalidInputError,
    InvalidJsonError,
    MissingDataError,
    NoRuleError,
)
from commercekit.money import Money
from commercekit.pricing import Cart, CartLine
from commercekit.serde import quote_request_from_json, quote_request_to_json, quote_to_json
from commercekit.tax import (
    Buyer,
    Regime,
    Sale,
    Seller,
    ServiceFacts,
    decide,
    validate_tax_id,
)

DAY = date(2026, 6, 1)
CONSUMER = Buyer("IN", subdivision="IN-MH")
ENTRY_10 = "Notification 9/2017-Integrated Tax (Rate) entry 10(a)"


def _lesson(seller: Seller, facts: ServiceFacts | None = None) -> Sale:
    return Sale(seller, CONSUMER, "services", Money("2000.00", "INR"), service=facts)


@pytest.mark.parametrize(
    "facts",
    [None, ServiceFacts("general"), ServiceFacts("in_person", location="IN-KA"),
     ServiceFacts("event", location="IN-MH")],
)  # fmt: skip
def test_placed_in_india_they_are_exempt_for_a_consumer(facts: ServiceFacts | None) -> None:
    """s. 13 places the lesson in India (recipient, or where performed), and entry
    10(a) exempts it: India charges nothing and the supplier abroad registers for
    nothing; the supplier's own decision (the US's, not bundled) follows."""
    decision = decide(_lesson(Seller("US"), facts), on=DAY)
    said = decision.explain()
    assert ENTRY_10 in said
    assert "exempt" in decision.rules[1].text
    assert "India" in decision.rules[0].text
    assert not any(rate.jurisdiction.startswith("IN") for rate in decision.rates)
    assert decision.rates == ()
    assert decision.regime is Regime.NOT_BUNDLED  # the US's own side, named


def test_the_suppliers_own_tax_is_kept_and_indias_is_not_added() -> None:
    """A German supplier's lesson: Germany taxes it under its own rule (the decision
    made before, Art. 45); India adds its reasons and no IGST."""
    decision = decide(_lesson(Seller("DE", {"DE"}), ServiceFacts("general")), on=DAY)
    assert decision.taxed_in == "DE"
    assert {rate.jurisdiction for rate in decision.rates} == {"DE"}
    assert ENTRY_10 in decision.rules[1].text
    assert "Art. 45" in decision.explain()


@pytest.mark.parametrize(
    "facts",
    [ServiceFacts("in_person", location="TH"), ServiceFacts("banking"),
     ServiceFacts("immovable_property", location="FR")],
)  # fmt: skip
def test_placed_outside_india_they_are_not_indias(facts: ServiceFacts) -> None:
    """s. 13(3)(b), 13(8)(a), 13(4): where performed, the supplier's location, where the
    property is: outside India, so not an import of services (s. 2(11))."""
    decision = decide(_lesson(Seller("US"), facts), on=DAY)
    assert "not an import of services" in decision.rules[1].text
    assert ENTRY_10 not in decision.explain()


def test_both_sides_of_gst_beginning() -> None:
    lesson = _lesson(Seller("US"), ServiceFacts("general"))
    assert ENTRY_10 in decide(lesson, on=date(2017, 7, 1)).explain()
    with pytest.raises(NoRuleError, match="2017-07-01"):
        decide(lesson, on=date(2017, 6, 30))


def test_both_sides_of_the_last_day_the_intermediary_rule_is_read() -> None:
    """s. 13(8)(b): an intermediary abroad is placed where it is (not India's) until
    2026-01-31; after, refused as for a business recipient."""
    lesson = _lesson(Seller("US"), ServiceFacts("intermediary"))
    assert "not an import" in decide(lesson, on=date(2026, 1, 31)).rules[1].text
    with pytest.raises(NoRuleError, match=r"13\(8\)\(b\)"):
        decide(lesson, on=date(2026, 2, 1))


def test_a_place_not_said_is_refused_by_its_field() -> None:
    with pytest.raises(MissingDataError) as refused:
        decide(_lesson(Seller("US"), ServiceFacts("in_person")), on=DAY)
    assert refused.value.field == "sale.service.location"


def test_oidar_said_of_a_sale_of_services_is_refused() -> None:
    """OIDAR to a consumer is taxed (s. 14), never exempt: sold as services it is
    refused, naming electronic_services."""
    with pytest.raises(InvalidInputError, match="electronic_services") as refused:
        decide(_lesson(Seller("US"), ServiceFacts("oidar")), on=DAY)
    assert refused.value.field == "sale.service.kind"


def test_a_business_with_a_gstin_still_pays_by_reverse_charge() -> None:
    """The other side of the recipient: a GSTIN makes it entry 1's reverse charge."""
    business = Buyer("IN", tax_id=validate_tax_id("29AAPFU0939F1ZR", "IN"))
    sale = Sale(Seller("US"), business, "services", Money("2000.00", "INR"))
    decision = decide(sale, on=DAY)
    assert decision.regime is Regime.REVERSE_CHARGE
    assert decision.collected_by.value == "buyer"
    assert "entry 1" in decision.explain()
    assert ENTRY_10 not in decision.explain()


def _context(seller: Seller, facts: ServiceFacts) -> CheckoutContext:
    return CheckoutContext(
        seller, CONSUMER, at=datetime(2026, 6, 1, 12, tzinfo=UTC),
        prices_include_tax=False, products={"LESSON": Product("LESSON", "standard")},
        service_facts=facts,
    )  # fmt: skip


CART = Cart([CartLine("LESSON", Money("2000.00", "INR"), 1)])


def test_the_quote_charges_no_igst_and_says_why() -> None:
    """The quote of the US supplier's lesson equals its decision: no tax, entry 10(a)
    in the reasons; a German supplier's charges Germany's 19 % only (380.00)."""
    us = quote(CART, _context(Seller("US"), ServiceFacts("general")))
    assert us.tax == Money("0.00", "INR")
    assert ENTRY_10 in us.decision.explain()
    assert us.decision == decide(_lesson(Seller("US"), ServiceFacts("general")), on=DAY)
    de = quote(CART, _context(Seller("DE", {"DE"}), ServiceFacts("general")))
    assert de.tax == Money("380.00", "INR")
    assert {total.tax for total in de.tax_summary} == {"VAT"}


def test_json_round_trip() -> None:
    context = _context(Seller("US"), ServiceFacts("in_person", location="IN-KA"))
    data = quote_request_to_json(CART, context)
    assert data["service_facts"] == {"kind": "in_person", "location": "IN-KA"}
    assert quote_request_from_json(data) == (CART, context)
    answer = quote_to_json(quote(CART, context))
    assert ENTRY_10 in " ".join(rule["text"] for rule in answer["decision"]["rules"])
    wrong = {"kind": "in_person", "location": "IN-XX"}
    with pytest.raises(InvalidJsonError) as refused:
        quote_request_from_json(data | {"service_facts": wrong})
    assert refused.value.field == "service_facts.location"
