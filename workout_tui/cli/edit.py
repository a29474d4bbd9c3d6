"""The `new` and `edit` commands: make the file (or copy a bundled one), open the person's
editor on it, check it when the editor closes, and offer to edit again until it loads.

The file is only ever written by the editor once it exists, so nothing typed is lost: a
routine left with problems stays on disk as it is, and the list shows its problems.
"""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from pathlib import Path

from workout_tui.core import locations
from workout_tui.core.authoring import (
    NoEditor,
    drop_if_unchanged,
    editable,
    editor_command,
    new_file,
)
from workout_tui.core.config import Config
from workout_tui.core.library import Routine, load_routine
from workout_tui.core.printable import complain, say


def new_routine(
    name: str | None, source: Routine | None, routines: Sequence[Routine], config: Config
) -> int:
    """Create a routine (from the template, or a copy of `source`) and edit it."""
    editor = _editor()
    if editor is None:
        return 1
    taken = [r.slug for r in routines]
    try:
        path = new_file(name, source, taken)
    except OSError as error:
        complain(f"cannot create {error.filename or 'the routine'}: {error.strerror or error}")
        return 1
    say(f"Created {path}")
    # The bare template, left as it is, holds nothing of the person's (a name or a source
    # given does).
    unkept = "Nothing was written, so no new routine was kept."
    bare = name is None and source is None
    return edit_loop(path, editor, config, (path.read_bytes(), unkept) if bare else None)


def edit_routine(routine: Routine, config: Config) -> int:
    """Edit a routine's file; a bundled one is copied to the user's routines first."""
    editor = _editor()
    if editor is None:
        return 1
    try:
        path, copied = editable(routine.path, routine.slug)
    except OSError as error:
        complain(f"cannot copy {routine.slug} to edit it: {error.strerror or error}")
        return 1
    made = None
    if copied:
        say(f"Copied {routine.slug} to {path}.")
        say("Your copy is used in place of the bundled one, which stays as shipped (delete")
        say("the copy to go back to it).")
        unkept = "Nothing was changed, so no copy was kept: the bundled routine is used."
        made = (path.read_bytes(), unkept)
    elif path != routine.path:
        say(f"Editing your copy of {routine.slug}: {path}")
    return edit_loop(path, editor, config, made)


def edit_loop(
    path: Path, editor: list[str], config: Config, made: tuple[bytes, str] | None = None
) -> int:
    """Open `editor` on `path` until the routine loads or the person stops asking (the
    length it says counts the `config`'s prepare and rest, as the list does).

    Args:
        made: the file as this command made it, and what to say when the editor leaves it
            so: it is not kept.
    """
    while True:
        if not _open_editor(editor, path):
            say(f"The file is kept as it is: {path}")
            return 1
        if made is not None and drop_if_unchanged(path, made[0]):
            say(made[1])
            return 1
        made = None  # once changed, whatever it becomes is the person's
        if not path.is_file():
            say(f"There is no routine file at {path} any more (the editor removed it or")
            say("left something else there); nothing is kept.")
            return 1
        routine = load_routine(path, "user", config)
        # By slug when it is in the user's routines; else by path, which always finds it.
        name = routine.slug if path.parent == locations.user_sessions_dir() else str(path)
        if routine.summary is not None:
            say(f"{path}: ok ({routine.summary.step_count}, {routine.summary.estimate}).")
            say(f"Run it with: workout-tui run {name}")
            return 0
        for problem in routine.problems:
            say(str(problem))
        if not _ask("Edit again? [Y/n] "):
            say(f"Kept {path} as it is; the list shows its problems until it is fixed")
            say(f"(workout-tui edit {name}).")
            return 1


def _editor() -> list[str] | None:
    """The editor command, or None after saying there is none to run."""
    try:
        return editor_command()
    except NoEditor as error:
        complain(str(error))
        return None


def _open_editor(command: list[str], path: Path) -> bool:
    """Run the editor on `path`; False (having said why) when it could not be started."""
    try:
        status = subprocess.call([*command, str(path)])
    except OSError as error:
        complain(f"cannot start the editor {command[0]!r}: {error.strerror or error}")
        return False
    except KeyboardInterrupt:  # ctrl+c in the terminal while a windowed editor had the file
        print()
        return False
    if status != 0:
        complain(f"the editor exited with status {status}; checking the file as it is")
    return True


def _ask(question: str) -> bool:
    """Yes unless the answer starts with n (end of input counts as no)."""
    try:
        answer = input(question)
    except (EOFError, KeyboardInterrupt):
        print()
        return False
    return not answer.strip().lower().startswith("n")
