"""The buyer's payment through JSON and on the command line.

A request's ``"payment"`` names the bundled example schedule by ``"provider"`` or
carries the shop's contract as ``"fee_schedule"`` rows; both round-trip, fit the
request schema, and give quotes that fit the quote schema. Hostile values are refused
with an ``InvalidJsonError`` at their path, listing the choices. The quote table prints
the merchant's payment cost and any surcharge.
"""

from __future__ import annotations

import copy
import io
import json
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest

from commercekit.checkout import quote
from commercekit.cli import main
from commercekit.errors import InputKind, InvalidJsonError, SurchargeRefusedError
from commercekit.payments import example_schedule
from commercekit.serde import (
    example_request,
    quote_request_from_json,
    quote_request_to_json,
    quote_schema,
    quote_to_json,
    request_schema,
)
from tests.test_json_boundary import PYTHON_WORDS

CARD = {
    "method": "card",
    "card_type": "consumer_credit",
    "issuer_country": "DE",
    "converted": False,
    "surcharge": False,
    "provider": "stripe",
}


def _german_shop() -> dict[str, Any]:
    """The example's cart sold by a German shop to a German consumer, paid by an
    American consumer credit card (a surcharge up to cost is lawful: BGB § 312a(4))."""
    data = example_request("nl-to-de-consumer")
    data["seller"] = {"country": "DE"}
    del data["shipping"], data["warehouse"]  # the example cards ship from NL
    data["payment"] = CARD | {
        "issuer_country": "US",
        "surcharge": True,
        "free_means_offered": True,
    }
    return data


