"""``attrs_repr``, ``attrs_eq`` and ``attrs_hash`` answer what attrs' generated methods
answer, so that the classes using them (to spare start-up the compiling of these
methods for each class) print, compare and hash as before."""

from __future__ import annotations

import importlib
import pkgutil
from decimal import Decimal

import attrs

import commercekit
from commercekit._methods import attrs_eq, attrs_hash, attrs_repr
from commercekit.money import Money
from commercekit.tax import Rule


def _pair(**fields: object) -> tuple[type, type]:
    """The same attrs class twice: with attrs' generated repr, and with ``attrs_repr``."""
    generated = attrs.make_class("Line", fields, frozen=True)
    shared = attrs.make_class("Line", fields, frozen=True)
    shared.__repr__ = attrs_repr  # type: ignore[assignment,method-assign]
    shared.__eq__ = attrs_eq  # type: ignore[assignment,method-assign]
    shared.__hash__ = attrs_hash  # type: ignore[assignment,method-assign]
    return generated, shared


def test_fields_hidden_shown_by_a_callable_and_nested_print_as_attrs_prints_them() -> None:
    """Hidden fields, a repr callable, a field without init, nested values."""
    fields = {
        "amount": attrs.field(),
        "units": attrs.field(default=1),
        "secret": attrs.field(default="x", repr=False),
        "rate": attrs.field(default=Decimal("0.19"), repr=lambda rate: f"{rate}%"),
        "later": attrs.field(init=False, default=None),
    }
    generated, shared = _pair(**fields)
    for args in [(Money("1.00", "EUR"),), ("text", 3), ((1, 2), 0)]:
        assert repr(shared(*args)) == repr(generated(*args))
    nested = (shared(generated(1)), generated(shared(2)))
    assert repr(nested[0]) == repr(generated(generated(1)))
    assert repr(nested[1]) == repr(generated(generated(2)))


def test_equal_and_hashed_as_attrs_compares_and_hashes() -> None:
    """Fields left out of eq or hash, an eq key; another class is never equal."""
    fields = {
        "sku": attrs.field(),
        "note": attrs.field(default="", eq=False),
        "label": attrs.field(default="a", eq=str.lower),
        "cache": attrs.field(default=0, hash=False),
    }
    generated, shared = _pair(**fields)
    cases = [("A",), ("A", "x"), ("A", "", "A"), ("A", "", "a", 1), ("B",), ("A", "", "b")]
    for left in cases:
        for right in cases:
            same = generated(*left) == generated(*right)
            assert (shared(*left) == shared(*right)) is same
            assert (shared(*left) != shared(*right)) is not same
            if same and generated(*left).cache == generated(*right).cache:
                assert hash(shared(*left)) == hash(shared(*right))
    assert shared("A") != generated("A")
    assert shared("A").__eq__(("A",)) is NotImplemented


def test_an_object_that_holds_itself_prints_as_attrs_prints_it() -> None:
    """A cycle prints ``...`` where the object reappears (attrs' guard)."""

    @attrs.define
    class Node:
        __repr__ = attrs_repr
        items: list[object] = attrs.Factory(list)

    @attrs.define
    class Plain:
        items: list[object] = attrs.Factory(list)

    node, plain = Node(), Plain()
    node.items.append(node)
    plain.items.append(plain)
    assert repr(node) == repr(plain).replace("Plain", "Node") == "Node(items=[...])"


def test_a_decision_prints_its_fields() -> None:
    """A library class: its name and fields, as attrs printed them."""
    rule = Rule("DE VAT applies", "https://eur-lex.europa.eu/eli/dir/2006/112/oj")
    assert repr(rule) == (
        "Rule(text='DE VAT applies', "
        "source='https://eur-lex.europa.eu/eli/dir/2006/112/oj')"
    )


def test_every_attrs_class_of_the_library_uses_the_shared_methods() -> None:
    """No attrs class of commercekit has attrs generate its ``__repr__``, nor a frozen
    one its ``__eq__`` or ``__hash__`` (each would be compiled at import)."""
    generated = []
    for module in pkgutil.walk_packages(commercekit.__path__, "commercekit."):
        if module.name == "commercekit.__main__":  # runs the command
            continue
        loaded = vars(importlib.import_module(module.name)).values()
        generated += [
            value.__qualname__
            for value in loaded
            if isinstance(value, type)
            and attrs.has(value)
            and value.__module__ == module.name
            and any(
                getattr(method, "__code__", None) is not None
                and method.__code__.co_filename.startswith("<attrs generated")
                # A mutable class (no hash) keeps attrs' __eq__.
                for method in (
                    value.__repr__,
                    value.__hash__ and value.__eq__,
                    value.__hash__,
                )
            )
        ]
    assert generated == []
