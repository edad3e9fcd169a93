"""Intermittent demand: Croston's method, the Syntetos-Boylan approximation, and which
of them suits a history.

A product that sells in some periods and not in others defeats ordinary smoothing: after
each sale the forecast jumps up, then decays through the zeros, and it is highest just
after a sale, when the next one is least likely. **Croston's method** (Croston 1972)
smooths two things separately, and only when a sale happens: the size of a sale z, and
the interval between sales p, counted in periods. The demand per period is z / p:

    z = alpha x size + (1 - alpha) x z,    p = alpha x interval + (1 - alpha) x p

The first sale starts both: z is its size and p the number of periods up to and
including it (as Hyndman's ``forecast`` package starts them). The ratio of two smoothed
values is biased upwards; the **Syntetos-Boylan approximation** (SBA, Syntetos and Boylan
2005) multiplies it by 1 - alpha / 2, which removes most of the bias.

Which one? Syntetos, Boylan and Croston (2005) compared the two by their mean squared
error and drew the line at two figures of the history: the **average inter-demand
interval** ADI (periods per period with a sale) above 1.32, or the **squared coefficient
of variation** CV² of the sizes of the sales above 0.49, and SBA does better; below both
(*smooth* demand), Croston's method does.

References:

* Croston, J. D. (1972), "Forecasting and stock control for intermittent demands",
  *Operational Research Quarterly* 23(3), 289-303.
* Syntetos, A. A. and Boylan, J. E. (2005), "The accuracy of intermittent demand
  estimates", *International Journal of Forecasting* 21(2), 303-314.
* Syntetos, A. A., Boylan, J. E. and Croston, J. D. (2005), "On the categorization of
  demand patterns", *Journal of the Operational Research Society* 56, 495-503.
"""

from __future__ import annotations

import enum
from decimal import Decimal
from fractions import Fraction

import attrs

from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import context_free, named_at_the_door
from commercekit.errors import InputKind, InvalidInventoryError
from commercekit.inventory._history import SalesHistory
from commercekit.inventory._methods import SBA, Croston, Fit, forecasting_method, sentences
from commercekit.inventory._numbers import choice, is_quantity, rounded
from commercekit.inventory._smoothing import too_short

__all__ = [
    "ADI_CUT_OFF",
    "CV2_CUT_OFF",
    "DemandClass",
    "DemandPattern",
    "croston",
    "demand_pattern",
]

ADI_CUT_OFF = Decimal("1.32")
"""Above this average inter-demand interval, demand is intermittent (SBC 2005)."""

CV2_CUT_OFF = Decimal("0.49")
"""Above this squared coefficient of variation of sale sizes, demand is erratic."""


def _sales(units: tuple[int, ...], label: str) -> int:
    """The index of the first sale, refusing a history with none or none before the end."""
    first = next((index for index, count in enumerate(units) if count), None)
    if first is None:
        raise InvalidInventoryError.refused(
            "history",
            f"<{len(units)} periods>",
            f"has no period with a sale: {label} starts from the first sale (a product "
            "that never sold has nothing to forecast from)",
            kind=InputKind.LIST,
        )
    if first == len(units) - 1:
        raise too_short(
            label, len(units), first + 2, "the first sale and a period after it"
        )
    return first


def croston(units: tuple[int, ...], method: Croston | SBA, horizon: int) -> Fit:
    """Croston's method, or SBA, on ``units``: one-step forecasts from the period after
    the first sale, and the demand per period for ``horizon`` periods."""
    first = _sales(units, method.label)
    alpha = float(method.alpha)
    factor = 1 - alpha / 2 if isinstance(method, SBA) else 1.0
    size, interval, since = float(units[first]), float(first + 1), 0
    fitted = []
    for count in units[first + 1 :]:
        since += 1
        fitted.append(factor * size / interval)
        if count:
            size = alpha * count + (1 - alpha) * size
            interval = alpha * since + (1 - alpha) * interval
            since = 0
    rate = factor * size / interval
    ratio = (
        f"size {rounded(size)} / interval {rounded(interval)} = "
        f"{rounded(size / interval)} units per period"
    )
    if isinstance(method, SBA):
        ratio += f", x (1 - {method.alpha} / 2) = {rounded(rate)}"
    notes = (
        f"{method.label}: the size of a sale and the interval between sales are each "
        "smoothed when a sale happens, and their ratio is the demand per period "
        + (
            "(Croston 1972), times 1 - alpha / 2 against its bias (Syntetos and "
            "Boylan 2005)"
            if isinstance(method, SBA)
            else "(Croston 1972)"
        ),
        (
            f"the first sale (period {first + 1}, {units[first]} units) starts the size "
            f"and the interval ({first + 1} periods from the start)"
        ),
        f"after the last sale: {ratio}",
    )
    return Fit(
        fitted=tuple(fitted),
        ahead=(rate,) * horizon,
        parameters={"alpha": method.alpha},
        estimated=(),
        notes=notes,
    )


