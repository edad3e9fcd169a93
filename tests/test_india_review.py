"""India, tried as a demanding user: faults found in review, each pinned by a test."""

from __future__ import annotations

import io
import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from commercekit.cli import main
from commercekit.errors import (
    CommerceKitError,
    InvalidAmountError,
    InvalidTaxIdError,
    MissingDataError,
    NoRuleError,
)
from commercekit.money import Money
from commercekit.shipping import Item, Shipment, landed_cost
from commercekit.tax import (
    Buyer,
    GstSupplier,
    GstSupply,
    Sale,
    Seller,
    ServiceFacts,
    decide,
    ecommerce_tcs,
    validate_tax_id,
)

DAY = date(2026, 6, 1)


def _import_request() -> dict[str, Any]:
    """Two lamps of INR 1,499 flown from the US into Maharashtra, DDP, freight and
    insurance not given (so r. 10(2)'s 20% and 1.125% are assumed), BCD 20%, SWS 0."""
    return {
        "cart": {
            "lines": [
                {
                    "sku": "LAMP",
                    "unit_price": {"amount": "1499.00", "currency": "INR"},
                    "quantity": 2,
                }
            ]
        },
        "seller": {"country": "US"},
        "buyer": {"country": "IN", "subdivision": "IN-MH"},
        "at": "2026-06-01T12:00:00+05:30",
        "prices_include_tax": False,
        "products": {
            "LAMP": {"tax_category": "standard", "hs_code": "9405.11", "origin": "CN"}
        },
        "incoterm": "DDP",
        "tariff": {
            "name": "example",
            "rows": [
                {
                    "destination": "IN",
                    "heading": "9405",
                    "rate": "20",
                    "since": "2025-04-01",
                    "until": None,
                    "source": "example rate, not the Indian tariff",
                    "social_welfare_surcharge": "0",
                }
            ],
        },
    }


def _amounts(text: str, start: str) -> list[Decimal]:
    """The INR amounts on the table's lines that start with ``start``."""
    found = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith(start):
            words = stripped.split(" INR")[0].split()
            found.append(Decimal(words[-1]))
    return found


def test_the_quote_table_shows_the_rupee_rounding_so_the_border_charges_add_up(
    tmp_path: Path,
) -> None:
    """The table printed duty 726.27 + surcharge 0.00 + IGST 784.37 = 1510.64 and then
    "the seller collects 1511.00": the 0.36 of rounding to the rupee (Customs Act s.
    154A) was a part of the charges it did not show. Assessable value 2998 + 599.60 +
    33.73 = 3631.33; BCD 20% = 726.27; IGST 18% of 4357.60 = 784.37."""
    path = tmp_path / "in.json"
    path.write_text(json.dumps(_import_request()), "utf-8")
    out = io.StringIO()
    assert main(["quote", str(path)], out=out) == 0
    text = out.getvalue()
    parts = _amounts(text, "duty on ") + _amounts(text, "import tax ")
    parts += _amounts(text, "rounding ")
    assert parts == [Decimal("726.27"), Decimal("0.00"), Decimal("784.37"), Decimal("0.36")]
    assert sum(parts) == Decimal("1511.00")
    assert "the seller collects at checkout: 1511.00 INR" in text
    assert "why: assumed transport 599.60 INR" in text  # why the value is 3631.33


def test_a_service_within_india_of_a_kind_section_12_places_apart_is_refused() -> None:
    """An event held in Maharashtra, organised by a Mumbai supplier for a consumer whose
    address is in Karnataka: IGST Act s. 12(7)(a)(ii) places it where it is held (an
    intra-State supply, CGST + SGST). The decision used s. 12(2)(b) instead, the
    buyer's address, and charged IGST, with the ServiceFacts that said "event in
    IN-MH" silently ignored. s. 12(3)-(14) are not bundled: such a sale is refused,
    naming the section; a general service is still decided by s. 12(2)."""
    seller, buyer = Seller("IN", {"IN-MH"}), Buyer("IN", subdivision="IN-KA")
    event = ServiceFacts("event", location="IN-MH")
    sale = Sale(seller, buyer, "services", Money("5000", "INR"), service=event)
    with pytest.raises(MissingDataError, match=r"s\. 12\(3\)-\(14\)"):
        decide(sale, on=DAY)
    general = Sale(seller, buyer, "services", Money("5000", "INR"),
                   service=ServiceFacts("general"))  # fmt: skip
    assert [r.tax for r in decide(general, on=DAY).rates] == ["IGST"]


def test_a_day_before_the_customs_data_names_the_periods_it_covers() -> None:
    """Into India on 2017-06-01 (before GST and IGST on imports, 2017-07-01) the error
    said "the data covers destinations AU, CA, ..., IN, ...": that IN is covered, when
    the day is not. It now names India's periods."""
    lamp = Item("Lamp", Money("100.00", "INR"), hs_code="9405.11", origin="CN")
    parcel = Shipment((lamp,), destination="IN")
    with pytest.raises(
        NoRuleError, match=r"on 2017-06-01; the data covers 2017-07-01\.\.open$"
    ):
        landed_cost(parcel, incoterm="DDP", on=date(2017, 6, 1))


def test_tcs_for_the_month_the_rate_halved_is_taken_at_each_part_s_rate() -> None:
    """July 2024: TCS was 1 % IGST on supplies to the 9th and 0.5 % from the 10th
    (Notification 15/2024-Central Tax, in force 2024-07-10; GSTN's advisory of 2
    August 2024: the old rate for the transactions before, the new one after). A
    month's INR 100,000 with on=2024-07-31 was charged 500.00, all at the new rate,
    though the month's supplies of the 1st to 9th owed 1 %. Such a period is refused;
    each part, bounded by since= and on=, is taken at its own rate."""
    month = Money("100000", "INR")
    with pytest.raises(InvalidAmountError, match="changed within it, on 2024-07-10"):
        ecommerce_tcs(month, Money("0", "INR"), place="IN", on=date(2024, 7, 31))
    before = ecommerce_tcs(Money("30000", "INR"), Money("0", "INR"), place="IN",
                           on=date(2024, 7, 9))  # fmt: skip
    after = ecommerce_tcs(Money("70000", "INR"), Money("0", "INR"), place="IN",
                          since=date(2024, 7, 10), on=date(2024, 7, 31))  # fmt: skip
    assert (before.total, after.total) == (Money("300.00", "INR"), Money("350.00", "INR"))
    for since in (date(2024, 6, 30), date(2024, 8, 1), "2024-07-10", True):
        with pytest.raises(CommerceKitError, match="since"):
            ecommerce_tcs(month, Money("0", "INR"), place="IN", on=date(2024, 7, 31),
                          since=since)  # type: ignore[arg-type]  # fmt: skip


def test_a_supplier_abroad_of_goods_is_refused_in_plain_words() -> None:
    """The message read "None is None (a supplier outside India) ..."."""
    with pytest.raises(InvalidAmountError, match=r"^None means a supplier outside India"):
        GstSupplier(None, {GstSupply.GOODS})


def test_a_ladakh_gstin_is_refused_for_what_it_is() -> None:
    """38AAPFU0939F1ZS has a right check character (mod-36 Luhn) and Ladakh's GST State
    code 38; python-stdnum 2.2 does not list 38, and the refusal said "One of the parts
    of the number are invalid or unknown", as if the number were wrong."""
    with pytest.raises(InvalidTaxIdError, match="State code 38 \\(Ladakh\\)"):
        validate_tax_id("38AAPFU0939F1ZS", "IN")
