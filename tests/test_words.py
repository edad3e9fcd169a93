""" "a" or "an" by the first sound of the word after it, in every message that names a
word only known when the message is made.

The cases follow the rules in ``commercekit._words`` (Cambridge Dictionary, *English
Grammar Today*, "A/an and the": "an" before a vowel sound, "a" before a consonant
sound, whatever the first letter).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from commercekit._words import with_article
from commercekit.errors import CommerceKitError
from commercekit.inventory import (
    DemandProfile,
    LeadTime,
    ReorderPointPolicy,
    simulate,
    simulation_costs,
)
from commercekit.metrics import PortfolioRule
from commercekit.money import Money, to_decimal


@pytest.mark.parametrize(
    ("word", "said"),
    [
        ("amount", "an amount"),
        ("number", "a number"),
        ("exchange rate", "an exchange rate"),
        ("percentage", "a percentage"),
        ("int", "an int"),
        ("OrderLine", "an OrderLine"),
        ("units_per_period", "a units_per_period"),
        ("unit price", "a unit price"),
        ("union", "a union"),
        ("unimportant detail", "an unimportant detail"),
        ("umbrella", "an umbrella"),
        ("usual", "a usual"),
        ("euro", "a euro"),
        ("one-off fee", "a one-off fee"),
        ("onerous term", "an onerous term"),
        ("hour", "an hour"),
        ("honest price", "an honest price"),
        ("holiday", "a holiday"),
        ("SKU", "an SKU"),
        ("EEA card", "an EEA card"),
        ("UK card", "a UK card"),
        ("FR number", "an FR number"),
        ("DE number", "a DE number"),
        ("HTTP request", "an HTTP request"),
        ("IOSS return", "an IOSS return"),
        ("FIFO layer", "a FIFO layer"),
        ("8-day window", "an 8-day window"),
        ("11", "an 11"),
        ("18", "an 18"),
        ("110", "a 110"),
        ("1", "a 1"),
        ("x", "an x"),
        ("'amount'", "an 'amount'"),
    ],
)
def test_the_article_follows_the_first_sound(word: str, said: str) -> None:
    assert with_article(word) == said


@pytest.mark.parametrize(
    ("what", "said"),
    [
        ("number", "a number must be finite"),
        ("amount", "an amount must be finite"),
        ("percentage", "a percentage must be finite"),
        ("exchange rate", "an exchange rate must be finite"),
    ],
)
def test_a_refused_number_names_it_with_the_right_article(what: str, said: str) -> None:
    with pytest.raises(CommerceKitError, match=said):
        to_decimal(Decimal("NaN"), what)
    with pytest.raises(CommerceKitError, match=f"is a boolean, not {with_article(what)}"):
        to_decimal(True, what)  # noqa: FBT003


def test_the_reviewers_cases_say_a_number() -> None:
    with pytest.raises(CommerceKitError, match="; a number must be finite"):
        PortfolioRule(Decimal("NaN"), None)
    run = simulate(
        ReorderPointPolicy(480, 1000), DemandProfile(100, 30), LeadTime(4), 30, seed=7
    )
    with pytest.raises(CommerceKitError, match="; a number must be finite") as caught:
        simulation_costs(run, Money("4.00", "EUR"), Decimal("NaN"), Money("6", "EUR"))
    assert "an number" not in str(caught.value)
    with pytest.raises(CommerceKitError, match="is a date, not a number"):
        to_decimal(date(2026, 1, 1), "number")
