"""Demand forecasts from a sales history: published worked examples, hand-checked
arithmetic, statsmodels' own fits, and the way to a reorder point. (The refusals are in
``test_forecast_refusals.py``, the properties in ``test_forecast_properties.py``.)

Sources of the worked examples (inputs and printed answers):

* Render, Stair, Hanna and Hale, *Quantitative Analysis for Management*, 13th ed.,
  chapter 5: Wallace Garden Supply's storage shed sales, 3-month moving average.
* Heizer, Render and Munson, *Operations Management*, chapter 4: Example 4 (Port of
  Baltimore, exponential smoothing with alpha 0.10 and 0.50 from a first forecast of
  175 tonnes; MAD 10.31 and 12.33; the Excel OM solution prints the next forecast
  178.595856, bias 4.49482, and the MSE of each alpha: 190.8175 at 0.1, 195.2383 at
  0.5) and Example 7 (trend-adjusted smoothing of
  a Portland manufacturer's demand, alpha 0.2, beta 0.4, F1 = 11, T1 = 2).
* Hyndman and Athanasopoulos, *Forecasting: Principles and Practice*, 3rd ed.
  (https://otexts.com/fpp3/ses.html), Table 8.1: Algeria's exports by simple exponential
  smoothing, alpha 0.84 and l0 39.54.

Each test states the printed figures and checks ours to the precision the book shows.
"""

from __future__ import annotations

import warnings
from datetime import date
from decimal import Decimal

import pytest
from statsmodels.tsa.holtwinters import ExponentialSmoothing

from commercekit.inventory import (
    SBA,
    Croston,
    DemandClass,
    DemandProfile,
    Holt,
    HoltWinters,
    LeadTime,
    MovingAverage,
    SalesHistory,
    SimpleExponentialSmoothing,
    backtest,
    demand_from_forecast,
    demand_pattern,
    forecast,
    lead_time_demand,
    safety_stock_for_cycle_service,
)

D = Decimal


def close(value: Decimal, printed: str) -> bool:
    """``value`` rounds to the ``printed`` figure at the precision it is printed."""
    figure = D(printed)
    return value.quantize(figure) == figure


def monthly(*units: int) -> SalesHistory:
    return SalesHistory(units, start=date(2025, 1, 1), period="month")


# -- worked examples ------------------------------------------------------------------

SHEDS = monthly(10, 12, 13, 16, 19, 23, 26, 30, 28, 18, 16, 14)


def test_moving_average_render_stair_hanna_wallace_garden_supply() -> None:
    # Shed sales January to December; the 3-month moving average forecasts April to
    # December as 11.67, 13.67, 16.00, 19.33, 22.67, 26.33, 28.00, 25.33, 20.67 and next
    # January as (18 + 16 + 14) / 3 = 16.00.
    result = forecast(SHEDS, MovingAverage(3), horizon=1)
    printed = ["11.67", "13.67", "16.00", "19.33", "22.67", "26.33", "28.00", "25.33"]
    printed.append("20.67")
    assert all(map(close, result.fitted, printed))
    assert result.forecasts == (D("16.0000"),)
    assert result.start == date(2026, 1, 1)
    # The errors, exactly: 13/3, 16/3, 7, 20/3, 22/3, 5/3, -10, -28/3, -20/3; their
    # absolute sum is 175/3, over 9 periods 6.4815.
    assert result.accuracy.periods == 9
    assert result.accuracy.mae == D("6.4815")


PORT = monthly(180, 168, 159, 175, 190, 205, 180, 182)


def test_simple_exponential_smoothing_heizer_render_port_of_baltimore() -> None:
    slow = forecast(PORT, SimpleExponentialSmoothing(D("0.10"), initial_level=175), 1)
    printed = ["175.00", "175.50", "174.75", "173.18", "173.36", "175.02", "178.02"]
    assert all(map(close, slow.fitted, [*printed, "178.22"]))
    assert close(slow.accuracy.mae, "10.31")
    assert slow.forecasts == (D("178.5959"),)  # Excel OM: 178.595856
    assert slow.accuracy.bias == D("4.49482").quantize(D("0.0001"))
    assert slow.accuracy.rmse == D("190.8175").sqrt().quantize(D("0.0001"))
    assert slow.estimated == ()
    fast = forecast(PORT, SimpleExponentialSmoothing(D("0.50"), initial_level=175), 1)
    printed = ["175.00", "177.50", "172.75", "165.88", "170.44", "180.22", "192.61"]
    assert all(map(close, fast.fitted, [*printed, "186.30"]))
    assert close(fast.accuracy.mae, "12.33")
    assert fast.accuracy.rmse == D("195.2383").sqrt().quantize(D("0.0001"))
    assert close(fast.forecasts[0], "184.15")


