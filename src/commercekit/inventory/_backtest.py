"""Backtesting: which method would have forecast this product's own history best?

A method's error on the history it was fitted to flatters it. A **rolling-origin**
evaluation (time-series cross-validation; Hyndman and Athanasopoulos, FPP3, section
5.10) asks the honest question instead: standing at a past period (the *origin*), with
only the sales before it, what would each method have forecast for the next ``horizon``
periods, and how far off was it? The origin then moves one period on, and the methods
are refitted. Every method sees the same origins, so their errors compare.

Each method is scored on all its errors (``origins`` x ``horizon`` of them): MAE, RMSE,
bias, and **MASE**, the MAE divided by the mean absolute change from one period to the
next before the first origin (the in-sample error of the naive forecast; Hyndman and
Koehler 2006, "Another look at measures of forecast accuracy", *International Journal of
Forecasting* 22(4)). Below 1, a method beat the naive forecast's typical error. The run
is deterministic: no random draw, the same history gives the same scores.

A backtest is bounded before it fits anything. Each exponential smoothing fit runs an
optimiser (from a tenth of a second to a few seconds), so their estimated work, summed
over the methods and origins, must stay within ``MAX_BACKTEST_WORK``: a damped Holt
fit counts the periods it reads plus 1,000 (the optimiser's own cost), a Holt-Winters
fit 40 more per period of its season, a Holt fit half of periods + 1,000 and a simple
exponential smoothing fit an eighth. A moving
average and Croston's methods take a few steps per period and are not counted:
``MAX_METHODS`` x ``MAX_ORIGINS`` of them on the longest history run in about a
second.
"""

from __future__ import annotations

import enum
import itertools
from datetime import date
from decimal import Decimal
from fractions import Fraction

import attrs

from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import context_free, named_at_the_door
from commercekit.errors import InputKind, InvalidInventoryError
from commercekit.inventory._forecast import accuracy_of, fit, horizon_of
from commercekit.inventory._history import SalesHistory, period_start
from commercekit.inventory._methods import (
    HoltWinters,
    Method,
    forecasting_method,
    sentences,
)
from commercekit.inventory._numbers import (
    Field,
    choice,
    is_positive_units,
    is_quantity,
    is_signed_quantity,
    listed,
    rounded,
    units,
)
from commercekit.inventory._smoothing import check_season, fit_work

__all__ = [
    "MAX_BACKTEST_WORK",
    "MAX_METHODS",
    "MAX_ORIGINS",
    "Backtest",
    "BacktestScore",
    "ErrorMeasure",
    "backtest",
]

MAX_ORIGINS = 60
"""The most forecast origins one backtest runs (each method is refitted at each)."""

MAX_METHODS = 12
"""The most methods one backtest compares."""

MAX_BACKTEST_WORK = 12_000
"""The most estimated work of the exponential smoothing fits one backtest runs, summed
over methods and origins: a damped Holt fit counts the periods it reads plus 1,000, a
Holt-Winters fit 40 more per period of its season, a Holt fit half of periods + 1,000,
a simple exponential smoothing fit an eighth (about a millisecond a unit at worst,
measured). Three years of weeks with a season of 52 can be backtested from 3 origins
(with simple and Holt smoothing beside it too); three years of days with a season of 7
from 5."""


class ErrorMeasure(enum.StrEnum):
    """The error a backtest ranks methods by."""

    MAE = "mae"
    """Mean absolute error: the typical miss, in units."""
    RMSE = "rmse"
    """Root mean squared error: weighs large misses more; the spread safety stock covers."""
    MASE = "mase"
    """Mean absolute scaled error: the MAE over the naive forecast's in-sample error."""


def _optional_quantity(instance: object, attribute: Field, value: object) -> None:
    if value is not None:
        is_quantity(instance, attribute, value)


@named_at_the_door
@attrs.frozen
class BacktestScore:
    """One method's errors over a backtest (sales minus forecast), in units per period,
    rounded half-even to ``PLACES`` decimals; ``mase`` is ``None`` when the history
    before the first origin never changed from one period to the next."""

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    method: Method = attrs.field(converter=forecasting_method)
    errors: int = attrs.field(validator=is_positive_units)
    mae: Decimal = attrs.field(validator=is_quantity)
    rmse: Decimal = attrs.field(validator=is_quantity)
    bias: Decimal = attrs.field(validator=is_signed_quantity)
    mase: Decimal | None = attrs.field(validator=_optional_quantity)


def _measure(value: object) -> ErrorMeasure:
    return choice(value, ErrorMeasure, "measure")


