"""commercekit's ``Money`` behaves as a py-moneyed ``Money`` where py-moneyed users rely
on it, and says so where it deliberately does not.

What code written for py-moneyed (or django-money, built on it) relies on: the
operators and their results, comparisons, hashing, the exception classes it catches,
formatting with ``moneyed.l10n``, the ``currency`` object, ``bool()``. Each check runs
the same expression on a plain ``moneyed.Money`` and on ours where it can.

The deliberate differences are tested last, each with its reason.
"""

from __future__ import annotations

import decimal
import pickle
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import moneyed
import pytest
from hypothesis import given
from hypothesis import strategies as st
from moneyed.classes import CurrencyDoesNotExist, MoneyComparisonError
from moneyed.l10n import format_money

from commercekit.errors import (
    CommerceKitError,
    CurrencyMismatchError,
    DivisionByZeroError,
    InvalidAmountError,
    UnknownCurrencyError,
)
from commercekit.money import Money, require_money
from commercekit.serde import converter, structure
from tests.strategies import REPRESENTATIVE_CURRENCIES, money, multipliers

Plain = moneyed.Money


def _pair(code: str) -> st.SearchStrategy[tuple[Money, Money]]:
    same = st.just(code)
    return st.tuples(money(same), money(same))


pairs = st.sampled_from(REPRESENTATIVE_CURRENCIES).flatmap(_pair)
"""Two amounts in one currency."""


def _exactly(ours: Money, plain: moneyed.Money) -> bool:
    # Same digits and exponent, not only equal: 12.5 and 12.50 are equal but print apart.
    return (
        isinstance(ours, Money)
        and ours.amount.as_tuple() == plain.amount.as_tuple()
        and ours.currency.code == plain.currency.code
    )


def _wide() -> decimal.Context:
    # py-moneyed computes in the ambient context; give it room to be exact, as ours is.
    return decimal.Context(prec=200, traps=[decimal.Inexact])


# --- from and to py-moneyed ----------------------------------------------------------


@given(money())
def test_to_moneyed_and_back_is_exact(value: Money) -> None:
    """from_moneyed(m.to_moneyed()) has m's digits and currency."""
    plain = value.to_moneyed()
    assert type(plain) is Plain
    assert _exactly(value, plain)
    again = Money.from_moneyed(plain)
    assert _exactly(again, plain)
    assert again == value


def test_from_moneyed_keeps_the_digits_given() -> None:
    """12.500 stays 12.500: nothing is padded, rounded or passed through a float."""
    plain = Plain(Decimal("12.500"), "EUR")
    assert repr(Money.from_moneyed(plain)) == "Money('12.500', 'EUR')"
    assert Money.from_moneyed(Plain("0.1", "JPY")).amount == Decimal("0.1")


def test_from_moneyed_returns_ours_as_it_is() -> None:
    """A commercekit Money was checked when built: it is returned, not copied."""
    ours = Money("1.00", "EUR")
    assert Money.from_moneyed(ours) is ours


@pytest.mark.parametrize(
    ("plain", "error"),
    [
        (Plain("NaN", "EUR"), InvalidAmountError),
        (Plain("sNaN", "EUR"), InvalidAmountError),
        (Plain("Infinity", "EUR"), InvalidAmountError),
        (Plain("-Infinity", "USD"), InvalidAmountError),
        (Plain("1E+30", "EUR"), InvalidAmountError),
        (Plain("1E-60", "EUR"), InvalidAmountError),
        (Plain("1", moneyed.Currency("ZZZ")), UnknownCurrencyError),
    ],
    ids=repr,
)
def test_from_moneyed_refuses_what_money_refuses(
    plain: moneyed.Money, error: type[CommerceKitError]
) -> None:
    """A py-moneyed amount that Money() would refuse is refused when it comes in, and
    ``require_money`` says which argument held it (it once said only "Decimal('1E+30')
    is out of range", leaving a caller of ``days_of_inventory`` to guess which of two
    amounts was meant)."""
    with pytest.raises(error):
        Money.from_moneyed(plain)
    with pytest.raises(error) as caught:
        require_money(plain, "cost_of_goods_sold")
    if error is InvalidAmountError:
        assert str(caught.value).endswith(
            "; pass cost_of_goods_sold as Money(amount, currency)"
        )


