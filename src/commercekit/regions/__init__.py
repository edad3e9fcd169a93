"""Countries and territories as VAT and customs rules see them.

A country's map and its VAT map differ. Some places belong to an EU member state but lie
outside the EU VAT area (the Canary Islands, Heligoland, Åland, the French overseas
departments …): a sale there is not charged the member state's VAT. Northern Ireland is
in the United Kingdom but follows EU VAT rules for goods. Greece is ``GR`` in ISO 3166
but ``EL`` in EU VAT. This module says which is which, on which day, and why.

Examples:
    >>> from datetime import date
    >>> is_eu_member("HR", on=date(2013, 7, 1)), is_eu_member("HR", on=date(2013, 6, 30))
    (True, False)
    >>> is_eu_member("GB", on=date(2026, 11, 26))
    False
    >>> vat_prefix("GR")
    'EL'
    >>> locate("ES", postcode="35001").name
    'Canary Islands'
    >>> locate("ES", postcode="28001") is None
    True
"""

from commercekit.regions._eu import eu_members, is_eu_member, vat_prefix
from commercekit.regions._territories import Territory, locate, special_territory

__all__ = [
    "Territory",
    "eu_members",
    "is_eu_member",
    "locate",
    "special_territory",
    "vat_prefix",
]
