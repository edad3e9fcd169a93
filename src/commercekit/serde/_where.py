"""The quote request's map from a rule's refusal to the request field it points at.

[`QUOTE_REQUEST_WHERE`][commercekit.serde.QUOTE_REQUEST_WHERE] is the one mapping the
``commercekit quote`` command and the HTTP service's ``/quote`` and ``/refund`` use, so
both name the same path for the same refusal (``local_rates``, ``buyer.postcode``,
``products['TV'].tax_category``).
"""

from __future__ import annotations

from commercekit._where import Where
from commercekit.errors import (
    MissingPaymentCostError,
    SurchargeRefusedError,
    UnknownCurrencyError,
)
from commercekit.serde._resources import request_schema

__all__ = ["QUOTE_REQUEST_WHERE"]


QUOTE_REQUEST_WHERE = Where(
    frozenset(request_schema()["properties"]),
    renamed={  # the rules' arguments, as the quote request holds them
        "postcode": "buyer.postcode",  # the parcel goes to the buyer
        "service": "shipping.service",
        "rate_cards": "shipping.rate_cards",  # no card takes the parcel
        "converted": "payment.converted",
        "free_means_offered": "payment.free_means_offered",
        "tax_rates": "local_rates",  # a US state's local rates, missing
        "local": "local_rates",  # a LocalRates' own list
        "tariffs": "tariff",  # no tariff given where duty is due
    },
    by_error=(
        (SurchargeRefusedError, "payment.surcharge"),
        (MissingPaymentCostError, "payment"),
        (UnknownCurrencyError, "exchange_rates"),
    ),
)
"""Where a refusal by [`quote`][commercekit.checkout.quote] points in the quote request
it was read from (``local_rates``, ``buyer.postcode``, ``products['MUG'].weight_kg``)."""
