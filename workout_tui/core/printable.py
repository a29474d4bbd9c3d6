"""User text made safe for a terminal: control characters become visible placeholders.

Routine names, notes, loads, paths, config values and error messages are the person's
text (or a file's, or the system's). Printed raw, an ESC sequence could retitle or wipe
the terminal and a bidi override could reorder what is shown. Every such string passes
through `printable` before it reaches a terminal, in the CLI and in the app.
"""

from __future__ import annotations

import json
import re
import sys
from typing import TextIO

# C0 controls (but tab and newline, handled apart), DEL, C1 controls, and the bidi
# embeddings, overrides and isolates that reorder text around them.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
PLACEHOLDER = "\ufffd"  # for what has no control picture


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # ␛ for ESC, ␇ for BEL, ␍ for CR...
    if code == 0x7F:
        return "\u2421"  # ␡
    return PLACEHOLDER


def printable(text: str, *, lines: bool = False) -> str:
    """`text` with every control character shown as a visible placeholder.

    Tabs become spaces. With `lines`, newlines are kept (notes, messages of several lines).
    """
    text = _UNSAFE.sub(_picture, text.replace("\t", " "))
    return text if lines else text.replace("\n", "\u240a")  # ␊


_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def json_text(value: object, indent: int | None = 2) -> str:
    """`value` as JSON that is exact (every string reads back the same) and safe to print:
    json escapes the C0 controls; DEL, C1 and the bidi controls are escaped here too."""
    text = json.dumps(value, indent=indent, ensure_ascii=False)
    return _JSON_UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def say(text: str, file: TextIO | None = None) -> None:
    """Print one line that may hold user text (names, paths, messages; a newline in it is
    shown as ␊), to stdout or `file`."""
    print(printable(text), file=file)


def complain(text: str) -> None:
    """Print `workout-tui: <text>` to stderr, with user text made printable."""
    print(f"workout-tui: {printable(text)}", file=sys.stderr)