@pytest.mark.parametrize("value", ["12.50", Decimal("12.50"), 12, None, {"amount": "1"}])
def test_from_moneyed_refuses_what_is_not_money(value: object) -> None:
    """Only money converts; the refusal is a TypeError, as a wrong type is."""
    with pytest.raises(InvalidAmountError) as caught:
        Money.from_moneyed(value)  # type: ignore[arg-type]  # refused on purpose
    assert isinstance(caught.value, TypeError)


def test_money_of_money_points_to_from_moneyed() -> None:
    """Money(plain, code) is refused with a message naming the conversion."""
    with pytest.raises(InvalidAmountError, match=r"Money\.from_moneyed"):
        Money(Plain("1", "EUR"), "EUR")  # type: ignore[arg-type]  # refused on purpose


@given(money())
def test_require_money_accepts_plain_money(value: Money) -> None:
    """require_money(plain) is commercekit Money equal to it."""
    accepted = require_money(value.to_moneyed())
    assert type(accepted) is Money
    assert _exactly(accepted, value)


@given(money())
def test_the_converter_writes_plain_money_as_ours(value: Money) -> None:
    """A plain moneyed.Money unstructures to the same JSON as ours, and reads back."""
    written = converter.unstructure(value.to_moneyed())
    assert written == converter.unstructure(value)
    assert written == {"amount": f"{value.amount:f}", "currency": value.currency.code}
    read = structure(written, moneyed.Money)
    assert type(read) is Money
    assert read == value


def test_the_converter_refuses_plain_money_it_cannot_write() -> None:
    """NaN never reaches JSON."""
    with pytest.raises(InvalidAmountError):
        converter.unstructure(Plain("NaN", "EUR"))


# --- operators -----------------------------------------------------------------------


@given(pairs)
def test_sums_and_differences_match_py_moneyed(pair: tuple[Money, Money]) -> None:
    """a + b, a - b, -a, +a and abs(a) have py-moneyed's (exact) results."""
    a, b = pair
    p, q = a.to_moneyed(), b.to_moneyed()
    with decimal.localcontext(_wide()):
        assert _exactly(a + b, p + q)
        assert _exactly(a - b, p - q)
        assert _exactly(-a, -p)
        assert _exactly(+a, +p)
        assert _exactly(abs(a), abs(p))
        # A plain amount on either side gives ours, with the same result.
        assert _exactly(a + q, p + q)
        assert _exactly(p + b, p + q)
        assert _exactly(a - q, p - q)
        assert _exactly(p - b, p - q)


@given(money(), multipliers() | st.integers(-(10**6), 10**6))
def test_products_match_py_moneyed(value: Money, factor: Decimal | int) -> None:
    """money * factor and factor * money have py-moneyed's (exact) result."""
    plain = value.to_moneyed()
    with decimal.localcontext(_wide()):
        expected = plain * factor
    assert _exactly(value * factor, expected)
    assert _exactly(factor * value, expected)


@given(pairs, st.integers(1, 10**6))
def test_ratios_and_division_match_py_moneyed(pair: tuple[Money, Money], n: int) -> None:
    """a / b (a Decimal) and a / n (money) match py-moneyed in the default context."""
    a, b = pair
    with decimal.localcontext(decimal.Context()):
        if b.amount:
            assert a / b == a.to_moneyed() / b.to_moneyed()
            assert a.to_moneyed() / b == a / b  # a plain amount on the left
        divided = a.to_moneyed() / n
        assert isinstance(divided, moneyed.Money)
        assert _exactly(a / n, divided)


@given(money(), st.integers(-100, 100))
def test_percent_rmod_matches_py_moneyed(value: Money, percent: int) -> None:
    """percent % money is percent per cent of it, equal to py-moneyed's."""
    with decimal.localcontext(_wide()):
        assert percent % value == percent % value.to_moneyed()


@given(money(), st.integers(-3, 4))
def test_round_matches_py_moneyed_in_the_default_context(
    value: Money, ndigits: int
) -> None:
    """money.round(n) is py-moneyed's round under Python's default (half-even) context."""
    with decimal.localcontext(decimal.Context()):
        assert _exactly(value.round(ndigits), value.to_moneyed().round(ndigits))


