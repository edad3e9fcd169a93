"""Forecasts and backtests are bounded in work, and refused before any fit beyond it.

Two stated bounds (exported beside the other ``MAX_`` values):

* ``MAX_SEASONAL_FIT`` = 100,000 history periods x season length for one Holt-Winters
  fit (a season of 365 days defeats the fit anyway: Hyndman, "Forecasting with long
  seasonal periods", 2010);
* ``MAX_BACKTEST_WORK`` = 12,000 units of estimated work for a backtest's exponential
  smoothing fits: periods + 1,000 for a damped Holt fit, 40 more per period of the
  season for Holt-Winters, half of periods + 1,000 for Holt, an eighth for simple
  smoothing; moving averages and Croston's methods are not counted.

No test here times anything: the refusals are checked to come before statsmodels is
asked for anything, by making the fitting library fail loudly if it is reached.
"""

from __future__ import annotations

from datetime import date

import pytest

import commercekit.inventory
from commercekit.errors import InvalidCountError, InvalidInventoryError, InvalidListError
from commercekit.inventory import (
    MAX_BACKTEST_WORK,
    MAX_HISTORY_PERIODS,
    MAX_METHODS,
    MAX_ORIGINS,
    MAX_SEASONAL_FIT,
    SBA,
    Croston,
    Holt,
    HoltWinters,
    MovingAverage,
    SalesHistory,
    SimpleExponentialSmoothing,
    _smoothing,
    backtest,
    forecast,
)


class ReachedError(Exception):
    """Raised where statsmodels would be loaded: the call got past every bound."""


@pytest.fixture
def no_fitting(monkeypatch: pytest.MonkeyPatch) -> None:
    def reached() -> None:
        raise ReachedError

    monkeypatch.setattr(_smoothing, "_library", reached)


def _days(periods: int) -> SalesHistory:
    week = [20, 30, 25, 22, 28, 45, 50]
    return SalesHistory((week * (periods // 7 + 1))[:periods], date(2016, 1, 4), "day")


def test_the_bounds_are_stated_and_exported() -> None:
    assert (MAX_SEASONAL_FIT, MAX_BACKTEST_WORK) == (100_000, 12_000)
    assert {"MAX_SEASONAL_FIT", "MAX_BACKTEST_WORK"} <= set(commercekit.inventory.__all__)


@pytest.mark.usefixtures("no_fitting")
def test_the_reviewers_yearly_season_of_days_is_refused_before_fitting() -> None:
    # 3,660 days x a season of 365 = 1,335,900: refused, and no shorter history helps
    # (273 days are fewer than the two seasons the fit needs), so none is suggested.
    with pytest.raises(
        InvalidInventoryError, match="1,335,900, more than the 100,000"
    ) as no:
        forecast(_days(MAX_HISTORY_PERIODS), HoltWinters(365, damped=True), horizon=7)
    assert isinstance(no.value, InvalidListError)
    assert "keep the last" not in str(no.value)
    assert "weeks instead of days" in str(no.value)


@pytest.mark.usefixtures("no_fitting")
def test_the_bound_itself_is_fitted_and_one_period_more_is_not() -> None:
    # 2,000 x 50 = 100,000: at the bound, so the fit is reached.
    with pytest.raises(ReachedError):
        forecast(_days(2000), HoltWinters(50), horizon=7)
    with pytest.raises(InvalidInventoryError, match="keep the last 2,000 periods"):
        forecast(_days(2001), HoltWinters(50), horizon=7)


@pytest.mark.usefixtures("no_fitting")
def test_realistic_seasons_are_inside_the_bound() -> None:
    weeks = SalesHistory([5, 9, 7, 6] * 39, date(2023, 1, 2), "week")  # 3 years
    months = SalesHistory([5, 9, 7, 6] * 30, date(2016, 1, 1), "month")  # 10 years
    for history, season in ((_days(MAX_HISTORY_PERIODS), 7), (weeks, 52), (months, 12)):
        with pytest.raises(ReachedError):
            forecast(history, HoltWinters(season, damped=True), horizon=4)


@pytest.mark.usefixtures("no_fitting")
def test_the_reviewers_hour_long_backtest_is_refused_before_fitting() -> None:
    methods = [HoltWinters(7), HoltWinters(7, damped=True), Holt(), Holt(damped=True),
               SimpleExponentialSmoothing(), MovingAverage(7), SBA(), Croston(),
               HoltWinters(14), HoltWinters(12), MovingAverage(28),
               HoltWinters(21)]  # fmt: skip
    assert len(methods) == MAX_METHODS
    with pytest.raises(InvalidInventoryError, match="use fewer origins") as refused:
        backtest(_days(MAX_HISTORY_PERIODS), methods, horizon=7, origins=MAX_ORIGINS)
    assert isinstance(refused.value, InvalidCountError)
    assert refused.value.field == "origins"
    assert "would fit 8 exponential smoothing methods 60 times each" in str(refused.value)


@pytest.mark.usefixtures("no_fitting")
def test_the_backtest_work_is_counted_as_stated() -> None:
    # 1,095 days, horizon 7: 5 origins train on 1,084 to 1,088 days; a Holt-Winters fit
    # with a season of 7 counts periods + 1,000 + 280: 5 x 1,086 + 5 x 1,280 = 11,830.
    history = _days(1095)
    with pytest.raises(ReachedError):
        backtest(history, [HoltWinters(7), MovingAverage(7), SBA()], horizon=7, origins=5)
    # 6 origins: 1,083 to 1,088 days, 6 x 1,085.5 + 6 x 1,280 = 14,193.
    with pytest.raises(InvalidInventoryError, match="an estimated work of 14,193"):
        backtest(history, [HoltWinters(7)], horizon=7, origins=6)
    # Holt counts half of periods + 1,000, simple smoothing an eighth, damped Holt all:
    # at 1,085 periods, 1,042 + 260 + 2,085 = 3,387.
    assert (
        sum(
            _smoothing.fit_work(method, 1085)
            for method in (Holt(), SimpleExponentialSmoothing(), Holt(damped=True))
        )
        == 3387
    )


def test_exact_methods_are_not_counted_and_run_at_their_limits() -> None:
    """Moving averages and Croston's methods, the most of them from the most origins on
    the longest history: bounded by the validated sizes alone, and run."""
    methods = [*(MovingAverage(window) for window in range(1, 7)),
               *(Croston(alpha) for alpha in ("0.05", "0.1", "0.2")),
               *(SBA(alpha) for alpha in ("0.05", "0.1", "0.2"))]  # fmt: skip
    result = backtest(_days(MAX_HISTORY_PERIODS), methods, horizon=7, origins=MAX_ORIGINS)
    assert [score.errors for score in result.scores] == [MAX_ORIGINS * 7] * MAX_METHODS


@pytest.mark.usefixtures("no_fitting")
def test_a_holt_winters_season_too_long_for_the_backtests_origins_is_refused_first() -> (
    None
):
    history = SalesHistory([5, 9, 7, 6] * 520, date(1986, 1, 6), "week")  # 2,080 weeks
    with pytest.raises(InvalidInventoryError, match="keep the last 1,923 periods"):
        backtest(history, [HoltWinters(52)], horizon=4, origins=1)
