"""Leaving for good: after a signal, and after a bug."""

from __future__ import annotations

import os
import threading
import traceback

from rich.text import Text

from workout_tui import version
from workout_tui.core.printable import printable

EXIT_GRACE_SECONDS = 1.5  # after a signal: a closed terminal must not keep the process


def end_process_soon() -> None:
    """End the process in EXIT_GRACE_SECONDS if it has not ended by then.

    With the terminal gone, Textual's exit can block for good writing to it (its writer
    queue fills and nothing drains it). The run is on disk by the time this is called.
    """
    watchdog = threading.Timer(EXIT_GRACE_SECONDS, os._exit, args=(0,))
    watchdog.daemon = True
    watchdog.start()


def bug_report(error: BaseException | None) -> Text:
    """A short report of a bug, in place of Textual's traceback with every local variable
    (which could hold a person's notes and loads)."""
    report = "".join(traceback.format_exception(error)) if error else ""
    return Text(
        printable(
            f"workout-tui {version()} stopped on a bug; the session so far is saved.\n"
            f"A bug report can use this:\n\n{report}",
            lines=True,
        )
    )
