"""The command-line front door: `workout-tui [list|validate|run|new|edit|...] ...`."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from workout_tui import version
from workout_tui.core import locations
from workout_tui.core.files import inside
from workout_tui.core.library import SUFFIXES as ROUTINE_SUFFIXES
from workout_tui.core.library import (
    Routine,
    UnknownRoutine,
    closest_slugs,
    discover,
    find,
    load_routine,
)
from workout_tui.core.printable import complain as _error
from workout_tui.core.printable import fit_streams, json_text, printable
from workout_tui.core.printable import say as _say

if TYPE_CHECKING:
    Commands = argparse._SubParsersAction[argparse.ArgumentParser]
    from datetime import date

    from workout_tui.core.config import Config
    from workout_tui.core.log.history import HistoryStore
    from workout_tui.core.log.records import Session
    from workout_tui.core.summary import Summary
    from workout_tui.ui.settings import BreakSetup


class UsageError(Exception):
    """A command line that cannot be carried out as given (exit status 2)."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit status (0 ok, 1 problems found, 2 usage error)."""
    parser = _parser()
    args = parser.parse_args(argv)
    fit_streams(data=bool(getattr(args, "json", False) or getattr(args, "export", None)))
    try:
        if args.command is None:
            return _open_app(args)
        result: int = args.handler(args)
        sys.stdout.flush()
        return result
    except UsageError as error:
        _error(str(error))
        return 2
    except BrokenPipeError:
        # The reader (head, less) closed the pipe: stop quietly, and keep Python's exit
        # flush from raising again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _parser() -> argparse.ArgumentParser:
    common = _common_options()
    parser = argparse.ArgumentParser(
        prog="workout-tui",
        description="A terminal timer that guides you through stretching and strength routines."
        f" Your routines: {locations.user_sessions_dir()}. Settings: {locations.config_file()}."
        f" History: {locations.data_dir()}.",
        parents=[common],
        formatter_class=_Help,
    )
    parser.add_argument("--version", action=_Version, help="show the version and exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add_list_and_validate(commands, common)
    _add_run_and_history(commands, common)
    _add_new_and_edit(commands, common)
    _add_progress(commands, common)
    _add_today(commands, common)
    _add_breaks(commands, common)
    _command(
        commands, common, "schema", _schema, "print the JSON Schema of the routine format",
        f"Print the JSON Schema of the routine format ({locations.schema_path()}); an editor"
        " with a YAML language server uses it to complete and check routine files.",
    )  # fmt: skip
    return parser


def _command(
    commands: Commands, common: argparse.ArgumentParser, name: str, handler: object,
    summary: str, description: str,
) -> argparse.ArgumentParser:  # fmt: skip
    """A subcommand: `summary` in the list of commands, `description` in its own --help."""
    command = commands.add_parser(
        name, parents=[common], help=summary, description=description, formatter_class=_Help
    )
    command.set_defaults(handler=handler)
    return command


def _add_list_and_validate(commands: Commands, common: argparse.ArgumentParser) -> None:
    listing = _command(
        commands, common, "list", _list, "list the available routines",
        f"List every routine: yours from {locations.user_sessions_dir()} (and --sessions-dir),"
        " then the bundled ones. One of yours with a bundled routine's slug is used in its"
        " place. Files with problems are named on stderr.",
    )  # fmt: skip
    listing.add_argument("--json", action="store_true", help="print JSON instead of a table")
    validate = _command(
        commands, common, "validate", _validate, "check routine files and print every problem",
        "Check routine files and print each problem as path:line:col: message; exit status 1"
        " if any has one.",
    )  # fmt: skip
    validate.add_argument(
        "paths", nargs="*", metavar="ROUTINE",
        help="a file, a folder or a routine's slug; none checks every routine in the list",
    )  # fmt: skip


def _common_options() -> argparse.ArgumentParser:
    """Global options, accepted before or after the subcommand."""
    common = argparse.ArgumentParser(add_help=False)
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


def _add_run_and_history(commands: Commands, common: argparse.ArgumentParser) -> None:
    run = _command(
        commands, common, "run", _run, "run a routine (slug or file)",
        f"Run a routine in the app; each step is saved to the history ({locations.data_dir()})"
        " as it ends.",
    )  # fmt: skip
    run.add_argument("session", metavar="SESSION", help="a routine's slug or a path to its file")
    run.add_argument(
        "--speed", type=_speed, default=1.0, metavar="F", help="run F times faster (preview)"
    )
    run.add_argument("--mute", action="store_true", help="no sound")
    run.add_argument("--no-voice", action="store_true", help="beeps only, no spoken lines")
    history = _command(
        commands, common, "history", _history, "browse past sessions, or export them",
        "Browse past runs in the app, export them as JSON or CSV, or import an export. The"
        f" history is kept in {locations.data_dir()}.",
    )  # fmt: skip
    history.add_argument(
        "--export", choices=("json", "csv"), help="print every run as JSON or CSV instead"
    )
    history.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write the export to FILE, not stdout"
    )
    history.add_argument(
        "--import",
        dest="import_file",
        type=Path,
        metavar="FILE",
        help="add the runs of a JSON export (runs already here are skipped)",
    )


