"""A crossed US economic-nexus threshold is remembered when a look-back window slides
past the crossing (issue 18): the seller stays obliged, with the day the obligation
began and the window that crossed, where the law says how long; where it does not
(Texas), the status says that is not bundled instead of reporting ``below``."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from commercekit.money import Money
from commercekit.tax import CountedSale, NexusStatus, Registration, nexus_status

OBLIGED = (Registration.MUST_REGISTER, Registration.REGISTERED)
RANK = {
    Registration.BELOW: 0,
    Registration.APPROACHING: 1,
    Registration.DEPENDS_ON_FACTS: 2,
    Registration.MUST_REGISTER: 3,
}


def sale(day: date, amount: str, state: str, count: int = 1) -> CountedSale:
    return CountedSale(day, Money(amount, "USD"), "US", state=state, transactions=count)


def status(sales: list[CountedSale], on: date, state: str) -> NexusStatus:
    (found,) = [s for s in nexus_status(sales, (), on=on) if s.jurisdiction == state]
    assert isinstance(found, NexusStatus)
    return found


def _found(sales: list[CountedSale], on: date, state: str) -> NexusStatus | None:
    found = [s for s in nexus_status(sales, (), on=on) if s.jurisdiction == state]
    assert all(isinstance(s, NexusStatus) for s in found)
    return found[0] if found else None  # type: ignore[return-value]


def monthly(year: int, amount: str, state: str, months: range = range(1, 13)) -> list:
    return [sale(date(year, month, 15), amount, state) for month in months]


TEXAS_2025 = monthly(2025, "45000", "US-TX")


def test_texas_crossing_in_december_2025_is_remembered_on_1_march_2026() -> None:
    # 34 TAC 3.286: total Texas revenues in the preceding twelve calendar months over
    # USD 500,000; collection due "no later than the first day of the fourth month
    # after the month in which the seller exceeded". Twelve months to 31 Dec 2025:
    # 12 x 45,000 = 540,000; to 28 Feb 2026: 10 x 45,000 = 450,000.
    found = status(TEXAS_2025, date(2026, 3, 1), "US-TX")
    assert found.status is Registration.MUST_REGISTER  # was APPROACHING
    assert (found.crossed_on, found.due) == (date(2025, 12, 31), date(2026, 4, 1))
    assert found.last_crossed == date(2025, 12, 31)
    assert found.sales == Money("450000", "USD")  # the latest look-back, still shown
    text = found.explain()
    assert "crossed in the 12 months 2025-01-01 to 2025-12-31" in text
    assert "whether the obligation has ended since the sales fell is not bundled" in text


def test_texas_the_latest_lookback_crossing_is_not_a_remembered_one() -> None:
    found = status(TEXAS_2025, date(2026, 1, 15), "US-TX")
    assert found.status is Registration.MUST_REGISTER
    assert (found.crossed_on, found.due, found.last_crossed) == (
        date(2025, 12, 31),
        date(2026, 4, 1),
        None,
    )


def test_texas_a_seller_that_never_crossed_stays_unobliged() -> None:
    # 11 x 45,000 = 495,000 at most in any twelve months: never over 500,000
    sales = monthly(2025, "45000", "US-TX", range(1, 12))
    for day in (date(2025, 12, 1), date(2026, 1, 1), date(2026, 3, 1)):
        found = status(sales, day, "US-TX")
        assert found.status in (Registration.APPROACHING, Registration.BELOW), day
        assert (found.crossed_on, found.due, found.last_crossed) == (None, None, None)


def test_a_previous_calendar_year_state_obliges_through_the_next_year() -> None:
    # Pennsylvania: USD 100,000 in the previous calendar year; crossed in 2025, the
    # seller is obliged through 2026 (its window), even with no sales in 2026.
    sales = [sale(date(2025, 6, 1), "100000.01", "US-PA")]
    for day in (date(2026, 1, 1), date(2026, 12, 31)):
        found = status(sales, day, "US-PA")
        assert found.status is Registration.MUST_REGISTER, day
        assert found.crossed_on == date(2025, 6, 1)
    assert status(sales, date(2025, 12, 31), "US-PA").status is Registration.BELOW


def test_a_quarterly_lookback_state_remembers_the_quarter_that_crossed() -> None:
    # New York: over USD 500,000 and over 100 sales in the four sales-tax quarters
    # before the current one (March-May ... December-February). Crossed for the
    # quarters to 31 May 2025; on 1 September 2026 the latest four quarters hold
    # nothing, and when New York lets a seller stop is not bundled.
    sales = [sale(date(2025, 3, 1), "500000.01", "US-NY", 101)]
    found = status(sales, date(2026, 9, 1), "US-NY")
    assert found.status is Registration.MUST_REGISTER
    assert found.crossed_on == date(2025, 5, 31)
    assert found.last_crossed == date(2026, 2, 28)
    assert "not bundled" in found.explain()


def test_illinois_collects_for_one_year_from_the_next_quarter() -> None:
    # 86 Ill. Adm. Code 131.115(b): a remote retailer that meets a threshold for the
    # 12 months to a quarter end collects from the first day of the next quarter and
    # files "for one year". Crossed for the 12 months to 31 Dec 2025 (250
    # transactions under the 200-transaction test then in force).
    il = [sale(date(2025, 11, 10), "2500.00", "US-IL", 250)]
    for day in (date(2026, 4, 1), date(2026, 12, 31)):
        found = status(il, day, "US-IL")
        assert found.status is Registration.MUST_REGISTER, day  # was BELOW on 04-01
        assert (found.crossed_on, found.due) == (date(2025, 12, 31), date(2026, 1, 1))
        assert "collects to 2026-12-31 (86 Ill. Adm. Code 131.115(b)" in found.explain()
    after = status(il, date(2027, 1, 1), "US-IL")
    assert after.status is Registration.BELOW
    assert (after.crossed_on, after.last_crossed) == (None, None)


_STATES = ("US-TX", "US-IL", "US-NY", "US-PA", "US-CA", "US-CT", "US-MN")


@settings(max_examples=60, deadline=None)
@given(
    state=st.sampled_from(_STATES),
    base=st.lists(
        st.tuples(st.integers(0, 47), st.integers(1, 400_000), st.integers(1, 150)),
        max_size=6,
    ),
    extra=st.tuples(st.integers(0, 47), st.integers(1, 400_000), st.integers(1, 150)),
    asked=st.integers(0, 50),
)
def test_adding_sales_never_lessens_an_obligation(
    state: str, base: list[tuple[int, int, int]], extra: tuple[int, int, int], asked: int
) -> None:
    def made(month: int, amount: int, count: int) -> CountedSale:
        day = date(2023 + month // 12, month % 12 + 1, 10)
        return sale(day, str(amount), state, count)

    on = date(2023 + asked // 12, asked % 12 + 1, 1)
    before = [made(*one) for one in base]
    more = _found([*before, made(*extra)], on, state)
    less = _found(before, on, state)
    if less is not None:  # a state without sales up to the day asked is not listed
        assert more is not None
        assert RANK[more.status] >= RANK[less.status]
        if less.status in OBLIGED:
            assert more.crossed_on is not None
