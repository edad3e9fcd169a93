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

The bundled rates of India are the residual entries; passenger transport,
accommodation and restaurant service have entries of their own in Notification
11/2017-Central Tax (Rate) that are not bundled, so such a service decided on the
bundled rates is refused, naming ``rates``: a ``TaxRateSource`` that holds the
service's rate is needed.

References:
    CBIC, GST Acts (CGST Act s. 9(5), IGST Act s. 5(5)): https://cbic-gst.gov.in/gst-acts.html
    CBIC, Central Tax (Rate) notifications (11/2017, 17/2017): https://cbic-gst.gov.in/central-tax-rate-notifications.html
"""

from __future__ import annotations

import attrs

from commercekit.errors import InvalidInputError, MissingDataError
from commercekit.tax._in_operator import operator_pays
from commercekit.tax._jurisdictions._case import Case
from commercekit.tax._rates import BUNDLED
from commercekit.tax._sale import Collector, TaxDecision
from commercekit.tax._services import OperatorService
from commercekit.tax._us_local import StateRatesOnly

__all__ = ["through_operator"]

_OWN_RATES = frozenset(
    {
        OperatorService.CAB,
        OperatorService.MOTOR_VEHICLE,
        OperatorService.ACCOMMODATION,
        OperatorService.RESTAURANT,
    }
)
"""The clauses whose services have rate entries of their own, not bundled."""

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
    try:
        liability = operator_pays(
            service,
            sale.marketplace,
            on=case.on,
            supplier_liable_to_register=facts.supplier_liable_to_register,
            at_specified_premises=facts.at_specified_premises,
        )
    except MissingDataError as error:
        raise MissingDataError(error.missing, error.how, field=_at(error.field)) from None
    except InvalidInputError as error:
        raise type(error)(error.value, error.reason, field=_at(error.field)) from None
    source = case.source
    if isinstance(source, StateRatesOnly):
        source = source.source
    if service in _OWN_RATES and source is BUNDLED:
        raise MissingDataError(
            f"the GST rate of {service.value.replace('_', ' ')} services",
            "the bundled rows of India hold the residual rate only, and passenger "
            "transport, accommodation and restaurant service have rate entries of "
            "their own (Notification 11/2017-Central Tax (Rate)); pass rates= a "
            "TaxRateSource that holds the service's rate",
            field="rates",
        )
    rules = (*decision.rules, *liability.why)
    if not liability.operator_pays:
        return attrs.evolve(decision, rules=rules)
    scheme = f"{decision.scheme}, paid by the e-commerce operator (CGST Act s. 9(5))"
    return attrs.evolve(
        decision, collected_by=Collector.MARKETPLACE, scheme=scheme, rules=rules
    )


def _at(field: str | None) -> str | None:
    """An argument of ``operator_pays`` as the sale's field that holds it."""
    return None if field is None else f"sale.service.{field}"
