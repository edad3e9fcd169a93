"""The django-money recipe in docs/money.md, run against the real django-money.

A ``MoneyField`` saved from commercekit ``Money`` reads back equal to it, in a 0, 2 or
3-decimal currency; what django-money returns (its own ``djmoney.money.Money``) becomes
commercekit ``Money`` with ``Money.from_moneyed``, digit for digit; and an amount finer
than the column (or longer than it) is refused before it is saved, rather than rounded
by the database.

The model and the field are not written here: the ``py`` block of the page's "Storing
amounts with django-money" section is executed as it stands, and its ``pycon`` block is
run as a doctest, so the page shows exactly the code these tests check.

Django is configured by a module-scoped fixture, not at import, with an in-memory SQLite
database and without touching logging; when the module is done, the table is dropped,
the connection closed, the models unregistered, the settings unconfigured and sqlite3's
adapters and converters put back, so no other test sees Django set up (only the app
registry still lists djmoney: Django has no way to unload an app).
"""

from __future__ import annotations

import doctest
import re
import sqlite3
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import django
import moneyed
import pytest
from django.apps import apps
from django.db import models
from django.utils.functional import empty
from hypothesis import given
from hypothesis import strategies as st

from commercekit.money import Money, RoundingMode, round_money
from commercekit.money._currency import MINOR_UNITS, currency_info
from tests.strategies import REPRESENTATIVE_CURRENCIES, exact_amounts, minor_unit_amounts

PAGE = Path(__file__).parent.parent / "docs" / "money.md"
SECTION = "### Storing amounts with django-money"

MAX_DIGITS = 15
DECIMAL_PLACES = 3
STEP = Decimal(1).scaleb(-DECIMAL_PLACES)

# Codes py-moneyed knows (django-money reads amounts back through it) whose minor unit
# the column holds (all but the 4-decimal ones, such as CLF).
FITTING_CODES = tuple(
    sorted(
        code
        for code, places in MINOR_UNITS.items()
        if places <= DECIMAL_PLACES and code in moneyed.CURRENCIES
    )
)
# ISO 4217 codes commercekit knows and py-moneyed does not (XAD, XCG, ZWG in 3.0).
UNKNOWN_TO_MONEYED = tuple(sorted(set(MINOR_UNITS) - set(moneyed.CURRENCIES)))


def _recipe_blocks() -> tuple[str, str]:
    """The section's ``py`` block (the model) and ``pycon`` block (its use)."""
    text = PAGE.read_text(encoding="utf-8")
    start = text.index(SECTION)
    end = text.find("\n#", start + len(SECTION))
    section = text[start : end if end != -1 else len(text)]
    blocks = dict(re.findall(r"^```(py|pycon)\n(.*?)^```", section, re.M | re.S))
    return blocks["py"], blocks["pycon"]


@pytest.fixture(scope="module")
def shop() -> Iterator[dict[str, Any]]:
    """Django set up with djmoney, the page's model defined and its table created."""
    # Imported here, not at the top: pytest's doctest collection looks into a module's
    # names, and these lazy objects raise there while Django is not configured.
    from django.conf import settings  # noqa: PLC0415
    from django.db import connection, connections  # noqa: PLC0415

    if settings.configured:
        pytest.fail("Django was configured before this module; it must not leak in")
    adapters, converters = dict(sqlite3.adapters), dict(sqlite3.converters)
    settings.configure(
        DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
        INSTALLED_APPS=["djmoney"],
        LOGGING_CONFIG=None,  # leave the logging pytest set up alone
        USE_TZ=True,
    )
    django.setup()
    # djmoney reads the settings when imported: it can only be imported from here on
    from djmoney.models.fields import MoneyField  # noqa: PLC0415

    model_code, _ = _recipe_blocks()
    names: dict[str, Any] = {"__name__": "shop.models"}
    exec(compile(model_code, str(PAGE), "exec"), names)  # noqa: S102  # the page's own code

    class PlainOrder(models.Model):
        """django-money's field as it comes, to show what the check stops."""

        total = MoneyField(
            max_digits=MAX_DIGITS, decimal_places=DECIMAL_PLACES, default_currency="EUR"
        )

        class Meta:
            app_label = "shop"

    names["PlainOrder"] = PlainOrder
    tables = (names["Order"], PlainOrder)
    with connection.schema_editor() as editor:
        for model in tables:
            editor.create_model(model)
    try:
        yield names
    finally:
        with connection.schema_editor() as editor:
            for model in tables:
                editor.delete_model(model)
        connections.close_all()
        for alias in list(connections):
            del connections[alias]
        connections.__dict__.pop("settings", None)
        apps.all_models.pop("shop", None)
        apps.clear_cache()
        settings._wrapped = empty
        sqlite3.adapters.clear()
        sqlite3.adapters.update(adapters)
        sqlite3.converters.clear()
        sqlite3.converters.update(converters)


