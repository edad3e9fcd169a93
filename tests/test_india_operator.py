"""CGST Act 2017 s. 9(5): the services on which the e-commerce operator pays the GST,
from Notification 17/2017-Central Tax (Rate) as amended by 23/2017-Central Tax (Rate)
(house-keeping, 2017-08-22) and 17/2021-Central Tax (Rate) (restaurant service and
other motor vehicles, 2022-01-01). HAND-BUILT from the notifications' text."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commercekit.errors import CommerceKitError, MissingDataError, NoRuleError
from commercekit.tax import OperatorService, operator_pays

DAY = date(2026, 6, 1)


@pytest.mark.parametrize(
    ("service", "since"),
    [
        ("cab", date(2017, 7, 1)),
        ("motor_vehicle", date(2022, 1, 1)),
        ("housekeeping", date(2017, 8, 22)),
        ("restaurant", date(2022, 1, 1)),
        ("accommodation", date(2017, 7, 1)),
    ],
)
def test_each_service_is_the_operators_from_its_day(service: str, since: date) -> None:
    """The day before the clause, the supplier pays (s. 9(1)); from it, the operator."""
    facts = {
        "housekeeping": {"supplier_liable_to_register": False},
        "accommodation": {"supplier_liable_to_register": False},
        "restaurant": {"at_specified_premises": False},
    }.get(service, {})
    on_the_day = operator_pays(service, "App", on=since, **facts)
    assert on_the_day.operator_pays
    assert "s. 9(5)" in on_the_day.why[0].text
    if since > date(2017, 7, 1):
        before = operator_pays(service, "App", on=date.fromordinal(since.toordinal() - 1))
        assert not before.operator_pays
        assert "s. 9(1)" in before.why[0].text


@pytest.mark.parametrize(
    ("service", "fact"),
    [
        ("accommodation", "supplier_liable_to_register"),
        ("housekeeping", "supplier_liable_to_register"),
        ("restaurant", "at_specified_premises"),
    ],
)
def test_the_exception_turns_on_its_fact(service: str, fact: str) -> None:
    """Clauses (ii)-(iv) except a supplier liable to register under s. 22(1) or a
    restaurant at specified premises: the supplier pays then; the fact is asked for."""
    assert not operator_pays(service, "App", on=DAY, **{fact: True}).operator_pays
    assert operator_pays(service, "App", on=DAY, **{fact: False}).operator_pays
    with pytest.raises(MissingDataError) as missing:
        operator_pays(service, "App", on=DAY)
    assert missing.value.field == fact


def test_a_fact_for_another_exception_is_refused() -> None:
    with pytest.raises(CommerceKitError, match="at_specified_premises"):
        operator_pays("cab", "RideApp", on=DAY, at_specified_premises=False)
    with pytest.raises(CommerceKitError, match="supplier_liable_to_register"):
        operator_pays("restaurant", "FoodApp", on=DAY, supplier_liable_to_register=True)


def test_before_gst_no_rule() -> None:
    with pytest.raises(NoRuleError, match="2017-07-01 onwards"):
        operator_pays("cab", "RideApp", on=date(2017, 6, 30))


@pytest.mark.parametrize(
    "bad",
    [
        {"service": "omnibus"},
        {"marketplace": ""},
        {"marketplace": 3},
        {"supplier_liable_to_register": "yes"},
        {"on": "2026-06-01"},
    ],
)
def test_hostile_arguments_are_refused(bad: dict[str, object]) -> None:
    call: dict[str, object] = {
        "service": "accommodation",
        "marketplace": "StayApp",
        "on": DAY,
    }
    call.update(bad)
    with pytest.raises(CommerceKitError):
        operator_pays(**call)  # type: ignore[arg-type]


@given(st.sampled_from(OperatorService), st.dates(date(2017, 7, 1), date(2030, 12, 31)))
def test_every_answer_says_why_with_a_source(service: OperatorService, day: date) -> None:
    """Whatever the service and day, the answer names the clause or the general rule,
    each step with a source, and the operator pays only where a row covers the day."""
    exception = {
        OperatorService.ACCOMMODATION: "supplier_liable_to_register",
        OperatorService.HOUSEKEEPING: "supplier_liable_to_register",
        OperatorService.RESTAURANT: "at_specified_premises",
    }.get(service)
    try:
        found = operator_pays(
            service, "App", on=day, **({exception: False} if exception else {})
        )
    except CommerceKitError:  # a fact given for a day its clause was not yet in force
        found = operator_pays(service, "App", on=day)
    assert found.why
    assert all(rule.source for rule in found.why)
    assert found.operator_pays == ("s. 9(5)" in found.why[0].text)
