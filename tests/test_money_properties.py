"""Properties of the money core: nothing lost, nothing guessed, nothing context-bound.

Each test's docstring states the property it checks. Exact references are computed with
``Fraction`` or with a ``Decimal`` context that traps any rounding, so that a reference
can never be wrong in the same way as the code under test.
"""

from __future__ import annotations

import decimal
import functools
import operator
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from commercekit.errors import CommerceKitError, CurrencyMismatchError, MoneyParseError
from commercekit.money import (
    Money,
    RoundingMode,
    allocate,
    allocate_minor_units,
    cash_round,
    cash_rounding,
    format_money,
    minor_units,
    parse_money,
    percent_of,
    round_money,
    split,
    sum_money,
    to_minor_units,
)
from tests.strategies import (
    any_amounts,
    currency_pairs,
    exact_amounts,
    localized_money,
    long_amounts,
    minor_unit_amounts,
    money,
    money_lists,
    multipliers,
    ratio_lists,
    ratios,
    varied_currencies,
)

ON = date(2026, 11, 26)

# Plain Decimal arithmetic that cannot round: any inexact step raises instead.
REFERENCE = decimal.Context(
    prec=1000,
    Emax=decimal.MAX_EMAX,
    Emin=decimal.MIN_EMIN,
    traps=[decimal.Inexact, decimal.Rounded, decimal.InvalidOperation],
)

HALF_MODES = (RoundingMode.HALF_UP, RoundingMode.HALF_EVEN, RoundingMode.HALF_DOWN)

# Cash rules in force on ON: (currency, country); country None means currency-wide.
CASH_RULES = (
    ("CHF", None),
    ("SEK", None),
    ("DKK", None),
    ("HUF", None),
    ("CAD", None),
    ("NOK", None),
    ("CZK", None),
    ("AUD", None),
    ("NZD", None),
    ("ILS", None),
    ("EUR", "NL"),
    ("EUR", "FI"),
    ("EUR", "SK"),
    ("EUR", "BE"),
)


def unit(code: str) -> Fraction:
    """One minor unit of ``code`` as an exact fraction."""
    return Fraction(1, 10 ** minor_units(code))


def whole_money() -> st.SearchStrategy[Money]:
    """Money in whole minor units of a 0/2/3/4-decimal currency."""
    return money(amounts=minor_unit_amounts)


def precise_money(max_extra: int = 20) -> st.SearchStrategy[Money]:
    """Money in whole minor units or with extra decimals."""
    return money(amounts=functools.partial(any_amounts, max_extra=max_extra))


def strange_contexts() -> st.SearchStrategy[Callable[[], decimal.Context]]:
    """Hostile ambient contexts: prec=3 ROUND_FLOOR trapping all or nothing; prec=1."""
    every_signal = [
        decimal.Clamped,
        decimal.DivisionByZero,
        decimal.Inexact,
        decimal.InvalidOperation,
        decimal.Overflow,
        decimal.Rounded,
        decimal.Subnormal,
        decimal.Underflow,
    ]
    return st.sampled_from(
        [
            lambda: decimal.Context(prec=3, rounding=decimal.ROUND_FLOOR, traps=[]),
            lambda: decimal.Context(
                prec=3, rounding=decimal.ROUND_FLOOR, traps=every_signal
            ),
            lambda: decimal.Context(
                prec=1, rounding=decimal.ROUND_CEILING, Emax=5, Emin=-5, traps=[]
            ),
        ]
    )


# --- allocate and split ----------------------------------------------------------------


@given(whole_money(), ratio_lists())
def test_allocate_conserves_the_total(whole: Money, shares: list[Decimal | int]) -> None:
    """sum(allocate(m, ratios)) == m exactly, one part per ratio, all in m's currency."""
    parts = allocate(whole, shares)
    assert len(parts) == len(shares)
    assert all(part.currency == whole.currency for part in parts)
    assert sum(Fraction(part.amount) for part in parts) == Fraction(whole.amount)
    assert sum_money(parts, whole.currency) == whole