def _round_trip(shop: dict[str, Any], price: Money, model: str = "Order") -> Any:
    """``price`` saved in a new row, and the row's amount read back from the database."""
    table = shop[model]
    row = table.objects.create(total=price)
    return table.objects.get(pk=row.pk).total


def _digits(amount: Decimal) -> tuple[int, tuple[int, ...], int]:
    """A Decimal's sign, digits and exponent: equal only if the digits are the same."""
    sign, digits, exponent = amount.as_tuple()
    assert isinstance(exponent, int)
    return sign, digits, exponent


@pytest.mark.parametrize(
    ("amount", "code"),
    [
        ("19.99", "EUR"),
        ("-5.5", "USD"),
        ("0", "EUR"),
        ("1500", "JPY"),
        ("-1", "JPY"),
        ("1.234", "KWD"),
        ("0.005", "BHD"),
        ("999999999999.999", "BHD"),
        ("19.991", "EUR"),  # finer than a cent, within the column's 3 decimals
    ],
)
def test_a_saved_amount_reads_back_equal(
    shop: dict[str, Any], amount: str, code: str
) -> None:
    price = Money(amount, code)
    stored = _round_trip(shop, price)
    back = Money.from_moneyed(stored)
    assert type(back) is Money
    assert back == price
    assert back.currency.code == code
    # exact to the column's decimal places: the same digits, padded to three decimals
    assert _digits(back.amount) == _digits(price.amount.quantize(STEP))
    # and round_money gives the currency's minor unit back, as the page says
    assert back.amount.as_tuple().exponent == -DECIMAL_PLACES
    assert round_money(back).amount.as_tuple().exponent == -MINOR_UNITS[code]


def test_what_django_money_returns_converts_exactly(shop: dict[str, Any]) -> None:
    from djmoney.money import Money as DjangoMoney  # noqa: PLC0415  # see shop()

    stored = _round_trip(shop, Money("1.234", "KWD"))
    assert type(stored) is DjangoMoney
    assert isinstance(stored, moneyed.Money)
    assert not isinstance(stored, Money)
    back = Money.from_moneyed(stored)
    assert _digits(back.amount) == _digits(stored.amount) == _digits(Decimal("1.234"))
    assert back.currency == stored.currency
    assert back.to_moneyed() == stored


@st.composite
def fitting_money(draw: st.DrawFn) -> Money:
    """Money the column holds exactly: at most 3 decimals and 15 digits in all."""
    code = draw(
        st.one_of(
            st.sampled_from(REPRESENTATIVE_CURRENCIES[:3]), st.sampled_from(FITTING_CODES)
        )
    )
    places = MINOR_UNITS[code]
    limit = 10 ** (MAX_DIGITS - DECIMAL_PLACES + places) - 1  # in minor units: < 10^12
    amounts = minor_unit_amounts(code, limit=limit)
    if places < DECIMAL_PLACES:
        amounts = st.one_of(
            amounts, exact_amounts(code, max_extra=DECIMAL_PLACES - places, limit=limit)
        )
    return Money(draw(amounts), code)