def _add_new_and_edit(commands: Commands, common: argparse.ArgumentParser) -> None:
    where = locations.user_sessions_dir()
    new = _command(
        commands, common, "new", _new, "write a new routine in your editor",
        f"Create a routine file in {where} (never replacing one) from a commented template or"
        " a copy, open it in $VISUAL or $EDITOR, and check it when you close the editor.",
    )  # fmt: skip
    new.add_argument("name", nargs="?", metavar="NAME", help="its name (its slug comes from it)")
    new.add_argument(
        "--from", dest="source", metavar="ROUTINE", help="start from a copy of this slug or file"
    )
    edit = _command(
        commands, common, "edit", _edit, "change a routine in your editor",
        "Open a routine in $VISUAL or $EDITOR and check it when you close the editor. A"
        f" bundled routine is first copied to {where}; the copy is used in its place.",
    )  # fmt: skip
    edit.add_argument("routine", metavar="ROUTINE", help="a routine's slug or a path to its file")


def _add_today(commands: Commands, common: argparse.ArgumentParser) -> None:
    today = _command(
        commands, common, "today", _today, "what the weekly plan asks today, and what is done",
        f"The routines the weekly plan ([plan] in {locations.config_file()}) asks for today,"
        " each marked done once run to its end today. Exit status 0 when all are done (or none"
        " is planned), 1 while any is left: a shell prompt or a status bar can show it.",
    )  # fmt: skip
    today.add_argument("--json", action="store_true", help="print JSON instead of text")


def _add_breaks(commands: Commands, common: argparse.ArgumentParser) -> None:
    breaks = _command(
        commands, common, "breaks", _breaks, "remind you to stand up, and run a break routine",
        "A small screen to keep open all day in a terminal tab or a tmux pane: time sitting, time"
        " to the next break and today's breaks. When a break is due it plays the cue, rings the"
        " bell and shows a desktop notice (where notify-send exists); Enter runs the break's"
        " routine, s snoozes, x skips, p pauses. Settings: [breaks] in"
        f" {locations.config_file()}; every break goes in the history.",
    )  # fmt: skip
    breaks.add_argument(
        "--every", type=_duration, metavar="TIME",
        help="sitting time between breaks, like 45m (default: [breaks] every, or 45m)",
    )  # fmt: skip
    breaks.add_argument(
        "--routine", metavar="ROUTINE",
        help="the break's routine, a slug or a file (default: [breaks] routine, or desk-break)",
    )  # fmt: skip
    breaks.add_argument("--mute", action="store_true", help="no sound")


def _add_progress(commands: Commands, common: argparse.ArgumentParser) -> None:
    progress = _command(
        commands, common, "progress", _progress, "each exercise's best and last, or one's records",
        "Each exercise you have done, with its sessions, best and last, from the history in"
        f" {locations.data_dir()}; or, named, one exercise's records and sessions.",
    )  # fmt: skip
    progress.add_argument("exercise", nargs="?", metavar="EXERCISE", help="one exercise, by name")
    progress.add_argument("--json", action="store_true", help="print JSON instead of text")


class _Help(argparse.HelpFormatter):
    """Help that keeps paths whole when it wraps (`workout-tui`, not `workout-` `tui`) and
    shows any control character in them as a visible mark."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        import textwrap

        text = printable(" ".join(text.split()))
        return textwrap.fill(
            text, width, initial_indent=indent, subsequent_indent=indent,
            break_on_hyphens=False, break_long_words=False,
        )  # fmt: skip


class _Version(argparse.Action):
    """--version, looked up only when asked for (so start-up never pays for it)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help=str(kwargs.get("help", "")))

    def __call__(self, parser: argparse.ArgumentParser, *args: object) -> None:
        print(f"workout-tui {version()}")
        parser.exit()