def _extreme_ratios() -> st.SearchStrategy[list[Decimal | int]]:
    """1,000 to 1,200 ratios, mostly zero or as tiny as the range allows (1E-50), with
    a few ordinary and a few of the largest, at least one positive."""
    ratio = st.one_of(
        st.just(0),
        st.just(Decimal(0)),
        st.integers(1, 50).map(lambda places: Decimal(1).scaleb(-places)),
        st.just(Decimal("1E-50")),
        st.integers(1, 10**6),
        st.just(10**18 - 1),
    )
    return st.lists(ratio, min_size=1000, max_size=1200).filter(any)


@settings(
    max_examples=20,  # each example is 1,000+ parts
    suppress_health_check=[HealthCheck.large_base_example, HealthCheck.data_too_large],
)
@given(whole_money(), _extreme_ratios())
def test_allocate_over_a_thousand_extreme_ratios_conserves_exactly(
    whole: Money, shares: list[Decimal | int]
) -> None:
    """Over 1,000+ parts with zero, tiny and huge ratios: the parts sum to the whole,
    a zero ratio gets zero, and each part is less than a minor unit from its share."""
    parts = allocate(whole, shares)
    assert len(parts) == len(shares)
    assert sum(Fraction(part.amount) for part in parts) == Fraction(whole.amount)
    total = sum(Fraction(share) for share in shares)
    one = unit(whole.currency.code)
    for part, share in zip(parts, shares, strict=True):
        assert (
            abs(Fraction(part.amount) - Fraction(whole.amount) * Fraction(share) / total)
            < one
        )
        if not share:
            assert part.amount == 0


@given(whole_money(), ratio_lists())
def test_allocate_is_fair(whole: Money, shares: list[Decimal | int]) -> None:
    """Each part is less than one minor unit from amount*ratio/sum; ratio 0 gives 0."""
    parts = allocate(whole, shares)
    total = sum(Fraction(share) for share in shares)
    one = unit(whole.currency.code)
    for part, share in zip(parts, shares, strict=True):
        exact = Fraction(whole.amount) * Fraction(share) / total
        assert abs(Fraction(part.amount) - exact) < one
        # Every part is in whole minor units.
        assert (Fraction(part.amount) / one).denominator == 1
        if share == 0:
            assert part.amount == 0


@given(whole_money(), ratio_lists(st.sampled_from([0, 1, 2, Decimal("1.0"), Decimal(3)])))
def test_allocate_ties_go_to_the_earlier_part(
    whole: Money, shares: list[Decimal | int]
) -> None:
    """Equal ratios get parts whose size never grows with position, by at most one unit."""
    parts = allocate(whole, shares)
    assert parts == allocate(whole, list(shares))  # deterministic
    one = unit(whole.currency.code)
    for i, (earlier, first_share) in enumerate(zip(parts, shares, strict=True)):
        for later, second_share in zip(parts[i + 1 :], shares[i + 1 :], strict=True):
            if first_share == second_share:
                gap = abs(Fraction(earlier.amount)) - abs(Fraction(later.amount))
                assert 0 <= gap <= one


@given(whole_money(), ratio_lists())
def test_allocate_is_deterministic(whole: Money, shares: list[Decimal | int]) -> None:
    """allocate gives the same parts, to the last digit, every time it is asked."""
    first = allocate(whole, shares)
    second = allocate(Money(whole.amount, whole.currency.code), list(shares))
    assert [repr(part) for part in first] == [repr(part) for part in second]


@given(whole_money(), ratio_lists())
def test_allocate_of_the_negation_is_the_negation(
    whole: Money, shares: list[Decimal | int]
) -> None:
    """allocate(-m, ratios) == [-part for part in allocate(m, ratios)]."""
    assert allocate(-whole, shares) == [-part for part in allocate(whole, shares)]


@given(whole_money(), st.integers(1, 50))
def test_split_is_near_equal_and_conserves(whole: Money, count: int) -> None:
    """split(m, n): n parts sum to m, sizes non-increasing, at most one unit apart."""
    parts = split(whole, count)
    assert len(parts) == count
    assert sum(Fraction(part.amount) for part in parts) == Fraction(whole.amount)
    sizes = [abs(Fraction(part.amount)) for part in parts]
    assert sizes == sorted(sizes, reverse=True)
    assert sizes[0] - sizes[-1] <= unit(whole.currency.code)
    assert all(part.currency == whole.currency for part in parts)


