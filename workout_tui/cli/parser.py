"""The command line: its options and commands, each with the function that carries it out
(`handler(args, workspace) -> exit status`)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from functools import partial
from pathlib import Path

from workout_tui.cli import day, history, routines
from workout_tui.cli.common import duration, speed
from workout_tui.cli.help import Help, Parser, Version
from workout_tui.core import locations


def parser() -> argparse.ArgumentParser:
    """The parser of `workout-tui [list|validate|run|new|edit|...] ...`."""
    common = _common_options()
    top = Parser(  # its commands' parsers are of its class
        prog="workout-tui",
        description="A terminal timer that guides you through stretching and strength routines."
        f" Your routines: {locations.user_sessions_dir()}. Settings: {locations.config_file()}."
        f" History: {_history_where()}.",
        parents=[common],
        formatter_class=Help,
    )
    top.add_argument("--version", action=Version, help="show the version and exit")
    top.set_defaults(handler=routines.open_app)
    commands = top.add_subparsers(dest="command", metavar="COMMAND")
    add = partial(_command, commands, common)
    for adding in (_list, _run, _history, _new_and_edit, _progress, _today, _checkin, _breaks):
        adding(add)
    add(
        "schema",
        routines.schema,
        "print the JSON Schema of the routine format",
        f"Print the JSON Schema of the routine format ({locations.schema_path()}); an editor"
        " with a YAML language server uses it to complete and check routine files.",
    )
    return top


def _history_where() -> str:
    """The data dir, or why there is none (the command then says so, with its status)."""
    try:
        return str(locations.data_dir())
    except OSError as error:
        return f"{error.filename}: {error.strerror}"


Add = Callable[[str, Callable[..., int], str, str], argparse.ArgumentParser]


def _command(
    commands: argparse._SubParsersAction[Parser],
    common: Parser,
    name: str,
    handler: Callable[..., int],
    summary: str,
    description: str,
) -> argparse.ArgumentParser:
    """A subcommand: `summary` in the list of commands, `description` in its own --help."""
    command = commands.add_parser(
        name, parents=[common], help=summary, description=description, formatter_class=Help
    )
    command.set_defaults(handler=handler)
    return command


def _common_options() -> Parser:
    """Global options, accepted before or after the subcommand."""
    common = Parser(add_help=False)
    common.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help=f"where history is kept (default: ${locations.DATA_DIR_ENV} or the user data dir)",
    )
    common.add_argument(
        "--sessions-dir",
        metavar="DIR",
        action="append",
        type=Path,
        default=argparse.SUPPRESS,
        help="another folder of routine files (repeatable)",
    )
    return common


def _list(add: Add) -> None:
    where = locations.user_sessions_dir()
    listing = add(
        "list",
        routines.list_routines,
        "list the available routines",
        f"List every routine: yours from {where} (and --sessions-dir), then the bundled ones."
        " One of yours with a bundled routine's slug is used in its place. Files with problems"
        " are named on stderr.",
    )
    listing.add_argument("--json", action="store_true", help="print JSON instead of a table")
    validate = add(
        "validate",
        routines.validate,
        "check routine files and print every problem",
        "Check routine files and print each problem as path:line:col: message; exit status 1"
        " if any has one.",
    )
    validate.add_argument(
        "paths",
        nargs="*",
        metavar="ROUTINE",
        help="a file, a folder or a routine's slug; none checks every routine in the list",
    )


def _new_and_edit(add: Add) -> None:
    where = locations.user_sessions_dir()
    new = add(
        "new",
        routines.new,
        "write a new routine in your editor",
        f"Create a routine file in {where} (never replacing one) from a commented template or"
        " a copy, open it in $VISUAL or $EDITOR, and check it when you close the editor.",
    )
    new.add_argument("name", nargs="?", metavar="NAME", help="its name (its slug comes from it)")
    new.add_argument(
        "--from", dest="source", metavar="ROUTINE", help="start from a copy of this slug or file"
    )
    edit = add(
        "edit",
        routines.edit,
        "change a routine in your editor",
        "Open a routine in $VISUAL or $EDITOR and check it when you close the editor. A"
        f" bundled routine is first copied to {where}; the copy is used in its place.",
    )
    edit.add_argument("routine", metavar="ROUTINE", help="a routine's slug or a path to its file")


def _run(add: Add) -> None:
    run = add(
        "run",
        routines.run,
        "run a routine (slug or file)",
        f"Run a routine in the app; each step is saved to the history ({_history_where()})"
        " as it ends.",
    )
    run.add_argument("session", metavar="SESSION", help="a routine's slug or a path to its file")
    run.add_argument(
        "--speed", type=speed, default=1.0, metavar="F", help="run F times faster (preview)"
    )
    run.add_argument("--mute", action="store_true", help="no sound")
    run.add_argument("--no-voice", action="store_true", help="beeps only, no spoken lines")


def _history(add: Add) -> None:
    browse = add(
        "history",
        history.history,
        "browse past sessions, or export them",
        "Browse past runs in the app, export them as JSON or CSV, or import an export. The"
        f" history is kept in {_history_where()}.",
    )
    browse.add_argument(
        "--export", choices=("json", "csv"), help="print every run as JSON or CSV instead"
    )
    browse.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write the export to FILE, not stdout"
    )
    browse.add_argument(
        "--import",
        dest="import_file",
        type=Path,
        metavar="FILE",
        help="add the runs of a JSON export (runs already here are skipped)",
    )


def _progress(add: Add) -> None:
    progress = add(
        "progress",
        history.progress,
        "each exercise's best and last, or one's records",
        "Each exercise you have done, with its sessions, best and last, from the history in"
        f" {_history_where()}; or, named, one exercise's records and sessions.",
    )
    progress.add_argument("exercise", nargs="?", metavar="EXERCISE", help="one exercise, by name")
    progress.add_argument("--json", action="store_true", help="print JSON instead of text")


def _today(add: Add) -> None:
    config = locations.config_file()
    today = add(
        "today",
        day.today,
        "what the weekly plan asks today, and what is done",
        f"The routines the weekly plan ([plan] in {config}) asks for today, each marked done"
        " once run to its end today. Exit status 0 when all are done (or none is planned), 1"
        " while any is left: a shell prompt or a status bar can show it.",
    )
    today.add_argument("--json", action="store_true", help="print JSON instead of text")
    today.add_argument(
        "--short", action="store_true", help="one line, for a status bar: plan 1/2 · check-in due"
    )


def _checkin(add: Add) -> None:
    checkin = add(
        "checkin",
        day.checkin,
        "how your neck and mid-back feel today, 0 to 10",
        "Keep a check-in: how your neck and mid-back feel, 0 (no pain) to 10 (the worst); a"
        " forgotten day can be filled in with --date. The latest of a day stands. `insight`"
        " sets them against the days of hip work.",
    )
    checkin.add_argument("score", metavar="SCORE", help="0 (none) to 10 (worst)")
    checkin.add_argument("--date", metavar="YYYY-MM-DD", help="the day (today)")
    checkin.add_argument("--note", metavar="TEXT", help="a few words to keep with it")
    insight = add(
        "insight",
        day.insight,
        "your check-ins against the days of hip work",
        "Your check-ins on days after hip work (routines tagged as [checkin] hip_tags says)"
        " against those after other days, with a 90% interval, and the weeks side by side."
        " Your own record, not a diagnosis.",
    )
    insight.add_argument("--json", action="store_true", help="print JSON instead of text")


def _breaks(add: Add) -> None:
    config = locations.config_file()
    breaks = add(
        "breaks",
        day.breaks,
        "remind you to stand up, and run a break routine",
        "A small screen to keep open all day in a terminal tab or a tmux pane: time sitting, time"
        " to the next break and today's breaks. When a break is due it plays the cue, rings the"
        " bell and shows a desktop notice (where notify-send exists); Enter runs the break's"
        f" routine, s snoozes, x skips, p pauses. Settings: [breaks] in {config}; every break"
        " goes in the history.",
    )
    breaks.add_argument(
        "--every",
        type=duration,
        metavar="TIME",
        help="sitting time between breaks, like 45m (default: [breaks] every, or 45m)",
    )
    breaks.add_argument(
        "--routine",
        metavar="ROUTINE",
        help="the break's routine, a slug or a file (default: [breaks] routine, or desk-break)",
    )
    breaks.add_argument("--mute", action="store_true", help="no sound")