def test_the_built_in_sum_works() -> None:
    """sum() starts from 0, which adds as nothing; Decimal(0) does too, as in py-moneyed."""
    prices = [Money("1.10", "EUR"), Money("2.20", "EUR")]
    assert sum(prices) == Money("3.30", "EUR")
    assert sum(prices, Decimal(0)) == Money("3.30", "EUR")
    assert 0 - prices[0] == Decimal(0) - prices[0] == Money("-1.10", "EUR")


# --- comparisons, hashing, bool ------------------------------------------------------


@given(pairs)
def test_comparisons_match_py_moneyed(pair: tuple[Money, Money]) -> None:
    """<, <=, >, >=, == and != agree with py-moneyed, ours or plain on either side."""
    a, b = pair
    p, q = a.to_moneyed(), b.to_moneyed()
    for left, right in [(a, b), (a, q), (p, b)]:
        assert (left < right, left <= right, left > right, left >= right) == (
            p < q,
            p <= q,
            p > q,
            p >= q,
        )
        assert (left == right, left != right) == (p == q, p != q)


def test_comparisons_with_zero() -> None:
    """Zero money is zero money; it is not the number 0 (py-moneyed's rule)."""
    zero = Money("0.00", "EUR")
    assert zero == Money(0, "EUR") == Plain(0, "EUR")
    assert Money("-0.01", "EUR") < zero < Money("0.01", "EUR")
    assert zero != 0
    assert Plain(0, "EUR") != 0  # the same in py-moneyed


def test_comparisons_across_currencies() -> None:
    """Equality is False; ordering raises what py-moneyed raises, a TypeError."""
    euro, dollar = Money("1", "EUR"), Money("1", "USD")
    assert euro != dollar
    assert euro != dollar.to_moneyed()
    with pytest.raises(CurrencyMismatchError) as caught:
        euro < dollar  # noqa: B015  # raises
    assert isinstance(caught.value, TypeError)


@given(pairs)
def test_equal_amounts_hash_equal(pair: tuple[Money, Money]) -> None:
    """Equal money hashes equal, ours or plain, however many zeros it is written with."""
    a, _ = pair
    padded = Money(a.amount.quantize(Decimal("1E-6")), a.currency)
    assert padded == a
    assert hash(padded) == hash(a) == hash(a.to_moneyed())
    assert len({a, padded, a.to_moneyed()}) == 1
    assert {a.to_moneyed(): "found"}[padded] == "found"


@given(money())
def test_bool_is_whether_the_amount_is_zero(value: Money) -> None:
    """bool(money) is bool(amount), as in py-moneyed."""
    assert bool(value) is bool(value.to_moneyed()) is bool(value.amount)


# --- the exceptions py-moneyed users catch -------------------------------------------

_RAISING: dict[str, Callable[[type[Any]], object]] = {
    "money * money": lambda cls: cls("5", "EUR") * cls("2", "EUR"),
    "plain money * money": lambda cls: Plain("5", "EUR") * cls("2", "EUR"),
    "number / money": lambda cls: 1 / cls("2", "EUR"),
    "money % money": lambda cls: Plain("5", "EUR") % cls("2", "EUR"),
    "money / money in two currencies": lambda cls: cls("5", "EUR") / cls("2", "USD"),
    "money + money in two currencies": lambda cls: cls("5", "EUR") + cls("2", "USD"),
    "money - money in two currencies": lambda cls: cls("5", "EUR") - cls("2", "USD"),
    "money < money in two currencies": lambda cls: cls("5", "EUR") < cls("2", "USD"),
    "money >= money in two currencies": lambda cls: cls("5", "EUR") >= cls("2", "USD"),
    "money < int": lambda cls: cls("5", "EUR") < 1,
    "int < money": lambda cls: 1 < cls("5", "EUR"),  # noqa: SIM300  # the reflected path
    "money <= Decimal": lambda cls: cls("5", "EUR") <= Decimal(1),
    "money > None": lambda cls: cls("5", "EUR") > None,
    "float >= money": lambda cls: 1.0 >= cls("5", "EUR"),  # noqa: SIM300  # reflected
    "money / 0": lambda cls: cls("5", "EUR") / 0,
    "money / zero money": lambda cls: cls("5", "EUR") / cls("0", "EUR"),
    "an unknown currency": lambda cls: cls("5", "XYZ"),
}
"""What py-moneyed raises an exception for, raised by ours explicitly."""

