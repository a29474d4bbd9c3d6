"""Writing routines: a new file from a template or a copy, and the person's editor to open it.

Nothing here overwrites a file: a new routine takes a free slug, and a bundled routine is
copied before it is edited, so the copy shadows it and the bundled file stays as shipped.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
from collections.abc import Collection, Mapping
from pathlib import Path

from workout_tui.core import locations
from workout_tui.core.files import inside, read_regular
from workout_tui.core.library import Routine
from workout_tui.core.model import slugify
from workout_tui.core.yaml_source import MAX_FILE_BYTES

SCHEMA_LINE = "# yaml-language-server: $schema={uri}\n"
FALLBACK_EDITORS = ("sensible-editor", "editor", "nano", "vi")

TEMPLATE = """\
# A workout-tui routine. Every key, its default and an example: `workout-tui schema`,
# or docs/session-format.md. Save and close the editor to check it.
name: {name}
description: What this routine is for, in a sentence or two.
tags: [mobility]          # words to filter the list by
equipment: []             # e.g. [mat, kettlebell]
defaults:
  prepare: 10s            # get ready before the first step
  rest: 15s               # after each exercise
  switch_sides: 5s        # between left and right
exercises:
  - name: Half-kneeling hip flexor stretch
    hold: 45s             # a timed hold; or `time: 30s` for a timed set
    sides: [left, right]  # once per side
    notes: Tuck the pelvis under and squeeze the glute of the back leg.
  - name: Goblet squat
    sets: 3
    reps: 8-12            # a rep set: press space when done
    load: 12 kg           # free text, shown and logged
    rest_between_sets: 60s
    notes: Bell at chest height; sit back so the weight stays over the heels.
"""


_PLAIN_NAME = re.compile(r"[A-Za-z][\w .,()'/&+-]*")
_YAML_WORDS = {"yes", "no", "on", "off", "true", "false", "null"}  # not text, unquoted


class NoEditor(Exception):
    """No editor could be found to open a routine in."""


def new_file(name: str | None, source: Routine | None, taken: Collection[str]) -> Path:
    """Write a new routine to the user's routines: the template, or a copy of `source`,
    named `name`, under a slug not `taken` (nor on disk).

    Raises:
        OSError: it could not be written (nothing is left behind).
    """
    if source is not None:
        name = name or f"{source.title} (copy)"
        text = _renamed(_read(source.path), name)
    else:
        name = name or "My routine"
        text = TEMPLATE.format(name=_yaml_name(name))
    taken = set(taken)
    while True:  # a file made meanwhile under the chosen slug is left alone: take the next
        slug = free_slug(name, taken)
        try:
            return create(locations.user_sessions_dir(), slug, with_schema(text))
        except FileExistsError:
            taken.add(slug)


def editable(path: Path, slug: str) -> tuple[Path, bool]:
    """The file to edit for the routine at `path`: that file, or for a bundled routine a
    copy in the user's routines (made now unless it is there); and whether it was made now.

    Raises:
        OSError: the copy could not be written.
    """
    if not inside(path, locations.bundled_sessions_dir()):
        return path, False
    text = with_schema(_read(path))
    try:
        return create(locations.user_sessions_dir(), slug, text), True
    except FileExistsError:
        return locations.user_sessions_dir() / f"{slug}.yaml", False


def drop_if_unchanged(path: Path, made: bytes) -> bool:
    """Remove the file at `path` if the editor left it as it was made (`made`: a new
    routine's template, a bundled routine's copy): nothing of the person's is in it, and
    it would only add a routine (or hide the bundled one). True when it was removed."""
    try:
        if path.is_file() and path.read_bytes() == made:
            path.unlink()
            return True
    except OSError:
        pass  # unreadable, or not ours to remove: left as it is
    return False


def free_slug(name: str, taken: Collection[str]) -> str:
    """`name`'s slug, numbered (`-2`, `-3`, ...) past the slugs already `taken`."""
    base = slugify(name)
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def with_schema(text: str) -> str:
    """The routine text with the schema line first, so editors complete and check it."""
    line = SCHEMA_LINE.format(uri=locations.schema_path().resolve().as_uri())
    if text.startswith("# yaml-language-server:"):
        return line + text.split("\n", 1)[1] if "\n" in text else line
    return line + text


def create(folder: Path, slug: str, text: str) -> Path:
    """Write a new routine file `<folder>/<slug>.yaml`; never replaces one.

    Raises:
        FileExistsError: the file is there already.
        OSError: it could not be written (nothing is left half-written).
    """
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{slug}.yaml"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o644)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
    except BaseException:
        path.unlink(missing_ok=True)  # ours, just made: a full disk leaves no empty file
        raise
    return path


def _read(path: Path) -> str:
    """A routine's text to copy (never hanging on a FIFO; raises OSError)."""
    return read_regular(path, MAX_FILE_BYTES).decode("utf-8", errors="replace")


def _renamed(text: str, name: str) -> str:
    """A copied routine's text with its top-level `name:` set to `name`."""
    line = f"name: {_yaml_name(name)}"
    renamed, count = re.subn(r"(?m)^name:.*$", lambda _: line, text, count=1)
    return renamed if count else f"{line}\n{text}"


def _yaml_name(name: str) -> str:
    """`name` as a YAML scalar: plain when it is safe to, else double-quoted."""
    import json

    if _PLAIN_NAME.fullmatch(name) and name.lower() not in _YAML_WORDS:
        return name
    return json.dumps(name, ensure_ascii=False)


def editor_command(environ: Mapping[str, str] | None = None) -> list[str]:
    """The command that opens a file for editing: $VISUAL, then $EDITOR, then the first
    of FALLBACK_EDITORS on PATH (the variables may hold arguments, as in `code -w`).

    Raises:
        NoEditor: none is set and none is installed, or the one set is not there.
    """
    if environ is None:
        environ = os.environ
    for variable in ("VISUAL", "EDITOR"):
        value = environ.get(variable, "").strip()
        if value:
            try:
                command = shlex.split(value)
            except ValueError:
                command = [value]  # an unbalanced quote: take it as one program's path
            if shutil.which(command[0], path=environ.get("PATH")) is None:
                raise NoEditor(f"cannot find the editor {command[0]!r} (from ${variable})")
            return command
    for name in FALLBACK_EDITORS:
        found = shutil.which(name, path=environ.get("PATH"))
        if found:
            return [found]
    raise NoEditor("no editor found: set $EDITOR (e.g. export EDITOR=nano) or install nano or vi")
