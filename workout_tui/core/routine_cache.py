"""Routine summaries kept between launches, so that a start-up with no routine file changed
reads no YAML (PyYAML's import and the parse are most of what a library of thousands of
routines would add to Textual's own start-up).

The cache is a JSON file of summaries keyed by each file's path, size and modification
time, made under one config's prepare and rest and one set of the person's own figures
(the `context`; another means all are read again). Anything unexpected in it (another
version's layout, damage, a FIFO in its place) only means the files are read again; a
cache that cannot be written is not an error.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import astuple, fields
from pathlib import Path
from typing import Any

from workout_tui.core.files import read_regular, write_whole
from workout_tui.core.plan import MAX_STEPS, MAX_TOTAL_SECONDS
from workout_tui.core.printable import is_text
from workout_tui.core.summary import Summary

LAYOUT = 5  # bump when the shape (or the wording) of a cached summary changes
MAX_CACHE_BYTES = 64 * 1024 * 1024
Stamp = tuple[int, int]  # (size, modification time in ns)
_FIELDS = [field.name for field in fields(Summary)]
_TEXTS = {"tags", "equipment", "outline"}
_TYPES: dict[str, type] = {
    "name": str,
    "description": str,
    "steps": int,
    "seconds": int,
    "has_rep_sets": bool,
    "figure": str,
    "pictures": bool,
}
# What a routine file can make (a longer text is more than a file holds); past these an
# entry was edited or damaged, and is read from its file again.
_LIMITS = {"steps": MAX_STEPS, "seconds": MAX_TOTAL_SECONDS}
_MAX_TEXT = 256 * 1024


def stamp(path: Path) -> Stamp | None:
    """What tells a changed file from the one cached: its size and modification time."""
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns


def read_cache(cache: Path, context: object) -> dict[str, tuple[Stamp, Summary]]:
    """Path -> (stamp, summary) for every usable entry made under `context`; empty when the
    cache cannot be used."""
    try:
        data = json.loads(read_regular(cache, MAX_CACHE_BYTES))
        if data.get("layout") != LAYOUT or data.get("context") != context:
            return {}
        entries = data["routines"].items()
        found = {path: _entry(entry) for path, entry in entries if isinstance(path, str)}
    except (OSError, ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return {}
    return {path: entry for path, entry in found.items() if entry is not None}


def write_cache(cache: Path, context: object, entries: dict[str, tuple[Stamp, Summary]]) -> None:
    """Keep these summaries for the next launch (whole or not at all; failures are quiet)."""
    routines = {
        path: [size, mtime, *astuple(summary)] for path, ((size, mtime), summary) in entries.items()
    }
    text = json.dumps({"layout": LAYOUT, "context": context, "routines": routines})
    with contextlib.suppress(OSError):  # no cache this time: the files are read again
        write_whole(cache, text)


def _entry(entry: Any) -> tuple[Stamp, Summary] | None:
    """One cached entry, or None when it is not what this version writes (a cache edited by
    hand must not put anything but text on screen)."""
    if not isinstance(entry, list) or len(entry) != 2 + len(_FIELDS):
        return None
    size, mtime, *values = entry
    data = dict(zip(_FIELDS, values, strict=True))
    for name, value in data.items():
        if name in _TEXTS:  # JSON has no tuples: a list of text
            if not (isinstance(value, list) and all(_is_text(v) for v in value)):
                return None
            data[name] = tuple(value)
        elif not _fits(name, value):
            return None
    if type(size) is not int or type(mtime) is not int or size < 0 or mtime < 0:
        return None
    return (size, mtime), Summary(**data)


def _fits(name: str, value: object) -> bool:
    """A value of the summary's field `name` that a routine file could have made."""
    if type(value) is not _TYPES[name]:
        return False
    if isinstance(value, str):
        return _is_text(value)
    return name not in _LIMITS or 0 <= value <= _LIMITS[name]  # type: ignore[operator]


def _is_text(value: object) -> bool:
    return is_text(value, _MAX_TEXT)  # no longer than a routine file holds