_PYTHONS: dict[str, Callable[[type[Any]], object]] = {
    "money + int": lambda cls: cls("5", "EUR") + 1,
    "int - money": lambda cls: 1 - cls("5", "EUR"),
    "money + str": lambda cls: cls("5", "EUR") + "1",
    "money // int": lambda cls: cls("5", "EUR") // 2,
    "money ** int": lambda cls: cls("5", "EUR") ** 2,
    "round(money)": lambda cls: round(cls("5", "EUR")),
    "Money(amount) without a currency": lambda cls: cls("5"),
}
"""What Python itself refuses for both (an operator neither class defines, or a
missing argument): a plain ``TypeError``, left so that another operand's reflected
method (``__radd__``) still gets its turn."""


def _raised(expression: Callable[[type[Any]], object], cls: type[Any]) -> BaseException:
    with pytest.raises(Exception) as caught:  # noqa: PT011  # the class is compared below
        expression(cls)
    return caught.value


@pytest.mark.parametrize("name", list(_RAISING))
def test_ours_raises_a_subclass_of_what_py_moneyed_raises(name: str) -> None:
    """Code that catches py-moneyed's exception catches ours; ours is a
    CommerceKitError too."""
    theirs = _raised(_RAISING[name], Plain)
    ours = _raised(_RAISING[name], Money)
    assert isinstance(ours, type(theirs)), f"{type(ours)} is not a {type(theirs)}"
    assert isinstance(ours, CommerceKitError)


@pytest.mark.parametrize("name", list(_PYTHONS))
def test_what_python_refuses_stays_a_type_error(name: str) -> None:
    """Both raise Python's TypeError for an operation neither defines."""
    assert type(_raised(_PYTHONS[name], Plain)) is TypeError
    assert type(_raised(_PYTHONS[name], Money)) is TypeError


def test_the_comparison_error_is_py_moneyeds_and_says_how_to_fix_it() -> None:
    """Ordering against a number: py-moneyed's MoneyComparisonError (a TypeError), with
    the number as ``other`` and a message that names the fix; it pickles."""
    with pytest.raises(MoneyComparisonError) as caught:
        Money("5", "EUR") < 5  # noqa: B015  # raises
    error = caught.value
    assert isinstance(error, TypeError)
    assert error.other == 5
    assert str(error).startswith("5 is not money")
    assert ".amount" in str(error)
    again = pickle.loads(pickle.dumps(error))  # noqa: S301  # our own bytes
    assert type(again) is type(error)
    assert str(again) == str(error)


def test_division_by_zero_is_decimals_division_by_zero() -> None:
    """py-moneyed's division by zero raises decimal.DivisionByZero (a
    ZeroDivisionError); ours is one too, and still the InvalidAmountError it was."""
    with pytest.raises(decimal.DivisionByZero) as caught:
        Money("5", "EUR") / Decimal(0)
    assert type(caught.value) is DivisionByZeroError
    assert isinstance(caught.value, ZeroDivisionError)
    assert isinstance(caught.value, InvalidAmountError)


def test_an_unknown_currency_is_currency_does_not_exist() -> None:
    """py-moneyed's CurrencyDoesNotExist catches ours (still a ValueError)."""
    with pytest.raises(CurrencyDoesNotExist) as caught:
        Money("1", "ABC")
    assert isinstance(caught.value, UnknownCurrencyError)
    assert isinstance(caught.value, ValueError)


# --- formatting and the currency object ----------------------------------------------


@given(money())
def test_repr_is_py_moneyeds_and_evaluates_back(value: Money) -> None:
    """repr() has py-moneyed's form, and eval(repr(m)) == m."""
    assert repr(value) == repr(value.to_moneyed())
    assert eval(repr(value), {"Money": Money}) == value  # noqa: S307  # our own repr


@pytest.mark.parametrize(
    ("locale", "shown"), [("en_US", "€1,234.50"), ("de_DE", "1.234,50\xa0€")]
)
def test_moneyed_l10n_formats_ours(locale: str, shown: str) -> None:
    """moneyed.l10n.format_money formats ours as it formats a plain amount."""
    price = Money("1234.5", "EUR")
    assert format_money(price, locale=locale) == shown
    assert format_money(price, locale=locale) == format_money(
        price.to_moneyed(), locale=locale
    )


