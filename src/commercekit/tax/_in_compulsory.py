"""India: compulsory registration whatever the turnover (CGST Act 2017 s. 24), and the
notifications under s. 23(2) that lift it below the turnover limit.

Each kind of supply a [`GstSupplier`][commercekit.tax.GstSupplier] names is looked at
on the day asked; the grounds that apply are returned as rules with their sources, and
an exemption that applied is said too (as a rule whose text begins "not compulsory").

* Inter-State taxable supplies of goods: s. 24(i), always (a casual taxable person's
  inter-State supplies of handicraft goods, Notification 32/2017-Central Tax, are not
  distinguished).
* Inter-State taxable supplies of services: s. 24(i) until Notification
  10/2017-Integrated Tax (13 October 2017) exempted suppliers within the turnover limit.
* Supplies through an e-commerce operator that must collect tax at source (s. 24(ix)):
  no operator had to before s. 52 came into force on 2018-10-01 (Notification
  51/2018-Central Tax). Services (other than those of s. 9(5)) are exempt within the
  turnover limit (Notification 65/2017-Central Tax, 15 November 2017). Goods are
  compulsory until 2023-09-30; from 2023-10-01 Notification 34/2023-Central Tax exempts
  a supplier making no inter-State supply of goods whose aggregate turnover in the
  preceding and the current financial year does not exceed the s. 22(1) limit (INR 20
  lakh, 10 lakh in a special category State: not the 40 lakh of Notification 10/2019),
  on conditions this cannot see: one State only, a PAN, an enrolment number before the
  first supply.
* A non-resident taxable person (s. 24(v)), and a supplier from outside India of OIDAR
  services to non-registered recipients (s. 24(xi); IGST Act s. 14): always.

References:
    CBIC, GST Acts (CGST Act ss. 23-24, 52; IGST Act s. 14): https://cbic-gst.gov.in/gst-acts.html
    CBIC, Central Tax notifications (51/2018, 65/2017, 34/2023): https://cbic-gst.gov.in/central-tax-notifications.html
    CBIC, Integrated Tax notifications (10/2017): https://cbic-gst.gov.in/integrated-tax-notifications.html
    Notification 34/2023-Central Tax, as summarised (read 2026-12-01): https://lexplosion.in/cbic-exempts-specific-category-of-persons-making-supply-of-goods-through-an-electronic-commerce-operator-from-registration-under-gst
"""

from __future__ import annotations

from datetime import date

from commercekit.tax._in_supplier import (
    ACTS,
    GstSupplier,
    GstSupply,
    special_category_states,
)
from commercekit.tax._registration import ThresholdStatus
from commercekit.tax._sale import Rule
from commercekit.tax._thresholds import ThresholdRule, threshold_for

__all__ = ["compulsory_grounds"]

CENTRAL = "https://cbic-gst.gov.in/central-tax-notifications.html"
INTEGRATED = "https://cbic-gst.gov.in/integrated-tax-notifications.html"
SERVICES_EXEMPT = date(2017, 10, 13)
"""Notification 10/2017-Integrated Tax: inter-State services within the limit."""
TCS_SINCE = date(2018, 10, 1)
"""CGST Act s. 52 in force (Notification 51/2018-Central Tax)."""
ECO_GOODS_EXEMPT = date(2023, 10, 1)
"""Notification 34/2023-Central Tax in force."""

_WITHIN = "within the turnover limit (INR 20 lakh; 10 lakh in a special category State)"