def _speed(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0.1 <= value <= 1000:
        raise argparse.ArgumentTypeError("speed must be between 0.1 and 1000")
    return value


def _duration(text: str) -> int:
    from workout_tui.core.durations import parse_duration

    try:
        seconds = parse_duration(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    if seconds < 1:
        raise argparse.ArgumentTypeError("it must be longer than 0s")
    return seconds


def _library(args: argparse.Namespace) -> list[Routine]:
    """Every routine, read once for the command line (a command may ask more than once)."""
    if "routines" not in vars(args):
        args.routines = _scan(_folders(args), _config(args))
    routines: list[Routine] = args.routines
    return routines


def _folders(args: argparse.Namespace) -> list[tuple[Path, str]]:
    """The folders routines are read from, with their source, first to last."""
    extra = [(Path(d).expanduser(), "user") for d in getattr(args, "sessions_dir", [])]
    for folder, _ in extra:
        if not folder.is_dir():
            raise UsageError(f"--sessions-dir {folder}: no such folder")
    user = (locations.user_sessions_dir(), "user")
    return [*extra, user, (locations.bundled_sessions_dir(), "bundled")]


def _scan(folders: list[tuple[Path, str]], config: Config) -> list[Routine]:
    return discover(folders, cache=locations.routine_cache(), config=config)


def _config(args: argparse.Namespace, say_problems: bool = False) -> Config:
    """The config file's settings, read once for the command line; with `say_problems`,
    what is wrong in it is said on stderr."""
    if "config" not in vars(args):
        from workout_tui.core.config import load_config

        args.config, args.config_problems = load_config(locations.config_file())
    for problem in args.config_problems if say_problems else []:
        _error(problem)
    config: Config = args.config
    return config


def _list(args: argparse.Namespace) -> int:
    routines = _library(args)
    if args.json:
        print(json_text([_routine_json(r) for r in routines]))
        return 0
    rows: list[tuple[str, ...]] = [("SLUG", "NAME", "SOURCE", "TIME", "STEPS", "EQUIPMENT")]
    rows += [_routine_row(r.slug, r.origin, r.summary) for r in routines if r.summary]
    _print_table(rows)
    if len(rows) == 1:
        print("No routines found.")
    for routine in routines:
        if routine.problems:
            _error(f"skipped {routine.path} ({len(routine.problems)} problem(s)):")
            for problem in routine.problems:
                _say(f"  {problem}", sys.stderr)
    return 0


MAX_CELL = 40  # a cell wider is cut: one long name must not widen every row


def _cut(text: str) -> str:
    """`text` cut to MAX_CELL characters, for a column of names."""
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def _print_table(rows: list[tuple[str, ...]]) -> None:
    """Rows in columns as wide as their widest cell, cut to MAX_CELL (the last column is
    not padded)."""
    rows = [tuple(map(_cut, row)) for row in rows]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False))
              + "  " + row[-1])  # fmt: skip


def _routine_row(slug: str, origin: str, summary: Summary) -> tuple[str, ...]:
    return (
        printable(slug),
        printable(summary.name),
        origin,
        summary.estimate,
        str(summary.steps),
        printable(", ".join(summary.equipment)) or "-",
    )


def _routine_json(routine: Routine) -> dict[str, object]:
    entry: dict[str, object] = {
        "slug": routine.slug,
        "source": routine.source,
        "path": str(routine.path),
    }
    if routine.shadows is not None:
        entry["replaces"] = str(routine.shadows.path)
    summary = routine.summary
    if summary is None:
        entry["problems"] = [str(p) for p in routine.problems]
        return entry
    entry.update(
        name=summary.name,
        description=summary.description,
        estimated_seconds=summary.seconds,
        steps=summary.steps,
        equipment=list(summary.equipment),
        tags=list(summary.tags),
    )
    return entry


