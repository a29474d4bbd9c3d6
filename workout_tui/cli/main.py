"""Run one command line: parse it, set up the workspace, carry out the command, and turn
how it ended into an exit status."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence

from workout_tui.cli.common import Exit, UsageError
from workout_tui.cli.parser import parser
from workout_tui.core.printable import complain, fit_streams
from workout_tui.core.workspace import HistoryOff, NoSuchFolder, Workspace

# A command whose reader went away before it finished (`| head`) ends as the shell's own
# tools do when SIGPIPE ends them: 128 + 13. Not 0: a cut-off `validate` under `set -o
# pipefail` must not pass for a clean one.
CUT_OFF = 141


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit status (0 ok, 1 problems found, 2 usage error,
    130 interrupted, 141 the reader closed the pipe)."""
    reopen_closed_streams()
    args = parser().parse_args(argv)
    fit_streams(data=bool(getattr(args, "json", False) or getattr(args, "export", None)))
    try:
        return _carry_out(args)
    except (UsageError, NoSuchFolder) as error:
        complain(str(error))
        return 2
    except Exit as end:
        return end.status
    except HistoryOff:  # said already
        return 1
    except BrokenPipeError:  # the reader (head, less) closed the pipe: stop quietly
        _drop_output()
        return CUT_OFF
    except OSError as error:  # what no command foresaw: a folder it may not read, a name
        _drop_output()  # too long, a full device for its output
        with contextlib.suppress(OSError):  # stderr may be on that device too
            where = f"{error.filename}: " if error.filename else "cannot write the output: "
            complain(f"{where}{error.strerror or error}")
        return 1
    except KeyboardInterrupt:  # Ctrl-C: what it was writing is rolled back, as on SIGTERM
        return 130


def _carry_out(args: argparse.Namespace) -> int:
    """The command, on the workspace of this launch; its exit status."""
    workspace = Workspace.of_user(
        getattr(args, "sessions_dir", ()), getattr(args, "data_dir", None)
    )
    status: int = args.handler(args, workspace)
    sys.stdout.flush()
    return status


def _drop_output() -> None:
    """Nothing more goes to stdout: what is buffered is tried once, and Python's own flush
    at exit cannot raise again."""
    with contextlib.suppress(OSError):
        sys.stdout.flush()
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def reopen_closed_streams() -> None:
    """A standard stream the caller closed (`>&-`) is None in Python, and the first write
    to it a traceback: it becomes /dev/null, so output is dropped, input is empty (not a
    terminal: the app says it needs one) and the exit status still tells."""
    for fd, name in ((0, "stdin"), (1, "stdout"), (2, "stderr")):
        if getattr(sys, name) is None:
            null = os.open(os.devnull, os.O_RDONLY if fd == 0 else os.O_WRONLY)
            if null != fd:  # the lowest free descriptor: the closed one, unless others are
                os.dup2(null, fd)
                os.close(null)
            stream = open(fd, "r" if fd == 0 else "w", closefd=False)  # noqa: SIM115 (for good)
            setattr(sys, name, stream)
