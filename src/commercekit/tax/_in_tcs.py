"""India: the tax an e-commerce operator collects at source (TCS) from its sellers.

An electronic commerce operator that collects the price of supplies made through it by
other suppliers keeps back a share of their **net value** and pays it to the
Government within ten days after the month; the seller sees it as a credit in its
electronic cash ledger (CGST Act 2017 s. 52(1), (3), (7)). The net value is the month's
taxable supplies made through the operator, other than services on which the operator
itself pays the tax (s. 9(5): passenger transport, accommodation, housekeeping, and from
2022-01-01 restaurant services), less the taxable supplies returned to the sellers that
month (Explanation to s. 52(1)). Exempt supplies are not taxable supplies and do not
count.

The rate (``_data/in_tcs.csv``) is per tax, by where the supply is taxed: CGST and
SGST (or UTGST) on an intra-State supply, IGST on an inter-State one. From 2018-10-01,
when s. 52 came into force, 0.5 % + 0.5 % or 1 % IGST; from 2024-07-10, 0.25 % +
0.25 % or 0.5 % IGST (Notification 15/2024-Central Tax, 01/2024-Integrated Tax).

References:
    CBIC, GST Acts (CGST Act s. 52): https://cbic-gst.gov.in/gst-acts.html
    CBIC, Central Tax notifications (51/2018, 52/2018, 15/2024): https://cbic-gst.gov.in/central-tax-notifications.html
    CBIC FAQ on TCS, as reproduced (read 2026-12-01): https://caclub.in/cbics-29-faqs-on-gst-tcs-by-e-commerce-operators-u-s-52-of-cgst-act-2017/
"""

from __future__ import annotations

import functools
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import attrs

from commercekit import _bundled
from commercekit import _checks as checks
from commercekit._checks import invalid
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import EXACT, context_free, named_at_the_door
from commercekit.errors import NoRuleError
from commercekit.money import Money, sum_money
from commercekit.regions import check_day
from commercekit.tax import _checks
from commercekit.tax._india import gst_taxes, place_on
from commercekit.tax._india import state as india_place
from commercekit.tax._sale import Rule

__all__ = ["TcsCollection", "ecommerce_tcs"]

_PAISA = Decimal("0.01")
_TAXES = ("CGST", "SGST", "UTGST", "IGST")
ACTS = "https://cbic-gst.gov.in/gst-acts.html"


@attrs.frozen
class _Row:
    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    tax: str
    rate: Decimal
    since: date
    until: date | None
    sources: tuple[str, ...]


@functools.cache
def _read() -> tuple[_Row, ...]:
    """Every TCS rate period, per tax (CGST, SGST, IGST; UTGST as SGST)."""
    lines = _bundled.read(
        "commercekit.tax", "in_tcs.csv", columns=("tax", "rate", "since", "until", "source")
    )
    rows = [
        (
            line,
            _Row(
                line.text("tax"),
                line.decimal("rate"),
                line.day("since"),
                line.optional_day("until"),
                line.sources(),
            ),
        )
        for line in lines
    ]
    _bundled.check_periods((line, row.tax, row.since, row.until) for line, row in rows)
    return tuple(row for _, row in rows)


def _amount(value: object, field: str) -> Money:
    found = _checks.amount(value, field)
    if found.currency.code != "INR" or found.amount < 0:
        raise invalid(field, found, "is not an amount in INR of zero or more")
    return found


def _net(value: object) -> Money:
    return _amount(value, "net_value")


def _collected(value: object) -> tuple[tuple[str, Decimal, Money], ...]:
    found = []
    for part in _checks.listed(value, tuple, "collected"):
        if len(part) != 3 or part[0] not in _TAXES:
            raise invalid(
                "collected", part, f"is not a (tax, rate, amount), tax one of {_TAXES}"
            )
        rate = checks.decimal(part[1], "rate", invalid)
        if not 0 <= rate <= 1:  # s. 52(1): at most one per cent
            raise invalid("rate", rate, "is not a TCS rate (0 to 1 per cent)")
        found.append((part[0], rate, _amount(part[2], "amount")))
    return tuple(found)


def _rules(value: object) -> tuple[Rule, ...]:
    return _checks.listed(value, Rule, "why")