def _validate(args: argparse.Namespace) -> int:
    failed = False
    paths = _expand(args.paths, args) if args.paths else [r.path for r in _library(args)]
    if isinstance(paths, int):
        return paths
    config = _config(args, say_problems=True)
    if config.keys:  # checked as the app checks them at start
        from workout_tui.ui.keys import build_keymap

        for said in build_keymap(config.keys, config.place)[1]:
            _error(said)
    for path in paths:
        summary = (routine := load_routine(path, config=config)).summary
        if summary is None:
            failed = True
            for problem in routine.problems:
                _say(str(problem))
        else:
            _say(f"{path}: ok ({summary.step_count}, {summary.estimate})")
    return 1 if failed else 0


def _expand(names: Sequence[str], args: argparse.Namespace) -> list[Path] | int:
    """Files to check: a folder's routine files, a file, or the file of a routine's slug;
    exit status 2 for a name that is none of these (said with what it may have meant)."""
    files: list[Path] = []
    for name in names:
        path = Path(name)
        if not path.exists() and "/" not in name and path.suffix not in ROUTINE_SUFFIXES:
            routine = _named(name, _library(args))
            if isinstance(routine, int):
                return routine
            path = routine.path
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir() if p.suffix in ROUTINE_SUFFIXES))
        else:
            files.append(path)
    return files


def _named(name: str, routines: Sequence[Routine]) -> Routine | int:
    """The routine called `name` (a slug or a path), or exit status 2 after saying there
    is none and listing those there are."""
    try:
        return find(name, routines)
    except UnknownRoutine as error:
        hint = f" Did you mean: {', '.join(error.suggestions)}?" if error.suggestions else ""
        _error(f"no routine called {error.name!r}.{hint}")
        print("Available routines:", file=sys.stderr)
        for routine in routines:
            if routine.summary is not None:
                _say(f"  {_cut(routine.slug):28} {_cut(routine.summary.name)}", sys.stderr)
        return 2


def _resolve(args: argparse.Namespace) -> Routine | int:
    """The routine to run, or an exit status after saying what is wrong."""
    routine = _named(args.session, _library(args))
    if isinstance(routine, int):
        return routine
    routine = routine.loaded(_config(args))
    if routine.plan is None:
        for problem in routine.problems:
            _say(str(problem), sys.stderr)
        return 1
    return routine


def _new(args: argparse.Namespace) -> int:
    from workout_tui.edit_command import new_routine

    routines = _library(args)
    source = None if args.source is None else _named(args.source, routines)
    if isinstance(source, int):
        return source
    return new_routine(args.name, source, routines, _config(args))


def _edit(args: argparse.Namespace) -> int:
    from workout_tui.edit_command import edit_routine

    routine = _named(args.routine, _library(args))
    return routine if isinstance(routine, int) else edit_routine(routine, _config(args))


def _run(args: argparse.Namespace) -> int:
    routine = _resolve(args)
    if isinstance(routine, int):
        return routine
    return _launch(args, start=routine)


def _history(args: argparse.Namespace) -> int:
    if args.import_file is not None:
        if args.export is not None or args.output is not None:
            raise UsageError("--import goes alone, without --export or -o")
        return _import(args, args.import_file)
    if args.export is None:
        if args.output is not None:
            raise UsageError("-o/--output goes with --export")
        return _launch(args, start=None, show_history=True)
    from workout_tui.core.log.history import open_history

    data_dir = locations.data_dir(getattr(args, "data_dir", None))
    if args.output is not None and inside(args.output, data_dir):
        _error(f"will not write the export into the data dir ({data_dir}); pick another -o")
        return 2
    store, notices = open_history(data_dir, read_only=True)  # an export changes nothing
    for notice in notices:
        _error(notice)
    if store is None and notices:
        return 1
    return _export(store, args.export, args.output)


def _export(store: HistoryStore | None, kind: str, output: Path | None) -> int:
    """Write every run as `kind` (json or csv) to `output`, or stdout; the exit status."""
    from workout_tui.core.log.transfer import export_history

    try:
        if output is None:
            export_history(store, kind, sys.stdout)
            sys.stdout.flush()
        else:
            with output.open("w", encoding="utf-8", newline="") as out:
                count = export_history(store, kind, out)
            _say(f"Wrote {count} runs to {output}", sys.stderr)
    except BrokenPipeError:
        raise  # main() ends a closed pipe quietly; it is not a failure to write a file
    except OSError as error:
        _error(f"cannot write {output}: {error.strerror or error}")
        return 1
    finally:
        if store is not None:
            store.close()
    return 0


