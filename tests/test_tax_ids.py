"""Tax numbers: real-world vectors checked in bulk, normalisation, and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from commercekit.errors import InvalidTaxIdError, UnknownCountryError
from commercekit.tax import TaxId, VerificationLevel, is_valid_tax_id, validate_tax_id
from commercekit.tax._ids import format_checked

VECTORS = json.loads((Path(__file__).parent / "data" / "tax_ids.json").read_text("utf-8"))
VALID = [
    (scheme["country"], case["input"])
    for scheme in VECTORS["schemes"]
    for case in scheme["valid"]
]
INVALID = [
    (scheme["country"], case["input"])
    for scheme in VECTORS["schemes"]
    for case in scheme["invalid"]
]
UNPREFIXED = {"AU", "NZ", "CA"}


@pytest.mark.parametrize(("country", "text"), VALID)
def test_valid_numbers(country: str, text: str) -> None:
    tax_id = validate_tax_id(text, country if country in UNPREFIXED else None)
    assert tax_id.country == country
    assert is_valid_tax_id(text, country)
    # Normalising is idempotent: the printed form validates to the same number.
    assert validate_tax_id(str(tax_id), country) == tax_id


@pytest.mark.parametrize(("country", "text"), INVALID)
def test_invalid_numbers(country: str, text: str) -> None:
    with pytest.raises(InvalidTaxIdError, match=f"not a valid {country} VAT number"):
        validate_tax_id(text, country)
    assert not is_valid_tax_id(text, country)


def test_normalised_forms() -> None:
    assert validate_tax_id("de 136.695.976") == TaxId("DE", "136695976", "EU VAT")
    assert str(validate_tax_id("GR094259216")) == "EL094259216"  # ISO GR, VAT prefix EL
    assert validate_tax_id("094259216", "GR").country == "EL"
    assert str(validate_tax_id("XI 980 7806 84")) == "XI980780684"
    assert str(validate_tax_id("GB 980 7806 84")) == "GB980780684"
    assert validate_tax_id("CHE-116.281.710 MWST").formatted == "CHE-116.281.710 MWST"
    assert str(validate_tax_id("NO 995 525 828 MVA")) == "NO995525828MVA"
    assert validate_tax_id("83 914 571 673", "AU").formatted == "83 914 571 673"
    assert validate_tax_id("123026635RT0001", "CA").number == "123026635RT0001"
    # A number given with the prefix of another country is refused, not re-read.
    with pytest.raises(InvalidTaxIdError, match="it is an FR number, not DE"):
        validate_tax_id("FR40303265045", "DE")


def test_a_decision_can_record_how_far_a_number_was_checked() -> None:
    record = format_checked(validate_tax_id("DE136695976"))
    assert (record.valid, record.level) == (True, VerificationLevel.FORMAT)
    assert record.registry is None


def test_bad_input() -> None:
    with pytest.raises(InvalidTaxIdError, match="pass country="):
        validate_tax_id("83914571673")
    with pytest.raises(UnknownCountryError):
        validate_tax_id("123", "US")
    with pytest.raises(UnknownCountryError):
        validate_tax_id("123", 49)  # type: ignore[arg-type]
    with pytest.raises(InvalidTaxIdError, match="must be a str"):
        validate_tax_id(136695976)  # type: ignore[arg-type]
    assert not is_valid_tax_id(None)
    assert not is_valid_tax_id("")