@given(whole_money(), st.integers(1, 50))
def test_split_is_allocate_with_equal_ratios(whole: Money, count: int) -> None:
    """split(m, n) == allocate(m, [1] * n)."""
    assert split(whole, count) == allocate(whole, [1] * count)


# --- round_money ------------------------------------------------------------------------


@given(precise_money(), st.sampled_from(RoundingMode), st.sampled_from(RoundingMode))
def test_round_money_is_idempotent(
    amount: Money, mode: RoundingMode, again: RoundingMode
) -> None:
    """A rounded amount has the currency's exponent and any mode leaves it unchanged."""
    rounded = round_money(amount, mode=mode)
    assert rounded.currency == amount.currency
    assert rounded.amount.as_tuple().exponent == -minor_units(amount.currency.code)
    assert repr(round_money(rounded, mode=again)) == repr(rounded)


@given(precise_money(max_extra=3), st.sampled_from(HALF_MODES))
def test_round_money_half_modes_move_at_most_half_a_unit(
    amount: Money, mode: RoundingMode
) -> None:
    """|round(m, half-mode) - m| <= half a minor unit."""
    rounded = round_money(amount, mode=mode)
    moved = abs(Fraction(rounded.amount) - Fraction(amount.amount))
    assert moved <= unit(amount.currency.code) / 2


@given(
    varied_currencies().flatmap(
        lambda code: st.tuples(st.just(code), st.integers(-(10**15), 10**15))
    )
)
def test_round_money_half_modes_break_ties_as_named(pair: tuple[str, int]) -> None:
    """At exactly half a unit: HALF_UP goes from zero, HALF_DOWN to zero, HALF_EVEN even."""
    code, units = pair
    exponent = minor_units(code)
    tie = Money(Decimal(f"{(2 * units + 1) * 5}E{-exponent - 1}"), code)
    away = Fraction(units + (1 if units >= 0 else 0)) * unit(code)
    toward = Fraction(units + (0 if units >= 0 else 1)) * unit(code)
    even = away if (away / unit(code)) % 2 == 0 else toward
    assert Fraction(round_money(tie, mode=RoundingMode.HALF_UP).amount) == away
    assert Fraction(round_money(tie, mode=RoundingMode.HALF_DOWN).amount) == toward
    assert Fraction(round_money(tie, mode=RoundingMode.HALF_EVEN).amount) == even


@given(precise_money(max_extra=3))
def test_round_money_directed_modes_move_less_than_a_unit_their_way(amount: Money) -> None:
    """UP/DOWN/CEILING/FLOOR move by less than one unit away/toward zero, up/down."""
    exact = Fraction(amount.amount)
    one = unit(amount.currency.code)

    def rounded(mode: RoundingMode) -> Fraction:
        return Fraction(round_money(amount, mode=mode).amount)

    for mode in (
        RoundingMode.UP,
        RoundingMode.DOWN,
        RoundingMode.CEILING,
        RoundingMode.FLOOR,
    ):
        assert abs(rounded(mode) - exact) < one
    assert abs(rounded(RoundingMode.UP)) >= abs(exact)
    assert abs(rounded(RoundingMode.DOWN)) <= abs(exact)
    assert rounded(RoundingMode.CEILING) >= exact
    assert rounded(RoundingMode.FLOOR) <= exact


@given(
    varied_currencies().flatmap(
        lambda code: st.tuples(
            st.just(code),
            st.lists(any_amounts(code, max_extra=3), min_size=2, max_size=2),
        )
    ),
    st.sampled_from(RoundingMode),
)
def test_round_money_is_monotone(
    pair: tuple[str, list[Decimal]], mode: RoundingMode
) -> None:
    """a <= b implies round_money(a) <= round_money(b), in every mode."""
    code, amounts = pair
    low, high = (Money(amount, code) for amount in sorted(amounts))
    assert round_money(low, mode=mode) <= round_money(high, mode=mode)


# --- the ambient decimal context ---------------------------------------------------------


