"""Forecasting a product's demand from its sales history, with the error it made there.

[`forecast`][commercekit.inventory.forecast] runs one method on a
[`SalesHistory`][commercekit.inventory.SalesHistory] and returns a
[`Forecast`][commercekit.inventory.Forecast]: the demand of each period ahead, and how
far the method's one-step forecasts fell from the sales it had already seen (its
[`Accuracy`][commercekit.inventory.Accuracy]). That error is what safety stock must
cover: [`demand_from_forecast`][commercekit.inventory.demand_from_forecast] turns the
two into the demand over a lead time.

Rounding: a method computes exactly (a moving average) or in binary floating point (a
fitted smoothing); each forecast, fitted value and parameter is rounded once, half-even,
to ``PLACES`` decimals. The error measures are then computed exactly from the rounded
fitted values shown, and rounded the same way, so anyone can recompute them from the
result. Sales are never negative, so neither is a forecast: a method's value below zero
(a falling trend run on) is raised to 0, and the ``why`` says so.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

import attrs

from commercekit._checks import day, one_of
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import context_free, named_at_the_door
from commercekit.errors import InputKind, InvalidInventoryError
from commercekit.inventory._croston import croston
from commercekit.inventory._history import Period, SalesHistory, period_start
from commercekit.inventory._methods import (
    SBA,
    Croston,
    Fit,
    Method,
    MovingAverage,
    forecasting_method,
    sentences,
)
from commercekit.inventory._numbers import (
    Field,
    choice,
    is_positive_units,
    is_quantity,
    is_signed_quantity,
    rounded,
    signed_number,
    text,
    units,
)
from commercekit.inventory._smoothing import smooth, too_short

__all__ = ["MAX_HORIZON", "Accuracy", "Forecast", "accuracy_of", "fit", "forecast"]

MAX_HORIZON = 366
"""The most periods one forecast looks ahead: a year of days."""

ESTIMATED = (
    "alpha",
    "beta",
    "gamma",
    "phi",
    "initial_level",
    "initial_trend",
    "initial_seasons",
)
"""What a method may estimate from a history: smoothing parameters, initial states."""


@named_at_the_door
@attrs.frozen
class Accuracy:
    """How far one-step forecasts fell from the sales: errors e = sales - forecast.

    ``periods`` errors were measured; ``mae`` is the mean absolute error (the mean
    absolute deviation, MAD), ``rmse`` the root mean squared error and ``bias`` the mean
    error (above 0: sales ran above the forecast), in units per period, rounded
    half-even to ``PLACES`` decimals (Hyndman and Athanasopoulos, FPP3, section 5.8).
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    periods: int = attrs.field(validator=is_positive_units)
    mae: Decimal = attrs.field(validator=is_quantity)
    rmse: Decimal = attrs.field(validator=is_quantity)
    bias: Decimal = attrs.field(validator=is_signed_quantity)


def accuracy_of(actual: Sequence[int], predicted: Sequence[Decimal]) -> Accuracy:
    """The errors of ``predicted`` against ``actual`` (equal lengths), exactly."""
    errors = [
        Fraction(sold) - Fraction(guess)
        for sold, guess in zip(actual, predicted, strict=True)
    ]
    count = len(errors)
    squared = sum(error * error for error in errors) / count
    return Accuracy(
        periods=count,
        mae=rounded(sum(abs(error) for error in errors) / count),
        rmse=rounded(math.sqrt(squared)),
        bias=rounded(sum(errors) / count),
    )


def _quantities(_: object, attribute: Field, value: object) -> None:
    if not isinstance(value, tuple):
        raise InvalidInventoryError.refused(
            attribute.name, value, "is not a tuple of Decimals", kind=InputKind.LIST
        )
    for figure in value:
        is_quantity(None, attribute, figure)


