"""From a forecast to the demand an order must cover: the bridge to safety stock.

A safety stock protects against what the forecast gets wrong, not against the spread of
sales around their long-run mean: when a trend or a season is forecast, most of that
spread is foreseen. So the demand profile a forecast gives has

* **mean**: the forecasts of the periods the order must cover (the lead time plus any
  review period), averaged, so that the mean times their number is their sum;
* **standard deviation**: the forecast's RMSE, the typical one-step error on the
  history, taken as the error of each period ahead.

Over T periods the errors are added up. Taken as independent from period to period,
their standard deviation grows with the square root of T: sigma_T = sqrt(T) x sigma_1
(Silver, Pyke and Thomas, *Inventory and Production Management in Supply Chains*, 4th
ed., on the standard deviation of forecast errors over the lead time).
[`lead_time_demand`][commercekit.inventory.lead_time_demand] does exactly that, and adds
the lead time's own spread. Errors that run in streaks (a forecast that is slow to follow
a change) grow faster than sqrt(T); a [`backtest`][commercekit.inventory.backtest] shows
the errors of forecasts made several periods ahead.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction

import attrs

from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import DIVISION, EXACT, context_free, named_at_the_door
from commercekit._words import with_article
from commercekit.errors import InputKind, InvalidInventoryError
from commercekit.inventory._demand import (
    DemandProfile,
    LeadTime,
    LeadTimeDemand,
    lead_time_demand,
)
from commercekit.inventory._forecast import Forecast
from commercekit.inventory._methods import sentences
from commercekit.inventory._numbers import Field, number, rounded

__all__ = ["ForecastDemand", "demand_from_forecast"]


def _of(kind: type) -> Callable[[object, Field, object], None]:
    def check(_: object, attribute: Field, value: object) -> None:
        if not isinstance(value, kind):
            raise InvalidInventoryError.refused(
                attribute.name,
                value,
                f"is not {with_article(kind.__name__)}",
                kind=InputKind.TYPE,
            )

    return check


@named_at_the_door
@attrs.frozen
class ForecastDemand:
    """The demand a forecast implies: per period (``profile``, for
    [`order_up_to_policy`][commercekit.inventory.order_up_to_policy],
    [`newsvendor`][commercekit.inventory.newsvendor] or
    [`simulate`][commercekit.inventory.simulate]) and over the lead time
    (``over_lead_time``, for the ``safety_stock_for_*`` functions), with why."""

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    profile: DemandProfile = attrs.field(validator=_of(DemandProfile))
    over_lead_time: LeadTimeDemand = attrs.field(validator=_of(LeadTimeDemand))
    why: tuple[str, ...] = attrs.field(converter=sentences)


def _checked(forecast: object, lead_time: object) -> tuple[Forecast, LeadTime]:
    if not isinstance(forecast, Forecast):
        raise InvalidInventoryError.refused(
            "forecast",
            forecast,
            "is not a Forecast; make one with forecast(history, method, horizon)",
            kind=InputKind.TYPE,
        )
    if not isinstance(lead_time, LeadTime):
        raise InvalidInventoryError.refused(
            "lead_time", lead_time, "is not a LeadTime", kind=InputKind.TYPE
        )
    return forecast, lead_time


def _covered(forecasts: tuple[Decimal, ...], cover: Decimal) -> Fraction:
    """The forecast demand over ``cover`` periods: whole periods, then a part of one."""
    whole = math.floor(cover)
    total = sum(map(Fraction, forecasts[:whole]), Fraction(0))
    part = Fraction(cover) - whole
    return total + part * Fraction(forecasts[whole]) if part else total


@context_free
def demand_from_forecast(
    forecast: Forecast, lead_time: LeadTime, review_period: object = 0
) -> ForecastDemand:
    """The demand over ``lead_time`` (plus ``review_period``) that ``forecast`` implies.

    The mean per period is the forecast demand over the T = L + R periods covered (whole
    periods, then the share of a part period), divided by T; its standard deviation is
    the forecast's RMSE. The demand over the lead time is then
    [`lead_time_demand`][commercekit.inventory.lead_time_demand] of that profile: mean x
    T (the forecast demand over the cover) and sqrt(T x RMSE² + mean² x sL²). Figures
    are rounded half-even to ``PLACES`` decimals (the profile's mean once it has given
    the demand over the cover). The forecast must reach T periods ahead; T must be above
    0.

    Examples:
        >>> from commercekit.inventory import LeadTime, MovingAverage, SalesHistory
        >>> from commercekit.inventory import forecast
        >>> sheds = SalesHistory([10, 12, 13, 16, 19, 23, 26, 30, 28, 18, 16, 14],
        ...                      start=date(2025, 1, 1), period="month")
        >>> demand = demand_from_forecast(forecast(sheds, MovingAverage(3), 2), LeadTime(2))
        >>> demand.profile
        DemandProfile(mean=Decimal('16.0000'), std_dev=Decimal('6.9023'))
        >>> demand.over_lead_time.mean, demand.over_lead_time.std_dev
        (Decimal('32.0000'), Decimal('9.7613'))
    """
    forecast, lead_time = _checked(forecast, lead_time)
    review = number(review_period, "review_period")
    cover = EXACT.add(lead_time.mean, review)
    if not cover:
        raise InvalidInventoryError(
            "lead_time",
            lead_time,
            "and the review period add up to 0 periods: an order covers no demand",
        )
    needed = math.ceil(cover)
    if len(forecast.forecasts) < needed:
        raise InvalidInventoryError.refused(
            "forecast",
            f"<{len(forecast.forecasts)} periods ahead>",
            f"does not reach the {cover} periods an order must cover (lead_time plus "
            f"review_period): forecast with horizon={needed}",
            kind=InputKind.LIST,
        )
    total = _covered(forecast.forecasts, cover)
    rmse = forecast.accuracy.rmse
    # The mean per period to 28 digits, so that lead_time_demand's mean x T, rounded, is
    # the sum of the forecasts shown; the profile shows it rounded, as every profile.
    mean = total / Fraction(cover)
    precise = DIVISION.divide(Decimal(mean.numerator), Decimal(mean.denominator))
    over = lead_time_demand(DemandProfile(precise, rmse), lead_time, review)
    profile = DemandProfile(mean=rounded(mean), std_dev=rmse)
    spread = (
        f" (the lead time's standard deviation, {lead_time.std_dev}, included)"
        if lead_time.std_dev
        else ""
    )
    why = (
        (
            f"the forecasts of the {cover} periods an order covers (lead time "
            f"{lead_time.mean} + review period {review}) add up to {rounded(total)}: "
            f"{profile.mean} per period"
        ),
        (
            "the spread per period is the forecast's RMSE on the history, "
            f"{profile.std_dev}; the errors of successive periods are taken as "
            "independent, so over T periods they grow with sqrt(T)"
        ),
        f"over the lead time: mean {over.mean}, standard deviation {over.std_dev}{spread}",
    )
    return ForecastDemand(profile=profile, over_lead_time=over, why=why)