def test_holt_heizer_render_example_7_trend_adjusted_smoothing() -> None:
    # Heizer's F(t) is the level before period t and T(t) the trend, so F1 = 11 and
    # T1 = 2 are Holt's l0 and b0, and FIT(t) = F(t) + T(t) is the one-step forecast.
    history = monthly(12, 17, 20, 19, 24, 21, 31, 28, 36)
    method = Holt(D("0.2"), D("0.4"), initial_level=11, initial_trend=2)
    result = forecast(history, method, horizon=1)
    printed = ["13.00", "14.72", "17.28", "20.14", "22.14", "24.89"]
    assert all(map(close, result.fitted[:6], printed))


def test_simple_exponential_smoothing_fpp3_table_8_1_algeria() -> None:
    # Exports in % of GDP, 1960-1967, times 100 to make whole counts: smoothing is
    # linear, so the levels scale by 100 too. With alpha 0.84 and l0 = 39.54 the table
    # prints the forecasts 39.54, 39.12, 45.10, 23.84 and 24.55 for 1960-1964. (From
    # 1965 the printed figures come from the unrounded estimates and drift by 0.01.)
    exports = SalesHistory(
        [3904, 4624, 1979, 2468, 2508, 2260, 2599, 2343], date(1960, 1, 1), "month"
    )
    method = SimpleExponentialSmoothing(D("0.84"), initial_level=3954)
    result = forecast(exports, method, horizon=1)
    printed = ["39.54", "39.12", "45.10", "23.84", "24.55"]
    assert all(
        close(value / 100, figure)
        for value, figure in zip(result.fitted, printed, strict=False)
    )


INTERMITTENT = SalesHistory([0, 3, 0, 0, 5, 0, 2, 0], date(2026, 1, 5), "week")


def test_croston_and_sba_by_hand() -> None:
    # alpha = 0.2. The first sale (period 2, 3 units) starts size z = 3 and interval
    # p = 2, so periods 3-5 are forecast at 3 / 2 = 1.5. Period 5 sells 5, three
    # periods after the last sale: z = 0.2 x 5 + 0.8 x 3 = 3.4, p = 0.2 x 3 + 0.8 x 2
    # = 2.2, and periods 6-7 are forecast at 3.4 / 2.2 = 17/11 = 1.5455. Period 7 sells
    # 2, two periods on: z = 0.2 x 2 + 0.8 x 3.4 = 3.12, p = 0.2 x 2 + 0.8 x 2.2 = 2.16,
    # and 3.12 / 2.16 = 13/9 = 1.4444 from period 8 on. SBA: x (1 - 0.2 / 2) = x 0.9.
    croston = forecast(INTERMITTENT, Croston(D("0.2")), horizon=2)
    assert croston.fitted == tuple(map(D, ("1.5000",) * 3 + ("1.5455",) * 2 + ("1.4444",)))
    assert croston.forecasts == (D("1.4444"), D("1.4444"))
    sba = forecast(INTERMITTENT, SBA(D("0.2")), horizon=2)
    assert sba.fitted == tuple(map(D, ("1.3500",) * 3 + ("1.3909",) * 2 + ("1.3000",)))
    assert sba.forecasts == (D("1.3000"), D("1.3000"))
    # Errors of Croston's one-step forecasts, periods 3-8: -1.5, -1.5, 3.5, -17/11,
    # 5/11, -13/9; bias = their mean.
    assert croston.accuracy.bias == D("-0.3392")
    assert "size 3.1200 / interval 2.1600 = 1.4444 units per period" in croston.why[2]