def _operations(
    *,
    first: Money,
    second: Money,
    whole: Money,
    factor: Decimal,
    times: int,
    shares: list[Decimal | int],
    percent: Decimal,
    mode: RoundingMode,
) -> list[str]:
    """Every money operation on the inputs, written down to the last digit."""
    results = [
        first + second,
        first - second,
        second - first,
        -first,
        first * factor,
        factor * first,
        first * times,
        first / 7,
        round_money(first, mode=mode),
        round_money(first * factor, mode=mode),
        percent_of(first, percent, mode=mode),
        sum_money([first, second, whole], first.currency),
        sum_money([], first.currency),
        *allocate(whole, shares),
        *split(whole, 7),
    ]
    return [repr(result) for result in results] + [
        repr(first < second),
        repr(first <= second),
        repr(first == second),
    ]


@given(
    values=varied_currencies().flatmap(
        lambda code: st.tuples(
            any_amounts(code), any_amounts(code), minor_unit_amounts(code)
        ).map(lambda amounts: tuple(Money(amount, code) for amount in amounts))
    ),
    factor=multipliers(),
    times=st.integers(-(10**6), 10**6),
    shares=ratio_lists(),
    percent=multipliers(),
    mode=st.sampled_from(RoundingMode),
    context=strange_contexts(),
)
def test_no_result_depends_on_the_ambient_context(
    *,
    values: tuple[Money, Money, Money],
    factor: Decimal,
    times: int,
    shares: list[Decimal | int],
    percent: Decimal,
    mode: RoundingMode,
    context: Callable[[], decimal.Context],
) -> None:
    """+, -, *, /, round_money, percent_of, sum_money, allocate, split: context-free."""
    first, second, whole = values
    inputs = {
        "first": first,
        "second": second,
        "whole": whole,
        "factor": factor,
        "times": times,
        "shares": shares,
        "percent": percent,
        "mode": mode,
    }
    expected = _operations(**inputs)
    with decimal.localcontext(context()):
        found = _operations(**inputs)
    assert found == expected


@given(
    st.sampled_from(CASH_RULES).flatmap(
        lambda rule: st.tuples(st.just(rule), any_amounts(rule[0]))
    ),
    st.sampled_from(RoundingMode),
    strange_contexts(),
)
def test_cash_round_does_not_depend_on_the_ambient_context(
    drawn: tuple[tuple[str, str | None], Decimal],
    mode: RoundingMode,
    context: Callable[[], decimal.Context],
) -> None:
    """cash_round gives the same result, to the last digit, in a hostile context."""
    (code, country), raw = drawn
    amount = Money(raw, code)
    expected = repr(cash_round(amount, on=ON, country=country, mode=mode))
    with decimal.localcontext(context()):
        found = repr(cash_round(amount, on=ON, country=country, mode=mode))
    assert found == expected


@given(localized_money(), strange_contexts())
@example(("de_DE", Money("1234567.891", "EUR")), lambda: decimal.Context(prec=3))
def test_format_and_parse_do_not_depend_on_the_ambient_context(
    shown: tuple[str, Money], context: Callable[[], decimal.Context]
) -> None:
    """format_money and parse_money give the same text and amount in any context."""
    locale, amount = shown
    text = format_money(amount, locale)
    code = amount.currency.code
    expected = repr(parse_money(text, locale, currency=code))
    with decimal.localcontext(context()):
        found_text = format_money(amount, locale)
        found = repr(parse_money(text, locale, currency=code))
    assert (found_text, found) == (text, expected)


# --- cash rounding ----------------------------------------------------------------------


