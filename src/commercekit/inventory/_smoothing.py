"""Exponential smoothing, fitted with statsmodels: simple, Holt's trend, Holt-Winters.

The methods are those of Hyndman and Athanasopoulos, *Forecasting: Principles and
Practice*, 3rd ed. (FPP3, https://otexts.com/fpp3/), chapter 8, in component form:

* simple: level l = alpha x y + (1 - alpha) x previous level; every period ahead is
  forecast at the last level (section 8.1);
* Holt: a trend b beside the level, smoothed by beta; h periods ahead is l + h x b, or
  l + (phi + ... + phi^h) x b when damped (section 8.2);
* Holt-Winters: a season of m periods beside them, smoothed by gamma, added to (or
  multiplying) the forecast (section 8.3).

statsmodels' ``ExponentialSmoothing`` (``statsmodels.tsa.holtwinters``) runs these
recursions and, for each parameter left ``None``, finds the value that minimises the sum
of squared one-step errors, as FPP3 describes (8.1, "Optimisation"). Its bounds keep
fitted parameters from 0 to 1, beta at most alpha, gamma at most 1 - alpha and phi from
0.8 to 0.995; values the caller gives are kept as given.

statsmodels (with numpy and scipy) is the optional ``forecast`` extra: it is imported
when a smoothing method runs, so ``import commercekit`` never loads it, and its absence
is a ``MissingDataError`` naming the extra.

The work is bounded. A Holt-Winters fit estimates an initial state for each period of
its season and each optimiser step reads the whole history, so a fit whose history
periods x season length passes ``MAX_SEASONAL_FIT`` is refused: ten years of days with
a season of 7, three years of weeks with a season of 52 and ten years of months with a
season of 12 all fit well inside, while a season of 365 days (whose two years of days
alone are 266,450) is refused. Hyndman ("Forecasting with long seasonal periods", 2010,
https://robjhyndman.com/hyndsight/longseasonality/) gives the reason beyond time: with
m - 1 initial seasonal states to estimate, "for large m, the estimation becomes almost
impossible"; R's ``ets()`` stops at a season of 24. ``fit_work`` estimates what a fit
costs, so that a backtest can bound the fits it runs.
"""

from __future__ import annotations

import math
import warnings
from decimal import Decimal
from typing import Any

from commercekit.errors import (
    InputKind,
    InvalidInputError,
    InvalidInventoryError,
    MissingDataError,
)
from commercekit.inventory._methods import (
    Fit,
    Holt,
    HoltWinters,
    Seasonality,
    SimpleExponentialSmoothing,
)

__all__ = [
    "EXTRA",
    "MAX_SEASONAL_FIT",
    "Smoothing",
    "check_season",
    "fit_work",
    "minimum_periods",
    "smooth",
    "too_short",
]

EXTRA = "install the forecast extra: pip install 'commercekit[forecast]'"

MAX_SEASONAL_FIT = 100_000
"""The most history periods x season length one Holt-Winters fit takes (3,660 days
with a season of 7 are 25,620; 156 weeks with a season of 52 are 8,112)."""

_FIT_COST = 1_000
"""What the optimiser costs a fit beyond reading the history, counted in periods."""

_SEASON_COST = 40
"""What each period of a Holt-Winters season adds: the optimiser fits one more state.

Measured for these bounds on a shared two-core machine (the worst of several kinds of
history, in seconds): a Holt-Winters fit with a season of 7 or 12 took 0.4 to 1.9 on a
few hundred to a thousand periods and 1.3 to 2.8 on 3,660; with a season of 52, 1.4 to
2.6 on 150 weeks; a damped Holt fit 0.45 to 0.8 whatever the length; a Holt fit 0.25 to
1.1; a simple exponential smoothing fit 0.1 to 0.45. So about a millisecond a unit of
``fit_work`` at worst."""

Smoothing = SimpleExponentialSmoothing | Holt | HoltWinters

_STATSMODELS = {
    "alpha": "smoothing_level",
    "beta": "smoothing_trend",
    "gamma": "smoothing_seasonal",
    "phi": "damping_trend",
}