def test_demand_pattern_by_hand() -> None:
    # 8 periods, 3 with a sale: ADI = 8/3. Sizes 3, 5, 2: mean 10/3, variance
    # ((1/3)² + (5/3)² + (4/3)²) / 3 = 14/9, CV² = (14/9) / (100/9) = 0.14.
    pattern = demand_pattern(INTERMITTENT)
    assert (pattern.adi, pattern.cv2) == (D("2.6667"), D("0.1400"))
    assert pattern.demand_class is DemandClass.INTERMITTENT
    assert pattern.suggested == SBA()
    lumpy = demand_pattern(SalesHistory([0, 1, 0, 0, 9, 0], date(2026, 1, 5), "week"))
    assert lumpy.demand_class is DemandClass.LUMPY  # ADI 3, CV² 0.64
    erratic = demand_pattern(SalesHistory([1, 9, 1, 9], date(2026, 1, 5), "week"))
    assert erratic.demand_class is DemandClass.ERRATIC  # ADI 1, CV² 16/25
    smooth = demand_pattern(SHEDS)
    assert smooth.demand_class is DemandClass.SMOOTH
    assert smooth.suggested == Croston()


def test_a_trend_run_below_zero_is_raised_to_zero_and_said() -> None:
    # Level 400 falling 60 a period, fitted exactly by these sales: five periods ahead
    # the trend would reach 100 - 60 x 5 = -200.
    falling = monthly(340, 280, 220, 160, 100)
    method = Holt(D("0.5"), D("0.5"), initial_level=400, initial_trend=-60)
    result = forecast(falling, method, horizon=3)
    assert result.forecasts == (D("40.0000"), D("0.0000"), D("0.0000"))
    assert result.accuracy.rmse == 0
    assert result.why[-1].startswith("2 forecasts (ahead, or one-step of the history)")


# -- Holt-Winters is statsmodels' fit, wired as documented -----------------------------

QUARTERS = SalesHistory(
    [30, 21, 29, 31, 40, 48, 53, 47, 37, 39, 49, 56, 57, 60, 66, 70],
    date(2022, 1, 1),
    "week",
)


@pytest.mark.parametrize(
    ("method", "options"),
    [
        (
            HoltWinters(4, alpha=D("0.3"), beta=D("0.1"), gamma=D("0.2")),
            {"trend": "add", "seasonal": "add"},
        ),
        (
            HoltWinters(4, "multiplicative", alpha=D("0.5"), beta=D("0.2"), gamma=D("0.1")),
            {"trend": "add", "seasonal": "mul"},
        ),
        (
            HoltWinters(
                4, damped=True, alpha=D("0.4"), beta=D("0.1"), gamma=D("0.3"), phi=D("0.9")
            ),
            {"trend": "add", "seasonal": "add", "damped_trend": True},
        ),
    ],
)
def test_holt_winters_equals_statsmodels_for_fixed_parameters(
    method: HoltWinters, options: dict[str, object]
) -> None:
    model = ExponentialSmoothing(
        [float(count) for count in QUARTERS.units],
        seasonal_periods=4,
        initialization_method="estimated",
        **options,
    )
    fixed = {
        "smoothing_level": float(method.alpha or 0),
        "smoothing_trend": float(method.beta or 0),
        "smoothing_seasonal": float(method.gamma or 0),
    }
    if method.phi is not None:
        fixed["damping_trend"] = float(method.phi)
    theirs = model.fit(**fixed)
    ours = forecast(QUARTERS, method, horizon=6)
    four = D("0.0001")
    assert ours.fitted == tuple(D(value).quantize(four) for value in theirs.fittedvalues)
    assert ours.forecasts == tuple(D(value).quantize(four) for value in theirs.forecast(6))
    assert ours.estimated == ("initial_level", "initial_trend", "initial_seasons")
    assert ours.parameters["initial_level"] == D(theirs.params["initial_level"]).quantize(
        four
    )


