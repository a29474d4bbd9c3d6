"""User text made safe for a terminal: control characters become visible placeholders.

Routine names, notes, loads, paths, config values and error messages are the person's
text (or a file's, or the system's). Printed raw, an ESC sequence could retitle or wipe
the terminal and a bidi override could reorder what is shown. Every such string passes
through `printable` before it reaches a terminal, in the CLI and in the app.
"""

from __future__ import annotations

import codecs
import io
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


def counted(count: int, thing: str) -> str:
    """`1 run`, `3 runs`: a count and what it counts."""
    return f"{count} {thing}{'s' if count != 1 else ''}"


def printable(text: str, *, lines: bool = False) -> str:
    """`text` with every control character shown as a visible placeholder.

    Tabs become spaces. With `lines`, newlines are kept (notes, messages of several lines).
    """
    text = _UNSAFE.sub(_picture, text.replace("\t", " "))
    return text if lines else text.replace("\n", "\u240a")  # ␊


def is_text(value: object, limit: int) -> bool:
    """Whether `value` is text of at most `limit` characters that a file or a terminal can
    hold: JSON can carry a lone surrogate, which UTF-8 cannot encode."""
    if not isinstance(value, str) or len(value) > limit:
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


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


# What the app prints that a locale's encoding may lack (ISO-8859-1 has no ✓ and no control
# pictures), said plainly instead; anything else unsayable becomes `?`.
STAND_INS = {
    "✓": "v",
    "✗": "x",
    "→": "->",
    "←": "<-",
    "·": ".",
    "…": "...",
    "—": "-",
    "–": "-",
    "×": "x",
    "▶": ">",
    "◀": "<",
    "\u2421": "^?",
    PLACEHOLDER: "?",
}
STAND_IN = "workout-tui-stand-in"


def _stand_in(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeEncodeError)
    said = []
    for char in error.object[error.start : error.end]:
        if 0x2400 <= ord(char) < 0x2420:  # a control picture: caret notation, ␛ as ^[
            said.append("^" + chr(ord(char) - 0x2400 + 0x40))
        else:
            said.append(STAND_INS.get(char, "?"))
    return "".join(said), error.end


codecs.register_error(STAND_IN, _stand_in)


def fit_streams(data: bool = False) -> None:
    """Make stdout and stderr print in any locale: what the locale's encoding cannot show
    becomes a plain stand-in (`v` for `✓`), never an error. With `data` (an export, --json)
    stdout is UTF-8 whatever the locale, as the files the app writes are."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            if data and stream is sys.stdout:
                stream.reconfigure(encoding="utf-8", errors="strict")
            elif codecs.lookup(stream.encoding).name != "utf-8":
                stream.reconfigure(errors=STAND_IN)
