"""The forecasting methods, as values: which method, with which settings.

Each method is a small frozen value that names its settings and checks them when built;
[`forecast`][commercekit.inventory.forecast] runs one on a history, and
[`backtest`][commercekit.inventory.backtest] runs several on the same history to compare
them. A smoothing parameter left as ``None`` is fitted to the history (and reported);
one given is kept, so the same inputs always give the same forecast.

* [`MovingAverage`][commercekit.inventory.MovingAverage]: the mean of the last N periods.
* [`SimpleExponentialSmoothing`][commercekit.inventory.SimpleExponentialSmoothing],
  [`Holt`][commercekit.inventory.Holt] (trend, optionally damped) and
  [`HoltWinters`][commercekit.inventory.HoltWinters] (trend and seasonality): fitted with
  statsmodels, from the optional ``forecast`` extra.
* [`Croston`][commercekit.inventory.Croston] and [`SBA`][commercekit.inventory.SBA]
  (the Syntetos-Boylan approximation): for intermittent demand.
"""

from __future__ import annotations

import enum
from decimal import Decimal
from fractions import Fraction

import attrs

from commercekit._checks import flag
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import EXACT, named_at_the_door
from commercekit.errors import InputKind, InvalidInventoryError
from commercekit.inventory._numbers import choice, number, signed_number, units

__all__ = [
    "MAX_SEASON_LENGTH",
    "SBA",
    "Croston",
    "Fit",
    "Holt",
    "HoltWinters",
    "Method",
    "MovingAverage",
    "Seasonality",
    "SimpleExponentialSmoothing",
    "forecasting_method",
    "sentences",
]

MAX_SEASON_LENGTH = 366
"""The longest season a Holt-Winters method takes: a year of days."""

_SHARE = "a smoothing parameter from 0 to 1, such as Decimal('0.3'); None fits it"


def _smoothing(value: object, field: str) -> Decimal | None:
    if value is None:
        return None
    found = number(value, field)
    if found > 1:
        raise InvalidInventoryError(field, value, f"is {_SHARE}")
    return found


def _alpha(value: object) -> Decimal | None:
    return _smoothing(value, "alpha")


def _beta(value: object) -> Decimal | None:
    return _smoothing(value, "beta")


def _gamma(value: object) -> Decimal | None:
    return _smoothing(value, "gamma")


def _phi(value: object) -> Decimal | None:
    if value is None:
        return None
    found = number(value, "phi")
    if not 0 < found < 1:
        raise InvalidInventoryError(
            "phi",
            value,
            "is the damping parameter, strictly between 0 and 1 (0.8 to 0.98 is usual); "
            "None fits it",
        )
    return found


def _initial_level(value: object) -> Decimal | None:
    return None if value is None else number(value, "initial_level")


def _initial_trend(value: object) -> Decimal | None:
    return None if value is None else signed_number(value, "initial_trend")


def _damped(value: object) -> bool:
    return flag(value, "damped", InvalidInventoryError)


def _check_damping(damped: bool, phi: Decimal | None) -> None:  # noqa: FBT001  # a field
    if phi is not None and not damped:
        raise InvalidInventoryError.refused(
            "phi",
            phi,
            "damps the trend, but damped is False; pass damped=True with it",
            kind=InputKind.FLAG,
        )


def _given(method: object, names: tuple[str, ...]) -> str:
    """The settings given (not left to be fitted), in words: " (alpha 0.3)"."""
    given = [(name, getattr(method, name)) for name in names]
    shown = [f"{name} {value}" for name, value in given if value is not None]
    return f" ({', '.join(shown)})" if shown else ""


def _window(value: object) -> int:
    return units(value, "window", positive=True, unit="periods", maximum=MAX_SEASON_LENGTH)


@named_at_the_door
@attrs.frozen
class MovingAverage:
    """The mean of the last ``window`` periods (1 to ``MAX_SEASON_LENGTH``), as the
    forecast of every period ahead.

    Examples:
        >>> MovingAverage(3).label
        'moving average of 3 periods'
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    window: int = attrs.field(converter=_window)

    @property
    def label(self) -> str:
        """The method in words."""
        return f"moving average of {self.window} periods"


@named_at_the_door
@attrs.frozen
class SimpleExponentialSmoothing:
    """Simple exponential smoothing: a level, no trend, no season.

    ``alpha`` (0 to 1) and ``initial_level`` are fitted when ``None``. Given both, the
    forecasts are the textbook recursion from that level, fitting nothing.

    Examples:
        >>> SimpleExponentialSmoothing(alpha=Decimal("0.1"), initial_level=175).label
        'simple exponential smoothing (alpha 0.1, initial_level 175)'
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    alpha: Decimal | None = attrs.field(default=None, converter=_alpha)
    initial_level: Decimal | None = attrs.field(default=None, converter=_initial_level)

    @property
    def label(self) -> str:
        """The method in words, with the settings given."""
        names = ("alpha", "initial_level")
        return "simple exponential smoothing" + _given(self, names)


