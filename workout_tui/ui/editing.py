"""Editing a routine from the list: the app hands the terminal to the person's editor and
takes it back when the editor closes (Textual's App.suspend)."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

from textual.app import App, SuspendNotSupported

from workout_tui.core.authoring import NoEditor, editor_command


def edit_in_editor(app: App[None], prepare: Callable[[], Path]) -> tuple[Path | None, str]:
    """Find the editor, make or find the file (`prepare`), and edit it with the app
    suspended. Returns the file (None if there is none) and what went wrong ("" if not)."""
    try:
        command = editor_command()
        path = prepare()
    except NoEditor as error:
        return None, str(error)
    except OSError as error:
        return None, f"cannot write the routine: {error.strerror or error}"
    try:
        with app.suspend():
            status = subprocess.call([*command, str(path)])
    except SuspendNotSupported:
        return path, f"cannot open an editor here; run `workout-tui edit {path}` in a terminal"
    except OSError as error:
        return path, f"cannot start the editor {command[0]!r}: {error.strerror or error}"
    return path, "" if status == 0 else f"the editor exited with status {status}"
