"""The commands around ``quote``: schema, example, tax-id, serve, standard input, each
command's help, and hostile input from a file or a pipe (one line on stderr, exit 2)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import types
from pathlib import Path
from typing import Any

import pytest

from commercekit.cli import MAX_REQUEST_BYTES, main
from commercekit.serde import (
    example_request,
    example_requests,
    quote_schema,
    request_schema,
)
from tests.test_json_boundary import PYTHON_WORDS


def _run(argv: list[str]) -> tuple[int, str]:
    out = io.StringIO()
    return main(argv, out=out), out.getvalue()


def _one_line(err: str) -> str:
    """The refusal on stderr, checked to be one line that shows no Python."""
    assert err.count("\n") == 1, err
    assert err.startswith("commercekit: ")
    assert not [word for word in PYTHON_WORDS if word in err], err
    return err


# schema and example


@pytest.mark.parametrize(
    ("which", "schema"), [("request", request_schema()), ("quote", quote_schema())]
)
def test_schema_prints_the_shipped_schema_as_json(which: str, schema: Any) -> None:
    status, text = _run(["schema", which])
    assert status == 0
    assert json.loads(text) == schema
    assert text.startswith('{\n  "$schema": "https://json-schema.org/draft/2020-12/schema"')


def test_schema_of_something_else_is_a_usage_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["schema", "refund"])
    assert exit_info.value.code == 2
    assert "invalid choice: 'refund'" in capsys.readouterr().err.splitlines()[-1]


def test_example_without_a_name_lists_the_names_one_a_line() -> None:
    assert _run(["example"]) == (0, "".join(f"{name}\n" for name in example_requests()))
    assert "nl-to-us-ddp\n" in _run(["example"])[1]


def test_example_prints_the_bundled_request(capsys: pytest.CaptureFixture[str]) -> None:
    status, text = _run(["example", "nl-to-us-ddp"])
    assert status == 0
    assert json.loads(text) == example_request("nl-to-us-ddp")
    assert _run(["example", "nope"]) == (2, "")
    err = _one_line(capsys.readouterr().err)
    assert "'nope' is not an example request; use one of: nl-to-de-consumer," in err


# tax-id: 0 valid, 1 not valid, 2 nothing to check

VALID_NL = "NL 0044.95.445.B01"


def test_a_valid_tax_number_is_printed_normalised_with_its_country() -> None:
    assert _run(["tax-id", VALID_NL]) == (
        0,
        (
            "number     NL004495445B01\n"
            "country    NL\n"
            "scheme     EU VAT\n"
            "formatted  NL004495445B01\n"
            "checked    format and check digits, offline (not the tax authority's "
            "registry)\n"
        ),
    )
    status, text = _run(["tax-id", "51 824 753 556", "--country", "au"])
    assert status == 0
    assert "number     51824753556\ncountry    AU\nscheme     ABN\n" in text
    assert "formatted  51 824 753 556\n" in text


@pytest.mark.parametrize(
    ("argv", "status", "words"),
    [
        (["DE136695977"], 1, "'DE136695977' is not a valid DE VAT number: The number's"),
        (["NL004495445B01", "--country", "DE"], 1, "it is an NL number, not DE"),
        (["123"], 1, "no country prefix commercekit knows; give --country for AU"),
        (["1" * 5000], 1, "(5002 chars) is not a valid VAT number"),
        ([""], 2, "'' holds no letters or digits; give a tax number"),
        ([" .- "], 2, "holds no letters or digits"),
        (["123", "--country", "QQ"], 2, "--country 'QQ' is not a country whose tax"),
        (["123", "--country", ""], 2, "--country '' is not a country"),
    ],
    ids=[
        "check-digit",
        "other-country",
        "no-prefix",
        "long",
        "empty",
        "blank",
        "qq",
        "no-cc",
    ],
)
def test_a_tax_number_not_valid_is_1_and_nothing_to_check_is_2(
    argv: list[str], status: int, words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(["tax-id", *argv]) == (status, "")
    assert words in _one_line(capsys.readouterr().err)


# serve: only what happens before a server starts


def test_serve_without_the_server_extra_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "commercekit.service", None)  # import fails
    assert _run(["serve"]) == (2, "")
    err = _one_line(capsys.readouterr().err)
    assert err == (
        "commercekit: the HTTP service needs the server extra: "
        "pip install 'commercekit[server]'\n"
    )


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], {"host": "127.0.0.1", "port": 8000, "workers": 1}),
        (
            ["--host", "0.0.0.0", "--port", "8080", "--workers", "4"],  # noqa: S104
            {"host": "0.0.0.0", "port": 8080, "workers": 4},  # noqa: S104
        ),
        (["--port", "1"], {"host": "127.0.0.1", "port": 1, "workers": 1}),
    ],
)
def test_serve_hands_its_arguments_to_the_service(
    argv: list[str], expected: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[dict[str, Any]] = []
    fake = types.ModuleType("commercekit.service")
    fake.run = lambda **kwargs: calls.append(kwargs)  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "commercekit.service", fake)
    assert _run(["serve", *argv]) == (0, "")
    assert calls == [expected]


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["--port", "65536"], "a port is a whole number from 1 to 65535, not '65536'"),
        (["--port", "-1"], "a port is a whole number from 1 to 65535, not '-1'"),
        (["--port", "0"], "a port is a whole number from 1 to 65535, not '0'"),
        (["--port", "9" * 5000], "a port is a whole number from 1 to 65535"),
        (["--port", "\u0668\u0660"], "a port is a whole number"),  # Arabic-Indic 80
        (["--workers", "0"], "workers is a whole number from 1 to 64, not '0'"),
        (["--workers", "65"], "workers is a whole number from 1 to 64, not '65'"),
        (["--workers", "many"], "workers is a whole number from 1 to 64"),
        (["--host", " "], "give a host name or address"),
    ],
)
def test_serve_refuses_arguments_it_cannot_use(
    argv: list[str], words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["serve", *argv])
    assert exit_info.value.code == 2
    last = capsys.readouterr().err.splitlines()[-1]
    assert last.startswith("commercekit serve: error: argument")
    assert words in last


# help


@pytest.mark.parametrize(
    "command", ["demo", "quote", "schema", "example", "tax-id", "serve", "prices"]
)
def test_each_command_has_a_description_and_an_example(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    text = capsys.readouterr().out
    description = text.split("\n\n")[1]
    assert len(description.split()) >= 15, description
    example = text.split("\nexample:\n", 1)[1]
    assert example.startswith(f"  commercekit {command}")


# standard input and hostile input, from a file and from a pipe

DUPLICATE = b'{"seller": {"country": "NL"}, "seller": {"country": "DE"}}'

HOSTILE: list[tuple[str, bytes, str]] = [
    ("deep", b"[" * 100_000 + b"]" * 100_000, "nests arrays or objects too deeply"),
    ("long-integer", b'{"at": ' + b"9" * 5000 + b"}", "holds a number too long to read"),
    ("duplicate-key", DUPLICATE, "seller: appears twice in one object"),
    ("over-limit", b" " * (MAX_REQUEST_BYTES + 1), "larger than 10,485,760 bytes"),
    ("not-utf-8", b'{"seller": "\xff\xfe"}', "is not UTF-8 text"),
    ("empty", b"", "is not valid JSON: Expecting value at line 1, column 1"),
    ("nan", b'{"at": NaN}', "NaN is not JSON"),
    ("array", b"[]", "holds a JSON array, not an object"),
    ("cart-array", b'{"cart": []}', "cart: is a JSON array"),
]


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


def test_a_dash_reads_the_request_from_standard_input(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _stdin(monkeypatch, json.dumps(example_request("nl-to-us-ddp")).encode())
    status, text = _run(["quote", "-", "--format", "json"])
    assert status == 0
    assert json.loads(text)["grand_total"] == {"amount": "148.35", "currency": "EUR"}


@pytest.mark.parametrize(
    ("data", "words"), [case[1:] for case in HOSTILE], ids=[c[0] for c in HOSTILE]
)
def test_hostile_standard_input_is_one_line_and_exit_2(
    data: bytes,
    words: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _stdin(monkeypatch, data)
    assert _run(["quote", "-"]) == (2, "")
    err = _one_line(capsys.readouterr().err)
    assert words in err
    if words.startswith(("is not", "holds", "nests", "larger")):
        assert "commercekit: standard input " in err


@pytest.mark.parametrize(
    ("data", "words"), [case[1:] for case in HOSTILE], ids=[c[0] for c in HOSTILE]
)
def test_hostile_files_are_one_line_naming_the_file_and_exit_2(
    data: bytes, words: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "cart.json"
    path.write_bytes(data)
    assert _run(["quote", str(path)]) == (2, "")
    err = _one_line(capsys.readouterr().err)
    assert words in err
    if words.startswith(("is not", "holds", "nests", "larger")):
        assert f"commercekit: {path} " in err


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("missing.json", "No such file or directory"),
        (".", "Is a directory"),
        ("bad\0name.json", "no file has that name"),
    ],
)
def test_a_file_that_cannot_be_read_is_one_line_and_exit_2(
    name: str, words: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(["quote", str(tmp_path / name)]) == (2, "")
    err = _one_line(capsys.readouterr().err)
    assert "cannot read" in err
    assert words in err


def test_closed_standard_input_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", None)
    assert _run(["quote", "-"]) == (2, "")
    assert "cannot read standard input: it is closed" in _one_line(capsys.readouterr().err)


class _ClosedPipe(io.StringIO):
    def write(self, text: str) -> int:
        raise BrokenPipeError


def test_a_reader_that_goes_away_stops_the_command_quietly(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["schema", "quote"], out=_ClosedPipe()) == 141
    assert capsys.readouterr().err == ""


# the real command, in its own process


def _process(*argv: str, data: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(  # noqa: S603  # fixed arguments, our own interpreter
        [sys.executable, "-m", "commercekit", *argv],
        input=data,
        capture_output=True,
        check=False,
        timeout=60,
    )


def test_a_pipe_from_example_into_quote_dash() -> None:
    example = _process("example", "nl-to-gb-consumer")
    assert example.returncode == 0
    quoted = _process("quote", "-", "--format", "json", data=example.stdout)
    assert (quoted.returncode, quoted.stderr) == (0, b"")
    assert json.loads(quoted.stdout)["grand_total"]["amount"] == "102.37"


@pytest.mark.parametrize(
    ("argv", "data", "status", "words"),
    [
        ((), None, 2, b"Run 'commercekit COMMAND --help' for what a command does."),
        (("quote", "-"), b"[" * 100_000, 2, b"standard input nests arrays"),
        (("quote", "-"), b" " * (MAX_REQUEST_BYTES + 1), 2, b"larger than 10,485,760"),
        (("tax-id", "DE136695977"), None, 1, b"is not a valid DE VAT number"),
    ],
    ids=["bare", "deep-stdin", "large-stdin", "tax-id-invalid"],
)
def test_the_real_command_ends_in_one_line_and_its_exit_status(
    argv: tuple[str, ...], data: bytes | None, status: int, words: bytes
) -> None:
    done = _process(*argv, data=data)
    assert done.returncode == status
    assert done.stdout == b""
    assert words in done.stderr.rstrip(b"\n").splitlines()[-1]
    assert b"Traceback" not in done.stderr


def test_the_command_line_bounds_are_the_services() -> None:
    from commercekit.cli import _parser  # noqa: PLC0415
    from commercekit.service._run import MAX_WORKERS  # noqa: PLC0415

    assert _parser.MAX_WORKERS == MAX_WORKERS
