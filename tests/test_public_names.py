"""One public name, one thing: two packages never publish the same name for two
different things (DESIGN.md, "One obvious name").

``commercekit.metrics.Purchase`` (a customer's spend on a day) and a loyalty
``Purchase`` (an order with a return window) once did; the loyalty one is now
``DeliveredOrder``. A package may re-export another's name (``metrics`` publishes
``inventory``'s ``days_of_inventory``): that is the same object, one thing.
"""

from __future__ import annotations

import importlib
from collections import defaultdict

from tests.hostile import PACKAGES

KNOWN = {
    "Buyer": {"payments", "tax"},
    "Crossing": {"inventory", "tax"},
    "FreeShipping": {"pricing", "shipping"},
    "Tier": {"loyalty", "pricing"},
}
"""Clashes that were published before this test: each is to be renamed in its own
change (a rename breaks callers of both packages), and no new one may join them."""


def _clashes() -> dict[str, set[str]]:
    found: dict[str, dict[str, object]] = defaultdict(dict)
    for package in PACKAGES:
        module = importlib.import_module(f"commercekit.{package}")
        for name in module.__all__:
            found[name][package] = getattr(module, name)
    return {
        name: set(where)
        for name, where in found.items()
        if len({id(thing) for thing in where.values()}) > 1
    }


def test_no_two_packages_publish_one_name_for_two_things() -> None:
    assert _clashes() == KNOWN


def test_the_loyalty_order_is_not_the_metrics_purchase() -> None:
    loyalty = importlib.import_module("commercekit.loyalty")
    metrics = importlib.import_module("commercekit.metrics")
    assert "Purchase" not in loyalty.__all__
    assert "DeliveredOrder" in loyalty.__all__
    assert [f.name for f in metrics.Purchase.__attrs_attrs__] == [
        "customer",
        "day",
        "amount",
    ]
