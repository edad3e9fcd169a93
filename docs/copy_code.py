"""MkDocs hook: the copy button copies an example's code alone, without prompts or output.

An example written as a doctest (a ``python`` block whose first line starts ``>>>``)
is highlighted as a Python console session (``pycon``), so its prompts and its output
are marked (Pygments' ``gp``, ``go`` and ``gt`` tokens) and ``stylesheets/copy.css``
keeps them out of a selection made by hand. Every console block on a page, the API
reference's docstring examples included, gets a ``data-copy`` attribute holding its
code as ``doctest`` reads it: no ``>>>`` or ``...`` prompts, no output, no traceback.
A shell session (a ``console`` block) gets its commands, without the ``$`` prompts or
what they print.
Material copies that attribute in place of the block's text, and
``javascripts/copy-code.js`` hands it to the copy button for versions of Material that
do not read it themselves.

The Markdown keeps its ``python`` fences: sybil runs them as doctests in the tests.
"""

from __future__ import annotations

import doctest
import html
import re
from typing import Any

_DOCTEST_FENCE = re.compile(r"^(?P<indent>[ \t]*)```python[ \t]*\n(?=(?P=indent)>>>)", re.M)
_CONSOLE_BLOCK = re.compile(
    r'<div class="(?P<classes>[^"]*\bhighlight\b[^"]*)">'
    r"(?P<pre><pre>(?:<span></span>)?<code>"
    r'(?P<code><span class="gp">(?:&gt;&gt;&gt; |\$ )</span>.*?)</code></pre>)',
    re.S,
)
_TAG = re.compile(r"<[^>]+>")


def copy_text(code_html: str) -> str:
    """The code of a highlighted session: each Python example's source, or each shell
    command, in order."""
    session = html.unescape(_TAG.sub("", code_html))
    if session.startswith("$ "):
        return "".join(
            f"{line[2:]}\n" for line in session.splitlines() if line.startswith("$ ")
        )
    examples = doctest.DocTestParser().get_examples(session)
    return "".join(example.source for example in examples)


def _with_copy_text(block: re.Match[str]) -> str:
    text = html.escape(copy_text(block["code"]), quote=True)
    return f'<div class="{block["classes"]}" data-copy="{text}">{block["pre"]}'


def on_page_markdown(markdown: str, **_: Any) -> str:
    """Highlight doctest blocks as console sessions."""
    return _DOCTEST_FENCE.sub(r"\g<indent>```pycon\n", markdown)


def on_page_content(content: str, **_: Any) -> str:
    """Give each console block the text its copy button copies."""
    return _CONSOLE_BLOCK.sub(_with_copy_text, content)