@named_at_the_door
@attrs.frozen
class TcsCollection:
    """The TCS an operator collects on one month's supplies by one seller.

    ``net_value`` is the taxable supplies less those returned (INR); ``collected`` is
    one ``(tax, rate in per cent, amount)`` per tax, each amount rounded half up to the
    paisa; ``total`` is their sum; ``why`` each step with its source.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    net_value: Money = attrs.field(converter=_net)
    collected: tuple[tuple[str, Decimal, Money], ...] = attrs.field(converter=_collected)
    why: tuple[Rule, ...] = attrs.field(converter=_rules)

    @property
    def total(self) -> Money:
        """The TCS collected, all taxes together (the sum of ``collected``)."""
        return sum_money([amount for _, _, amount in self.collected], "INR")


def _period_start(since: object, day: date) -> date:
    """The first day of the supplies counted: ``since``, or the first of ``day``'s
    month; a day of that month, not after ``day``."""
    if since is None:
        return day.replace(day=1)
    start = _checks.day(since, "since")
    if start > day or (start.year, start.month) != (day.year, day.month):
        raise invalid(
            "since",
            start,
            f"is not a day from the first of {day:%B %Y} to on ({day}): TCS is "
            "collected month by month (CGST Act s. 52(1))",
        )
    return start


def _rate(tax: str, day: date) -> _Row:
    rows = [row for row in _read() if row.tax == ("SGST" if tax == "UTGST" else tax)]
    for row in rows:
        if row.since <= day and (row.until is None or day <= row.until):
            return row
    raise NoRuleError(
        f"the TCS rate of {tax} (CGST Act s. 52)",
        day,
        "2018-10-01 onwards (s. 52 came into force then: no operator collected before)",
    )


@context_free
def ecommerce_tcs(
    supplied: Money, returned: Money, *, place: str, on: date, since: date | None = None
) -> TcsCollection:
    """The TCS an e-commerce operator collects on a seller's month (CGST Act s. 52).

    ``supplied`` is the value, net of GST, of the seller's taxable supplies made
    through the operator in the month whose price the operator collects (leave out
    exempt supplies and s. 9(5) services, on which the operator pays the tax itself);
    ``returned`` the taxable supplies returned to the seller that month; both INR.
    ``place`` is where the supplies are taxed, as for ``rates_for``: a State's code
    (``IN-MH``) for intra-State supplies (CGST + SGST, or UTGST), ``IN`` for inter-State
    ones (IGST). ``on`` is the last day of the supplies counted and ``since`` the first,
    by default the first day of ``on``'s month: both in one month. The rate is the one
    in force on the days the supplies were made: in July 2024, 1 % (or 0.5 % + 0.5 %)
    to the 9th and half that from the 10th (GSTN's advisory of 2 August 2024 on
    Notification 15/2024), so a period over a change of rate is refused: pass the
    supplies of each part separately, ``since`` and ``on`` bounding each. Returns
    exceeding supplies (a negative net value) are refused; a day before 2018-10-01
    raises ``NoRuleError``.

    Examples:
        >>> month = ecommerce_tcs(Money("100000", "INR"), Money("0", "INR"),
        ...                       place="IN-MH", on=date(2024, 7, 9))
        >>> [(tax, rate, str(amount.amount)) for tax, rate, amount in month.collected]
        [('CGST', Decimal('0.5'), '500.00'), ('SGST', Decimal('0.5'), '500.00')]
        >>> ecommerce_tcs(Money("100000", "INR"), Money("20000", "INR"),
        ...               place="IN", since=date(2024, 7, 10), on=date(2024, 7, 31)).total
        Money('400.00', 'INR')
    """
    day = check_day(on)
    start = _period_start(since, day)
    sold, back = _amount(supplied, "supplied"), _amount(returned, "returned")
    if back > sold:
        raise invalid(
            "returned",
            back,
            f"exceeds supplied ({sold}): a negative net value for the month is not "
            "modelled; pass the month's supplies and returns through this operator",
        )
    where = "IN" if place == "IN" else place_on(india_place(place), day)
    net = Money(sold.amount - back.amount, "INR")
    collected = []
    for tax in gst_taxes(where, day):
        row = _rate(tax, day)
        if start < row.since:  # the rate changed within the period
            raise invalid(
                "since",
                start,
                f"starts the period to {day} (by default the first of its month), and "
                f"the {tax} TCS rate changed within it, on {row.since}: the rate is the "
                "one in force when the supplies were made, "
                f"so pass those from {start} and those from {row.since} separately, "
                "since= and on= bounding each",
            )
        share = EXACT.multiply(net.amount, row.rate).scaleb(-2, EXACT)  # per cent
        share = share.quantize(_PAISA, ROUND_HALF_UP, EXACT)
        collected.append((tax, row.rate, Money(share, "INR")))
    kind = "inter-State (IGST)" if where == "IN" else f"intra-State in {where}"
    why = (
        Rule(
            f"net value {net} = taxable supplies {sold} less returned {back} "
            "(CGST Act s. 52(1) and its Explanation)",
            ACTS,
        ),
        *(
            Rule(
                f"{tax} TCS at {rate} % on {kind} supplies: {amount}",
                _rate(tax, day).sources[0],
            )
            for tax, rate, amount in collected
        ),
    )
    return TcsCollection(net, tuple(collected), why)