def _scores(value: object) -> tuple[BacktestScore, ...]:
    found = listed(value, "scores")
    if not found or not all(isinstance(score, BacktestScore) for score in found):
        raise InvalidInventoryError.refused(
            "scores", value, "is not a tuple of BacktestScore", kind=InputKind.LIST
        )
    return found


def _best(value: object) -> Method:
    return forecasting_method(value, "best")


@named_at_the_door
@attrs.frozen
class Backtest:
    """A rolling-origin backtest: every method's score, in the order given, and the
    ``best`` by ``measure``; ``training`` is the number of periods before the first
    origin."""

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    horizon: int = attrs.field(validator=is_positive_units)
    origins: int = attrs.field(validator=is_positive_units)
    training: int = attrs.field(validator=is_positive_units)
    measure: ErrorMeasure = attrs.field(converter=_measure)
    scores: tuple[BacktestScore, ...] = attrs.field(converter=_scores)
    best: Method = attrs.field(converter=_best)
    why: tuple[str, ...] = attrs.field(converter=sentences)

    def __attrs_post_init__(self) -> None:
        if self.best not in [score.method for score in self.scores]:
            raise InvalidInventoryError.refused(
                "best", self.best, "is not one of the methods scored", kind=InputKind.TYPE
            )


def _methods(value: object) -> tuple[Method, ...]:
    found = listed(value, "methods")
    if not 1 <= len(found) <= MAX_METHODS:
        raise InvalidInventoryError.refused(
            "methods",
            f"<{len(found)} methods>",
            f"must list 1 to {MAX_METHODS} forecasting methods",
            kind=InputKind.LIST,
        )
    methods = tuple(forecasting_method(method, "methods") for method in found)
    for index, method in enumerate(methods):
        if method in methods[:index]:
            raise InvalidInventoryError.refused(
                "methods", method, "is listed twice", kind=InputKind.LIST
            )
    return methods


def _check_work(methods: tuple[Method, ...], first: int, origins: int) -> None:
    """Refuse, before any fit, a backtest whose smoothing fits would do too much."""
    last = first + origins - 1
    for method in methods:
        if isinstance(method, HoltWinters):
            check_season(method, last)
    work = sum(
        fit_work(method, periods)
        for method in methods
        for periods in range(first, last + 1)
    )
    if work > MAX_BACKTEST_WORK:
        fitted = sum(fit_work(method, first) > 0 for method in methods)
        raise InvalidInventoryError.refused(
            "origins",
            origins,
            f"would fit {fitted} exponential smoothing method{'s' * (fitted != 1)} "
            f"{origins} times each on {first} to {last} periods: an estimated work of "
            f"{work:,}, more than the {MAX_BACKTEST_WORK:,} one backtest does (a damped "
            "Holt fit counts its periods + 1,000, Holt-Winters 40 more per period of "
            "its season, a Holt fit half, simple smoothing an eighth); use fewer "
            "origins, fewer smoothing methods, or the most recent part of the history",
            kind=InputKind.COUNT,
        )


def _score(
    history: SalesHistory, method: Method, horizon: int, first: int, origins: int
) -> tuple[BacktestScore, list[Fraction]]:
    """``method``'s errors from each origin ``first`` to ``first + origins - 1``."""
    actual: list[int] = []
    predicted: list[Decimal] = []
    for origin in range(first, first + origins):
        try:
            found = fit(history.units[:origin], method, horizon, fitted=False)
        except InvalidInventoryError as problem:
            day = period_start(history.start, history.period, origin)
            raise InvalidInventoryError.refused(
                "history",
                f"<{origin} periods before {day}>",
                f"cannot be forecast from this origin by {method.label}: {problem.reason}"
                "; use fewer origins or a shorter horizon",
                kind=InputKind.LIST,
            ) from None
        actual += history.units[origin : origin + horizon]
        predicted += [rounded(max(value, 0)) for value in found.ahead]
    accuracy = accuracy_of(actual, predicted)
    errors = [
        Fraction(sold) - Fraction(guess)
        for sold, guess in zip(actual, predicted, strict=True)
    ]
    score = BacktestScore(
        method=method,
        errors=accuracy.periods,
        mae=accuracy.mae,
        rmse=accuracy.rmse,
        bias=accuracy.bias,
        mase=None,
    )
    return score, errors


def _naive_scale(history: SalesHistory, first: int) -> Fraction:
    """The mean absolute change between consecutive periods before the first origin."""
    before = history.units[:first]
    changes = [abs(now - then) for then, now in itertools.pairwise(before)]
    return Fraction(sum(changes), len(changes))


