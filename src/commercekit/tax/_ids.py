"""VAT and GST numbers: format and check digits offline, registries through a plugin.

A business customer's VAT number decides whether a cross-border sale is reverse-charged,
so it has to be right. commercekit checks the format and check digits of every scheme
below offline, with python-stdnum, and returns the number normalised with its country:

* every EU member state (``EL`` for Greece) and Northern Ireland (``XI``);
* the United Kingdom (``GB``), Norway (``NO … MVA``), Switzerland (``CHE … MWST``);
* Australia's ABN, New Zealand's IRD (GST) number, Canada's Business Number and
  India's GSTIN, which carry no country prefix: pass ``country=`` (a GSTIN's State
  code is read by [`gstin_state`][commercekit.tax.gstin_state]).

A well-formed number may still be unregistered or revoked. Checking that needs the
tax authority's registry (VIES in the EU, HMRC in the UK); a
[`TaxIdVerifier`][commercekit.tax.TaxIdVerifier] plugin does it, and a decision records
whether a number was only format-checked or verified live.

Examples:
    >>> validate_tax_id("DE 136 695 976")
    TaxId(country='DE', number='136695976', scheme='EU VAT')
    >>> str(validate_tax_id("el094259216"))
    'EL094259216'
    >>> validate_tax_id("51 824 753 556", country="AU").scheme
    'ABN'
    >>> is_valid_tax_id("DE136695977")
    False
    >>> validate_tax_id("DE136695977")
    Traceback (most recent call last):
    ...
    commercekit.errors.InvalidTaxIdError: 'DE136695977' is not a valid DE VAT number: ...
"""

from __future__ import annotations

import enum
import functools
import importlib
from datetime import datetime
from types import ModuleType
from typing import Protocol

import attrs

from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit._numbers import context_free, named_at_the_door
from commercekit._words import with_article
from commercekit.errors import InvalidTaxIdError, UnknownCountryError, shown
from commercekit.tax import _checks

__all__ = [
    "TaxId",
    "TaxIdVerifier",
    "Verification",
    "VerificationLevel",
    "is_valid_tax_id",
    "validate_tax_id",
]


_OTHER_SCHEMES = {
    "GB": ("GB VAT", "gb.vat"),
    "NO": ("MVA", "no.mva"),
    "CH": ("MWST", "ch.vat"),
    "AU": ("ABN", "au.abn"),
    "NZ": ("IRD", "nz.ird"),
    "CA": ("BN", "ca.bn"),
    "IN": ("GSTIN", "in_.gstin"),
}
"""The schemes outside the EU: country → (scheme, the python-stdnum module)."""


@functools.cache
def _schemes() -> dict[str, tuple[str, str]]:
    """The scheme per country code (the code the number is written with: EL, XI), with
    the python-stdnum module that checks it (see ``_checker``)."""
    eu_vat = _checker("eu.vat")
    eu = {code.upper() for code in eu_vat.MEMBER_STATES} - {"GR"} | {"EL"}
    return {
        **dict.fromkeys(eu, ("EU VAT", "eu.vat")),
        **_OTHER_SCHEMES,
    }


@functools.cache
def _checker(module: str) -> ModuleType:
    """The python-stdnum module ``stdnum.<module>``, imported when a number is first
    checked with it, so that a sale without one never loads python-stdnum, and a sale
    with an EU number not the other countries' modules."""
    return importlib.import_module(f"stdnum.{module}")


# Numbers written without a country prefix.
_UNPREFIXED = {"AU", "NZ", "CA", "IN"}


@named_at_the_door
@attrs.frozen
class TaxId:
    """A well-formed tax number: its country (as the number writes it) and digits.

    ``number`` is the compact form without the country prefix; ``str()`` gives the form
    used on invoices and in VIES (``DE136695976``, ``CHE116281710MWST``).
    """

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    country: str = attrs.field(validator=_checks.valid_text)
    number: str = attrs.field(validator=_checks.valid_text)
    scheme: str = attrs.field(validator=_checks.valid_text)

    def __attrs_post_init__(self) -> None:
        if self.country not in _schemes():
            raise UnknownCountryError(
                self.country,
                "is not a country with a tax-number scheme commercekit checks; use one "
                f"of {', '.join(sorted(_schemes()))} (as the number writes it: EL, XI)",
            )
        scheme = _schemes()[self.country][0]
        if self.scheme != scheme:
            raise InvalidTaxIdError(
                self.number,
                self.country,
                f"its scheme is {scheme!r}, not {shown(self.scheme)}; pass "
                f"scheme={scheme!r}, or build it with validate_tax_id()",
            )
        if _normalised(str(self), self.country) != (self.country, self.number):
            raise InvalidTaxIdError(
                self.number,
                self.country,
                "it is not in its compact form (no prefix, spaces or dots); build it "
                "with validate_tax_id()",
            )

    def __str__(self) -> str:
        if self.country in _UNPREFIXED or self.country == "CH":
            return self.number
        return f"{self.country}{self.number}"

    @property
    def formatted(self) -> str:
        """The number as the issuing authority prints it, where it has a print form."""
        module = _checker(_schemes()[self.country][1])
        formatter = getattr(module, "format", None)
        return formatter(str(self)) if formatter else str(self)


