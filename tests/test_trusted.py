"""The trusted builds (``commercekit._trusted.trusted_builder``) equal the checked ones.

The quote builds its Money, quote lines, sale lines and tax lines with
``trusted_builder``: the fields set as given, without the constructor's converters and
validators. That is only right while the trusted build is the very value the
constructor makes from the same (valid) values; these properties hold it so, by
equality, hash, repr, the values stored and pickle, so that the shortcut cannot drift
from the real constructor (a field added, a value derived in ``__attrs_post_init__``).
"""

from __future__ import annotations

import pickle
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from commercekit._trusted import trusted_builder, trusted_evolve
from commercekit.checkout import QuoteLine
from commercekit.money import MINOR_UNITS, Money
from commercekit.pricing import Cart, CartLine
from commercekit.tax import SaleLine, TaxCategory, TaxLine
from tests.strategies import minor_unit_amounts, money, tax_rates, varied_currencies


def stored(value: object) -> dict[str, Any]:
    """What ``value`` holds: its attrs fields, or its ``__dict__`` (Money)."""
    if attrs.has(type(value)):
        return {
            field.name: getattr(value, field.name) for field in attrs.fields(type(value))
        }
    return dict(vars(value))


def assert_same(trusted: object, checked: object) -> None:
    """The two builds are one value: class, stored values, ==, hash, repr, pickle."""
    assert type(trusted) is type(checked)
    assert stored(trusted) == stored(checked)
    assert [type(v) for v in stored(trusted).values()] == [
        type(v) for v in stored(checked).values()
    ]
    assert trusted == checked
    assert hash(trusted) == hash(checked)
    assert repr(trusted) == repr(checked)
    assert pickle.dumps(trusted) == pickle.dumps(checked)
    assert pickle.loads(pickle.dumps(trusted)) == checked  # noqa: S301  # our own bytes


@given(
    varied_currencies().flatmap(
        lambda code: st.tuples(st.just(code), minor_unit_amounts(code))
    )
)
def test_a_trusted_money_is_the_checked_money(drawn: tuple[str, Decimal]) -> None:
    """trusted_builder(Money)(amount=a, currency=c) == Money(a, code) in every respect."""
    code, amount = drawn
    trusted = trusted_builder(Money)(amount=amount, currency=Money(0, code).currency)
    assert_same(trusted, Money(amount, code))


@st.composite
def quote_line_values(draw: st.DrawFn) -> dict[str, Any]:
    """The fields of a valid quote line, drawn: net + tax == gross, discount at most
    the amount, all in one currency."""
    code = draw(st.sampled_from(["EUR", "JPY", "USD", "KWD"]))
    places = MINOR_UNITS[code]
    units = st.integers(0, 10**9).map(lambda n: Money(Decimal(n).scaleb(-places), code))
    quantity = draw(st.integers(1, 50))
    price = draw(units)
    amount = price * quantity
    discount = draw(units.filter(lambda off: off <= amount))
    net, tax = draw(units), draw(units)
    return {
        "sku": draw(st.text(st.characters(categories=["L", "N"]), min_size=1, max_size=8)),
        "quantity": quantity,
        "unit_price": price,
        "amount": amount,
        "discount": discount,
        "net": net,
        "tax": tax,
        "gross": net + tax,
        "rates": draw(tax_rates()),
        "position": draw(st.integers(0, 10**6)),
        "parts": (),
    }


@given(quote_line_values())
def test_a_trusted_quote_line_is_the_checked_one(values: dict[str, Any]) -> None:
    """trusted_builder(QuoteLine)(**values) == QuoteLine(**values), and so does
    trusted_evolve of it."""
    checked = QuoteLine(**values)
    assert_same(trusted_builder(QuoteLine)(**values), checked)
    assert_same(trusted_evolve(checked), checked)


@given(
    money(st.just("EUR")).map(abs),
    st.integers(1, 10**9),
    st.sampled_from(list(TaxCategory)),
)
def test_a_trusted_sale_line_is_the_checked_one(
    value: Money, quantity: int, category: TaxCategory
) -> None:
    """trusted_builder(SaleLine)(...) == SaleLine(value, quantity, category)."""
    trusted = trusted_builder(SaleLine)(
        value=value,
        quantity=quantity,
        category=category,
        excise=None,
        hs_code=None,
        rate_facts=None,
    )
    assert_same(trusted, SaleLine(value, quantity, category))


@given(
    st.integers(0, 10**9).map(lambda n: Money(Decimal(n).scaleb(-2), "EUR")),
    st.integers(0, 20),
    tax_rates(),
    st.booleans(),
    st.booleans(),
)
def test_a_trusted_tax_line_is_the_checked_one(
    price: Money,
    quantity: int,
    rates: tuple[Any, ...],
    discounted: bool,
    without_tax: bool,
) -> None:
    """trusted_builder(TaxLine)(...) == TaxLine(...) with the same valid values."""
    discount = price * quantity if discounted else None
    values = {
        "price": price,
        "quantity": quantity,
        "rates": rates,
        "discount": discount,
        "description": "shipping" if discounted else "",
        "priced_without_tax": without_tax,
    }
    assert_same(trusted_builder(TaxLine)(**values), TaxLine(**values))


def test_a_trusted_build_needs_every_field_by_name() -> None:
    """A field left out or not known is refused by Python, naming it."""
    with pytest.raises(TypeError, match="currency"):
        trusted_builder(Money)(amount=Decimal(1))
    with pytest.raises(TypeError, match="colour"):
        trusted_builder(Money)(
            amount=Decimal(1), currency=Money(0, "EUR").currency, colour=1
        )


@given(quote_line_values())
def test_a_trusted_quote_line_stays_frozen(values: dict[str, Any]) -> None:
    """A trusted build, filled by plain stores as a subclass, is a frozen QuoteLine
    once built: its own class, its fields neither set nor deleted."""
    line = trusted_builder(QuoteLine)(**values)
    assert line.__class__ is QuoteLine
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        line.sku = "OTHER"  # type: ignore[misc]  # what is refused
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        del line.tax  # type: ignore[misc]  # as above
    assert line == QuoteLine(**values)


def test_a_callers_subclass_is_evolved_by_its_own_constructor() -> None:
    """A cart of the caller's own subclass (the quote evolves the cart it is given)
    is evolved as ``attrs.evolve`` does it: the subclass's own checks and derived
    fields run, and no class of the library's making appears among its subclasses
    or in its ``__init_subclass__``."""
    made: list[type] = []

    @attrs.frozen
    class TaggedCart(Cart):
        tag: str = "web"
        shown: str = attrs.field(init=False, default="")

        def __init_subclass__(cls, **kwargs: Any) -> None:
            made.append(cls)

        def __attrs_post_init__(self) -> None:
            object.__setattr__(self, "shown", self.tag.upper())

    cart = TaggedCart(lines=(CartLine("A-1", Money("10.00", "EUR"), 2),), tag="shop")
    evolved = trusted_evolve(cart, tag="app")
    assert evolved == attrs.evolve(cart, tag="app")
    assert evolved.shown == "APP"
    assert made == []
    assert TaggedCart.__subclasses__() == []