def test_the_currency_object_is_py_moneyeds() -> None:
    """money.currency is a moneyed.Currency with py-moneyed's attributes."""
    price = Money("12.34", "EUR")
    assert isinstance(price, moneyed.Money)
    assert isinstance(price.currency, moneyed.Currency)
    assert price.currency == moneyed.get_currency("EUR")
    assert (price.currency.code, price.currency.numeric, price.currency.sub_unit) == (
        "EUR",
        "978",
        100,
    )
    assert price.currency.name == "Euro"
    assert price.get_amount_in_sub_unit() == 1234


def test_subclasses_keep_their_class() -> None:
    """Arithmetic on a subclass gives the subclass, as py-moneyed promises."""

    class Price(Money):
        pass

    price = Price("2", "EUR")
    results = [+price, -price, price + price, price - Money("1", "EUR"), 3 * price]
    results += [price / 2, abs(price), 50 % price, price.round(1)]
    assert all(type(result) is Price for result in results)
    assert type(Price.from_moneyed(Plain("1", "EUR"))) is Price


# --- where commercekit deliberately differs ------------------------------------------


@pytest.mark.parametrize(
    "expression",
    [
        lambda: Money(0.1, "EUR"),  # type: ignore[arg-type]  # refused on purpose
        lambda: Money("1", "EUR") * 1.19,
        lambda: Money("1", "EUR") / 1.5,
        lambda: 2.0 % Money("10", "EUR"),
    ],
    ids=["Money(float)", "money * float", "money / float", "float % money"],
)
def test_floats_are_refused_not_deprecated(expression: Callable[[], object]) -> None:
    """Difference: py-moneyed accepts floats (with a DeprecationWarning for * / %);
    commercekit refuses them, because a binary float cannot hold most decimal amounts
    (0.1 is 0.1000000000000000055...) and the error compounds as amounts are added."""
    with pytest.raises(InvalidAmountError, match="is a float"):
        expression()


def test_a_float_zero_is_not_nothing() -> None:
    """Difference: py-moneyed lets any value equal to 0 (0.0 too) add as nothing; ours
    only an exact zero (int or Decimal), as every other float is refused."""
    assert Plain("1", "EUR") + 0.0 == Plain("1", "EUR")
    with pytest.raises(TypeError):
        Money("1", "EUR") + 0.0


def test_round_does_not_follow_the_ambient_context() -> None:
    """Difference: py-moneyed's round() uses the ambient decimal context's rounding;
    ours is always half-even (as the built-in round()), because arithmetic must not
    change with a setting made elsewhere in the program. round_money names its mode."""
    with decimal.localcontext(decimal.Context(rounding=decimal.ROUND_HALF_UP)):
        assert Plain("2.5", "USD").round(0) == Plain("3", "USD")
        assert Money("2.5", "USD").round(0) == Money("2", "USD")


def test_str_is_locale_free() -> None:
    """Difference: py-moneyed's str() formats for the process's default locale; ours
    prints the amount and code, the same on every machine (logs, CSV). To show money
    to a buyer, name the locale: commercekit's format_money or moneyed.l10n's."""
    assert str(Money("1234.50", "EUR")) == "1234.50 EUR"


def test_the_amount_must_be_given() -> None:
    """Difference: py-moneyed's Money(currency="EUR") is zero; ours asks for the
    amount, so a price left out by mistake does not become a free item."""
    assert Plain(currency="EUR").amount == 0
    with pytest.raises(TypeError):
        Money(currency="EUR")  # type: ignore[call-arg]  # refused on purpose


def test_malformed_text_is_a_value_error() -> None:
    """Difference: py-moneyed lets decimal.InvalidOperation through for malformed
    text or a None factor; ours raises InvalidAmountError (a ValueError) naming the
    value and what to pass. Code that catches InvalidOperation must catch it too."""
    with pytest.raises(decimal.InvalidOperation):
        Plain("twelve", "EUR")
    with pytest.raises(InvalidAmountError):
        Money("twelve", "EUR")
    assert not issubclass(InvalidAmountError, decimal.InvalidOperation)
