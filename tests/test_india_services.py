"""Services across India's border: the place of supply by kind (IGST Act 2017 s. 13),
the five conditions of an export of services (s. 2(6)), and OIDAR services from abroad
to consumers in India (ss. 13(12), 14). The cases are HAND-BUILT from the statute's
text (no CBIC or GST Council worked example with these facts was found); each names
the subsection it tests."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commercekit.checkout import CheckoutContext, Product, quote
from commercekit.errors import CommerceKitError, MissingDataError, NoRuleError
from commercekit.money import Money
from commercekit.pricing import Cart, CartLine
from commercekit.tax import (
    Buyer,
    Sale,
    Seller,
    ServiceFacts,
    ServiceKind,
    TaxDecision,
    decide,
    validate_tax_id,
)

DAY = date(2025, 6, 2)
MUMBAI = Seller("IN", {"IN-MH"})
EXPORTED = {"paid_in_foreign_exchange": True, "establishments_of_one_person": False}


def _facts(
    kind: str, location: str | None = None, **conditions: bool | None
) -> ServiceFacts:
    given_ = {**EXPORTED, **conditions}
    return ServiceFacts(kind, location=location, **given_)


def _abroad(facts: ServiceFacts | None, buyer: Buyer | None = None, **sale: object) -> Sale:
    return Sale(
        MUMBAI, buyer or Buyer("DE"), sale.pop("supply", "services"),
        Money("1000.00", "USD"), service=facts, **sale,  # type: ignore[arg-type]
    )  # fmt: skip


def _taxes(decision: TaxDecision) -> list[tuple[str, Decimal]]:
    return [(rate.tax, rate.rate) for rate in decision.rates]


def test_a_general_service_to_a_consumer_abroad_is_a_zero_rated_export() -> None:
    """s. 13(2): the recipient's location, Germany; s. 2(6) (i)-(v) all hold; s.
    16(1)(a): zero-rated."""
    decision = decide(_abroad(_facts("general")), on=DAY)
    assert decision.regime.value == "export"
    assert decision.scheme == "export of services (zero-rated)"
    assert decision.rates == ()
    assert "recipient's location, DE (IGST Act s. 13(2))" in decision.explain()


def test_an_export_needs_the_service_facts_and_both_conditions_named() -> None:
    with pytest.raises(MissingDataError, match=r"Sale\.service") as error:
        decide(_abroad(None), on=DAY)
    assert "IGST Act s. 13" in str(error.value)
    with pytest.raises(MissingDataError) as error:
        decide(_abroad(ServiceFacts("general")), on=DAY)
    assert "paid_in_foreign_exchange" in str(error.value)
    assert "establishments_of_one_person" in str(error.value)


@pytest.mark.parametrize(
    "conditions",
    [{"paid_in_foreign_exchange": False}, {"establishments_of_one_person": True}],
)
def test_a_failed_condition_makes_it_an_inter_state_supply(
    conditions: dict[str, bool],
) -> None:
    """s. 2(6)(iv) or (v) fails: not an export; s. 7(5)(a): inter-State, IGST."""
    decision = decide(_abroad(_facts("general", **conditions)), on=DAY)
    assert (decision.regime.value, decision.scheme) == (
        "domestic", "inter-State supply (IGST)"
    )  # fmt: skip
    assert _taxes(decision) == [("IGST", Decimal(18))]
    assert decision.collected_by.value == "seller"


def test_an_event_is_placed_where_it_is_held() -> None:
    """s. 13(5): a conference in Bengaluru for a German client is supplied in
    Karnataka, inter-State from Maharashtra (IGST); in Mumbai, intra-State (CGST +
    SGST); in Dubai, an export."""
    karnataka = decide(_abroad(_facts("event", "IN-KA")), on=DAY)
    assert _taxes(karnataka) == [("IGST", Decimal(18))]
    assert "(IGST Act s. 13(5): where the event is held)" in karnataka.explain()
    mumbai = decide(_abroad(_facts("event", "IN-MH")), on=DAY)
    assert _taxes(mumbai) == [("CGST", Decimal(9)), ("SGST", Decimal(9))]
    dubai = decide(_abroad(_facts("event", "AE")), on=DAY)
    assert dubai.regime.value == "export"
    with pytest.raises(MissingDataError, match=r"ServiceFacts\.location"):
        decide(_abroad(_facts("event")), on=DAY)
    with pytest.raises(MissingDataError, match="its State"):
        decide(_abroad(_facts("event", "IN")), on=DAY)


def test_services_on_goods_and_in_person_follow_where_performed() -> None:
    """s. 13(3): repairs done in Pune for a US client are taxed in India; a training
    given in person in Singapore is an export."""
    repair = decide(_abroad(_facts("on_goods", "IN-MH"), Buyer("US")), on=DAY)
    assert repair.scheme == "intra-State supply (CGST + SGST)"
    training = decide(_abroad(_facts("in_person", "SG"), Buyer("US")), on=DAY)
    assert training.regime.value == "export"


BUSINESS = Buyer("DE", tax_id=validate_tax_id("DE136695976", "DE"))


def test_an_intermediary_abroad_is_taxed_at_the_suppliers_location_until_read() -> None:
    """s. 13(8)(b): the supplier's location, Maharashtra, so CGST + SGST, even for a
    German business; from 2026-02-01 refused, as the GST Council recommended omitting
    the clause (3 September 2025) and when an Act did is not bundled."""
    sale = _abroad(_facts("intermediary"), BUSINESS)
    decision = decide(sale, on=date(2026, 1, 31))
    assert _taxes(decision) == [("CGST", Decimal(9)), ("SGST", Decimal(9))]
    assert "not an export (s. 2(6)(iii))" in decision.explain()
    with pytest.raises(NoRuleError, match=r"13\(8\)\(b\)"):
        decide(sale, on=date(2026, 2, 1))


def test_a_service_to_a_business_abroad_keeps_the_destinations_decision() -> None:
    """The German business accounts for German VAT (reverse charge); India's side, the
    export of services, comes first in the rules."""
    decision = decide(_abroad(_facts("general"), BUSINESS), on=DAY)
    assert decision.regime.value == "reverse_charge"
    assert decision.rules[0].text.startswith("the place of supply is the recipient's")
    assert "zero-rated supply (IGST Act s. 16(1)(a))" in decision.explain()


def test_oidar_to_a_consumer_abroad_is_an_export_with_the_destinations_rules() -> None:
    """s. 13(12): the recipient's location; an e-book sold to a US consumer is an
    export from India, and the US side is what the US rules say (not bundled)."""
    ebook = _abroad(_facts("oidar"), Buyer("US"), supply="electronic_services")
    decision = decide(ebook, on=DAY)
    assert "IGST Act s. 13(12), OIDAR services" in decision.explain()
    assert "zero-rated" in decision.explain()
    with pytest.raises(MissingDataError, match="OIDAR"):
        decide(_abroad(None, Buyer("US"), supply="electronic_services"), on=DAY)


@pytest.mark.parametrize(
    ("day", "words"),
    [
        (date(2023, 9, 30), "for purposes other than commerce"),
        (date(2023, 10, 1), "whatever the purpose"),
    ],
)
def test_oidar_from_abroad_to_a_consumer_in_india_is_taxed_in_india(
    day: date, words: str
) -> None:
    """ss. 13(12), 7(4), 14: a US streaming service to a consumer in Pune pays IGST;
    the definition of a non-taxable online recipient changed on 2023-10-01 (Finance Act
    2023 s. 160)."""
    stream = Sale(Seller("US", {"IN"}), Buyer("IN", subdivision="IN-MH"),
                  "electronic_services", Money("499.00", "INR"))  # fmt: skip
    decision = decide(stream, on=day)
    assert decision.regime.value == "destination_registration"
    assert _taxes(decision) == [("IGST", Decimal(18))]
    assert "(IGST Act s. 13(12))" in decision.explain()
    assert words in decision.explain()
    unregistered = Sale(Seller("US"), Buyer("IN"), "electronic_services",
                        Money("499.00", "INR"))  # fmt: skip
    assert decide(unregistered, on=day).regime.value == "not_collected"


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (lambda: ServiceFacts("general", location="DE"), "location"),
        (lambda: ServiceFacts("haircut"), "kind"),
        (lambda: ServiceFacts("event", location="XX"), "XX"),
        (lambda: ServiceFacts("event", location="IN-TG"), "IN-TS"),
        (lambda: ServiceFacts("event", paid_in_foreign_exchange=1), "paid_in"),
        (lambda: ServiceFacts("event", establishments_of_one_person="no"), "one_person"),
        (lambda: _abroad(_facts("general"), supply="goods"), "service"),
        (lambda: _abroad(_facts("general"), supply="electronic_services"), "oidar"),
    ],
)
def test_hostile_service_facts_are_refused(make: object, field: str) -> None:
    with pytest.raises(CommerceKitError, match=field):
        make()  # type: ignore[operator]


KINDS = st.sampled_from(list(ServiceKind))
FLAGS = st.none() | st.booleans()
PLACES = st.sampled_from(["AE", "US", "IN-MH", "IN-KA", "IN"])


@given(kind=KINDS, place=PLACES, paid=FLAGS, one_person=FLAGS)
def test_every_service_is_decided_or_refused_by_name_never_defaulted(
    kind: ServiceKind, place: str, paid: bool | None, one_person: bool | None
) -> None:
    """A service from India to a consumer abroad is an export (no rates; for
    e-services, the destination's rates), India's tax (rates charged by the seller),
    or refused naming what is missing: an export only when both conditions were said
    to hold."""
    located = kind in {
        ServiceKind.ON_GOODS, ServiceKind.IN_PERSON, ServiceKind.IMMOVABLE_PROPERTY,
        ServiceKind.EVENT, ServiceKind.GOODS_TRANSPORT, ServiceKind.PASSENGER_TRANSPORT,
        ServiceKind.ON_BOARD,
    }  # fmt: skip
    facts = ServiceFacts(
        kind, location=place if located else None, paid_in_foreign_exchange=paid,
        establishments_of_one_person=one_person,
    )  # fmt: skip
    supply = "electronic_services" if kind is ServiceKind.OIDAR else "services"
    sale = _abroad(facts, supply=supply)
    at_supplier = kind in {
        ServiceKind.BANKING, ServiceKind.INTERMEDIARY, ServiceKind.HIRE_OF_TRANSPORT
    }  # fmt: skip
    in_india = at_supplier or (located and place.startswith("IN-"))
    unsaid = located and place == "IN"
    unsaid = unsaid or (not in_india and None in (paid, one_person))
    if unsaid:
        with pytest.raises(MissingDataError, match=r"ServiceFacts\."):
            decide(sale, on=DAY)
        return
    decision = decide(sale, on=DAY)
    if decision.regime.value == "export":
        assert (paid, one_person) == (True, False)
        assert not in_india
        assert decision.rates == ()
    elif (
        kind is ServiceKind.OIDAR
        and not in_india
        and (paid, one_person)
        == (
            True,
            False,
        )
    ):
        # An export from India of e-services to a consumer in Germany: zero-rated in
        # India, taxed where the consumer is (the EU's Art. 58), so Germany's rates.
        assert {rate.jurisdiction for rate in decision.rates} == {"DE"}
        assert "IGST Act s. 2(6)" in decision.explain()
    else:
        assert in_india or (paid, one_person) != (True, False)
        assert decision.collected_by.value == "seller"
        assert decision.rates


def test_the_quote_refuses_an_ebook_to_india_naming_indias_law() -> None:
    """The checkout quote prices goods: a foreign seller's e-book to a consumer in
    India is refused, naming OIDAR (IGST Act s. 2(17)), not only the EU's law, and
    pointing to decide(), which taxes it in India (s. 14)."""
    context = CheckoutContext(
        Seller("US", {"IN"}), Buyer("IN", subdivision="IN-MH"),
        at=datetime(2026, 6, 1, 12, tzinfo=UTC), prices_include_tax=False,
        products={"BOOK": Product("BOOK", "ebooks")},
    )  # fmt: skip
    with pytest.raises(CommerceKitError, match=r"IGST Act 2017 s\. 2\(17\)"):
        quote(Cart([CartLine("BOOK", Money("499.00", "INR"), 1)]), context)


def test_other_services_from_abroad_to_a_consumer_in_india_say_indias_part() -> None:
    """Not OIDAR: India's part comes first, by name (exempt under Notification
    9/2017-Integrated Tax (Rate) entry 10(a); tests/test_india_services_from_abroad.py),
    before the supplier's rule."""
    lesson = Sale(Seller("US"), Buyer("IN", subdivision="IN-MH"), "services",
                  Money("2000.00", "INR"))  # fmt: skip
    decision = decide(lesson, on=DAY)
    assert decision.rules[0].text.startswith("the supplier is outside India (US)")
    assert "entry 10(a)" in decision.rules[1].text
    assert decision.rates == ()
