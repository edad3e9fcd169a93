"""Collections from callers are read to a bound, never until the memory runs out.

``tax_in_minor_units`` takes a list or tuple of at most ``MAX_AMOUNTS`` amounts; a
cart reads at most ``MAX_LINES`` + 1 lines from any iterable; every other collection
argument given as an iterator is read to at most ``MAX_ITERATED`` + 1 items
(``_inputs.items``). Each is given an endless iterator here and must refuse it with a
``CommerceKitError`` that says what to pass.
"""

from __future__ import annotations

import itertools
from datetime import date

import attrs
import pytest

from commercekit._numbers import MAX_ITERATED
from commercekit.errors import InvalidAmountError, InvalidCartError, UnknownCountryError
from commercekit.money import Money, sum_money
from commercekit.pricing import MAX_LINES, Cart, CartLine
from commercekit.regions import special_territory
from commercekit.tax import CountedSale, rate_for, tax_in_minor_units, threshold_status
from commercekit.tax._minor_units import MAX_AMOUNTS

VAT = rate_for("DE", "standard", on=date(2026, 11, 26))


@pytest.mark.parametrize(
    "amounts", [iter(range(10**12)), range(3), itertools.count(), {1, 2}, (a for a in [1])]
)
def test_tax_in_minor_units_takes_only_a_list_or_tuple(amounts: object) -> None:
    """Anything but a list or tuple of amounts is refused, naming what to pass."""
    with pytest.raises(InvalidAmountError, match="pass the amounts as a list") as found:
        tax_in_minor_units(amounts, VAT, prices_include_tax=False)  # type: ignore[arg-type]
    assert found.value.field == "amounts"


def test_tax_in_minor_units_takes_at_most_max_amounts() -> None:
    """MAX_AMOUNTS amounts are taxed; one more is refused, saying to slice them."""
    assert (
        tax_in_minor_units([100] * MAX_AMOUNTS, VAT, prices_include_tax=False)
        == [19] * MAX_AMOUNTS
    )
    with pytest.raises(InvalidAmountError, match="at most 100,000 at a time"):
        tax_in_minor_units([100] * (MAX_AMOUNTS + 1), VAT, prices_include_tax=False)


def test_a_cart_reads_an_endless_iterator_only_to_its_bound() -> None:
    """A cart of an endless iterator of lines is refused after MAX_LINES + 1."""
    line = CartLine("TEE", Money("1.00", "EUR"), 1)
    with pytest.raises(InvalidCartError, match="more than 10,000 lines"):
        Cart(itertools.repeat(line))
    assert len(Cart(itertools.repeat(line, MAX_LINES)).lines) == MAX_LINES


def test_names_read_an_endless_iterator_only_to_a_bound() -> None:
    """A cart line's collections given as an endless iterator are refused."""
    with pytest.raises(InvalidAmountError, match="pass a list or tuple"):
        CartLine("TEE", Money("1.00", "EUR"), 1, itertools.repeat("tees"))
    assert CartLine("TEE", Money("1.00", "EUR"), 1, iter(["tees"])).collections == {"tees"}


def test_sales_read_an_endless_iterator_only_to_a_bound() -> None:
    """threshold_status refuses an endless iterator of sales past MAX_ITERATED."""
    sale = CountedSale(date(2026, 3, 2), Money("8200.00", "EUR"), "FR")
    with pytest.raises(InvalidAmountError, match=f"more than {MAX_ITERATED:,} items"):
        threshold_status(
            itertools.repeat(sale), ["DE"], seller_country="NL", on=date(2026, 11, 26)
        )


def test_postcodes_read_an_endless_iterator_only_to_a_bound() -> None:
    """A territory's postcodes given as an endless iterator are refused."""
    territory = special_territory("ES-CN")
    assert territory is not None
    with pytest.raises(UnknownCountryError, match="pass a tuple of str"):
        attrs.evolve(territory, postcodes=itertools.repeat("35"))


def test_sum_money_reads_an_endless_iterator_only_to_a_bound() -> None:
    """sum_money refuses an iterator of more than MAX_ITERATED amounts (it hung on an
    endless one); a generator within the bound is added up."""
    with pytest.raises(InvalidAmountError, match=f"more than {MAX_ITERATED:,} amounts"):
        sum_money(itertools.repeat(Money("0.01", "EUR")), "EUR")
    amounts = (Money("0.01", "EUR") for _ in range(3))
    assert sum_money(amounts, "EUR") == Money("0.03", "EUR")
