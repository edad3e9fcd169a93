"""Plug-ins are input too: their answers are checked, and they cannot change figures.

A rate source, a tariff, a carrier or a tax-ID registry is code the shop supplies. The
quote refuses an answer that is not what the seam promises (a rate for another country,
a rate out of force, a duty row for another heading, garbage) with a CommerceKitError
naming the seam, and a plug-in that changes the decimal context, even in place, changes
no figure.
"""

from __future__ import annotations

import decimal
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import attrs
import pytest

from commercekit.checkout import quote
from commercekit.errors import InvalidAmountError, MissingDataError
from commercekit.money import RateTable, convert
from commercekit.serde import example_request, quote_request_from_json
from commercekit.shipping import BUNDLED_TARIFF
from commercekit.tax import BUNDLED

DAY = date(2026, 11, 26)


def _quote_of(name: str, **changes: Any) -> Any:
    cart, context = quote_request_from_json(example_request(name))
    return quote(cart, attrs.evolve(context, **changes))


def test_a_rate_source_that_sets_the_precision_in_place_changes_no_figure() -> None:
    cart, context = quote_request_from_json(example_request("nl-to-us-ddp"))
    table = context.exchange_rates
    assert table is not None

    class Careless:
        def table(self, base: str, *, at: datetime) -> RateTable:
            decimal.getcontext().prec = 1
            decimal.getcontext().rounding = decimal.ROUND_DOWN
            return table

    plain = quote(cart, context)
    plugged = quote(
        cart, attrs.evolve(context, exchange_rates=None, exchange_rate_source=Careless())
    )
    assert plugged.grand_total == plain.grand_total
    assert plugged.landed == plain.landed


def _de(rate: Any) -> Any:
    class Source:
        def rates_for(self, jurisdiction: str, category: object, *, on: date) -> Any:
            if jurisdiction == "DE":
                return rate(category, on)
            return BUNDLED.rates_for(jurisdiction, category, on=on)

    return Source()


def _standard(category: object, on: date) -> Any:
    return BUNDLED.rates_for("DE", "standard", on=on)[0]


@pytest.mark.parametrize(
    ("answer", "words"),
    [
        (
            lambda c, on: (
                attrs.evolve(
                    BUNDLED.rates_for("DE", c, on=on)[0],
                    rate=Decimal(16),
                    since=date(2020, 7, 1),
                    until=date(2020, 12, 31),
                ),
            ),
            "is not in force on 2026-11-26",
        ),
        (lambda c, on: BUNDLED.rates_for("HU", c, on=on), "is for another jurisdiction"),
        (
            lambda c, on: BUNDLED.rates_for("DE", c, on=on) * 2,
            "repeats a tax already given",
        ),
        (
            lambda c, on: (
                (_standard(c, on),)
                if str(c) != "standard"
                else BUNDLED.rates_for("DE", c, on=on)
            ),
            "is for another category",
        ),
        (lambda c, on: ["19%"], "must return a non-empty tuple of TaxRate"),
        (lambda c, on: (), "must return a non-empty tuple of TaxRate"),
    ],
    ids=["expired", "another-country", "twice", "another-category", "garbage", "empty"],
)
def test_a_tax_rate_source_answer_that_is_not_the_rate_asked_for_is_refused(
    answer: Any, words: str
) -> None:
    with pytest.raises(InvalidAmountError, match=words):
        _quote_of("nl-to-de-consumer", tax_rates=_de(answer))


def _tariff(answer: Any) -> Any:
    class Tariff:
        def duty(self, hs_code: str, *, origin: str, destination: str, on: date) -> Any:
            return answer(
                BUNDLED_TARIFF.duty(hs_code, origin=origin, destination=destination, on=on)
            )

    return Tariff()


@pytest.mark.parametrize(
    "answer",
    [
        lambda row: attrs.evolve(row, destination="CA", rate=Decimal(50)),
        lambda row: attrs.evolve(
            row, rate=Decimal(50), since=date(2000, 1, 1), until=date(2001, 1, 1)
        ),
        lambda row: attrs.evolve(row, heading="0101", rate=Decimal(50)),
        lambda row: None,
        lambda row: "12%",
    ],
    ids=["another-destination", "expired", "another-heading", "none", "garbage"],
)
def test_a_tariff_answer_that_is_not_the_row_asked_for_is_refused(answer: Any) -> None:
    with pytest.raises(InvalidAmountError, match="duty\\(\\) must return a DutyRate"):
        _quote_of("nl-to-us-ddp", tariffs=_tariff(answer))


def test_a_carrier_answer_that_is_not_shipping_options_is_refused() -> None:
    class Carrier:
        def options(
            self, parcel: object, country: str, postcode: object, *, on: date
        ) -> Any:
            return ["cheap"]

    with pytest.raises(InvalidAmountError, match="must return a tuple of ShippingOption"):
        _quote_of("nl-to-de-consumer", shipping_rates=Carrier())


def test_an_exchange_rate_source_that_answers_nothing_is_named() -> None:
    class Nothing:
        def table(self, base: str, *, at: datetime) -> None:
            return None

    with pytest.raises(InvalidAmountError, match="exchange-rate source's answer"):
        _quote_of("nl-to-us-ddp", exchange_rates=None, exchange_rate_source=Nothing())


def test_the_plugs_still_take_a_good_answer() -> None:
    assert (
        _quote_of("nl-to-de-consumer", tax_rates=BUNDLED).grand_total
        == _quote_of("nl-to-de-consumer").grand_total
    )
    assert (
        _quote_of("nl-to-us-ddp", tariffs=_tariff(lambda row: row)).landed
        == _quote_of("nl-to-us-ddp").landed
    )


def test_a_card_priced_in_another_currency_is_converted_at_the_contexts_rates() -> None:
    """docs/json.md: the shop's cards may be in any currency."""
    cart, context = quote_request_from_json(example_request("nl-to-us-ddp"))
    table = context.exchange_rates
    assert table is not None
    cards = tuple(
        attrs.evolve(
            card,
            currency="USD",
            brackets={
                zone: tuple(
                    attrs.evolve(b, price=convert(b.price, "USD", table)) for b in rows
                )
                for zone, rows in card.brackets.items()
            },
            per_extra_kg={
                zone: convert(rate, "USD", table)
                for zone, rate in card.per_extra_kg.items()
            },
            remote_surcharge=None,
            oversize_surcharge=None,
        )
        for card in context.rate_cards
    )
    result = quote(cart, attrs.evolve(context, rate_cards=cards))
    assert result.shipping is not None
    assert result.shipping.price.currency.code == "EUR"
    assert any(
        "shipping priced in another currency" in note and "USD" in note
        for note in result.explanation
    )
    with pytest.raises(MissingDataError, match="an exchange rate from USD to EUR"):
        quote(cart, attrs.evolve(context, rate_cards=cards, exchange_rates=None))
