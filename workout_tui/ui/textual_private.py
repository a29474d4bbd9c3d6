"""The one place the app touches Textual's private names, for what no public API does:
leave a short report in place of Textual's traceback, and tell whether code runs on the
app's own thread. tests/ui/test_textual_private.py fails when an upgrade removes one."""

from __future__ import annotations

import sys
import threading

from textual.app import App

# Each private name used here, and the method the app overrides (Textual 8's hook for an
# unhandled exception).
PRIVATE_NAMES = (
    "_fatal_error",
    "_exit_renderables",
    "_exception",
    "_close_messages_no_wait",
    "_thread_id",
)


def on_app_thread(app: App[None]) -> bool:
    """Whether the caller runs on the app's thread (else it must `call_from_thread`)."""
    return app._thread_id == threading.get_ident()


def leave_with_report(app: App[None]) -> None:
    """End the app after a bug with a short report of it, not Textual's traceback with
    every local variable (which could hold a person's notes and loads)."""
    from workout_tui.ui.exits import bug_report

    app._exit_renderables.append(bug_report(app._exception or sys.exc_info()[1]))
    app._close_messages_no_wait()
