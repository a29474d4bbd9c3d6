"""A JSON file read a piece at a time, so memory stays flat whatever its size: the shape of
its top level, then the items of one of its lists, each built on its own.

ijson's basic events are used, not its `items()`: those carry each value's key path,
which grows with the nesting (a file of 100,000 `[` took gigabytes before an error).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import ijson

from workout_tui.core.files import open_regular

OPENS, CLOSES = ("start_map", "start_array"), ("end_map", "end_array")
LIST, MAP = "a list", "an object"  # what a top-level value is, when it is not a scalar


# A \uD800-\uDFFF escape (after an even run of backslashes, so not an escaped backslash):
# a high one with its low one is a pair, and skipped; any other is a lone surrogate.
_SURROGATES = re.compile(
    rb"(?<!\\)(?:\\\\)*\\u(?:d[89ab][0-9a-f]{2}\\ud[c-f][0-9a-f]{2}|(d[89a-f][0-9a-f]{2}))",
    re.IGNORECASE,
)
_CHUNK = 1 << 20


class NotJSON(ValueError):
    """The file is not JSON (or not UTF-8): the message says where, as the parser saw it."""


class TooDeep(ValueError):
    """An item nests deeper than allowed."""


def _events(path: Path) -> Iterator[tuple[str, object]]:
    with open_regular(path) as handle:
        try:
            yield from ijson.basic_parse(handle, use_float=True)
        except UnicodeDecodeError:  # a \ud800 escape: no UTF-8 can hold a lone surrogate
            raise NotJSON("text that is not valid Unicode, such as a lone surrogate") from None
        except ijson.JSONError as error:
            if isinstance(error.args[0], bytes):  # the parser could not even quote the place
                raise NotJSON("not UTF-8 text") from None
            said = str(error).splitlines() or ["not JSON"]
            where = said[1].strip() if len(said) > 1 else ""
            raise NotJSON(f"{said[0]}{f' near: {where}' if where else ''}") from None


def top_level(path: Path, max_depth: int) -> tuple[str, dict[str, object]]:
    """What the document is (LIST, MAP or "scalar") and, for a MAP, each key's value if a
    scalar, else LIST or MAP. Reads the whole file, keeping none of what is nested.

    Raises:
        TooDeep: an item of a top-level list nests more than `max_depth` levels (the message
            is where: `runs[3]`); only then may `items` build the items.
    """
    depth, key, kind, index = 0, "", "", -1
    found: dict[str, object] = {}
    try:
        for event, value in _events(path):
            if not kind:
                kind = LIST if event == "start_array" else MAP if event == "start_map" else "scalar"
            if depth == 1 and event == "map_key":
                key, index = str(value), -1
            elif depth == 1 and event in OPENS:
                found[key] = LIST if event == "start_array" else MAP
            elif depth == 1 and event not in CLOSES:
                found[key] = value
            index += depth == 2 and event not in CLOSES and event != "map_key"
            depth += (event in OPENS) - (event in CLOSES)
            if depth > max_depth + 2:  # the document, its list, then the item's own levels
                raise TooDeep(f"{key}[{index}]")
    except NotJSON as error:
        if key and index >= 0:  # say which item, as the checks of fields do
            raise NotJSON(f"{error}, in {key}[{index}]") from None
        raise
    return kind, found


def items(path: Path, key: str) -> Iterator[object]:
    """Each item of the list at the top-level `key`, built one at a time (by ijson's C
    parser: call only after `top_level` has found no item too deep)."""
    with open_regular(path) as handle:
        try:
            yield from ijson.items(handle, f"{key}.item", use_float=True)
        except (UnicodeDecodeError, ijson.JSONError) as error:  # top_level has said it first
            raise NotJSON(str(error)) from None


def lone_surrogate(path: Path) -> int | None:
    """The byte offset of the first escaped lone surrogate (`"\\ud800"`), or None. JSON may
    write one, UTF-8 cannot hold it, and ijson's parser passes it on as `?` or fails."""
    read, text = 0, b""
    with open_regular(path) as handle:
        while True:
            chunk = handle.read(_CHUNK)
            read += len(chunk)
            carried = text[-64:]  # what straddles two chunks is whole in the next text
            text = carried + chunk
            # Judged now: escapes starting 32 bytes or more before the end (so a pair is
            # seen whole), and not judged last time (those starting 32 bytes before its end).
            judged = range(max(0, len(carried) - 32), len(text) - 32 if chunk else len(text))
            for match in _SURROGATES.finditer(text):
                if match.start() in judged and match.group(1):
                    return read - len(text) + match.start()
            if not chunk:
                return None