def _contract(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` paid on the Stripe example's rows typed in as the shop's own contract
    (with a refund fee)."""
    rows = [
        {
            "provider": "contract",
            "merchant_country": row.merchant_country,
            "method": row.method.value,
            "card_type": None if row.card_type is None else row.card_type.value,
            "card_origin": None if row.card_origin is None else row.card_origin.value,
            "percent": str(row.percent),
            "fixed": {"amount": str(row.fixed.amount), "currency": "EUR"},
            "cross_border_percent": str(row.cross_border_percent),
            "conversion_percent": None,
            "dispute_fee": None,
            "fee_kept_on_refund": True,
            "refund_fee": {"amount": "0.50", "currency": "EUR"},
            "since": row.since.isoformat(),
            "until": None,
            "read_on": "2026-11-30",
            "sources": ["https://example.com/contract"],
        }
        for row in example_schedule("stripe").rows
    ]
    payment = {k: v for k, v in data["payment"].items() if k != "provider"}
    return data | {"payment": payment | {"fee_schedule": rows}}


def test_the_german_example_pays_by_a_german_consumer_credit_card() -> None:
    """The bundled NL-to-DE request: 87.65 paid by a German consumer credit card on
    Stripe's example schedule, an EEA card at 1.5 % + 0.25: 1.31 + 0.25 = 1.56."""
    data = example_request("nl-to-de-consumer")
    assert data["payment"] == CARD
    jsonschema.validate(data, request_schema())
    written = quote_to_json(quote(*quote_request_from_json(data)))
    jsonschema.validate(written, quote_schema())
    payment = written["payment"]
    assert written["grand_total"] == {"amount": "87.65", "currency": "EUR"}
    assert payment["cost"]["total"] == {"amount": "1.56", "currency": "EUR"}
    assert payment["cost"]["percentage_fee"] == {"amount": "1.31", "currency": "EUR"}
    assert payment["cost"]["source"] == (
        "https://support.stripe.com/questions/april-2023-pricing-updates-for-businesses-"
        "based-in-europe"
    )
    assert payment["cost"]["row"]["card_origin"] == "eea"
    assert payment["surcharge"] is None
    assert payment["charged_to_buyer"] == {"amount": "0.00", "currency": "EUR"}
    assert payment["why"][0].endswith("(stripe example schedule), not charged to the buyer")


def test_a_surcharge_in_json_shows_its_net_tax_gross_and_the_law() -> None:
    """The goods come to 80.46 after 10 % off (tees 44.91 at 19 %, the atlas 35.55 at
    7 %). An international card on Stripe's example, 3.25 % + 0.25: 2.61 + 0.25 =
    2.86, shared 1.60 and 1.26 over the rates by the lines' amounts, with 0.26 and 0.08
    VAT inside. The payment of 83.32 then costs 2.71 + 0.25 = 2.96."""
    data = _german_shop()
    jsonschema.validate(data, request_schema())
    written = quote_to_json(quote(*quote_request_from_json(data)))
    jsonschema.validate(written, quote_schema())
    surcharge = written["payment"]["surcharge"]
    assert surcharge["ruling"] == "allowed"
    gross = {key: surcharge[key]["amount"] for key in ("net", "tax", "gross")}
    assert surcharge["gross"] == surcharge["cost"]["total"]
    assert surcharge["cost"]["amount"]["amount"] == "80.46"  # the goods, after 10 % off
    assert gross == {"net": "2.52", "tax": "0.34", "gross": "2.86"}
    assert written["grand_total"]["amount"] == "83.32"
    assert written["payment"]["cost"]["total"]["amount"] == "2.96"
    assert "https://www.gesetze-im-internet.de/bgb/__312a.html" in surcharge["sources"]


def test_a_refused_surcharge_in_json_reaches_the_caller() -> None:
    data = _german_shop()
    data["payment"]["issuer_country"] = "DE"
    with pytest.raises(SurchargeRefusedError):
        quote(*quote_request_from_json(data))


@pytest.mark.parametrize("contract", [False, True], ids=["provider", "fee_schedule"])
def test_a_payment_round_trips(contract: bool) -> None:
    data = _contract(_german_shop()) if contract else _german_shop()
    jsonschema.validate(data, request_schema())
    cart, context = quote_request_from_json(data)
    written = quote_request_to_json(cart, context)
    assert written["payment"] == data["payment"]
    again = quote_request_from_json(written)
    assert quote(*again) == quote(cart, context)


def test_a_live_fee_plugin_cannot_be_written_as_a_request() -> None:
    cart, context = quote_request_from_json(example_request("nl-to-de-consumer"))

    class Live:
        def fee_row(self, *args: Any, **kwargs: Any) -> Any:
            return example_schedule("stripe").fee_row(*args, **kwargs)

    with pytest.raises(InvalidJsonError) as refused:
        quote_request_to_json(cart, attrs.evolve(context, payment_costs=Live()))
    assert refused.value.field == "payment_costs"


def _refused(payment: Any) -> InvalidJsonError:
    data = copy.deepcopy(example_request("nl-to-de-consumer"))
    data["payment"] = payment
    with pytest.raises(InvalidJsonError) as refused:
        quote_request_from_json(data)
    shown = [word for word in PYTHON_WORDS if word in str(refused.value)]
    assert shown == [], str(refused.value)
    return refused.value


@pytest.mark.parametrize(
    ("payment", "field", "words"),
    [
        (CARD | {"method": "cheque"}, "payment.method", "'cheque' is not a payment method"),
        (CARD | {"provider": "adyen"}, "payment.provider", "'adyen' is not a provider"),
        (CARD | {"provider": None}, "payment.provider", 'neither "provider" nor'),
        ({k: v for k, v in CARD.items() if k != "provider"}, "payment", "neither"),
        (CARD | {"fee_schedule": []}, "payment", 'names both "provider" and'),
        (CARD | {"issuer_country": None}, "payment.issuer_country", "is missing"),
        (CARD | {"issuer_country": "QQ"}, "payment.issuer_country", "'QQ' is not"),
        (CARD | {"card_type": "gold"}, "payment.card_type", "'gold' is not a card type"),
        (CARD | {"converted": "no"}, "payment.converted", ""),
        (CARD | {"colour": "red"}, "payment.colour", ""),
        ([CARD], "payment", ""),
    ],
    ids=[
        "method", "provider", "provider-null", "no-schedule", "both", "no-issuer",
        "issuer", "card-type", "flag", "extra", "array",
    ],
)  # fmt: skip
def test_a_wrong_payment_is_refused_at_its_path(
    payment: Any, field: str, words: str
) -> None:
    refused = _refused(payment)
    assert refused.field == field
    assert words in str(refused)


def test_an_unknown_method_or_provider_lists_the_choices() -> None:
    method = _refused(CARD | {"method": "cheque"})
    assert method.kind is InputKind.CHOICE
    assert "sepa_direct_debit" in method.choices
    provider = _refused(CARD | {"provider": "adyen"})
    assert provider.choices == ("mollie", "stripe")


def test_a_wrong_fee_row_is_refused_at_its_path() -> None:
    data = _contract(example_request("nl-to-de-consumer") | {"payment": dict(CARD)})
    rows = data["payment"]["fee_schedule"]
    bad = copy.deepcopy(rows)
    bad[0]["percent"] = 1.5
    assert _refused(data["payment"] | {"fee_schedule": bad}).field == (
        "payment.fee_schedule[0].percent"
    )
    overlapping = [*rows, rows[0]]
    refused = _refused(data["payment"] | {"fee_schedule": overlapping})
    assert refused.field == "payment.fee_schedule"
    assert "overlaps another row" in str(refused)


def test_a_fee_schedule_in_another_currency_is_refused_at_its_path() -> None:
    """A schedule in USD for a cart in EUR: the 422 named the Python argument
    ``payment_costs``, showed ``FeeSchedule(provider=..., rows=1)`` and no currency."""
    data = _contract(example_request("nl-to-de-consumer") | {"payment": dict(CARD)})
    rows = copy.deepcopy(data["payment"]["fee_schedule"])
    for row in rows:
        for fee in ("fixed", "refund_fee"):
            row[fee]["currency"] = "USD"
    refused = _refused(data["payment"] | {"fee_schedule": rows})
    assert (refused.field, refused.kind) == ("payment.fee_schedule", InputKind.AMOUNT)
    assert "in USD, but the cart is in EUR" in refused.reason
    assert "FeeSchedule(" not in str(refused)


def _mistakes(contract: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Payments the library refuses, each with what is wrong."""
    payment = contract["payment"]
    row = payment["fee_schedule"][0]
    assert row["method"] == "card"

    def with_row(**changes: Any) -> dict[str, Any]:
        return payment | {"fee_schedule": [row | changes, *payment["fee_schedule"][1:]]}

    return [
        (
            "a card without its card_type",
            {k: v for k, v in CARD.items() if k != "card_type"},
        ),
        ("a card without its issuer_country", CARD | {"issuer_country": None}),
        ("ideal with a card_type", CARD | {"method": "ideal", "issuer_country": None}),
        ("ideal with an issuer_country", CARD | {"method": "ideal", "card_type": None}),
        ("a row percent of 150", with_row(percent="150")),
        ("a row percent of -3", with_row(percent="-3")),
        ("a conversion percent of 101", with_row(conversion_percent="101")),
        ("a card row with card_type null", with_row(card_type=None)),
        ("an iDEAL row with a card origin", with_row(method="ideal", card_type=None)),
    ]


def test_the_request_schema_refuses_what_the_library_refuses() -> None:
    """Card vs non-card (if/then) and percentages from 0 to 100 (pattern), as
    ``Payment`` and ``FeeRow`` refuse them; each mistake is refused by both."""
    data = _contract(example_request("nl-to-de-consumer") | {"payment": dict(CARD)})
    jsonschema.validate(data, request_schema())
    for mistake, payment in _mistakes(data):
        wrong = data | {"payment": payment}
        checker = jsonschema.Draft202012Validator(request_schema())
        assert list(checker.iter_errors(wrong)), f"the schema accepts {mistake}"
        with pytest.raises(InvalidJsonError):
            quote_request_from_json(wrong)


# --- the quote table ------------------------------------------------------------------


def _table(tmp_path: Path, data: Any) -> list[str]:
    path = tmp_path / "request.json"
    path.write_text(json.dumps(data), "utf-8")
    out = io.StringIO()
    assert main(["quote", str(path)], out=out) == 0
    return [" ".join(line.split()) for line in out.getvalue().splitlines()]


def test_the_table_prints_the_merchants_payment_cost(tmp_path: Path) -> None:
    rows = _table(tmp_path, example_request("nl-to-de-consumer"))
    at = rows.index(
        "payment cost (merchant) 1.56 EUR (1.31 EUR percentage + 0.25 EUR fixed)"
    )
    assert rows[at - 1] == "total at checkout 87.65 EUR"
    assert rows[at + 1] == (
        "card (consumer_credit, DE) costs the merchant 1.56 EUR on 87.65 EUR (stripe "
        "example schedule), not charged to the buyer"
    )
    assert rows[at + 2].startswith("why: The stripe schedule for a merchant in NL")
    assert any("labelled example" in row for row in rows)
    assert (
        "source: https://support.stripe.com/questions/april-2023-pricing-updates-for-"
        "businesses-based-in-europe" in rows
    )


def test_the_table_prints_a_surcharge_line(tmp_path: Path) -> None:
    rows = _table(tmp_path, _german_shop())
    at = rows.index("payment surcharge 2.52 EUR 0.34 EUR 2.86 EUR")
    assert rows[at + 1] == (
        "card (consumer_credit, US): the merchant's cost of accepting 80.46 EUR, "
        "allowed by law"
    )
    assert rows[at + 2].startswith("why: In DE, BGB § 270a sentence 2; § 312a(4) BGB")
    assert "total at checkout 83.32 EUR" in rows
    assert "payment cost (merchant) 2.96 EUR (2.71 EUR percentage + 0.25 EUR fixed)" in rows


def test_the_demo_prints_the_payment_cost(tmp_path: Path) -> None:
    out = io.StringIO()
    assert main(["demo"], out=out) == 0
    rows = [" ".join(line.split()) for line in out.getvalue().splitlines()]
    assert "payment cost (merchant) 1.56 EUR (1.31 EUR percentage + 0.25 EUR fixed)" in rows