def _forecasts(instance: object, attribute: Field, value: tuple[Decimal, ...]) -> None:
    _quantities(instance, attribute, value)
    if not 1 <= len(value) <= MAX_HORIZON:
        raise InvalidInventoryError.refused(
            attribute.name,
            f"<{len(value)} periods>",
            f"must hold 1 to {MAX_HORIZON} periods",
            kind=InputKind.LIST,
        )


def _parameters(value: object) -> dict[str, Decimal]:
    if not isinstance(value, Mapping):
        raise InvalidInventoryError.refused(
            "parameters",
            value,
            "is not a mapping of names to Decimals",
            kind=InputKind.LIST,
        )
    return {
        text(name, "parameters"): signed_number(figure, "parameters")
        for name, figure in value.items()
    }


def _names(value: object) -> tuple[str, ...]:
    if not isinstance(value, tuple):
        raise InvalidInventoryError.refused(
            "estimated", value, "is not a tuple of parameter names", kind=InputKind.LIST
        )
    return tuple(
        one_of(name, ESTIMATED, "estimated", InvalidInventoryError) for name in value
    )


def _period(value: object) -> Period:
    return choice(value, Period, "period")


def _start(value: object) -> date:
    return day(value, "start", InvalidInventoryError)


def _accuracy(_: object, attribute: Field, value: object) -> None:
    if not isinstance(value, Accuracy):
        raise InvalidInventoryError.refused(
            attribute.name, value, "is not an Accuracy", kind=InputKind.TYPE
        )