@context_free
def backtest(
    history: SalesHistory,
    methods: list[Method] | tuple[Method, ...],
    horizon: int,
    origins: int,
    measure: ErrorMeasure | str = ErrorMeasure.RMSE,
) -> Backtest:
    """Score each method on ``history`` from ``origins`` rolling origins, ``horizon``
    periods ahead, and name the best by ``measure`` (RMSE unless told).

    The origins are the last ``origins`` periods from which ``horizon`` periods of sales
    follow: the first trains on the first n - horizon - origins + 1 periods (at least 2,
    and as many as each method needs). Ties go to the method listed first. At most
    ``MAX_METHODS`` methods, none listed twice, and ``MAX_ORIGINS`` origins; the
    exponential smoothing fits within ``MAX_BACKTEST_WORK``, checked before any fit.

    Examples:
        >>> from commercekit.inventory import SBA, MovingAverage, SalesHistory
        >>> history = SalesHistory([0, 3, 0, 0, 5, 0, 2, 0, 4, 0, 0, 3],
        ...                        start=date(2026, 1, 5), period="week")
        >>> result = backtest(history, [MovingAverage(4), SBA()], horizon=2, origins=4)
        >>> [(score.rmse, score.mase) for score in result.scores]
        [(Decimal('1.7766'), Decimal('0.5833')), (Decimal('1.8076'), Decimal('0.5790'))]
        >>> result.best
        MovingAverage(window=4)
        >>> backtest(history, [MovingAverage(4), SBA()], 2, 4, measure="mase").best
        SBA(alpha=Decimal('0.1'))
    """
    if not isinstance(history, SalesHistory):
        raise InvalidInventoryError.refused(
            "history", history, "is not a SalesHistory", kind=InputKind.TYPE
        )
    methods = _methods(methods)
    horizon = horizon_of(horizon, history)
    origins = units(origins, "origins", positive=True, unit="origins", maximum=MAX_ORIGINS)
    measure = _measure(measure)
    first = history.periods - horizon - origins + 1
    if first < 2:
        raise InvalidInventoryError.refused(
            "history",
            f"<{history.periods} periods>",
            f"is too short for {origins} origins {horizon} periods ahead: it needs at "
            f"least horizon + origins + 1 = {horizon + origins + 1} periods",
            kind=InputKind.LIST,
        )
    _check_work(methods, first, origins)
    scale = _naive_scale(history, first)
    if measure is ErrorMeasure.MASE and not scale:
        raise InvalidInventoryError.refused(
            "measure",
            measure,
            f"cannot rank: MASE is undefined, as the first {first} periods never "
            "changed from one to the next; rank by 'mae' or 'rmse'",
            kind=InputKind.CHOICE,
        )
    scores = []
    for method in methods:
        score, errors = _score(history, method, horizon, first, origins)
        if scale:
            mase = rounded(sum(map(abs, errors), Fraction(0)) / len(errors) / scale)
            score = attrs.evolve(score, mase=mase)
        scores.append(score)
    return _result(
        history,
        scores=tuple(scores),
        horizon=horizon,
        origins=origins,
        first=first,
        measure=measure,
        scale=scale,
    )


def _result(
    history: SalesHistory,
    *,
    scores: tuple[BacktestScore, ...],
    horizon: int,
    origins: int,
    first: int,
    measure: ErrorMeasure,
    scale: Fraction,
) -> Backtest:
    best = min(scores, key=lambda score: getattr(score, measure.value))
    start: date = period_start(history.start, history.period, first)
    scaled = (
        f"MASE divides the MAE by {rounded(scale)}, the mean absolute change between "
        f"consecutive periods in the first {first} (the naive forecast's error there; "
        "Hyndman and Koehler 2006)"
        if scale
        else f"MASE is undefined: the first {first} periods never changed"
    )
    why = (
        (
            f"rolling origin (FPP3, section 5.10): {origins} origins from {start}, one "
            f"{history.period.value} apart; at each, every method is refitted to the sales "
            f"before it and forecasts {horizon} periods"
        ),
        (
            f"each method is scored on its {origins * horizon} errors (sales minus "
            f"forecast); {scaled}"
        ),
        *(
            f"{score.method.label}: MAE {score.mae}, RMSE {score.rmse}, MASE "
            f"{score.mase}, bias {score.bias}"
            for score in scores
        ),
        (
            f"lowest {measure.value.upper()}: {best.method.label}; a tie goes to the "
            "method listed first"
        ),
    )
    return Backtest(
        horizon=horizon,
        origins=origins,
        training=first,
        measure=measure,
        scores=scores,
        best=best.method,
        why=why,
    )
