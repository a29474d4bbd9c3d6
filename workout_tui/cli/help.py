"""How the command line shows itself: help that keeps paths whole, usage errors that show
what was typed as text, and --version."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import NoReturn

from workout_tui import version
from workout_tui.core.printable import printable


class Help(argparse.HelpFormatter):
    """Help that keeps paths whole when it wraps (`workout-tui`, not `workout-` `tui`) and
    shows any control character in them as a visible mark."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        import textwrap

        text = printable(" ".join(text.split()))
        return textwrap.fill(
            text,
            width,
            initial_indent=indent,
            subsequent_indent=indent,
            break_on_hyphens=False,
            break_long_words=False,
        )


class Parser(argparse.ArgumentParser):
    """argparse's, with what was typed shown as text in a usage error: an unknown argument
    with an escape in it (`list $'\\e]0;x\\a'`) would have reached the terminal as one."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {printable(message)}\n")


class Version(argparse.Action):
    """--version, looked up only when asked for (so start-up never pays for it)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help=str(kwargs.get("help", "")))

    def __call__(self, parser: argparse.ArgumentParser, *args: object) -> None:
        from workout_tui.core.log.export import FORMAT_VERSION
        from workout_tui.core.log.schema import SCHEMA_VERSION

        print(f"workout-tui {version()}")
        print(f"history schema {SCHEMA_VERSION} (an older history is migrated when opened)")
        print(f"export format {FORMAT_VERSION} (exports of format 1 to {FORMAT_VERSION} import)")
        parser.exit()
