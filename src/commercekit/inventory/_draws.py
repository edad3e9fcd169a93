"""Random demand and lead times: how a simulation draws each period's demand and each
order's lead time.

Every draw takes the run's one ``random.Random``, so the same seed draws the same
numbers; Poisson demand uses Knuth's method for slow movers and Hormann's PTRS above.
"""

from __future__ import annotations

import enum
import math
import random

from commercekit.inventory._demand import DemandProfile, LeadTime

__all__ = ["DemandDistribution", "draw_demand", "draw_lead_time", "poisson"]


class DemandDistribution(enum.StrEnum):
    """How a simulated period's demand is drawn from a ``DemandProfile``."""

    NORMAL = "normal"
    """Normal with the profile's mean and standard deviation, rounded to whole units
    (half to even) and truncated at 0 (which lifts the mean a little when demand is
    erratic: by about 0.4 % of it at a coefficient of variation of 0.5)."""
    POISSON = "poisson"
    """Poisson with the profile's mean (its standard deviation is ignored: a Poisson
    variable's variance is its mean). Fits slow movers: a few units a period."""


def poisson(rng: random.Random, mean: float) -> int:
    """A Poisson draw: Knuth's product of uniforms below a mean of 10, else PTRS.

    PTRS is the transformed rejection method with squeeze of W. Hormann, "The
    transformed rejection method for generating Poisson random variables", *Insurance:
    Mathematics and Economics* 12 (1993); its constants are the paper's.
    """
    if mean < 10:
        threshold, draws, product = math.exp(-mean), 0, rng.random()
        while product > threshold:
            draws += 1
            product *= rng.random()
        return draws
    log_mean = math.log(mean)
    scale = 0.931 + 2.53 * math.sqrt(mean)
    shape = -0.059 + 0.02483 * scale
    log_alpha = math.log(1.1239 + 1.1328 / (scale - 3.4))
    accept_at_once = 0.9277 - 3.6224 / (scale - 2)
    while True:
        centred = rng.random() - 0.5
        uniform = rng.random()
        gap = 0.5 - abs(centred)
        candidate = math.floor((2 * shape / gap + scale) * centred + mean + 0.43)
        if gap >= 0.07 and uniform <= accept_at_once:
            return candidate
        if candidate < 0 or (gap < 0.013 and uniform > gap):
            continue
        bound = math.log(uniform) + log_alpha - math.log(shape / (gap * gap) + scale)
        if bound <= -mean + candidate * log_mean - math.lgamma(candidate + 1):
            return candidate


def draw_demand(
    rng: random.Random, demand: DemandProfile, distribution: DemandDistribution
) -> int:
    """A period's demand in whole units, never below zero."""
    mean, spread = float(demand.mean), float(demand.std_dev)
    if distribution is DemandDistribution.POISSON:
        return poisson(rng, mean)
    return max(0, round(rng.gauss(mean, spread) if spread else mean))


def draw_lead_time(rng: random.Random, lead_time: LeadTime) -> int:
    """An order's lead time: normal, rounded half-even to whole periods, at least 0."""
    mean, spread = float(lead_time.mean), float(lead_time.std_dev)
    drawn = rng.gauss(mean, spread) if spread else mean
    return max(0, round(drawn))
