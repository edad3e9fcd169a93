"""A service sold within India through an e-commerce operator: the decision asks which
clause of Notification 17/2017-Central Tax (Rate) names it, and where CGST Act s. 9(5)
makes the tax the operator's, the operator accounts for it (``Collector.MARKETPLACE``),
citing s. 9(5) and the notification's row; a fact the clause's exception turns on and
not given is refused naming its field in the sale."""

from __future__ import annotations

from datetime import date

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from commercekit.errors import CommerceKitError, InvalidInputError, MissingDataError
from commercekit.money import Money
from commercekit.tax import (
    Buyer,
    Collector,
    OperatorService,
    Sale,
    Seller,
    ServiceFacts,
    decide,
    operator_pays,
)

DAY = date(2026, 6, 1)


def _sale(facts: ServiceFacts | None, marketplace: str | None = "HomeFix") -> Sale:
    return Sale(
        Seller("IN", {"IN-KA"}),
        Buyer("IN", subdivision="IN-KA"),
        "services",
        Money("1180.00", "INR"),
        marketplace=marketplace,
        service=facts,
    )


HOUSEKEEPING = ServiceFacts(
    "general", operator_service="housekeeping", supplier_liable_to_register=False
)


def test_housekeeping_through_an_operator_is_the_operators_tax() -> None:
    decision = decide(_sale(HOUSEKEEPING), on=DAY)
    assert decision.collected_by is Collector.MARKETPLACE
    assert decision.charged_at_checkout
    assert decision.scheme == (
        "intra-State supply (CGST + SGST), paid by the e-commerce operator "
        "(CGST Act s. 9(5))"
    )
    assert [(rate.tax, rate.rate) for rate in decision.rates] == [
        ("CGST", 9),
        ("SGST", 9),
    ]
    texts = [rule.text for rule in decision.rules]
    assert any("clause (iii)" in text and "s. 9(5)" in text for text in texts)
    assert "central-tax-rate-notifications" in decision.rules[-2].source


def test_a_supplier_liable_to_register_pays_its_own_tax() -> None:
    facts = attrs.evolve(HOUSEKEEPING, supplier_liable_to_register=True)
    decision = decide(_sale(facts), on=DAY)
    assert decision.collected_by is Collector.SELLER
    assert decision.scheme == "intra-State supply (CGST + SGST)"
    assert "excepted" in decision.rules[-1].text


def test_without_a_marketplace_nothing_changes() -> None:
    with_facts = decide(_sale(ServiceFacts("general"), marketplace=None), on=DAY)
    without = decide(_sale(None, marketplace=None), on=DAY)
    assert with_facts == without
    assert without.collected_by is Collector.SELLER


@pytest.mark.parametrize(
    ("facts", "field"),
    [
        (None, "sale.service.operator_service"),
        (ServiceFacts("general"), "sale.service.operator_service"),
        (
            ServiceFacts("general", operator_service="housekeeping"),
            "sale.service.supplier_liable_to_register",
        ),
    ],
)
def test_a_missing_fact_is_refused_by_its_field(
    facts: ServiceFacts | None, field: str
) -> None:
    with pytest.raises(MissingDataError) as refused:
        decide(_sale(facts), on=DAY)
    assert refused.value.field == field


def test_a_fact_the_clause_does_not_ask_is_refused_by_its_field() -> None:
    facts = ServiceFacts(
        "general", operator_service="housekeeping", at_specified_premises=False
    )
    with pytest.raises(InvalidInputError) as refused:
        decide(_sale(facts), on=DAY)
    assert refused.value.field == "sale.service.at_specified_premises"


@pytest.mark.parametrize("service", ["cab", "motor_vehicle", "restaurant"])
def test_services_with_rates_of_their_own_are_not_taxed_at_the_residual_rate(
    service: str,
) -> None:
    facts = ServiceFacts(
        "general",
        operator_service=service,
        at_specified_premises=False if service == "restaurant" else None,
    )
    with pytest.raises(MissingDataError) as refused:
        decide(_sale(facts), on=DAY)
    assert refused.value.field == "rates"


def test_exception_facts_need_the_clause() -> None:
    with pytest.raises(InvalidInputError) as refused:
        ServiceFacts("general", supplier_liable_to_register=False)
    assert refused.value.field == "supplier_liable_to_register"


@given(
    st.sampled_from([OperatorService.HOUSEKEEPING, OperatorService.OTHER]),
    st.sampled_from([None, False, True]),
    st.dates(date(2017, 7, 1), date(2030, 12, 31)),
)
def test_the_decision_agrees_with_operator_pays(
    service: OperatorService, liable: bool | None, day: date
) -> None:
    """For any day and any answer to the exception's fact, the decision's collector is
    the operator exactly where operator_pays says the operator pays, and the decision
    ends with operator_pays' reasons; or both refuse."""
    facts = ServiceFacts(
        "general", operator_service=service, supplier_liable_to_register=liable
    )
    try:
        expected = operator_pays(
            service, "HomeFix", on=day, supplier_liable_to_register=liable
        )
    except CommerceKitError:
        with pytest.raises(CommerceKitError):
            decide(_sale(facts), on=day)
        return
    decision = decide(_sale(facts), on=day)
    paid_by_operator = decision.collected_by is Collector.MARKETPLACE
    assert paid_by_operator == expected.operator_pays
    assert decision.rules[-len(expected.why) :] == expected.why