def _library() -> tuple[Any, Any]:
    """numpy and statsmodels' ``ExponentialSmoothing``, or the error naming the extra."""
    try:
        # The optional extra, imported only when a smoothing method runs. Its warnings
        # module sets "always" filters when first imported: imported here, before the
        # fit silences warnings, so that it cannot undo the silence.
        import numpy  # noqa: PLC0415
        import statsmodels.tools.sm_exceptions  # noqa: F401, PLC0415
        from statsmodels.tsa.holtwinters import ExponentialSmoothing  # noqa: PLC0415
    except ImportError:
        raise MissingDataError(
            "statsmodels, which fits the exponential smoothing methods", EXTRA
        ) from None
    return numpy, ExponentialSmoothing


def _smoothing_names(method: Smoothing) -> tuple[str, ...]:
    if isinstance(method, SimpleExponentialSmoothing):
        return ("alpha",)
    names = ("alpha", "beta") if isinstance(method, Holt) else ("alpha", "beta", "gamma")
    return (*names, "phi") if method.damped else names


def _known_start(method: Smoothing) -> bool:
    return not isinstance(method, HoltWinters) and method.initial_level is not None


def _states(method: Smoothing) -> tuple[str, ...]:
    if isinstance(method, SimpleExponentialSmoothing):
        return ("initial_level",)
    return ("initial_level", "initial_trend")


def _estimated(method: Smoothing) -> tuple[str, ...]:
    """The parameters and initial states fitted to the history (seasons counted once)."""
    free = tuple(name for name in _smoothing_names(method) if getattr(method, name) is None)
    if _known_start(method):
        return free
    seasons = ("initial_seasons",) if isinstance(method, HoltWinters) else ()
    return free + _states(method) + seasons


def minimum_periods(method: Smoothing) -> int:
    """The fewest periods the method fits: two more than the values it estimates (the
    rule of the fable package's ETS; each initial season counts), and two full seasons
    for Holt-Winters (statsmodels' start of the seasons needs them)."""
    values = len(_estimated(method))
    if isinstance(method, HoltWinters):
        values += method.season_length - 1
        return max(values + 2, 2 * method.season_length)
    return values + 2


def fit_work(method: object, periods: int) -> int:
    """The estimated work of fitting ``method`` to ``periods`` periods: periods + 1,000
    for a damped Holt fit, and 40 more per period of the season for a Holt-Winters fit;
    half of periods + 1,000 for a Holt fit, an eighth for simple exponential smoothing;
    0 for the exact methods (a moving average, Croston's), whose few steps a period the
    history's own bound limits."""
    if isinstance(method, HoltWinters):
        return periods + _FIT_COST + _SEASON_COST * method.season_length
    if isinstance(method, Holt):
        return (periods + _FIT_COST) // (1 if method.damped else 2)
    if isinstance(method, SimpleExponentialSmoothing):
        return (periods + _FIT_COST) // 8
    return 0


def check_season(method: HoltWinters, periods: int) -> None:
    """Refuse a Holt-Winters fit beyond ``MAX_SEASONAL_FIT``, saying what fits."""
    season = method.season_length
    if periods * season <= MAX_SEASONAL_FIT:
        return
    most = MAX_SEASONAL_FIT // season
    shorter = (
        f"keep the last {most:,} periods of the history, "
        if most >= minimum_periods(method)
        else ""
    )
    raise InvalidInventoryError.refused(
        "history",
        f"<{periods} periods>",
        f"x a season of {season} periods is {periods * season:,}, more than the "
        f"{MAX_SEASONAL_FIT:,} one Holt-Winters fit takes (it fits a state for every "
        f"period of the season, reading the whole history at each step): {shorter}"
        "forecast in longer periods (weeks instead of days), or use a method without a "
        "season; seasons this long defeat the fit (Hyndman, Forecasting with long "
        "seasonal periods, 2010)",
        kind=InputKind.LIST,
    )


def too_short(label: str, periods: int, needed: int, why: str) -> InvalidInputError:
    """The refusal of a history too short for a method."""
    return InvalidInventoryError.refused(
        "history",
        f"<{periods} periods>",
        f"is too short for {label}, which needs at least {needed} periods ({why})",
        kind=InputKind.LIST,
    )


