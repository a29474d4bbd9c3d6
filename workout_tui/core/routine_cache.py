"""Loaded routines kept between launches, so that a start-up with no routine file changed
reads no YAML (PyYAML's import and the parse are most of what workout-tui adds to
Textual's own start-up).

The cache is a JSON file of sessions keyed by each file's path, size and modification
time. Anything unexpected in it (another version's layout, damage, a FIFO in its place)
only means the files are read again; a cache that cannot be written is not an error.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

from workout_tui.core.files import read_regular, write_whole
from workout_tui.core.model import Block, Defaults, Exercise, Mode, Session

LAYOUT = 1  # bump when the shape of a cached session changes
MAX_CACHE_BYTES = 8 * 1024 * 1024
Stamp = tuple[int, int]  # (size, modification time in ns)


def stamp(path: Path) -> Stamp | None:
    """What tells a changed file from the one cached: its size and modification time."""
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns


def read_cache(cache: Path) -> dict[str, tuple[Stamp, Session]]:
    """Path -> (stamp, session) for every file in the cache; empty when it cannot be used."""
    try:
        data = json.loads(read_regular(cache, MAX_CACHE_BYTES))
        if data.get("layout") != LAYOUT:
            return {}
        entries = {
            path: ((entry["size"], entry["mtime_ns"]), _session(entry["session"]))
            for path, entry in data["routines"].items()
        }
        return {path: entry for path, entry in entries.items() if _well_typed(entry[1])}
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}


def write_cache(cache: Path, sessions: dict[str, tuple[Stamp, Session]]) -> None:
    """Keep these sessions for the next launch (whole or not at all; failures are quiet)."""
    routines = {
        path: {"size": size, "mtime_ns": mtime, "session": _plain(session)}
        for path, ((size, mtime), session) in sessions.items()
    }
    text = json.dumps({"layout": LAYOUT, "routines": routines})
    with contextlib.suppress(OSError):  # no cache this time: the files are read again
        write_whole(cache, text)


def _plain(session: Session) -> dict[str, Any]:
    from dataclasses import asdict

    return asdict(session)


def _session(data: dict[str, Any]) -> Session:
    items = tuple(
        Block(**{**item, "exercises": tuple(_exercise(e) for e in item["exercises"])})
        if "exercises" in item
        else _exercise(item)
        for item in data["items"]
    )
    return Session(
        **{
            **data,
            "items": items,
            "tags": tuple(data["tags"]),
            "equipment": tuple(data["equipment"]),
            "defaults": Defaults(**data["defaults"]),
        }
    )


def _well_typed(session: Session) -> bool:
    """Whether the text a screen shows is text (a cache edited by hand may say otherwise)."""
    exercises = [
        e for item in session.items for e in (item.exercises if isinstance(item, Block) else [item])
    ]
    texts = [session.name, session.description, *session.tags, *session.equipment]
    texts += [i.name for i in session.items] + [e.notes for e in exercises]
    texts += [e.load for e in exercises if e.load is not None]
    texts += [s for e in exercises for s in e.sides]
    return all(isinstance(t, str) for t in texts)


def _exercise(data: dict[str, Any]) -> Exercise:
    return Exercise(**{**data, "mode": Mode(data["mode"]), "sides": tuple(data["sides"])})