@given(price=fitting_money())
def test_save_load_from_moneyed_is_the_identity(shop: dict[str, Any], price: Money) -> None:
    back = Money.from_moneyed(_round_trip(shop, price))
    assert back == price
    assert back.currency is price.currency
    assert _digits(back.amount) == _digits(price.amount.quantize(STEP))


@pytest.mark.parametrize(
    ("amount", "code"),
    [
        ("19.9995", "EUR"),  # a decimal more than the column
        ("4.1979", "EUR"),
        ("0.0001", "KWD"),
        ("1.0000001", "JPY"),
        ("0.0005", "CLF"),  # a whole minor unit of CLF, finer than the column
        ("1000000000000", "JPY"),  # 13 digits before the point: 16 with the decimals
    ],
)
def test_an_amount_the_column_would_round_is_refused(
    shop: dict[str, Any], amount: str, code: str
) -> None:
    order = shop["Order"]
    before = order.objects.count()
    with pytest.raises(ValueError, match=r"round it first \(round_money\)"):
        order.objects.create(total=Money(amount, code))
    with pytest.raises(ValueError, match="does not fit"):
        order.objects.bulk_create([order(total=Money(amount, code))])
    assert order.objects.count() == before


def test_update_refuses_it_too(shop: dict[str, Any]) -> None:
    order = shop["Order"]
    row = order.objects.create(total=Money("1.00", "EUR"))
    with pytest.raises(ValueError, match="does not fit"):
        order.objects.filter(pk=row.pk).update(total=Money("1.0001", "EUR"))
    assert Money.from_moneyed(order.objects.get(pk=row.pk).total) == Money("1", "EUR")


def test_rounding_first_with_round_money_saves_it(shop: dict[str, Any]) -> None:
    tax = Money("19.99", "EUR") * Decimal("0.21")  # 4.1979
    for mode, expected in [(RoundingMode.HALF_UP, "4.20"), (RoundingMode.DOWN, "4.19")]:
        back = Money.from_moneyed(_round_trip(shop, round_money(tax, mode=mode)))
        assert back == Money(expected, "EUR")


def test_without_the_check_the_column_rounds_silently(shop: dict[str, Any]) -> None:
    # What the recipe's field prevents: django-money saves the unrounded amount and
    # SQLite's reader rounds it half to even, so the row and the instance disagree.
    price = Money("19.9985", "EUR")
    assert _round_trip(shop, price, "PlainOrder").amount == Decimal("19.998")
    assert _round_trip(shop, Money("19.9995", "EUR"), "PlainOrder").amount == Decimal("20")


def test_the_pages_examples(shop: dict[str, Any]) -> None:
    _, session = _recipe_blocks()
    names = {**shop, "Decimal": Decimal, "Money": Money}
    test = doctest.DocTestParser().get_doctest(session, names, SECTION, str(PAGE), 0)
    report: list[str] = []
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    result = runner.run(test, out=report.append)
    assert result.failed == 0, "".join(report)
    assert result.attempted > 0


@pytest.mark.parametrize("code", UNKNOWN_TO_MONEYED)
def test_a_code_py_moneyed_does_not_know_is_refused_by_django_money(
    shop: dict[str, Any], code: str
) -> None:
    order = shop["Order"]
    before = order.objects.count()
    with pytest.raises(moneyed.CurrencyDoesNotExist):
        order.objects.create(total=Money("1.50", code))
    assert order.objects.count() == before


@pytest.mark.parametrize("code", UNKNOWN_TO_MONEYED)
def test_registered_with_py_moneyed_it_reads_back(shop: dict[str, Any], code: str) -> None:
    info = currency_info(code)
    places = MINOR_UNITS[code]
    moneyed.add_currency(code, info.numeric, sub_unit=10**places, name=info.name)
    try:
        price = Money("1.50", code)
        back = Money.from_moneyed(_round_trip(shop, price))
        assert back == price
        assert back.currency.code == code
    finally:
        del moneyed.CURRENCIES[code]
        del moneyed.CURRENCIES_BY_ISO[info.numeric]