def _model(method: Smoothing, units: tuple[int, ...]) -> tuple[Any, dict[str, float]]:
    """statsmodels' model of ``units`` and the fixed values to fit it with."""
    numpy, exponential_smoothing = _library()
    options: dict[str, Any] = {"initialization_method": "estimated"}
    if not isinstance(method, SimpleExponentialSmoothing):
        options.update(trend="add", damped_trend=method.damped)
    if isinstance(method, HoltWinters):
        options.update(
            seasonal="add" if method.seasonal is Seasonality.ADDITIVE else "mul",
            seasonal_periods=method.season_length,
        )
    elif method.initial_level is not None:
        options.update(
            initialization_method="known", initial_level=float(method.initial_level)
        )
        trend = getattr(method, "initial_trend", None)  # Holt's, given with the level
        if trend is not None:
            options["initial_trend"] = float(trend)
    fixed = {
        _STATSMODELS[name]: float(getattr(method, name))
        for name in _smoothing_names(method)
        if getattr(method, name) is not None
    }
    model = exponential_smoothing(numpy.asarray(units, dtype=float), **options)
    return model, fixed


def smooth(units: tuple[int, ...], method: Smoothing, horizon: int) -> Fit:
    """Fit ``method`` to ``units`` with statsmodels and forecast ``horizon`` periods."""
    needed = minimum_periods(method)
    if len(units) < needed:
        raise too_short(
            method.label, len(units), needed, "two more than the values it estimates"
        )
    if isinstance(method, HoltWinters):
        check_season(method, len(units))
    if isinstance(method, HoltWinters) and method.seasonal is Seasonality.MULTIPLICATIVE:
        zeros = units.count(0)
        if zeros:
            raise InvalidInventoryError.refused(
                "history",
                f"<{zeros} periods with no sale>",
                "has periods with no sale, which a multiplicative season cannot scale; "
                "use seasonal='additive'",
                kind=InputKind.LIST,
            )
    estimated = _estimated(method)
    model, fixed = _model(method, units)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # convergence is read from the result below
        result = model.fit(optimized=bool(estimated), **fixed)
        fitted = tuple(float(value) for value in result.fittedvalues)
        ahead = tuple(float(value) for value in result.forecast(horizon))
    if not all(math.isfinite(value) for value in fitted + ahead):
        raise InvalidInventoryError.refused(
            "method",
            method,
            "gave no finite forecast for this history; try another method",
            kind=InputKind.TYPE,
        )
    return Fit(
        fitted=fitted,
        ahead=ahead,
        parameters=_parameters(method, result.params),
        estimated=estimated,
        notes=_notes(method, estimated, result),
    )


def _parameters(method: Smoothing, fitted: Any) -> dict[str, float | Decimal]:
    found: dict[str, float | Decimal] = {}
    for name in _smoothing_names(method):
        given = getattr(method, name)
        found[name] = float(fitted[_STATSMODELS[name]]) if given is None else given
    for name in _states(method):
        given = None if isinstance(method, HoltWinters) else getattr(method, name)
        found[name] = float(fitted[name]) if given is None else given
    return found


_RULES = {
    SimpleExponentialSmoothing: (
        "level = alpha x sales + (1 - alpha) x previous level; every period ahead is "
        "forecast at the last level (Hyndman and Athanasopoulos, FPP3, section 8.1)"
    ),
    Holt: (
        "a level and a trend, smoothed by alpha and beta; h periods ahead is the level "
        "plus h x the trend (FPP3, section 8.2)"
    ),
    HoltWinters: (
        "a level, a trend and a season, smoothed by alpha, beta and gamma; each period "
        "ahead takes its season's effect (FPP3, section 8.3)"
    ),
}


def _notes(method: Smoothing, estimated: tuple[str, ...], result: Any) -> tuple[str, ...]:
    rule = _RULES[type(method)]
    if getattr(method, "damped", False):
        rule += "; the trend is damped: h periods ahead adds (phi + ... + phi^h) x trend"
    notes = [f"{method.label}: {rule}"]
    if estimated:
        notes.append(
            f"fitted by statsmodels (least squares on the one-step errors): "
            f"{', '.join(estimated)}"
        )
    else:
        notes.append("every parameter and initial state given: nothing was fitted")
    retvals = getattr(result, "mle_retvals", None)
    if estimated and retvals is not None and not getattr(retvals, "success", True):
        notes.append(
            "the optimiser stopped before it converged, so the fitted parameters may "
            "not minimise the squared errors"
        )
    return tuple(notes)
