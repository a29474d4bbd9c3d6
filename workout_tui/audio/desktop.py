"""A desktop notification where `notify-send` exists (never required), so that a break that
comes due is seen from another window too."""

from __future__ import annotations

import contextlib
import html
import shutil
import subprocess
import threading

from workout_tui.core.printable import printable


def notify_desktop(title: str, body: str) -> bool:
    """Show a notification, off the event loop; False when there is no `notify-send`."""
    program = shutil.which("notify-send")
    if program is None:
        return False
    # The body may be read as markup by the notification server: it is escaped, and `--`
    # keeps a name that starts with `-` from being read as an option.
    command = [
        program,
        "--app-name=workout-tui",
        "--",
        printable(title),
        html.escape(printable(body)),
    ]
    threading.Thread(target=_run, args=(command,), name="notify-send", daemon=True).start()
    return True


def _run(command: list[str]) -> None:
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        subprocess.run(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=10,
            check=False,
        )
