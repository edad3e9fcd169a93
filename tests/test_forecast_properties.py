"""Demand forecasts: the invariants, on random sales histories.

The strategies live here (they serve only these properties): histories of whole,
non-negative units, zeros included, on a random start of a random period.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from commercekit.inventory import (
    SBA,
    Croston,
    DemandClass,
    DemandProfile,
    Holt,
    LeadTime,
    Method,
    MovingAverage,
    Period,
    SalesHistory,
    SimpleExponentialSmoothing,
    backtest,
    demand_from_forecast,
    demand_pattern,
    forecast,
    lead_time_demand,
)

D = Decimal


def four(value: Fraction) -> Decimal:
    """``value`` rounded half-even to four decimals, exactly (``round`` on a Fraction
    rounds half to even)."""
    return D(round(value * 10_000)).scaleb(-4)


@st.composite
def histories(draw: st.DrawFn, units: st.SearchStrategy[list[int]]) -> SalesHistory:
    period = draw(st.sampled_from(list(Period)))
    start = draw(st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31)))
    if period is Period.MONTH:
        start = start.replace(day=1)
    return SalesHistory(draw(units), start, period)


SALES = histories(st.lists(st.integers(0, 400), min_size=6, max_size=40))
"""Any sales: zeros, bursts, trends."""

INTERMITTENT = histories(
    st.lists(st.integers(0, 30), min_size=6, max_size=40).filter(
        lambda units: any(units[:-1])
    )
)
"""Sales with a sale before the last period (what Croston's method needs)."""

FALLING = histories(
    st.builds(
        lambda top, step, size: [max(top - step * i, 0) for i in range(size)],
        st.integers(50, 400),
        st.integers(5, 40),
        st.integers(8, 30),
    )
)
"""Sales falling to nothing: a trend run on would forecast below zero."""

BACKTESTED = histories(
    st.builds(
        lambda first, rest: [first, *rest],
        st.integers(1, 30),
        st.lists(st.integers(0, 30), min_size=11, max_size=30),
    )
)
"""Sales long enough for 3 origins 3 periods ahead of every cheap method, from a sale."""

CHEAP: tuple[Method, ...] = (
    MovingAverage(1),
    MovingAverage(3),
    SimpleExponentialSmoothing(D("0.3")),
    Croston(),
    SBA(D("0.2")),
)
"""Methods quick enough to run many times in one property."""


@given(
    st.integers(1, 400),
    st.integers(8, 30),
    st.sampled_from(
        [
            MovingAverage(4),
            SimpleExponentialSmoothing(),
            SimpleExponentialSmoothing(D("0.5")),
            Holt(),
            Croston(D("0.3")),
        ]
    ),
)
def test_a_constant_series_forecasts_that_constant_with_no_error(
    level: int, size: int, method: Method
) -> None:
    """Sales of c every period: every forecast is c, and every error is 0."""
    history = SalesHistory([level] * size, date(2026, 1, 5), Period.WEEK)
    result = forecast(history, method, horizon=5)
    assert result.forecasts == (D(level).quantize(D("0.0001")),) * 5
    assert result.accuracy.mae == result.accuracy.rmse == result.accuracy.bias == 0


@given(
    st.one_of(SALES, FALLING),
    st.sampled_from(
        [
            MovingAverage(2),
            SimpleExponentialSmoothing(D("0.6")),
            Holt(D("0.8"), D("0.6")),
            Holt(D("0.5"), D("0.5"), initial_level=400, initial_trend=-60),
        ]
    ),
)
def test_forecasts_are_never_negative(history: SalesHistory, method: Method) -> None:
    """Every forecast and fitted value is at least 0."""
    result = forecast(history, method, horizon=30)
    assert min(result.forecasts + result.fitted) >= 0


@given(INTERMITTENT, st.integers(1, 100))
def test_sba_is_never_above_croston(history: SalesHistory, hundredths: int) -> None:
    """With the same alpha, SBA's forecasts are Croston's times 1 - alpha/2: never more."""
    alpha = D(hundredths) / 100
    croston = forecast(history, Croston(alpha), horizon=3)
    sba = forecast(history, SBA(alpha), horizon=3)
    assert all(s <= c for s, c in zip(sba.fitted, croston.fitted, strict=True))
    assert all(s <= c for s, c in zip(sba.forecasts, croston.forecasts, strict=True))


@given(SALES, st.sampled_from(CHEAP))
def test_the_errors_shown_are_those_of_the_fitted_values_shown(
    history: SalesHistory, method: Method
) -> None:
    """MAE and bias recomputed from the fitted values shown are the ones shown."""
    result = forecast(history, method, horizon=1)
    actual = history.units[-len(result.fitted) :]
    errors = [
        Fraction(sold) - Fraction(guess)
        for sold, guess in zip(actual, result.fitted, strict=True)
    ]
    assert result.accuracy.periods == len(errors)
    assert result.accuracy.bias == four(sum(errors, Fraction(0)) / len(errors))
    assert result.accuracy.mae == four(sum(map(abs, errors), Fraction(0)) / len(errors))


@given(
    BACKTESTED,
    st.lists(st.sampled_from(CHEAP), min_size=1, max_size=5, unique=True),
    st.integers(1, 3),
    st.integers(1, 3),
)
def test_a_backtest_scores_every_method_once(
    history: SalesHistory, methods: list[Method], horizon: int, origins: int
) -> None:
    """Each method listed is scored once, in order, on origins x horizon errors; the best
    is one of them, with the lowest RMSE; the same call gives the same result."""
    result = backtest(history, methods, horizon, origins)
    assert [score.method for score in result.scores] == methods
    assert all(score.errors == horizon * origins for score in result.scores)
    assert min(score.rmse for score in result.scores) == next(
        score.rmse for score in result.scores if score.method == result.best
    )
    assert backtest(history, methods, horizon, origins) == result


@given(SALES, st.integers(1, 20), st.integers(0, 10), st.integers(0, 4))
def test_the_demand_over_a_lead_time_composes_lead_time_demand(
    history: SalesHistory, tenths: int, spread: int, review: int
) -> None:
    """The demand over the lead time is the forecasts over the cover, in total, and
    lead_time_demand's spread of a profile with their mean and the forecast's RMSE."""
    lead_time = LeadTime(D(tenths) / 10, D(spread) / 10)
    ahead = forecast(history, SimpleExponentialSmoothing(D("0.4")), horizon=7)
    demand = demand_from_forecast(ahead, lead_time, review)
    flat = ahead.forecasts[0]  # simple smoothing forecasts every period alike
    assert demand.profile == DemandProfile(flat, ahead.accuracy.rmse)
    cover = lead_time.mean + review
    assert demand.over_lead_time.mean == four(Fraction(flat) * Fraction(cover))
    assert demand.over_lead_time == lead_time_demand(demand.profile, lead_time, review)


@given(SALES)
def test_a_history_is_dated_period_after_period(history: SalesHistory) -> None:
    """The day after the history is its start plus one period per count."""
    if history.period is Period.MONTH:
        months = (history.end.year - history.start.year) * 12
        assert months + history.end.month - history.start.month == history.periods
        assert history.end.day == 1
    else:
        days = 7 if history.period is Period.WEEK else 1
        assert (history.end - history.start).days == days * history.periods


@given(INTERMITTENT)
def test_the_demand_class_follows_the_cut_offs(history: SalesHistory) -> None:
    """Smooth exactly when ADI <= 1.32 and CV² <= 0.49; SBA suggested otherwise."""
    pattern = demand_pattern(history)
    sparse, uneven = pattern.adi > D("1.32"), pattern.cv2 > D("0.49")
    expected = {
        (False, False): DemandClass.SMOOTH,
        (False, True): DemandClass.ERRATIC,
        (True, False): DemandClass.INTERMITTENT,
        (True, True): DemandClass.LUMPY,
    }[sparse, uneven]
    assert pattern.demand_class is expected
    assert pattern.suggested == (Croston() if expected is DemandClass.SMOOTH else SBA())