def _import(args: argparse.Namespace, path: Path) -> int:
    """Merge a JSON export into the history, all of it or nothing; the exit status."""
    import sqlite3

    from workout_tui.core.log.history import open_history
    from workout_tui.core.log.transfer import BadExport, read_export

    try:
        export = read_export(path)
    except BadExport as error:
        _error(f"cannot import: {error}")
        return 1
    store, notices = open_history(locations.data_dir(getattr(args, "data_dir", None)))
    for notice in notices:
        _error(notice)
    if store is None:
        return 1
    try:
        added, present, breaks = store.import_runs(export.runs_in(), export.breaks_in())
    except (sqlite3.Error, BadExport) as error:  # BadExport: the file changed since it was read
        _error(f"cannot import into the history ({error}); nothing was imported")
        return 1
    finally:
        store.close()
    also = f" and {breaks} breaks" if export.has_breaks else ""
    _say(f"Imported {added} runs{also} from {path} ({present} were in the history already).")
    return 0


def _progress(args: argparse.Namespace) -> int:
    """Every exercise with its best and last, or one exercise's records and sessions."""
    import difflib

    from workout_tui.core.log.entries import exercise_key
    from workout_tui.core.log.history import open_history
    from workout_tui.core.log.records import by_exercise

    store, notices = open_history(
        locations.data_dir(getattr(args, "data_dir", None)), read_only=True
    )
    for notice in notices:
        _error(notice)
    if store is None and notices:
        return 1
    try:
        exercises = by_exercise(store.done_sets()) if store is not None else {}
    finally:
        if store is not None:
            store.close()
    if args.exercise is None:
        return _all_exercises(exercises, args.json)
    key = exercise_key(args.exercise)
    if key not in exercises:
        close = difflib.get_close_matches(key, list(exercises), n=1)
        hint = f"; did you mean {exercises[close[0]][-1].sets[-1].exercise!r}?" if close else ""
        _error(f"no exercise named {args.exercise!r} in the history{hint}")
        return 1
    return _one_exercise(exercises[key], args.json)


def _all_exercises(exercises: dict[str, list[Session]], as_json: bool) -> int:
    from workout_tui.core.log.records import best, headline

    rows = []
    for sessions in sorted(exercises.values(), key=lambda found: -found[-1].run_id):
        top = headline(best(sessions))
        name = sessions[-1].sets[-1].exercise or ""
        rows.append((name, len(sessions), sessions[-1].started_at, str(top) if top else ""))
    if as_json:
        keys = ("exercise", "sessions", "last_done", "best")
        items = [dict(zip(keys, (n, c, t.isoformat(), b), strict=True)) for n, c, t, b in rows]
        print(json_text(items))
        return 0
    if not rows:
        print("No exercises logged yet: run a routine and its sets show up here.")
        return 0
    table: list[tuple[str, ...]] = [("EXERCISE", "SESSIONS", "LAST", "BEST")]
    table += [(printable(n), str(c), t.strftime("%a %d %b %Y"), b) for n, c, t, b in rows]
    _print_table(table)
    return 0


def _one_exercise(sessions: list[Session], as_json: bool) -> int:
    from workout_tui.core.log.describe import describe_sets
    from workout_tui.core.log.records import best, record_name

    name = sessions[-1].sets[-1].exercise or ""
    records = best(sessions)
    if as_json:
        print(json_text({
            "exercise": name,
            "records": [
                {"record": record_name(key), "value": str(r.text), "run_id": r.run_id,
                 "date": r.when.isoformat()} for key, r in records.items()
            ],
            "sessions": [
                {"run_id": s.run_id, "started_at": s.started_at.isoformat(),
                 "sets": [{"reps": e.reps, "load": e.load, "seconds": round(e.actual_seconds, 3),
                           "side": e.side} for e in s.sets]} for s in sessions
            ],
        }))  # fmt: skip
        return 0
    _say(f"{name}: {len(sessions)} session{'s' if len(sessions) != 1 else ''}")
    print("Records:")
    for key, record in records.items():
        _say(f"  {record_name(key):<13} {record.text:<20} {record.when:%a %d %b %Y}")
    print("Sessions:")
    for session in reversed(sessions):
        _say(f"  {session.started_at:%a %d %b %Y %H:%M}  {describe_sets(session.sets)}")
    return 0