class DemandClass(enum.StrEnum):
    """The four demand patterns of Syntetos, Boylan and Croston (2005)."""

    SMOOTH = "smooth"
    """Sales in most periods, of steady size (ADI and CV² at or below the cut-offs)."""
    ERRATIC = "erratic"
    """Sales in most periods, of very uneven size (CV² above 0.49)."""
    INTERMITTENT = "intermittent"
    """Sales in few periods, of steady size (ADI above 1.32)."""
    LUMPY = "lumpy"
    """Sales in few periods, of very uneven size (both above)."""


def _demand_class(value: object) -> DemandClass:
    return choice(value, DemandClass, "demand_class")


def _suggested(value: object) -> Croston | SBA:
    found = forecasting_method(value, "suggested")
    if not isinstance(found, Croston | SBA):
        raise InvalidInventoryError.refused(
            "suggested", value, "is not a Croston or an SBA method", kind=InputKind.TYPE
        )
    return found


@named_at_the_door
@attrs.frozen
class DemandPattern:
    """A history's demand pattern: its ADI and CV² (rounded half-even to ``PLACES``
    decimals), the class they put it in, the method that class suits, and why."""

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    adi: Decimal = attrs.field(validator=is_quantity)
    cv2: Decimal = attrs.field(validator=is_quantity)
    demand_class: DemandClass = attrs.field(converter=_demand_class)
    suggested: Croston | SBA = attrs.field(converter=_suggested)
    why: tuple[str, ...] = attrs.field(converter=sentences)


_SIDE = {True: "above", False: "at or below"}


@context_free
def demand_pattern(history: SalesHistory) -> DemandPattern:
    """Classify a history's demand as smooth, erratic, intermittent or lumpy.

    ADI is the number of periods over the number with a sale (the periods after the
    last sale count too: a product that stopped selling looks more intermittent); CV² is
    the variance of the sale sizes (divided by their count) over their squared mean.
    Above 1.32 and 0.49 respectively (Syntetos, Boylan and Croston 2005), demand is
    intermittent or erratic, and SBA is suggested; below both it is smooth, and
    Croston's method is (where the exponential smoothing methods are candidates too).
    Both are computed exactly, then rounded. A history with no sale is refused.

    Examples:
        >>> history = SalesHistory([0, 3, 0, 0, 5, 0, 2, 0], date(2026, 1, 5), "week")
        >>> pattern = demand_pattern(history)
        >>> pattern.adi, pattern.cv2, pattern.demand_class.value, pattern.suggested
        (Decimal('2.6667'), Decimal('0.1400'), 'intermittent', SBA(alpha=Decimal('0.1')))
    """
    if not isinstance(history, SalesHistory):
        raise InvalidInventoryError.refused(
            "history", history, "is not a SalesHistory", kind=InputKind.TYPE
        )
    sizes = [count for count in history.units if count]
    if not sizes:
        raise InvalidInventoryError.refused(
            "history",
            f"<{history.periods} periods>",
            "has no period with a sale: ADI and CV² need at least one",
            kind=InputKind.LIST,
        )
    adi = Fraction(history.periods, len(sizes))
    mean = Fraction(sum(sizes), len(sizes))
    variance = sum((size - mean) ** 2 for size in sizes) / len(sizes)
    cv2 = variance / mean**2
    sparse, uneven = adi > Fraction(ADI_CUT_OFF), cv2 > Fraction(CV2_CUT_OFF)
    kind = [
        [DemandClass.SMOOTH, DemandClass.ERRATIC],
        [DemandClass.INTERMITTENT, DemandClass.LUMPY],
    ][sparse][uneven]
    suggested: Croston | SBA = SBA() if sparse or uneven else Croston()
    why = (
        (
            f"ADI = {history.periods} periods / {len(sizes)} with a sale = {rounded(adi)}, "
            f"{_SIDE[sparse]} {ADI_CUT_OFF}"
        ),
        (
            f"CV² of the sale sizes = variance {rounded(variance)} / mean {rounded(mean)} "
            f"squared = {rounded(cv2)}, {_SIDE[uneven]} {CV2_CUT_OFF}"
        ),
        f"{kind.value} demand (Syntetos, Boylan and Croston 2005): "
        + (
            "SBA is expected to forecast it with a smaller mean squared error than "
            "Croston's method"
            if sparse or uneven
            else "Croston's method is expected to beat SBA; the exponential smoothing "
            "methods are candidates too"
        ),
    )
    return DemandPattern(
        adi=rounded(adi),
        cv2=rounded(cv2),
        demand_class=kind,
        suggested=suggested,
        why=why,
    )
