"""India: when a supplier must register for GST (CGST Act 2017 ss. 22-24).

Two questions, asked in this order by
[`gst_registration_status`][commercekit.tax.gst_registration_status]:

* **Compulsory registration whatever the turnover** (s. 24): among others, a person
  making inter-State taxable supplies (s. 24(i)), a non-resident taxable person (s.
  24(v)), a person supplying through an e-commerce operator that collects tax at source
  under s. 52 (s. 24(ix)), and a supplier from outside India of online information and
  database access or retrieval services (OIDAR) to non-registered recipients in India
  (s. 24(xi); IGST Act s. 14). Notifications under s. 23(2) lift some of these below
  the turnover limit: inter-State supplies of *services* (Notification 10/2017-Integrated
  Tax, from 2017-10-13), services through an e-commerce operator (Notification
  65/2017-Central Tax, from 2017-11-15) and, from 2023-10-01, *goods* through an
  e-commerce operator by a supplier making no inter-State supply of goods, in one State
  only, whose aggregate turnover in the preceding and the current financial year does
  not exceed the s. 22(1) limit (Notification 34/2023-Central Tax, with conditions of
  PAN and enrolment it cannot see). Inter-State supplies of goods stay compulsory.
* **The turnover limit** (s. 22(1)): a supplier is liable to register once its
  *aggregate turnover* in a financial year (1 April to 31 March) **exceeds** INR 20
  lakh (2,000,000); INR 10 lakh where it supplies from a special category State (s. 22
  first proviso and Explanation (iii): Manipur, Mizoram, Nagaland and Tripura from
  2019-02-01; before, Arunachal Pradesh, Assam, Himachal Pradesh, Meghalaya, Sikkim
  and Uttarakhand too); INR 40 lakh for a supplier exclusively of goods from 2019-04-01
  (Notification 10/2019-Central Tax), except suppliers of the goods it lists (ice cream,
  pan masala, tobacco; bricks and tiles from 2022-04-01) and in the States it lists
  (Arunachal Pradesh, Manipur, Meghalaya, Mizoram, Nagaland, Puducherry, Sikkim,
  Telangana, Tripura, Uttarakhand), where 20 (or 10) lakh stays.

*Aggregate turnover* (s. 2(6)) is all the supplier's taxable supplies, exempt supplies,
exports and inter-State supplies to its own establishments with the same PAN, all over
India, without CGST, SGST, UTGST, IGST and cess and without inward supplies taxed on
reverse charge. So every ``CountedSale`` counts, exports and exempt supplies too: pass
each amount net of GST.

References:
    CBIC, GST Acts (CGST Act ss. 2(6), 22-25; IGST Act s. 14): https://cbic-gst.gov.in/gst-acts.html
    Notification 10/2019-Central Tax: https://cbic-gst.gov.in/pdf/central-tax/notfctn-10-central-tax-english-2019.pdf
    CBIC, Central Tax notifications (65/2017, 34/2023): https://cbic-gst.gov.in/central-tax-notifications.html
    CBIC, Integrated Tax notifications (10/2017): https://cbic-gst.gov.in/integrated-tax-notifications.html
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import attrs

from commercekit import _checks as checks
from commercekit._checks import invalid
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr, named_fields
from commercekit._numbers import context_free, named_at_the_door
from commercekit.money import RateTable
from commercekit.regions import check_day
from commercekit.tax import _checks
from commercekit.tax._counted import CountedSale
from commercekit.tax._in_compulsory import compulsory_grounds
from commercekit.tax._in_supplier import (
    ACTS,
    GOODS_LIMIT_NOT_IN,
    GOODS_LIMIT_SINCE,
    NOTIFICATION_10_2019,
    GstSupplier,
    GstSupply,
    special_category_states,
)
from commercekit.tax._india import place_on
from commercekit.tax._registration import ThresholdStatus, _status
from commercekit.tax._sale import Rule
from commercekit.tax._thresholds import (
    Registration,
    Threshold,
    ThresholdRule,
    threshold_for,
)

__all__ = ["GstRegistrationStatus", "gst_registration_status", "turnover_limit"]


def _rules(value: object, field: str = "") -> tuple[Rule, ...]:
    return _checks.listed(value, Rule, field)


def _registration(value: object) -> Registration:
    return _checks.choice(value, Registration, "status")


@named_at_the_door
@attrs.frozen(field_transformer=named_fields)
class GstRegistrationStatus:
    """A supplier's position under India's registration rules on a day.

    ``turnover`` is the s. 22 test on its aggregate turnover (a ``ThresholdStatus``:
    the financial year so far, and the whole previous one in ``previous_period``), None
    for a supplier outside India (whose registration s. 24 alone decides).
    ``compulsory`` are the s. 24 grounds that oblige it to register whatever its
    turnover; ``why`` every step, each with its source. ``status`` is ``registered``
    where the caller says so, else ``must_register`` when a ground applies or the
    limit is exceeded, else the turnover's status (``below`` or ``approaching``).
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    status: Registration = attrs.field(converter=_registration)
    turnover: ThresholdStatus | None = attrs.field(
        validator=_checks.optional_instance_of(ThresholdStatus)
    )
    compulsory: tuple[Rule, ...] = attrs.field(converter=_rules)
    why: tuple[Rule, ...] = attrs.field(converter=_rules)

    def explain(self) -> str:
        """The status, then each step with its source, one per line."""
        lines = [f"IN: {self.status.value}"]
        lines += [f"- {rule.text} ({rule.source})" for rule in self.why]
        return "\n".join(lines)