def _today(args: argparse.Namespace) -> int:
    """Today's planned routines, each with whether it is done; 0 when all are, else 1."""
    from datetime import date

    from workout_tui.core.log.history import open_history

    day = date.today()
    planned = _config(args, say_problems=True).plan.on(day)
    store, notices = open_history(
        locations.data_dir(getattr(args, "data_dir", None)), read_only=True
    )
    for notice in notices:
        _error(notice)
    try:
        done = store.completed_on(day) if store is not None else set()
    finally:
        if store is not None:
            store.close()
    routines = _library(args)
    names = {r.slug: r.title for r in routines}
    rows = [(slug, names.get(slug), slug in done) for slug in planned]
    _say_today(day, rows, args.json)
    for slug in (slug for slug in planned if slug not in names):
        _error(_no_routine(_config(args), f"plan.{slug}", slug, routines))
    return 0 if all(is_done for _, _, is_done in rows) else 1


def _say_today(day: date, rows: list[tuple[str, str | None, bool]], as_json: bool) -> None:
    if as_json:
        print(json_text({"date": day.isoformat(), "planned": [
            {"slug": slug, "name": name, "done": done} for slug, name, done in rows]}))  # fmt: skip
        return
    if not rows:
        print(f"Nothing planned for {day:%A}: [plan] in {locations.config_file()} sets a week.")
        return
    _say(f"{day:%A %d %B}:")
    for slug, name, done in rows:
        _say(f"  {'✓' if done else '·'} {slug:28} {name or '(no routine has this slug)'}")
    print(f"{sum(done for *_, done in rows)} of {len(rows)} done.")


def _breaks(args: argparse.Namespace) -> int:
    """The break reminder, with its routine: the one asked for, or the config's."""
    from dataclasses import replace

    from workout_tui.ui.settings import BreakSetup

    config, routines = _config(args), _library(args)
    breaks = config.breaks if args.every is None else replace(config.breaks, every=args.every)
    if args.routine is None:
        routine, problem = _break_routine(config, routines)
    else:
        named, problem = _named(args.routine, routines), ""
        if isinstance(named, int):
            return named
        routine = named
    return _launch(args, start=None, breaks=BreakSetup(breaks, routine, problem))


def _break_routine(config: Config, routines: list[Routine]) -> tuple[Routine | None, str]:
    """The config's break routine, or None and where the config names one there is not
    (said when the app opens, too)."""
    slug = config.breaks.routine
    try:
        return find(slug, routines), ""
    except UnknownRoutine:
        return None, _no_routine(config, "breaks.routine", slug, routines)


def _no_routine(config: Config, setting: str, slug: str, routines: list[Routine]) -> str:
    """`config.toml:LINE: [table] names no routine 'x'; did you mean 'y'?`, for the slug
    that `setting` ("plan.<slug>" or "breaks.routine") gives."""
    close = closest_slugs(slug, routines)[:1]
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"{config.place(setting)}[{setting.split('.')[0]}] names no routine {slug!r}{hint}"


def _schema(args: argparse.Namespace) -> int:
    sys.stdout.write(locations.schema_path().read_text(encoding="utf-8"))
    return 0


def _open_app(args: argparse.Namespace) -> int:
    return _launch(args, start=None)


def _launch(
    args: argparse.Namespace,
    start: Routine | None,
    show_history: bool = False,
    breaks: BreakSetup | None = None,
) -> int:
    """Open the app (imported here so the other commands never load Textual)."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError(
            "the app needs a terminal (stdin and stdout are not one); "
            "for scripts, see `list`, `validate` and `history --export`"
        )
    from workout_tui.ui.app import WorkoutApp
    from workout_tui.ui.settings import Settings

    config, folders = _config(args), _folders(args)
    settings = Settings(
        routines=_library(args),
        rescan=lambda: _scan(folders, config),
        config=config,
        notices=[*args.config_problems, *([breaks.problem] if breaks and breaks.problem else [])],
        start=start,
        show_history=show_history,
        breaks=breaks,
        speed=getattr(args, "speed", 1.0),
        mute=getattr(args, "mute", False),
        voice=not getattr(args, "no_voice", False),
        data_dir=locations.data_dir(getattr(args, "data_dir", None)),
        config_path=locations.config_file(),
    )
    app = WorkoutApp(settings)
    app.run()
    for notice in app.exit_notices:
        _error(notice)
    return app.return_code or 0  # non-zero after a crash