@named_at_the_door
@attrs.frozen
class Holt:
    """Holt's linear trend method: a level and a trend, the trend damped by ``phi``
    (strictly between 0 and 1) when ``damped``.

    ``alpha`` and ``beta`` (each 0 to 1), ``phi``, and the initial level and trend are
    fitted when ``None``; the initial level and trend are given together or not at all.

    Examples:
        >>> Holt(damped=True).label
        "Holt's damped trend"
        >>> Holt(phi=Decimal("0.9"))
        Traceback (most recent call last):
        ...
        commercekit.errors.InvalidInventoryFlagError: phi=Decimal('0.9') damps the ...
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    alpha: Decimal | None = attrs.field(default=None, converter=_alpha)
    beta: Decimal | None = attrs.field(default=None, converter=_beta)
    damped: bool = attrs.field(default=False, converter=_damped)
    phi: Decimal | None = attrs.field(default=None, converter=_phi)
    initial_level: Decimal | None = attrs.field(default=None, converter=_initial_level)
    initial_trend: Decimal | None = attrs.field(default=None, converter=_initial_trend)

    def __attrs_post_init__(self) -> None:
        _check_damping(self.damped, self.phi)
        if (self.initial_level is None) != (self.initial_trend is None):
            missing = "initial_trend" if self.initial_trend is None else "initial_level"
            raise InvalidInventoryError(
                missing,
                None,
                "is missing: give the initial level and trend together, or neither "
                "(to fit both)",
            )

    @property
    def label(self) -> str:
        """The method in words, with the settings given."""
        names = ("alpha", "beta", "phi", "initial_level", "initial_trend")
        kind = "damped" if self.damped else "linear"
        return f"Holt's {kind} trend" + _given(self, names)


class Seasonality(enum.StrEnum):
    """How the seasons act on the level."""

    ADDITIVE = "additive"
    """Each season adds or removes a number of units (the swing stays the same size)."""
    MULTIPLICATIVE = "multiplicative"
    """Each season scales the level (the swing grows with sales); every period of the
    history must have sold something."""


def _season_length(value: object) -> int:
    return units(
        value, "season_length", positive=True, unit="periods", maximum=MAX_SEASON_LENGTH
    )


def _seasonality(value: object) -> Seasonality:
    return choice(value, Seasonality, "seasonal")


@named_at_the_door
@attrs.frozen
class HoltWinters:
    """The Holt-Winters method: level, trend (damped by ``phi`` when ``damped``) and a
    season of ``season_length`` periods (2 to ``MAX_SEASON_LENGTH``: 7 for days in a
    week, 52 for weeks in a year, 12 for months), ``additive`` or ``multiplicative``.

    ``alpha``, ``beta`` and ``gamma`` (each 0 to 1, with gamma at most 1 - alpha),
    ``phi`` and the initial states are fitted when ``None``.

    Examples:
        >>> HoltWinters(7, "multiplicative").label
        'Holt-Winters multiplicative, season of 7 periods'
        >>> HoltWinters(7, alpha=Decimal("0.6"), gamma=Decimal("0.5"))
        Traceback (most recent call last):
        ...
        commercekit.errors.InvalidInventoryError: gamma=Decimal('0.5') is more than ...
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    season_length: int = attrs.field(converter=_season_length)
    seasonal: Seasonality = attrs.field(
        default=Seasonality.ADDITIVE, converter=_seasonality
    )
    damped: bool = attrs.field(default=False, converter=_damped)
    alpha: Decimal | None = attrs.field(default=None, converter=_alpha)
    beta: Decimal | None = attrs.field(default=None, converter=_beta)
    gamma: Decimal | None = attrs.field(default=None, converter=_gamma)
    phi: Decimal | None = attrs.field(default=None, converter=_phi)

    def __attrs_post_init__(self) -> None:
        if self.season_length < 2:
            raise InvalidInventoryError.refused(
                "season_length",
                self.season_length,
                "is not a season: give at least 2 periods (7 for days in a week)",
                kind=InputKind.COUNT,
            )
        _check_damping(self.damped, self.phi)
        if self.alpha is None or self.gamma is None:
            return
        most = EXACT.subtract(Decimal(1), self.alpha)
        if self.gamma > most:
            raise InvalidInventoryError(
                "gamma",
                self.gamma,
                f"is more than 1 - alpha = {most}, the most the seasonal smoothing may "
                "be (Hyndman and Athanasopoulos, FPP3, section 8.3)",
            )

    @property
    def label(self) -> str:
        """The method in words, with the settings given."""
        damped = ", damped" if self.damped else ""
        names = ("alpha", "beta", "gamma", "phi")
        return (
            f"Holt-Winters {self.seasonal.value}, season of {self.season_length} "
            f"periods{damped}" + _given(self, names)
        )