@named_at_the_door
@attrs.frozen
class Forecast:
    """A method's forecast of demand per period, from ``start``, one ``period`` apart.

    ``forecasts`` holds the units of each period ahead; ``fitted`` the one-step
    forecasts of the last ``accuracy.periods`` periods of the history (a moving average
    of N periods has none for the first N), whose errors ``accuracy`` measures.
    ``parameters`` are the values the method used, given or fitted (those fitted are
    named in ``estimated``). All are ``Decimal``, rounded half-even to ``PLACES``
    decimals; forecasts and fitted values are never negative (an initial trend may be).
    ``why`` says how, in sentences.
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    method: Method = attrs.field(converter=forecasting_method)
    start: date = attrs.field(converter=_start)
    period: Period = attrs.field(converter=_period)
    forecasts: tuple[Decimal, ...] = attrs.field(validator=_forecasts)
    fitted: tuple[Decimal, ...] = attrs.field(repr=False, validator=_quantities)
    accuracy: Accuracy = attrs.field(validator=_accuracy)
    parameters: dict[str, Decimal] = attrs.field(converter=_parameters)
    estimated: tuple[str, ...] = attrs.field(converter=_names)
    why: tuple[str, ...] = attrs.field(converter=sentences)

    def __attrs_post_init__(self) -> None:
        if len(self.fitted) != self.accuracy.periods:
            raise InvalidInventoryError.refused(
                "fitted",
                f"<{len(self.fitted)} periods>",
                f"must hold one forecast per error measured ({self.accuracy.periods})",
                kind=InputKind.LIST,
            )


def _moving_average(
    units: tuple[int, ...], method: MovingAverage, horizon: int, *, fitted: bool
) -> Fit:
    window = method.window
    if len(units) <= window:
        raise too_short(
            method.label, len(units), window + 1, "the window and one period after it"
        )
    total = sum(units[-window:])
    last = Fraction(total, window)
    sums = []
    if fitted:  # each period's forecast: the sum of the window before it
        running = sum(units[:window])
        for index in range(window, len(units)):
            sums.append(running)
            running += units[index] - units[index - window]
    notes = (
        (
            f"{method.label}: each period is forecast at the mean of the {window} periods "
            "before it (Render, Stair and Hanna, Quantitative Analysis for Management, "
            "chapter 5; Heizer and Render, Operations Management, chapter 4)"
        ),
        (
            f"the last {window} periods sold {total} units: {total} / {window} = "
            f"{rounded(last)} per period ahead"
        ),
    )
    return Fit(
        fitted=tuple(Fraction(each, window) for each in sums),
        ahead=(last,) * horizon,
        parameters={"window": Decimal(window)},
        estimated=(),
        notes=notes,
    )


def fit(
    units: tuple[int, ...], method: Method, horizon: int, *, fitted: bool = True
) -> Fit:
    """Run ``method`` on ``units``, forecasting ``horizon`` periods (inputs checked);
    without ``fitted``, a moving average skips its one-step forecasts of the history
    (a backtest reads only the forecasts ahead)."""
    if isinstance(method, MovingAverage):
        return _moving_average(units, method, horizon, fitted=fitted)
    if isinstance(method, Croston | SBA):
        return croston(units, method, horizon)
    return smooth(units, method, horizon)


def _history(value: object) -> SalesHistory:
    if not isinstance(value, SalesHistory):
        raise InvalidInventoryError.refused(
            "history",
            value,
            "is not a SalesHistory; build one with SalesHistory(units, start, period)",
            kind=InputKind.TYPE,
        )
    return value


def horizon_of(value: object, history: SalesHistory) -> int:
    """A horizon of 1 to ``MAX_HORIZON`` periods whose dates exist after ``history``."""
    horizon = units(value, "horizon", positive=True, unit="periods", maximum=MAX_HORIZON)
    try:
        period_start(history.end, history.period, horizon)
    except OverflowError:
        raise InvalidInventoryError.refused(
            "horizon",
            horizon,
            f"runs past {date.max}, the last date Python holds",
            kind=InputKind.COUNT,
        ) from None
    return horizon


@context_free
def forecast(history: SalesHistory, method: Method, horizon: int) -> Forecast:
    """Forecast ``horizon`` periods (1 to ``MAX_HORIZON``) of demand after ``history``.

    The method is fitted to the whole history; its one-step forecasts of the history
    give the error measures. Refused with ``InvalidInventoryError`` when the history is
    too short for the method (each method says how many periods it needs), and with
    ``MissingDataError`` when an exponential smoothing method runs without statsmodels
    (``pip install 'commercekit[forecast]'``).

    Examples:
        >>> sheds = SalesHistory([10, 12, 13, 16, 19, 23, 26, 30, 28, 18, 16, 14],
        ...                      start=date(2025, 1, 1), period="month")
        >>> result = forecast(sheds, MovingAverage(3), horizon=2)
        >>> result.forecasts, result.start
        ((Decimal('16.0000'), Decimal('16.0000')), datetime.date(2026, 1, 1))
        >>> result.fitted[:3], result.accuracy.mae
        ((Decimal('11.6667'), Decimal('13.6667'), Decimal('16.0000')), Decimal('6.4815'))
    """
    history = _history(history)
    method = forecasting_method(method)
    horizon = horizon_of(horizon, history)
    found = fit(history.units, method, horizon)
    fitted = tuple(rounded(max(value, 0)) for value in found.fitted)
    raised = sum(value < 0 for value in found.fitted + found.ahead)
    accuracy = accuracy_of(history.units[-len(fitted) :], fitted)
    last = history.end - timedelta(days=1)
    why = [
        *found.notes,
        (
            f"history: {history.periods} {history.period.value}s of sales, "
            f"{history.start} to {last}"
        ),
        (
            f"one-step errors (sales minus forecast) over the last {accuracy.periods} "
            f"periods: MAE {accuracy.mae}, RMSE {accuracy.rmse}, bias {accuracy.bias}"
        ),
    ]
    if raised:
        why.append(
            f"{raised} forecasts (ahead, or one-step of the history) fell below zero "
            "and were raised to 0: sales are never negative"
        )
    return Forecast(
        method=method,
        start=history.end,
        period=history.period,
        forecasts=tuple(rounded(max(value, 0)) for value in found.ahead),
        fitted=fitted,
        accuracy=accuracy,
        parameters={
            name: value if isinstance(value, Decimal) else rounded(value)
            for name, value in found.parameters.items()
        },
        estimated=found.estimated,
        why=tuple(why),
    )
