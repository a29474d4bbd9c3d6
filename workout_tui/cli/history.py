"""The history commands: browse it, export it, import an export, and each exercise's
progress."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from workout_tui.cli.common import UsageError, launch, print_table
from workout_tui.core.files import inside, replacing
from workout_tui.core.printable import complain, counted, json_text, printable, say
from workout_tui.core.workspace import Workspace

if TYPE_CHECKING:
    from workout_tui.core.log.records import Session
    from workout_tui.core.log.store import HistoryStore


def history(args: argparse.Namespace, workspace: Workspace) -> int:
    """The history in the app, or exported, or an export imported into it."""
    if args.import_file is not None:
        if args.export is not None or args.output is not None:
            raise UsageError("--import goes alone, without --export or -o")
        return _import(workspace, args.import_file)
    if args.export is None:
        if args.output is not None:
            raise UsageError("-o/--output goes with --export")
        return launch(workspace, show_history=True)
    data_dir = workspace.data_dir
    if args.output is not None and data_dir is not None and inside(args.output, data_dir):
        complain(f"will not write the export into the data dir ({data_dir}); pick another -o")
        return 2
    with workspace.history(complain, read_only=True, needed=True) as store:  # changes nothing
        return _export(store, args.export, args.output)


def _export(store: HistoryStore | None, kind: str, output: Path | None) -> int:
    """Write every run as `kind` (json or csv) to `output`, or stdout; the exit status."""
    from workout_tui.core.log.export import export_history

    try:
        if output is None:
            export_history(store, kind, sys.stdout)
            sys.stdout.flush()
        else:
            with replacing(output, devices=True) as out:  # a failed one leaves the last whole
                count = export_history(store, kind, out)
            say(f"Wrote {count} runs to {output}", sys.stderr)
    except BrokenPipeError:
        raise  # main() ends a closed pipe quietly; it is not a failure to write a file
    except OSError as error:
        complain(f"cannot write {output or 'the output'}: {error.strerror or error}")
        return 1
    return 0


def _import(workspace: Workspace, path: Path) -> int:
    """Merge a JSON export into the history, all of it or nothing; the exit status."""
    import sqlite3

    from workout_tui.core.log.export_fields import BadExport
    from workout_tui.core.log.importing import read_export

    try:
        export = read_export(path)
    except BadExport as error:
        complain(f"cannot import: {error}")
        return 1
    with workspace.history(complain) as store:
        if store is None:
            return 1
        try:
            added, present, breaks, checkins = store.import_runs(
                export.runs_in(), export.breaks_in(), export.checkins_in()
            )
        except (sqlite3.Error, BadExport) as error:  # BadExport: the file changed since read
            complain(f"cannot import into the history ({error}); nothing was imported")
            return 1
    counts = [counted(added, "run"), counted(breaks, "break"), counted(checkins, "check-in")]
    counts = counts[: 1 + export.has_breaks + export.has_checkins]
    said = " and ".join([", ".join(counts[:-1]), counts[-1]] if len(counts) > 1 else counts)
    say(f"Imported {said} from {path} ({present} were in the history already).")
    return 0


def progress(args: argparse.Namespace, workspace: Workspace) -> int:
    """Every exercise with its best and last, or one exercise's records and sessions."""
    import difflib

    from workout_tui.core.log.entries import exercise_key
    from workout_tui.core.log.records import by_exercise

    with workspace.history(complain, read_only=True, needed=True) as store:
        exercises = by_exercise(store.done_sets()) if store is not None else {}
    if args.exercise is None:
        return _all_exercises(exercises, args.json)
    key = exercise_key(args.exercise)
    if key not in exercises:
        close = difflib.get_close_matches(key, list(exercises), n=1)
        hint = f"; did you mean {exercises[close[0]][-1].sets[-1].exercise!r}?" if close else ""
        complain(f"no exercise named {args.exercise!r} in the history{hint}")
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
    print_table(table)
    return 0


def _one_exercise(sessions: list[Session], as_json: bool) -> int:
    from workout_tui.core.log.describe import describe_sets
    from workout_tui.core.log.records import best, record_name

    name = sessions[-1].sets[-1].exercise or ""
    records = best(sessions)
    if as_json:
        print(json_text({"exercise": name, **_exercise_json(sessions)}))
        return 0
    say(f"{name}: {counted(len(sessions), 'session')}")
    print("Records:")
    for key, record in records.items():
        say(f"  {record_name(key):<13} {record.text:<20} {record.when:%a %d %b %Y}")
    print("Sessions:")
    for session in reversed(sessions):
        say(f"  {session.started_at:%a %d %b %Y %H:%M}  {describe_sets(session.sets)}")
    return 0


def _exercise_json(sessions: list[Session]) -> dict[str, object]:
    """One exercise's records and sessions, as `progress --json` prints them."""
    from workout_tui.core.log.records import best, record_name

    records = [
        {"record": record_name(key), "value": str(r.text), "run_id": r.run_id}
        | {"date": r.when.isoformat()}
        for key, r in best(sessions).items()
    ]
    sets = [
        [
            {"reps": e.reps, "load": e.load, "seconds": round(e.actual_seconds, 3), "side": e.side}
            for e in s.sets
        ]
        for s in sessions
    ]
    runs = [
        {"run_id": s.run_id, "started_at": s.started_at.isoformat(), "sets": done}
        for s, done in zip(sessions, sets, strict=True)
    ]
    return {"records": records, "sessions": runs}
