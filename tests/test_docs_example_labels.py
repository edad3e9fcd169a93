"""Example data says it is an example wherever a figure from it is printed.

The bundled rate cards (invented prices), the example tariff (a few headings) and the
example requests' exchange rates ("example figures") feed the demo, ``commercekit
quote`` on the bundled requests and the quote's ``explanation``. Each figure taken from
them is labelled there; a shop's own card or tariff is not. The labels are words only:
the figures are those the rest of the suite pins (``tests/test_cli_quote.py``'s key
figures, the quote differential).
"""

from __future__ import annotations

import io
import json
import re
from datetime import date
from pathlib import Path

from commercekit.checkout import quote
from commercekit.cli import main
from commercekit.serde import (
    example_request,
    example_requests,
    quote_request_from_json,
    quote_to_json,
)
from commercekit.shipping import (
    BUNDLED_TARIFF,
    DutyRate,
    TariffTable,
    example_rate_cards,
    rate_card_to_dict,
)

_TARIFF = "example tariff (a few headings, not a complete customs tariff)"


def _demo() -> str:
    out = io.StringIO()
    assert main(["demo"], out=out) == 0
    return out.getvalue()


def test_the_demo_labels_every_shipping_price_duty_rate_and_conversion() -> None:
    shown = _demo()
    services = re.findall(r"^    ExampleParcel .*$", shown, re.M)
    assert len(services) == len(example_requests())
    assert all("(example rate card, invented prices)" in line for line in services)
    rates = re.findall(r"^  duty on .*: \d[\d.]*% = .*\n(.*)$", shown, re.M)
    assert rates  # the US order pays duty at the example tariff's rates
    assert all(line == f"    rate from {_TARIFF}: https://hts.usitc.gov/" for line in rates)
    conversions = re.findall(r"^  converted: .*$", shown, re.M)
    assert conversions  # the UK order's GBP 135 limit, in and out of euros
    assert all("(example figures)" in line for line in conversions)
    # the figures are unchanged
    assert "nl-to-us-ddp         export                       148.35 EUR" in shown
    assert "duty on TEE-ORGANIC: 16.5% = 12.35 EUR (6109.10 at 16.5%)" in shown


def test_the_quote_says_which_duties_come_from_the_example_tariff() -> None:
    made = quote_to_json(quote(*quote_request_from_json(example_request("nl-to-us-ddp"))))
    landed = made["landed_cost"]
    assert {duty["source"] for duty in landed["duties"]} == {
        f"{_TARIFF}: https://hts.usitc.gov/"
    }
    duty_lines = [line for line in made["explanation"] if line.startswith("duty on ")]
    assert duty_lines
    assert all(f"[{_TARIFF}: https://hts.usitc.gov/]" in line for line in duty_lines)
    assert landed["duty"] == {"amount": "12.35", "currency": "EUR"}


def test_the_example_tariff_rows_say_so_and_a_shops_own_do_not() -> None:
    assert all(
        row.source.startswith(f"{_TARIFF}: https://") for row in BUNDLED_TARIFF.rates
    )
    own = TariffTable(
        [
            DutyRate(
                "US", "6109.10", "16.5", date(2026, 1, 1), None, "https://hts.usitc.gov/"
            )
        ],
        name="mine",
    )
    assert own.duty(
        "6109100012", origin="PT", destination="US", on=date(2026, 11, 26)
    ).source == ("https://hts.usitc.gov/")


def test_a_shops_own_card_is_not_labelled_an_example(tmp_path: Path) -> None:
    request = example_request("nl-to-de-consumer")
    card = rate_card_to_dict(example_rate_cards()[0])
    request["shipping"]["rate_cards"] = [{**card, "carrier": "PostNL"}]
    path = tmp_path / "own-card.json"
    path.write_text(json.dumps(request), "utf-8")
    out = io.StringIO()
    assert main(["quote", str(path)], out=out) == 0
    shown = out.getvalue()
    assert "    PostNL Standard, 2-3 business days" in shown
    assert "example rate card" not in shown