def test_an_optimiser_that_did_not_converge_is_said() -> None:
    # A history the seasons fit exactly leaves statsmodels' optimiser without a
    # minimum to settle on; whether it converged is read from its result.
    history = SalesHistory([1, 2, 3, 4, 5, 6, 7] * 2 + [1], date(2026, 1, 5), "day")
    model = ExponentialSmoothing(
        [float(count) for count in history.units],
        trend="add",
        seasonal="add",
        seasonal_periods=7,
        initialization_method="estimated",
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # it warns when it does not converge
        converged = bool(model.fit().mle_retvals.success)
    why = forecast(history, HoltWinters(7), horizon=1).why
    said = any("stopped before it converged" in line for line in why)
    assert said == (not converged)


def test_holt_winters_additive_follows_fpp3_section_8_3() -> None:
    # FPP3's component form, from statsmodels' fitted initial states: l = alpha (y -
    # s[t-m]) + (1 - alpha)(l + b); b = beta (l - l_prev) + (1 - beta) b; s = gamma (y
    # - l_prev - b_prev) + (1 - gamma) s[t-m]; the one-step forecast is l + b + s[t-m].
    alpha, beta, gamma = 0.3, 0.1, 0.2
    fit = ExponentialSmoothing(
        [float(count) for count in QUARTERS.units],
        trend="add",
        seasonal="add",
        seasonal_periods=4,
        initialization_method="estimated",
    ).fit(smoothing_level=alpha, smoothing_trend=beta, smoothing_seasonal=gamma)
    level, trend = fit.params["initial_level"], fit.params["initial_trend"]
    seasons = list(fit.params["initial_seasons"])
    by_hand = []
    for sold in QUARTERS.units:
        season = seasons[-4]
        by_hand.append(level + trend + season)
        previous = level
        level = alpha * (sold - season) + (1 - alpha) * (level + trend)
        seasons.append(gamma * (sold - previous - trend) + (1 - gamma) * season)
        trend = beta * (level - previous) + (1 - beta) * trend
    method = HoltWinters(4, alpha=D("0.3"), beta=D("0.1"), gamma=D("0.2"))
    ours = forecast(QUARTERS, method, horizon=1)
    assert ours.fitted == tuple(D(value).quantize(D("0.0001")) for value in by_hand)


# -- from a forecast to safety stock and a reorder point -------------------------------


def test_history_to_reorder_point_composes_the_service_level_rules() -> None:
    trend = monthly(12, 17, 20, 19, 24, 21, 31, 28, 36)
    method = Holt(D("0.2"), D("0.4"), initial_level=11, initial_trend=2)
    ahead = forecast(trend, method, horizon=3)
    lead_time = LeadTime("2.5", std_dev="0.5")
    demand = demand_from_forecast(ahead, lead_time)
    # 2.5 periods: the first two forecasts and half of the third, over 2.5.
    first, second, third = ahead.forecasts
    covered = first + second + third / 2
    assert demand.profile.mean == (covered / D("2.5")).quantize(D("0.0001"))
    assert demand.profile.std_dev == ahead.accuracy.rmse
    assert demand.over_lead_time.mean == covered  # 4 decimals and half of 4 decimals
    assert demand.over_lead_time.std_dev == (
        lead_time_demand(demand.profile, lead_time).std_dev
    )
    by_hand = lead_time_demand(
        DemandProfile(demand.profile.mean, ahead.accuracy.rmse), lead_time
    )
    stock = safety_stock_for_cycle_service(demand.over_lead_time, "0.95")
    assert stock == safety_stock_for_cycle_service(by_hand, "0.95")
    assert demand.why[2].endswith("(the lead time's standard deviation, 0.5, included)")


# -- the backtest, by hand -------------------------------------------------------------


def test_backtest_by_hand() -> None:
    # 6 periods, horizon 1, 3 origins: the first trains on 6 - 1 - 3 + 1 = 3 periods.
    # Naive scale: |4 - 2| and |3 - 4| average 1.5. MovingAverage(1) forecasts 3, 5, 4
    # for 5, 4, 6: errors 2, -1, 2 (MAE 5/3, RMSE sqrt(3), bias 1, MASE 10/9).
    # MovingAverage(2) forecasts 3.5, 4, 4.5: errors 1.5, 0, 1.5 (MAE 1, RMSE sqrt(1.5),
    # bias 1, MASE 2/3).
    history = SalesHistory([2, 4, 3, 5, 4, 6], date(2026, 1, 5), "week")
    result = backtest(history, [MovingAverage(1), MovingAverage(2)], horizon=1, origins=3)
    naive, pair = result.scores
    assert (naive.mae, naive.rmse, naive.bias, naive.mase) == (
        D("1.6667"),
        D("1.7321"),
        D("1.0000"),
        D("1.1111"),
    )
    assert (pair.mae, pair.rmse, pair.bias, pair.mase) == (
        D("1.0000"),
        D("1.2247"),
        D("1.0000"),
        D("0.6667"),
    )
    assert result.best == MovingAverage(2)
    assert result.training == 3
    assert "3 origins from 2026-01-26" in result.why[0]
