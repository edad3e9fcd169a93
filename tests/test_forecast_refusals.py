"""Demand forecasts: what each forecasting call refuses, and what it does not load.

Every refusal is an ``InvalidInventoryError`` (of the kind of input at fault) that says
what to change; an exponential smoothing method without statsmodels is a
``MissingDataError`` naming the ``forecast`` extra; and ``import commercekit`` loads
neither numpy nor statsmodels.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from commercekit.errors import CommerceKitError, InvalidInventoryError, MissingDataError
from commercekit.inventory import (
    SBA,
    Croston,
    Holt,
    HoltWinters,
    LeadTime,
    MovingAverage,
    SalesHistory,
    SimpleExponentialSmoothing,
    backtest,
    demand_from_forecast,
    forecast,
)

D = Decimal
ROOT = Path(__file__).resolve().parent.parent
SHEDS = SalesHistory(
    [10, 12, 13, 16, 19, 23, 26, 30, 28, 18, 16, 14], date(2025, 1, 1), "month"
)


def test_demand_from_forecast_refuses_a_forecast_too_short_and_no_cover() -> None:
    ahead = forecast(SHEDS, MovingAverage(3), horizon=2)
    with pytest.raises(InvalidInventoryError, match="forecast with horizon=3"):
        demand_from_forecast(ahead, LeadTime(2), review_period=1)
    with pytest.raises(InvalidInventoryError, match="add up to 0 periods"):
        demand_from_forecast(ahead, LeadTime(0))


def test_backtest_refusals() -> None:
    history = SalesHistory([2, 4, 3, 5, 4, 6], date(2026, 1, 5), "week")
    with pytest.raises(InvalidInventoryError, match="at least horizon"):
        backtest(history, [MovingAverage(1)], horizon=2, origins=4)
    with pytest.raises(InvalidInventoryError, match="listed twice"):
        backtest(history, [MovingAverage(1), MovingAverage(1)], horizon=1, origins=2)
    with pytest.raises(InvalidInventoryError, match="cannot be forecast from this origin"):
        backtest(history, [MovingAverage(3)], horizon=1, origins=3)
    flat = SalesHistory([5, 5, 5, 6, 4], date(2026, 1, 5), "week")
    with pytest.raises(InvalidInventoryError, match="MASE is undefined"):
        backtest(flat, [MovingAverage(1)], horizon=1, origins=2, measure="mase")


@pytest.mark.parametrize(
    ("method", "periods", "needed"),
    [
        (MovingAverage(3), 3, 4),
        (SimpleExponentialSmoothing(), 3, 4),
        (SimpleExponentialSmoothing(D("0.3")), 2, 3),
        (Holt(), 5, 6),
        (Holt(damped=True), 6, 7),
        (HoltWinters(7), 13, 14),
        (HoltWinters(2), 8, 9),
    ],
)
def test_a_history_too_short_for_the_method_is_refused(
    method: object, periods: int, needed: int
) -> None:
    history = SalesHistory([5] * periods, date(2026, 1, 5), "week")
    with pytest.raises(InvalidInventoryError, match=f"needs at least {needed} periods"):
        forecast(history, method, horizon=1)  # type: ignore[arg-type]
    longer = SalesHistory([5] * needed, date(2026, 1, 5), "week")
    assert forecast(longer, method, horizon=1).forecasts == (D("5.0000"),)  # type: ignore[arg-type]


def test_data_a_method_cannot_use_is_refused() -> None:
    with pytest.raises(InvalidInventoryError, match="no period with a sale"):
        forecast(SalesHistory([0, 0, 0], date(2026, 1, 5), "week"), Croston(), 1)
    with pytest.raises(InvalidInventoryError, match="the first sale and a period after"):
        forecast(SalesHistory([0, 0, 4], date(2026, 1, 5), "week"), SBA(), 1)
    gaps = SalesHistory([5, 0] * 8, date(2026, 1, 5), "week")
    with pytest.raises(InvalidInventoryError, match="use seasonal='additive'"):
        forecast(gaps, HoltWinters(2, "multiplicative"), 1)
    with pytest.raises(InvalidInventoryError, match="runs past 9999-12-31"):
        forecast(SalesHistory([4, 5], date(9999, 12, 1), "day"), MovingAverage(1), 60)


def test_history_refusals_name_the_field() -> None:
    with pytest.raises(InvalidInventoryError, match="units") as caught:
        SalesHistory([4, 2.5], date(2026, 1, 5), "week")  # type: ignore[list-item]
    assert caught.value.field == "units"
    with pytest.raises(InvalidInventoryError, match="more than 3,660 periods"):
        SalesHistory([1] * 3661, date(2000, 1, 1), "day")
    with pytest.raises(InvalidInventoryError, match="most allowed"):
        SalesHistory([10**9 + 1], date(2026, 1, 5), "day")
    with pytest.raises(InvalidInventoryError, match="leaves no room"):
        SalesHistory([1, 2], date(9999, 12, 31), "day")
    assert SalesHistory([0] * 14, date(2025, 11, 1), "month").end == date(2027, 1, 1)


def test_method_settings_are_checked_when_built() -> None:
    with pytest.raises(InvalidInventoryError, match="smoothing parameter from 0 to 1"):
        SimpleExponentialSmoothing(D("1.2"))
    with pytest.raises(InvalidInventoryError, match="pass damped=True"):
        HoltWinters(7, phi=D("0.9"))
    with pytest.raises(InvalidInventoryError, match="initial_trend=None is missing"):
        Holt(initial_level=10)
    with pytest.raises(InvalidInventoryError, match="at least 2 periods"):
        HoltWinters(1)
    with pytest.raises(InvalidInventoryError, match="above 0 and at most 1"):
        SBA(0)


def test_a_missing_statsmodels_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "statsmodels.tsa.holtwinters", None)
    with pytest.raises(MissingDataError, match=r"pip install 'commercekit\[forecast\]'"):
        forecast(SHEDS, SimpleExponentialSmoothing(), 1)
    assert forecast(SHEDS, MovingAverage(3), 1).forecasts == (D("16.0000"),)
    assert issubclass(MissingDataError, CommerceKitError)


def test_importing_commercekit_loads_neither_numpy_nor_statsmodels() -> None:
    code = (
        "import sys, commercekit, commercekit.inventory; "
        "print(sorted({m.split('.')[0] for m in sys.modules} "
        "& {'numpy', 'scipy', 'pandas', 'statsmodels'}))"
    )
    path = os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))
    loaded = subprocess.run(  # noqa: S603  # our own interpreter, a fixed script
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": path},
    )
    assert loaded.stdout.strip() == "[]"
