"""The command-line front door: `workout-tui [list|validate|run|new|edit|...] ...`."""

from workout_tui.cli.main import main

__all__ = ["main"]