@given(
    st.sampled_from(CASH_RULES).flatmap(
        lambda rule: st.tuples(st.just(rule), any_amounts(rule[0], max_extra=3))
    )
)
@example((("NZD", None), Decimal("12.35")))
@example((("DKK", None), Decimal("10.25")))
def test_cash_round_lands_on_the_nearest_cash_step(
    drawn: tuple[tuple[str, str | None], Decimal],
) -> None:
    """cash_round is a multiple of the cash step, within half a step, ties as the rule
    says (away from zero, or toward it in New Zealand)."""
    (code, country), raw = drawn
    amount = Money(raw, code)
    rule = cash_rounding(code, on=ON, country=country)
    step = Fraction(rule.increment)
    rounded = cash_round(amount, on=ON, country=country)
    assert rounded == cash_round(amount, on=ON, country=country, mode=rule.mode)
    assert rounded.currency == amount.currency
    assert rounded.amount.as_tuple().exponent == -minor_units(code)
    nearest_is_zero = abs(Fraction(amount.amount)) < step / 2
    if rule.applies_above is not None and abs(amount.amount) <= rule.applies_above:
        # Belgium: small totals are settled to the cent, not rounded to 0.05.
        assert rounded == round_money(amount)
        return
    if nearest_is_zero and amount.amount and rule.rounds_to_zero != "zero":
        # Finland keeps such a total; Slovakia rounds it up to one step.
        expected = (
            round_money(amount)
            if rule.rounds_to_zero == "keep"
            else Money(rule.increment.copy_sign(amount.amount), code)
        )
        assert rounded == expected
        return
    assert (Fraction(rounded.amount) / step).denominator == 1
    moved = Fraction(rounded.amount) - Fraction(amount.amount)
    assert abs(moved) <= step / 2
    if abs(moved) == step / 2:  # a tie: half-up goes away from zero, half-down toward it
        away = abs(Fraction(rounded.amount)) > abs(Fraction(amount.amount))
        assert away is (rule.mode is RoundingMode.HALF_UP), rule.convention


# --- formatting and parsing -------------------------------------------------------------


@given(localized_money())
@example(("ar_EG", Money("1234.56", "EGP")))  # the locale's own symbol carries an RLM
@example(("he_IL", Money("-0.50", "CNY")))  # CLDR writes CNY with LRMs in Hebrew
def test_parse_reads_back_what_format_wrote(shown: tuple[str, Money]) -> None:
    """parse_money(format_money(m, loc), loc, currency=m's code) == m."""
    locale, amount = shown
    text = format_money(amount, locale)
    parsed = parse_money(text, locale, currency=amount.currency.code)
    assert parsed == amount
    assert parsed.currency.code == amount.currency.code


@given(localized_money(long_amounts))
@example(("en_US", Money("123456789012345678.9012345678901", "EUR")))
def test_format_money_keeps_every_digit_of_a_long_amount(shown: tuple[str, Money]) -> None:
    """parse(format(m)) == m even when m has more digits than the default context's 28."""
    locale, amount = shown
    parsed = parse_money(
        format_money(amount, locale), locale, currency=amount.currency.code
    )
    assert parsed == amount


@given(localized_money())
def test_parse_without_currency_is_right_or_refuses(shown: tuple[str, Money]) -> None:
    """Without currency=, parse returns exactly m or raises MoneyParseError."""
    locale, amount = shown
    text = format_money(amount, locale)
    try:
        parsed = parse_money(text, locale)
    except MoneyParseError:
        return
    assert parsed == amount
    assert parsed.currency.code == amount.currency.code


@given(localized_money())
def test_parse_accepts_plain_spaces_for_no_break_spaces(shown: tuple[str, Money]) -> None:
    """Replacing U+00A0 and U+202F with a plain space in format's output parses the same."""
    locale, amount = shown
    text = format_money(amount, locale).replace("\u00a0", " ").replace("\u202f", " ")
    parsed = parse_money(text, locale, currency=amount.currency.code)
    assert parsed == amount
    assert parsed.currency.code == amount.currency.code


# --- arithmetic -------------------------------------------------------------------------


@given(currency_pairs(), st.data())
def test_different_currencies_never_mix(pair: tuple[str, str], data: st.DataObject) -> None:
    """+, -, <, <=, >, >= and sum_money across currencies raise CurrencyMismatchError."""
    left_code, right_code = pair
    left = Money(data.draw(any_amounts(left_code)), left_code)
    right = Money(data.draw(any_amounts(right_code)), right_code)
    operations: list[Callable[[], object]] = [
        lambda: left + right,
        lambda: left - right,
        lambda: left < right,
        lambda: left <= right,
        lambda: left > right,
        lambda: left >= right,
        lambda: sum_money([left, right], left_code),
        lambda: sum_money([right], left_code),
    ]
    for operation in operations:
        with pytest.raises(CurrencyMismatchError) as raised:
            operation()
        assert isinstance(raised.value, CommerceKitError)
        assert {raised.value.left, raised.value.right} == {left_code, right_code}


