"""Sales tax holidays with local rates given (``LocalRates``): each ``local_taxes`` value.

Where the holiday's law exempts the local taxes on the state's terms (``exempt``: Texas
Tax Code s. 151.326, Missouri's holiday since SB 153), the locality has no choice: every
local tax follows the state's threshold on those days whatever the caller says of the
category on ordinary days, and the caller need not say anything. Where each locality
chooses (``each_locality``: Alabama) or the sources read do not say (``not_known``:
Tennessee), the caller's answer is needed and its absence is refused by name. A state
without local taxes (``no_local_taxes``: Maryland) takes no local rates at all.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from commercekit.checkout import CheckoutContext, Product, Quote, quote
from commercekit.errors import InvalidInputError, MissingDataError
from commercekit.money import Money
from commercekit.pricing import Cart, CartLine
from commercekit.tax import Buyer, LocalRate, LocalRates, Seller, per_item_rates

AS_OF = date(2024, 1, 1)
LOOKUP = "the state's local rate lookup (example figures)"


def usd(amount: str) -> Money:
    return Money(amount, "USD")


def _locals(said: dict[str, str] | None) -> tuple[LocalRate, ...]:
    categories = {} if said is None else said
    return (
        LocalRate("City", "city", "1", LOOKUP, AS_OF, categories),
        LocalRate("Transit", "district", "1", LOOKUP, AS_OF, categories),
    )


def _quote(state: str, day: date, said: dict[str, str] | None, *prices: str) -> Quote:
    """One clothing item at each of ``prices`` delivered in ``state`` on ``day``."""
    context = CheckoutContext(
        Seller("US", {state}), Buyer("US", subdivision=state),
        at=datetime(day.year, day.month, day.day, 12, tzinfo=UTC),
        prices_include_tax=False,
        products={f"ITEM{n}": Product(f"ITEM{n}", "clothing") for n in range(len(prices))},
        tax_rates=LocalRates(state, _locals(said)),
    )  # fmt: skip
    cart = Cart([CartLine(f"ITEM{n}", usd(p), 1) for n, p in enumerate(prices)])
    return quote(cart, context)


def _line_taxes(result: Quote) -> list[str]:
    return [str(line.tax.amount) for line in result.lines]


TX_HOLIDAY = (date(2025, 8, 8), date(2025, 8, 10))  # "priced below $100"
MO_HOLIDAY = (date(2025, 8, 1), date(2025, 8, 3))  # USD 100 or less


@pytest.mark.parametrize("said", [None, {"clothing": "taxed"},
                                  {"clothing": "follows_state_threshold"}])  # fmt: skip
@pytest.mark.parametrize("day", TX_HOLIDAY)
def test_texas_law_exempts_local_taxes_whatever_the_caller_says(
    said: dict[str, str] | None, day: date
) -> None:
    # 99.99: below USD 100, no tax at all; 100.00: 6.25 + 1 + 1 % = 8.25 % -> 8.25.
    assert _line_taxes(_quote("US-TX", day, said, "99.99", "100.00")) == ["0.00", "8.25"]


@pytest.mark.parametrize("day", MO_HOLIDAY)
def test_missouri_law_exempts_local_taxes_up_to_and_at_the_limit(day: date) -> None:
    # 100.00 is "USD 100 or less": exempt; 100.01 pays 4.225 + 2 % = 6.225 % -> 6.23.
    result = _quote("US-MO", day, {"clothing": "taxed"}, "100.00", "100.01")
    assert _line_taxes(result) == ["0.00", "6.23"]
    assert result.lines[0].rates[-1].rate == 0


def test_a_locality_that_always_exempts_clothing_stays_exempt_over_the_limit() -> None:
    # Only the state's 6.25 % on the USD 100.00 item.
    result = _quote("US-TX", TX_HOLIDAY[0], {"clothing": "exempt"}, "100.00")
    assert _line_taxes(result) == ["6.25"]


def test_the_day_after_the_texas_holiday_the_callers_answer_rules_again() -> None:
    after = date(2025, 8, 11)
    assert _line_taxes(_quote("US-TX", after, {"clothing": "taxed"}, "99.99")) == ["8.25"]
    with pytest.raises(MissingDataError, match="whether the city: City tax"):
        _quote("US-TX", after, None, "99.99")


@pytest.mark.parametrize(
    ("state", "day"), [("US-AL", date(2025, 7, 18)), ("US-TN", date(2025, 7, 27))]
)
def test_where_localities_choose_the_callers_answer_is_needed(
    state: str, day: date
) -> None:
    """Alabama: each locality chooses; Tennessee: the sources read do not say."""
    with pytest.raises(MissingDataError) as raised:
        _quote(state, day, None, "50.00")
    assert raised.value.missing == (f"whether the city: City tax ({state}) taxes clothing",)
    follows = _quote(state, day, {"clothing": "follows_state_threshold"}, "50.00")
    assert _line_taxes(follows) == ["0.00"]
    # A locality that taxes clothing on the holiday: 2 % of 50.00 = 1.00.
    assert _line_taxes(_quote(state, day, {"clothing": "taxed"}, "50.00")) == ["1.00"]


def test_a_state_without_local_taxes_takes_no_local_rates() -> None:
    assert per_item_rates("US-MD", "clothing", on=date(2025, 8, 10))[0].local_taxes == (
        "no_local_taxes"
    )
    with pytest.raises(InvalidInputError, match="not a US state with local sales taxes"):
        LocalRates("US-MD", _locals(None))
