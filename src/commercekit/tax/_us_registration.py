"""The US part of registration monitoring: each state a seller sold into, against its
economic-nexus threshold (``_us_nexus``), measured by ``_us_status``."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import date

from commercekit import _checks as checks
from commercekit._checks import invalid
from commercekit._errors_data import (
    MissingDataError,
    NoRuleError,
    NoThresholdError,
    UnknownCountryError,
)
from commercekit._numbers import context_free
from commercekit.money import RateTable, convert_noted
from commercekit.regions import check_day, check_subdivision
from commercekit.tax import _checks
from commercekit.tax._counted import CountedSale
from commercekit.tax._us_measure import Entry
from commercekit.tax._us_nexus import nexus_periods, nexus_threshold
from commercekit.tax._us_status import NexusStatus, not_in_force, state_status

__all__ = ["nexus_status", "us_states"]

_HOW = "pass rates= (a RateTable)"


@context_free
def nexus_status(
    sales: Iterable[CountedSale],
    registrations: Collection[str],
    *,
    on: date,
    rates: RateTable | None = None,
) -> tuple[NexusStatus, ...]:
    """Each US state a seller sold into, against its economic-nexus threshold on ``on``
    (the US part of ``threshold_status``, alone).

    ``registrations`` are the states where the seller is registered (``US-TX``; a
    code that is no US state, ``US-XX`` or ``DE``, raises ``UnknownCountryError``:
    ``threshold_status`` takes every registration); sales
    in another currency than USD are converted with ``rates``, each noted in
    ``conversions`` and not rounded: the USD sums shown are exact and are what is
    compared with each limit (no state's guidance read rounds a converted sale before
    adding it up; a figure shown rounded would cross where the exact one does not).
    A sale to the United
    States without its ``state`` raises ``MissingDataError``; one to an outlying area
    (``US-PR``), ``NoThresholdError`` naming the states that are bundled. A state whose
    rule was not yet in force on ``on`` (California's before 2019-04-01) has the status
    ``no_rule_in_force``, its threshold the rule to come, and the others are measured
    as usual:

        >>> early = [CountedSale(date(2018, 12, 1), Money("120.00", "USD"), "US",
        ...                      state=state) for state in ("US-CA", "US-SD")]
        >>> found = nexus_status(early, (), on=date(2019, 1, 1))
        >>> [(s.state, s.status.value) for s in found], found[0].threshold.since
        ([('US-CA', 'no_rule_in_force'), ('US-SD', 'below')], datetime.date(2019, 4, 1))
        >>> found[0].explain()[:79]
        'US-CA: no economic-nexus rule in force on the day asked; the rule in force from'

    Examples:
        >>> sales = [CountedSale(date(2019, 2, 1), Money("120.00", "USD"), "US",
        ...                      state="US-WA", transactions=200)]
        >>> [s.status.value for s in nexus_status(sales, (), on=date(2019, 3, 13))]
        ['must_register']
        >>> [s.status.value for s in nexus_status(sales, (), on=date(2019, 3, 14))]
        ['below']
    """
    day = check_day(on)
    registered = _checks.registrations(registrations, "registrations")
    for code in sorted(registered):
        if not code.startswith("US-"):
            raise UnknownCountryError(
                code,
                "is not a US state: nexus_status measures US states alone, so give "
                "registrations as 'US-TX', … (threshold_status takes the others)",
                field="registrations",
            )
    if rates is not None:
        checks.instance(rates, RateTable, "rates", invalid)
    return tuple(us_states(counted_sales(sales, day), registered, day, rates))


def counted_sales(sales: object, day: date) -> list[CountedSale]:
    """The sales made by ``day``, each sale to the United States with its state, or
    ``MissingDataError`` at the first without one (``sales[i].state``)."""
    records = []
    for index, sale in enumerate(_checks.listed(sales, CountedSale, "sales")):
        if sale.day > day:
            continue
        if sale.destination == "US" and sale.state is None:
            why = "each state measures economic nexus on its own sales"
            raise MissingDataError(
                f"the state of the sale to the United States on {sale.day}",
                f"give CountedSale(..., state='US-NY'): {why}",
                field=f"sales[{index}].state",
                json_how=f'give the sale its "state" ("US-NY" ...): {why}',
            )
        records.append(sale)
    return records


def us_states(
    records: list[CountedSale],
    registered: frozenset[str],
    day: date,
    rates: RateTable | None,
) -> list[NexusStatus]:
    for code in registered:  # a mistyped state is refused, not left unmatched
        if code.startswith("US-"):
            check_subdivision("US", code)
    by_state: dict[str, list[CountedSale]] = {}
    for sale in records:
        if sale.destination == "US" and sale.state is not None:
            by_state.setdefault(sale.state, []).append(sale)
    statuses = []
    for state in sorted(by_state):
        try:
            threshold = nexus_threshold(state, on=day)
        except NoThresholdError:  # a state not bundled (US-PR): named, as raised
            raise
        except NoRuleError:
            first = nexus_periods(state)[0]
            if day >= first.since:  # a gap in the data, not a rule still to come
                raise
            statuses.append(not_in_force(first))
            continue
        notes: list[str] = []
        entries = [
            Entry(
                sale.day,
                # unrounded: the sum is compared with the limit as it is
                convert_noted(sale.amount, "USD", rates, notes, how=_HOW),
                sale.transactions,
                sale.marketplace,
            )
            for sale in by_state[state]
            if threshold.sales_tax  # nothing to measure where there is no sales tax
        ]
        statuses.append(
            state_status(
                threshold,
                entries,
                day,
                registered=state in registered,
                conversions=tuple(notes),
            )
        )
    return statuses