def turnover_limit(supplier: GstSupplier, on: date) -> tuple[ThresholdRule, Rule]:
    """Which of s. 22's limits measures ``supplier`` on ``on``, and why."""
    where = supplier.state
    assert where is not None  # noqa: S101  # a supplier in India
    if where in special_category_states(on):
        return ThresholdRule.REGISTRATION_THRESHOLD_SPECIAL_CATEGORY, Rule(
            f"{where} is a special category State on {on}: the limit is INR 10 lakh "
            "(CGST Act s. 22(1) first proviso and Explanation (iii))",
            ACTS,
        )
    if not supplier.goods_only or on < GOODS_LIMIT_SINCE:
        kind = "goods only" if supplier.goods_only else "services, or goods and services"
        return ThresholdRule.REGISTRATION_THRESHOLD, Rule(
            f"a supplier of {kind} in {where}: the limit is INR 20 lakh (CGST Act s. "
            "22(1); the INR 40 lakh for goods applies from 2019-04-01)",
            ACTS,
        )
    left_out = (
        f"it supplies within {where}, which the notification leaves out"
        if where in GOODS_LIMIT_NOT_IN
        else "it supplies goods the notification lists (ice cream, pan masala, "
        "tobacco; bricks and tiles from 2022-04-01)"
        if GstSupply.LISTED_GOODS in supplier.supplies
        else None
    )
    if left_out is not None:
        return ThresholdRule.REGISTRATION_THRESHOLD, Rule(
            f"a supplier exclusively of goods, but {left_out}: the limit stays INR 20 "
            "lakh (Notification 10/2019-Central Tax, clauses (b) and (c))",
            NOTIFICATION_10_2019,
        )
    return ThresholdRule.REGISTRATION_THRESHOLD_GOODS, Rule(
        f"a supplier exclusively of goods in {where}: exempt up to INR 40 lakh "
        "(Notification 10/2019-Central Tax, from 2019-04-01)",
        NOTIFICATION_10_2019,
    )


@context_free
def gst_registration_status(
    sales: Iterable[CountedSale],
    supplier: GstSupplier,
    *,
    on: date,
    registered: bool = False,
    rates: RateTable | None = None,
) -> GstRegistrationStatus:
    """Whether ``supplier`` must register for GST in India on ``on``, and why.

    ``sales`` are all its sales (net of GST, exports and exempt supplies included: its
    aggregate turnover, CGST Act s. 2(6)); those after ``on`` are ignored, and those in
    another currency than INR are converted with ``rates``. ``registered`` says it
    already is (for a supplier with several States: in the State of ``supplier``).
    Raises ``InvalidAmountError`` for a supplier abroad with nothing s. 24 names, and
    ``NoRuleError`` before 2017-07-01 (GST began then; in Jammu and Kashmir,
    2017-07-08).

    Examples:
        >>> shop = GstSupplier("IN-KA", {GstSupply.GOODS})
        >>> year = [CountedSale(date(2026, 5, 1), Money("3000000", "INR"), "IN")]
        >>> gst_registration_status(year, shop, on=date(2026, 6, 1)).status.value
        'below'
        >>> imphal = GstSupplier("IN-MN", {GstSupply.GOODS})
        >>> gst_registration_status(year, imphal, on=date(2026, 6, 1)).status.value
        'must_register'
        >>> online = GstSupplier("IN-KA", {GstSupply.INTER_STATE_GOODS})
        >>> found = gst_registration_status([], online, on=date(2026, 6, 1))
        >>> found.status.value, found.turnover.status.value
        ('must_register', 'below')
        >>> print(found.compulsory[0].text)
        inter-State taxable supplies of goods: registration is compulsory ... s. 24(i))
    """
    day = check_day(on)
    checks.instance(supplier, GstSupplier, "supplier", invalid)
    known = _checks.flag(registered, "registered")
    if rates is not None:
        checks.instance(rates, RateTable, "rates", invalid)
    records = [
        sale for sale in _checks.listed(sales, CountedSale, "sales") if sale.day <= day
    ]
    turnover = None
    why: list[Rule] = []
    if supplier.state is not None:
        place_on(supplier.state, day)  # Jammu and Kashmir: refused before 2017-07-08
        rule, reason = turnover_limit(supplier, day)
        threshold = threshold_for("IN", rule, on=day)
        turnover = _status(threshold, records, day, rates, [], registered=known)
        why += [reason, _measured(turnover, threshold)]
    grounds, lifted = compulsory_grounds(supplier, day, turnover)
    if known:
        status = Registration.REGISTERED
    elif grounds or turnover is None:
        status = Registration.MUST_REGISTER
    else:
        status = turnover.status
    return GstRegistrationStatus(status, turnover, grounds, (*grounds, *lifted, *why))


def _measured(turnover: ThresholdStatus, threshold: Threshold) -> Rule:
    """What the turnover test found, in words."""
    previous = turnover.previous_period
    crossed = any(
        threshold.crossed_by(amount)
        for amount in (turnover.counted, previous)
        if amount is not None
    )
    verdict = "exceeds the limit" if crossed else "does not exceed the limit"
    return Rule(
        f"aggregate turnover {turnover.counted} from {turnover.window_start} to "
        f"{turnover.window_end} and {previous} in the whole previous financial year: "
        f"{verdict} (registration within 30 days of becoming liable, s. 25(1))",
        threshold.source,
    )
