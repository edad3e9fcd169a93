"""JSON in and out: quote requests, quotes, and the value objects in them.

* [`converter`][commercekit.serde.converter] is the one cattrs converter: money as
  ``{"amount": "12.34", "currency": "EUR"}`` (the amount a string; JSON numbers are
  refused), ``Decimal`` as a string, dates and offset-carrying datetimes in ISO 8601,
  a time of day as ``"HH:MM"``, a time zone by its IANA name, enums by value, sets as
  sorted lists. ``unstructure`` then ``structure`` gives an
  equal object.
* [`quote_request_from_json`][commercekit.serde.quote_request_from_json] reads a quote
  request into the ``Cart`` and ``CheckoutContext`` that
  [`quote`][commercekit.checkout.quote] takes (the buyer's ``payment`` with the fee
  schedule that prices it: a bundled example's ``provider``, or ``fee_schedule`` rows);
  [`quote_request_to_json`][commercekit.serde.quote_request_to_json] writes one.
* [`quote_to_json`][commercekit.serde.quote_to_json] writes a quote (with the
  payment's cost to the merchant, part by part, and any surcharge).
* [`json_document`][commercekit.serde.json_document] reads the raw JSON a request
  arrives as (a file, standard input, an HTTP body): at most
  [`MAX_REQUEST_BYTES`][commercekit.serde.MAX_REQUEST_BYTES], no key twice, no
  ``NaN``, no nesting or integer too deep or long to read.
* [`request_schema`][commercekit.serde.request_schema] and
  [`quote_schema`][commercekit.serde.quote_schema] are the JSON Schemas of both;
  [`example_request`][commercekit.serde.example_request] loads the bundled examples.
* [`QUOTE_REQUEST_WHERE`][commercekit.serde.QUOTE_REQUEST_WHERE] maps a refusal by
  the quote's rules to the request field it points at (``local_rates``,
  ``buyer.postcode``), as the ``commercekit quote`` command and the HTTP service name
  it.

Input that does not fit raises [`InvalidJsonError`][commercekit.errors.InvalidJsonError]
naming the field by its path.

Examples:
    >>> from commercekit.serde import converter, structure
    >>> converter.unstructure(Money("12.50", "EUR"))
    {'amount': '12.50', 'currency': 'EUR'}
    >>> structure({"amount": 12.5, "currency": "EUR"}, Money)
    Traceback (most recent call last):
    ...
    commercekit.errors.InvalidJsonError: amount: is the JSON number 12.5; write money ...
"""

from typing import TYPE_CHECKING

from commercekit._lazy import public_names

if TYPE_CHECKING:
    from commercekit.serde._converter import OFFER_TYPES, converter, structure
    from commercekit.serde._document import MAX_REQUEST_BYTES, json_document
    from commercekit.serde._quote import quote_to_json
    from commercekit.serde._request import quote_request_from_json, quote_request_to_json
    from commercekit.serde._resources import (
        example_request,
        example_requests,
        quote_schema,
        request_schema,
    )
    from commercekit.serde._where import QUOTE_REQUEST_WHERE
else:
    _public, __dir__ = public_names(
        __name__,
        {
            "._converter": "OFFER_TYPES converter structure",
            "._document": "MAX_REQUEST_BYTES json_document",
            "._quote": "quote_to_json",
            "._request": "quote_request_from_json quote_request_to_json",
            "._resources": "example_request example_requests quote_schema request_schema",
            "._where": "QUOTE_REQUEST_WHERE",
        },
    )

    def __getattr__(name: str) -> object:
        """A public name on first use; the converter always with every hook on it
        (``_payment`` adds the payment types' hooks when it is imported)."""
        if name in {"converter", "structure"}:
            __import__("commercekit.serde._payment")
        return _public(name)


__all__ = [
    "MAX_REQUEST_BYTES",
    "OFFER_TYPES",
    "QUOTE_REQUEST_WHERE",
    "converter",
    "example_request",
    "example_requests",
    "json_document",
    "quote_request_from_json",
    "quote_request_to_json",
    "quote_schema",
    "quote_to_json",
    "request_schema",
    "structure",
]