@given(
    varied_currencies().flatmap(
        lambda code: st.tuples(st.just(code), any_amounts(code), any_amounts(code))
    ),
    st.integers(-(10**6), 10**6),
    multipliers(),
)
def test_arithmetic_is_exact_decimal_arithmetic(
    drawn: tuple[str, Decimal, Decimal], times: int, factor: Decimal
) -> None:
    """Money +, -, * int and * Decimal give exactly the Decimal results, same currency."""
    code, a, b = drawn
    first, second = Money(a, code), Money(b, code)
    cases = [
        (first + second, REFERENCE.add(a, b)),
        (first - second, REFERENCE.subtract(a, b)),
        (first * times, REFERENCE.multiply(a, Decimal(times))),
        (times * first, REFERENCE.multiply(a, Decimal(times))),
        (first * factor, REFERENCE.multiply(a, factor)),
    ]
    for result, expected in cases:
        assert result.currency.code == code
        assert result.amount == expected
        assert result.amount.as_tuple() == expected.as_tuple()


@given(money_lists())
def test_sum_money_is_the_fold_of_plus(drawn: tuple[str, list[Money]]) -> None:
    """sum_money(items, c) == reduce(+, items, zero in c); the empty sum is c's zero."""
    code, items = drawn
    zero = Money(Decimal(f"0E{-minor_units(code)}"), code)
    total = sum_money(items, code)
    assert total == functools.reduce(operator.add, items, zero)
    assert total.currency.code == code
    if not items:
        assert repr(total) == repr(zero)


@given(varied_currencies())
def test_the_empty_sum_is_zero_in_the_named_currency(code: str) -> None:
    """sum_money([], c) is zero in c, with c's minor-unit decimals."""
    total = sum_money([], code)
    assert total.currency.code == code
    assert total.amount == 0
    assert total.amount.as_tuple().exponent == -minor_units(code)


@given(whole_money(), ratios())
def test_allocate_accepts_a_single_ratio_only_if_positive(
    whole: Money, share: Decimal | int
) -> None:
    """allocate(m, [r]) is [m] for r > 0 and refused with a CommerceKitError for r == 0."""
    if share:
        assert allocate(whole, [share]) == [whole]
    else:
        with pytest.raises(CommerceKitError):
            allocate(whole, [share])


@given(exact_amounts("EUR", max_extra=4))
def test_allocate_refuses_amounts_finer_than_the_minor_unit(raw: Decimal) -> None:
    """allocate refuses an amount finer than the minor unit and says to round it first."""
    amount = Money(raw, "EUR")
    if (Fraction(raw) * 100).denominator == 1:
        assert sum_money(allocate(amount, [1, 1]), "EUR") == amount
    else:
        with pytest.raises(CommerceKitError, match="round_money"):
            allocate(amount, [1, 1])


@given(whole_money(), ratio_lists())
def test_allocate_minor_units_is_allocate_in_minor_units(
    whole: Money, shares: list[Decimal | int]
) -> None:
    """allocate_minor_units(to_minor_units(m), ratios) is allocate(m, ratios), each
    part counted in minor units."""
    parts = allocate_minor_units(to_minor_units(whole), shares)
    assert parts == [to_minor_units(part) for part in allocate(whole, shares)]


@given(
    st.integers(-(10**15), 10**15),
    st.lists(st.integers(0, 10**17), min_size=1, max_size=30).filter(any),
)
def test_whole_ratios_share_as_their_decimals_do(units: int, ratios: list[int]) -> None:
    """``allocate_minor_units`` and ``allocate`` give the same parts for whole-number
    ratios as for the same ratios written as Decimals (one with decimals, so the
    fractions are brought to a common denominator): ints are their own weights."""
    decimals: list[Decimal | int] = [
        Decimal(ratio).quantize(Decimal("0.1")) for ratio in ratios
    ]
    assert allocate_minor_units(units, ratios) == allocate_minor_units(units, decimals)
    money = Money(Decimal(units).scaleb(-2), "EUR")
    assert [repr(part) for part in allocate(money, ratios)] == [
        repr(part) for part in allocate(money, decimals)
    ]
