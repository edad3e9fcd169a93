"""Registration statuses on a day before a rule, or before the bundled data.

California's economic-nexus rule applies from 2019-04-01 (CDTFA Publication 77; AB 147):
asked on 2019-01-01, California answers "no rule in force" with the day its rule
starts, and the other states are measured as usual. ``threshold_status`` on a day
before a jurisdiction's bundled thresholds (the EU's start on 2021-07-01, Australia's
on 2021-01-01) leaves that jurisdiction out for a seller with nothing there to measure,
and refuses by name for a seller established there or with sales counting there.
"""

from __future__ import annotations

from datetime import date

import pytest

from commercekit.errors import NoRuleError, NoThresholdError
from commercekit.money import Money
from commercekit.tax import (
    CountedSale,
    NexusStatus,
    Registration,
    ThresholdStatus,
    nexus_status,
    threshold_status,
)


def usd(amount: str) -> Money:
    return Money(amount, "USD")


def to_state(state: str, day: date, amount: str = "120.00") -> CountedSale:
    return CountedSale(day, usd(amount), "US", state=state, transactions=1)


def by_state(found: tuple[NexusStatus | ThresholdStatus, ...]) -> dict[str, object]:
    return {status.jurisdiction: status for status in found}


@pytest.mark.parametrize(
    ("on", "status"),
    [
        (date(2019, 3, 31), Registration.NO_RULE_IN_FORCE),
        (date(2019, 4, 1), Registration.MUST_REGISTER),  # USD 600,000 in 2019
    ],
)
def test_california_either_side_of_its_first_rule(on: date, status: Registration) -> None:
    sales = [to_state("US-CA", date(2019, 1, 15), "600000.00")]
    (found,) = nexus_status(sales, (), on=on)
    assert found.status is status
    assert found.threshold.since == date(2019, 4, 1)


def test_a_state_before_its_rule_does_not_refuse_the_others() -> None:
    """South Dakota's rule (from 2018-11-01 in the data) measures 200 transactions;
    California's is not yet in force on 2019-01-01."""
    sales = [to_state("US-CA", date(2018, 12, 1)), to_state("US-SD", date(2018, 12, 1))]
    found = nexus_status(sales, (), on=date(2019, 1, 1))
    assert [(s.state, s.status) for s in found] == [
        ("US-CA", Registration.NO_RULE_IN_FORCE),
        ("US-SD", Registration.BELOW),
    ]
    california = found[0]
    assert (california.window_start, california.sales, california.due) == (
        None, usd("0"), None,
    )  # fmt: skip
    text = california.explain()
    assert "no economic-nexus rule in force on the day asked" in text
    assert "from 2019-04-01" in text
    assert "https://cdtfa.ca.gov/formspubs/pub77/" in text


def test_a_state_not_bundled_still_refuses() -> None:
    with pytest.raises(NoThresholdError):
        nexus_status([to_state("US-PR", date(2018, 12, 1))], (), on=date(2019, 1, 1))


def test_threshold_status_before_2021_for_a_seller_with_nothing_there() -> None:
    """Reported fault: every seller was refused before 2021, for want of Australia's
    and the EU's data. A US seller with sales to two states on 2019-01-01 gets its
    states, and no jurisdiction without data on that day."""
    sales = [to_state("US-CA", date(2018, 12, 1)), to_state("US-SD", date(2018, 12, 1))]
    found = by_state(threshold_status(sales, (), seller_country="US", on=date(2019, 1, 1)))
    assert "AU" not in found
    assert "EU" not in found
    california = found["US-CA"]
    assert isinstance(california, NexusStatus)
    assert california.status is Registration.NO_RULE_IN_FORCE


def test_the_eu_is_measured_from_the_first_day_of_its_data() -> None:
    sales = [CountedSale(date(2021, 7, 1), Money("8200.00", "EUR"), "FR")]
    before = by_state(threshold_status((), (), seller_country="NL", on=date(2021, 6, 30)))
    on_the_day = by_state(threshold_status(sales, (), seller_country="NL",
                                           on=date(2021, 7, 1)))  # fmt: skip
    assert "EU" not in before
    status = on_the_day["EU"]
    assert isinstance(status, ThresholdStatus)
    assert status.status is Registration.APPROACHING


@pytest.mark.parametrize(
    ("sale", "seller", "named"),
    [
        (CountedSale(date(2019, 3, 2), Money("8200.00", "EUR"), "FR"), "NL", "EU"),
        (CountedSale(date(2018, 3, 2), Money("100.00", "AUD"), "AU"), "NL", "AU"),
        (None, "AU", "AU"),  # established there: its whole turnover is measured
    ],
)
def test_a_seller_with_something_there_is_still_refused_by_name(
    sale: CountedSale | None, seller: str, named: str
) -> None:
    sales = [] if sale is None else [sale]
    with pytest.raises(NoRuleError, match=f"of {named} on 2019-06-01"):
        threshold_status(sales, (), seller_country=seller, on=date(2019, 6, 1))