def compulsory_grounds(
    supplier: GstSupplier, day: date, turnover: ThresholdStatus | None
) -> tuple[tuple[Rule, ...], tuple[Rule, ...]]:
    """The s. 24 grounds obliging ``supplier`` to register on ``day``, and the
    exemptions that lifted one; ``turnover`` is its s. 22 measurement (None abroad)."""
    supplies = supplier.supplies
    grounds: list[Rule] = []
    lifted: list[Rule] = []
    if GstSupply.INTER_STATE_GOODS in supplies:
        grounds.append(
            Rule(
                "inter-State taxable supplies of goods: registration is compulsory "
                "whatever the turnover (CGST Act s. 24(i))",
                ACTS,
            )
        )
    if GstSupply.INTER_STATE_SERVICES in supplies:
        _services(day, grounds, lifted)
    if GstSupply.SERVICES_THROUGH_ECO in supplies and not _through_eco(
        "services", day, lifted
    ):
        lifted.append(
            Rule(
                "not compulsory: services (other than those of s. 9(5)) through an "
                f"e-commerce operator are exempt {_WITHIN} (Notification "
                "65/2017-Central Tax)",
                CENTRAL,
            )
        )
    if GstSupply.GOODS_THROUGH_ECO in supplies and not _through_eco("goods", day, lifted):
        _eco_goods(supplier, day, turnover, grounds, lifted)
    if GstSupply.NON_RESIDENT in supplies:
        grounds.append(
            Rule(
                "a non-resident taxable person making taxable supplies in India: "
                "registration is compulsory whatever the turnover (CGST Act s. 24(v)), "
                "at least five days before it starts business (s. 27(1))",
                ACTS,
            )
        )
    if GstSupply.OIDAR in supplies:
        grounds.append(
            Rule(
                "OIDAR services from outside India to non-registered recipients in "
                "India: the supplier registers and pays IGST from its first supply "
                "(CGST Act s. 24(xi); IGST Act s. 14)",
                ACTS,
            )
        )
    return tuple(grounds), tuple(lifted)


def _services(day: date, grounds: list[Rule], lifted: list[Rule]) -> None:
    if day < SERVICES_EXEMPT:
        grounds.append(
            Rule(
                "inter-State taxable supplies of services before 2017-10-13: "
                "registration was compulsory whatever the turnover (CGST Act s. 24(i))",
                ACTS,
            )
        )
        return
    lifted.append(
        Rule(
            "not compulsory: inter-State taxable supplies of services are exempt "
            f"{_WITHIN} (Notification 10/2017-Integrated Tax, from 2017-10-13)",
            INTEGRATED,
        )
    )


def _through_eco(kind: str, day: date, lifted: list[Rule]) -> bool:
    """Before s. 52 was in force no operator collected tax at source, so s. 24(ix) did
    not apply (said in ``lifted``; True)."""
    if day >= TCS_SINCE:
        return False
    lifted.append(
        Rule(
            f"not compulsory: {kind} through an e-commerce operator before 2018-10-01, "
            "when no operator had to collect tax at source (CGST Act s. 52 in force "
            "from 2018-10-01, Notification 51/2018-Central Tax), so s. 24(ix) did not "
            "apply",
            CENTRAL,
        )
    )
    return True


def _eco_goods(
    supplier: GstSupplier,
    day: date,
    turnover: ThresholdStatus | None,
    grounds: list[Rule],
    lifted: list[Rule],
) -> None:
    ground = Rule(
        "goods through an e-commerce operator that collects tax at source: "
        "registration is compulsory whatever the turnover (CGST Act s. 24(ix))",
        ACTS,
    )
    if day < ECO_GOODS_EXEMPT or turnover is None:
        grounds.append(ground)
        return
    special = supplier.state in special_category_states(day)
    rule = (
        ThresholdRule.REGISTRATION_THRESHOLD_SPECIAL_CATEGORY
        if special
        else ThresholdRule.REGISTRATION_THRESHOLD
    )
    limit = threshold_for("IN", rule, on=day)
    assert turnover.counted is not None  # noqa: S101  # a measured status
    years = (turnover.counted, turnover.previous_period or turnover.counted)
    fails = (
        "it makes inter-State supplies of goods"
        if GstSupply.INTER_STATE_GOODS in supplier.supplies
        else f"its aggregate turnover exceeds {limit.amount} in the current or the "
        "preceding financial year"
        if any(limit.crossed_by(amount) for amount in years)
        else None
    )
    if fails is not None:
        grounds.append(
            Rule(
                f"{ground.text}; the exemption of Notification 34/2023-Central Tax "
                f"(from 2023-10-01) does not apply: {fails}",
                CENTRAL,
            )
        )
        return
    lifted.append(
        Rule(
            "not compulsory: goods through an e-commerce operator by a supplier making "
            f"no inter-State supply of goods, with aggregate turnover of at most "
            f"{limit.amount} in the current and the preceding financial year "
            "(Notification 34/2023-Central Tax, from 2023-10-01), provided it supplies "
            "through operators in one State only, has a PAN and was enrolled on the "
            "common portal before its first such supply (not measured)",
            CENTRAL,
        )
    )
