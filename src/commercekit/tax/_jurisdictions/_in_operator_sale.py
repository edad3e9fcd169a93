"""India: a service sold through an electronic commerce operator, in the decision.

Where a supplier in India sells a service within India through an operator
(``Sale.marketplace``), the decision asks the sale's ``ServiceFacts`` which clause of
Notification 17/2017-Central Tax (Rate) names it (``operator_service``, ``"other"``
for none) and, through [`operator_pays`][commercekit.tax.operator_pays], whether the
operator pays the tax as if it were the supplier (CGST Act 2017 s. 9(5); IGST Act
s. 5(5) when inter-State). Where it does, the decision's collector is the operator
(``Collector.MARKETPLACE``), its scheme says so, and its rules cite s. 9(5) and the
notification's row; the rate is the supply's, as for the supplier. A fact the clause's
exception turns on and not given is refused, naming its field in the sale.

The bundled rates of India are the residual entries, and rates by a fact
(``fact_rates``): accommodation by the value of a unit per day, restaurant service by
its premises, passenger transport by its conveyance (a radio taxi 5 % until 2025-09-21;
a motorcab, maxicab or motor cycle that is not a radio taxi is refused by name). Cab
and motor vehicle services sold as lines of another category than
``passenger_transport``, and accommodation or restaurant service sold as lines of
another category than ``accommodation`` or ``restaurant``, are refused on the bundled
rates, naming ``rates`` (the residual rate would be wrong): their lines' category, or
a ``TaxRateSource`` that holds the service's rate, is needed.

References:
    CBIC, GST Acts (CGST Act s. 9(5), IGST Act s. 5(5)): https://cbic-gst.gov.in/gst-acts.html
    CBIC, Central Tax (Rate) notifications (11/2017, 17/2017): https://cbic-gst.gov.in/central-tax-rate-notifications.html
"""

from __future__ import annotations

import attrs

from commercekit.errors import (
    InputKind,
    InvalidAmountError,
    InvalidInputError,
    MissingDataError,
)
from commercekit.tax._categories import TaxCategory
from commercekit.tax._in_operator import operator_pays
from commercekit.tax._jurisdictions._case import Case
from commercekit.tax._rates import BUNDLED
from commercekit.tax._sale import Collector, TaxDecision
from commercekit.tax._services import OperatorService
from commercekit.tax._us_local import StateRatesOnly

__all__ = ["through_operator"]

_TRANSPORT = frozenset({OperatorService.CAB, OperatorService.MOTOR_VEHICLE})
"""The clauses of passenger transport, rated by each line's conveyance
(``fact_rates``) for lines of ``passenger_transport``."""

_BY_FACT = {
    OperatorService.ACCOMMODATION: TaxCategory.ACCOMMODATION,
    OperatorService.RESTAURANT: TaxCategory.RESTAURANT,
}
"""The clauses whose rates are bundled by a fact (``fact_rates``), for the lines of
their category."""

_FIELD = "sale.service.operator_service"


def through_operator(case: Case, decision: TaxDecision) -> TaxDecision:
    """``decision`` (a supply within India) with who pays its tax where the sale is of
    services through an operator: the operator under s. 9(5), else the supplier."""
    sale = case.sale
    if case.goods or sale.marketplace is None:
        return decision
    facts = sale.service
    if facts is None or facts.operator_service is None:
        raise MissingDataError(
            f"which service of Notification 17/2017-Central Tax (Rate) is sold through "
            f"{sale.marketplace} ({_FIELD})",
            "on those services the e-commerce operator, not the supplier, pays the tax "
            "(CGST Act s. 9(5)); pass ServiceFacts('general', operator_service=...): "
            "'cab', 'motor_vehicle', 'accommodation', 'housekeeping', 'restaurant', or "
            "'other' for a service the notification does not name",
            field=_FIELD,
        )
    service = facts.operator_service
    _refuse_other_clause(case, service)
    try:
        liability = operator_pays(
            service,
            sale.marketplace,
            on=case.on,
            supplier_liable_to_register=facts.supplier_liable_to_register,
            at_specified_premises=facts.at_specified_premises,
        )
    except MissingDataError as error:
        raise error.at(_at(error.field)) from None
    except InvalidInputError as error:
        raise type(error)(error.value, error.reason, field=_at(error.field)) from None
    _refuse_rates_not_bundled(case, service)
    rules = (*decision.rules, *liability.why)
    if not liability.operator_pays:
        return attrs.evolve(decision, rules=rules)
    scheme = f"{decision.scheme}, paid by the e-commerce operator (CGST Act s. 9(5))"
    return attrs.evolve(
        decision, collected_by=Collector.MARKETPLACE, scheme=scheme, rules=rules
    )


def _refuse_other_clause(case: Case, service: OperatorService) -> None:
    """Refuse a clause said for lines of accommodation or restaurant service that is
    not the clause naming them: 'other' for a meal through a food app would leave the
    tax with the restaurant where clause (iv) makes it the operator's."""
    categories = set(case.categories)
    for clause, category in _BY_FACT.items():
        if category in categories and service is not clause:
            raise InvalidAmountError.refused(
                _FIELD,
                service.value,
                f"is not the clause of the sale's {category} lines: Notification "
                f"17/2017-Central Tax (Rate) names {category} services in its clause "
                f"'{clause.value}'; pass operator_service='{clause.value}'",
                kind=InputKind.CHOICE,
                choices=[clause.value],
            )


def _refuse_rates_not_bundled(case: Case, service: OperatorService) -> None:
    """Refuse, naming ``rates``, a service of a clause whose rates are bundled by their
    facts for one category, sold as lines of another category."""
    source = case.source
    if isinstance(source, StateRatesOnly):
        source = source.source
    if source is not BUNDLED or service not in (*_TRANSPORT, *_BY_FACT):
        return
    category = (
        TaxCategory.PASSENGER_TRANSPORT if service in _TRANSPORT else _BY_FACT[service]
    )
    if set(case.categories) == {category}:
        return  # rated by each line's facts (fact_rates)
    bundled = (
        f"; its rate is bundled by its facts for the category '{category}' "
        "(fact_rates), which every line must have"
    )
    held = (
        "the bundled rows of India hold the residual rate, and passenger transport, "
        "accommodation and restaurant service have rate entries of their own "
        f"(Notification 11/2017-Central Tax (Rate)){bundled}"
    )
    raise MissingDataError(
        f"the GST rate of {service.value.replace('_', ' ')} services",
        f"{held}; or pass rates= a TaxRateSource that holds the service's rate",
        field="rates",
        json_how=f"{held} (a JSON request carries no rates of its own)",
    )


def _at(field: str | None) -> str | None:
    """An argument of ``operator_pays`` as the sale's field that holds it."""
    return None if field is None else f"sale.service.{field}"
