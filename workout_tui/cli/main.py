"""Run one command line: parse it, set up the workspace, carry out the command, and turn
how it ended into an exit status."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from workout_tui.cli.common import Exit, UsageError
from workout_tui.cli.parser import parser
from workout_tui.core.printable import complain, fit_streams
from workout_tui.core.workspace import HistoryOff, NoSuchFolder, Workspace


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit status (0 ok, 1 problems found, 2 usage error)."""
    args = parser().parse_args(argv)
    fit_streams(data=bool(getattr(args, "json", False) or getattr(args, "export", None)))
    try:
        workspace = Workspace.of_user(
            getattr(args, "sessions_dir", ()), getattr(args, "data_dir", None)
        )
        status: int = args.handler(args, workspace)
        sys.stdout.flush()
        return status
    except (UsageError, NoSuchFolder) as error:
        complain(str(error))
        return 2
    except Exit as end:
        return end.status
    except HistoryOff:  # said already
        return 1
    except BrokenPipeError:
        # The reader (head, less) closed the pipe: stop quietly, and keep Python's exit
        # flush from raising again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
