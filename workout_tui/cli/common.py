"""What the commands share: how one ends early, the routine a name names, a table of
text, and opening the app on the workspace."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from workout_tui.core.library import Routine, UnknownRoutine
from workout_tui.core.printable import complain, say
from workout_tui.core.workspace import Workspace

if TYPE_CHECKING:
    from workout_tui.ui.settings import BreakSetup


# Bytes the terminal's encoding could not make text of (they came in as lone surrogates).
NOT_TEXT = "{what} is not valid text: a byte in it is not UTF-8 (is the terminal set to UTF-8?)"


class UsageError(Exception):
    """A command line that cannot be carried out as given (exit status 2)."""


class Exit(Exception):
    """End the command now with `status`; what went wrong has been said."""

    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


def named(name: str, workspace: Workspace) -> Routine:
    """The routine called `name` (a slug or a path).

    Raises:
        Exit: 2, there is none (said, with what it may have meant and what there is).
    """
    try:
        return workspace.find(name)
    except UnknownRoutine as error:
        hint = f" Did you mean: {', '.join(error.suggestions)}?" if error.suggestions else ""
        complain(f"no routine called {error.name!r}.{hint}")
        print("Available routines:", file=sys.stderr)
        for routine in workspace.routines():
            if routine.summary is not None:
                say(f"  {cut(routine.slug):28} {cut(routine.summary.name)}", sys.stderr)
        raise Exit(2) from None


MAX_CELL = 40  # a cell wider is cut: one long name must not widen every row


def cut(text: str) -> str:
    """`text` cut to MAX_CELL characters, for a column of names."""
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def print_table(rows: Sequence[tuple[str, ...]]) -> None:
    """Rows in columns as wide as their widest cell, cut to MAX_CELL (the last column is
    not padded)."""
    rows = [tuple(map(cut, row)) for row in rows]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    for row in rows:
        cells = (cell.ljust(width) for cell, width in zip(row, widths, strict=False))
        print("  ".join(cells) + "  " + row[-1])


def launch(
    workspace: Workspace,
    start: Routine | None = None,
    show_history: bool = False,
    breaks: BreakSetup | None = None,
    *,
    speed: float = 1.0,
    mute: bool = False,
    voice: bool = True,
) -> int:
    """Open the app (imported here so the other commands never load Textual); the exit
    status, not 0 after a crash."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError(
            "the app needs a terminal (stdin and stdout are not one); "
            "for scripts, see `list`, `validate` and `history --export`"
        )
    from workout_tui.ui.app import WorkoutApp
    from workout_tui.ui.settings import Settings

    app = WorkoutApp(Settings(workspace, start, show_history, breaks, speed, mute, voice))
    workspace.routines()  # read before the app runs: a folder not there ends it here
    if workspace.has_pictures(start or (breaks.routine if breaks else None)):
        from workout_tui.ui.picture_view import prepare

        prepare()  # textual-image asks the terminal what it draws: it cannot once the app runs
    app.run()
    for notice in app.exit_notices:
        complain(notice)
    return app.return_code or 0


# -- what an option's value must be -------------------------------------------------------


def speed(text: str) -> float:
    """--speed: a number from 0.1 to 1000."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0.1 <= value <= 1000:
        raise argparse.ArgumentTypeError("speed must be between 0.1 and 1000")
    return value


def duration(text: str) -> int:
    """--every: a length of time like 45m, in seconds."""
    from workout_tui.core.durations import parse_duration

    try:
        seconds = parse_duration(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    if seconds < 1:
        raise argparse.ArgumentTypeError("it must be longer than 0s")
    return seconds