def _country_of(compact: str, country: object) -> str:
    if country is not None:
        if not isinstance(country, str):
            raise UnknownCountryError(country)
        code = {"GR": "EL"}.get(country.upper(), country.upper())
        if code not in _schemes():
            raise UnknownCountryError(country)
        return code
    if compact[:3] == "CHE":
        return "CH"
    prefix = compact[:2]
    if prefix in _schemes() and prefix not in _UNPREFIXED:
        return prefix
    raise InvalidTaxIdError(
        compact,
        "unknown",
        "it has no country prefix commercekit knows (the countries it validates: "
        + ", ".join(sorted(_schemes()))
        + "); pass country= for AU, NZ, CA and IN numbers, which are written without one",
    )


def _normalised(text: object, country: object) -> tuple[str, str]:
    """The country code and the compact number, or raise."""
    if not isinstance(text, str):
        where = country if isinstance(country, str) else "any"
        # the message shows ``text`` through errors.shown, whatever it is
        raise InvalidTaxIdError(text, where, "a tax number must be a str")  # type: ignore[arg-type]
    compact = "".join(char for char in text.upper() if char.isalnum())
    if compact.startswith("GR"):  # ISO's code for Greece; EU VAT writes EL
        compact = "EL" + compact[2:]
    code = _country_of(compact, country)
    written = "CH" if compact[:3] == "CHE" else compact[:2]
    if written != code and written in _schemes() and written not in _UNPREFIXED:
        said = f"it is {with_article(written)} number, not {code}"
        raise InvalidTaxIdError(text, code, said)
    scheme, name = _schemes()[code]
    module = _checker(name)
    candidate = compact
    if scheme == "EU VAT" and not compact.startswith(code):
        candidate = code + compact
    from stdnum.exceptions import ValidationError  # noqa: PLC0415  # with the schemes

    try:
        cleaned = module.validate(candidate)
    except ValidationError as error:
        reason = str(error)
        if code == "IN" and candidate[:2] == "38":  # Ladakh, a Union territory since 2019
            reason = (
                "its State code 38 (Ladakh) is not among the codes python-stdnum "
                "knows yet (2.2), so commercekit cannot check a Ladakh GSTIN: the "
                "number may well be valid"
            )
        else:
            reason += f" Give the {scheme} number as its holder's registration shows it."
        raise InvalidTaxIdError(text, code, reason) from None
    if scheme == "EU VAT":
        return code, cleaned[2:]
    if code in ("GB", "NO") and cleaned.startswith(code):
        cleaned = cleaned[2:]
    return code, cleaned


@context_free
def validate_tax_id(text: str, country: str | None = None) -> TaxId:
    """Check a tax number's format and check digits; return it normalised.

    ``country`` is needed for numbers without a prefix (AU, NZ, CA, IN) and otherwise
    confirms the prefix (``GR`` and ``EL`` both mean Greece).

    Examples:
        >>> validate_tax_id("CHE-116.281.710 MWST").formatted
        'CHE-116.281.710 MWST'
        >>> validate_tax_id("XI 980 7806 84")
        TaxId(country='XI', number='980780684', scheme='EU VAT')
        >>> validate_tax_id("27aapfu0939f1zv", country="IN")
        TaxId(country='IN', number='27AAPFU0939F1ZV', scheme='GSTIN')
    """
    code, number = _normalised(text, country)
    return TaxId(country=code, number=number, scheme=_schemes()[code][0])


@context_free
def is_valid_tax_id(text: object, country: str | None = None) -> bool:
    """Whether ``text`` is a well-formed tax number. Never raises.

    Examples:
        >>> is_valid_tax_id("NO 995 525 828 MVA"), is_valid_tax_id("NO 995 525 829 MVA")
        (True, False)
    """
    try:
        validate_tax_id(text, country)  # type: ignore[arg-type]  # any object: False
    except (InvalidTaxIdError, UnknownCountryError):
        return False
    return True


class VerificationLevel(enum.StrEnum):
    """How far a tax number was checked."""

    FORMAT = "format"
    """Format and check digits only, offline."""
    REGISTRY = "registry"
    """Looked up in the tax authority's registry (VIES, HMRC …)."""


def _level(value: object) -> VerificationLevel:
    return _checks.choice(value, VerificationLevel, "level")


@named_at_the_door
@attrs.frozen
class Verification:
    """The outcome of checking a tax number, as a decision records it."""

    __repr__, __eq__, __hash__ = attrs_repr, attrs_eq, attrs_hash
    tax_id: TaxId = attrs.field(validator=_checks.instance_of(TaxId))
    valid: bool = attrs.field(validator=_checks.valid_flag)
    level: VerificationLevel = attrs.field(converter=_level)
    registry: str | None = attrs.field(default=None, validator=_checks.valid_optional_text)
    checked_at: datetime | None = attrs.field(default=None, validator=_checks.valid_moment)
    reference: str | None = attrs.field(default=None, validator=_checks.valid_optional_text)
    """The registry's consultation number, where it gives one (VIES does)."""


class TaxIdVerifier(Protocol):
    """A live registry check, supplied by a plugin (commercekit makes no network calls)."""

    def verify(self, tax_id: TaxId, *, at: datetime) -> Verification:
        """Whether the registry knows ``tax_id`` as valid at ``at``."""
        ...


def format_checked(tax_id: TaxId) -> Verification:
    """The record of an offline check: well-formed, not looked up."""
    return Verification(tax_id=tax_id, valid=True, level=VerificationLevel.FORMAT)