_CROSTON_ALPHA = Decimal("0.1")
"""The smoothing constant Croston's method uses unless told otherwise: 0.1, the default
of Hyndman's ``forecast`` package; Syntetos and Boylan (2005) study 0.05 to 0.2."""


def _croston_alpha(value: object) -> Decimal:
    found = number(value, "alpha")
    if not 0 < found <= 1:
        raise InvalidInventoryError(
            "alpha",
            value,
            "is the smoothing constant of sizes and intervals, above 0 and at most 1 "
            "(0.05 to 0.2 is usual)",
        )
    return found


@named_at_the_door
@attrs.frozen
class Croston:
    """Croston's method for intermittent demand (Croston 1972): the size of a sale and
    the interval between sales, each smoothed by ``alpha`` (above 0, at most 1; 0.1
    unless given), and their ratio as the demand per period.

    Examples:
        >>> Croston().label
        "Croston's method (alpha 0.1)"
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    alpha: Decimal = attrs.field(default=_CROSTON_ALPHA, converter=_croston_alpha)

    @property
    def label(self) -> str:
        """The method in words, with its smoothing constant."""
        return f"Croston's method (alpha {self.alpha})"


@named_at_the_door
@attrs.frozen
class SBA:
    """The Syntetos-Boylan approximation (Syntetos and Boylan 2005): Croston's forecast
    times (1 - alpha / 2), which removes most of its upward bias.

    Examples:
        >>> SBA(alpha=Decimal("0.2")).label
        'Syntetos-Boylan approximation (alpha 0.2)'
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    alpha: Decimal = attrs.field(default=_CROSTON_ALPHA, converter=_croston_alpha)

    @property
    def label(self) -> str:
        """The method in words, with its smoothing constant."""
        return f"Syntetos-Boylan approximation (alpha {self.alpha})"


Method = MovingAverage | SimpleExponentialSmoothing | Holt | HoltWinters | Croston | SBA
"""Any forecasting method ``forecast`` and ``backtest`` run."""

METHODS = (MovingAverage, SimpleExponentialSmoothing, Holt, HoltWinters, Croston, SBA)


def forecasting_method(value: object, field: str = "method") -> Method:
    """``value`` if it is one of the forecasting methods."""
    if not isinstance(value, METHODS):
        raise InvalidInventoryError.refused(
            field,
            value,
            "is not a forecasting method; pass one such as MovingAverage(4), "
            "SimpleExponentialSmoothing() or SBA()",
            kind=InputKind.TYPE,
        )
    return value


def sentences(value: object, field: str = "why") -> tuple[str, ...]:
    """A non-empty tuple of non-empty sentences: a result's ``why``."""
    if not (
        isinstance(value, tuple)
        and value
        and all(isinstance(line, str) and line for line in value)
    ):
        raise InvalidInventoryError.refused(
            field, value, "is not a tuple of sentences", kind=InputKind.LIST
        )
    return value


@attrs.frozen
class Fit:
    """What a method made of a history, before rounding: the one-step forecasts of the
    last ``len(fitted)`` periods, the forecasts ahead, the parameters used (and which of
    them were estimated), and sentences on how. Exact where the method is (a moving
    average is a ``Fraction``), in floating point where it is fitted."""

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    fitted: tuple[float | Fraction, ...]
    ahead: tuple[float | Fraction, ...]
    parameters: dict[str, float | Decimal]
    estimated: tuple[str, ...]
    notes: tuple[str, ...]
