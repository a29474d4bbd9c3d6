"""The routine commands: list, validate, schema, new, edit and run."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from workout_tui.cli.common import NOT_TEXT, Exit, UsageError, launch, named, print_table
from workout_tui.core import locations
from workout_tui.core.library import SUFFIXES, Routine, load_routine
from workout_tui.core.printable import complain, is_text, json_text, printable, say
from workout_tui.core.summary import Summary
from workout_tui.core.workspace import Workspace


def list_routines(args: argparse.Namespace, workspace: Workspace) -> int:
    routines = workspace.routines()
    if args.json:
        print(json_text([_routine_json(r) for r in routines]))
        return 0
    rows: list[tuple[str, ...]] = [("SLUG", "NAME", "SOURCE", "TIME", "STEPS", "EQUIPMENT")]
    rows += [_routine_row(r.slug, r.origin, r.summary) for r in routines if r.summary]
    print_table(rows)
    if len(rows) == 1:
        print("No routines found.")
    for routine in routines:
        if routine.problems:
            complain(f"skipped {routine.path} ({len(routine.problems)} problem(s)):")
            for problem in routine.problems:
                say(f"  {problem}", sys.stderr)
    return 0


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


def validate(args: argparse.Namespace, workspace: Workspace) -> int:
    """Every problem of the routines named (or of all), and of the config; 1 if any."""
    failed = False
    paths = _files(args.paths, workspace) if args.paths else [r.path for r in workspace.routines()]
    config = workspace.config
    for wrong in workspace.problems:
        complain(wrong)
    if config.keys:  # checked as the app checks them at start
        from workout_tui.ui.keys import build_keymap

        for said in build_keymap(config.keys, config.place)[1]:
            complain(said)
    for path in paths:
        summary = (routine := load_routine(path, config=config, pictures=True)).summary
        if summary is None:
            failed = True
            for problem in routine.problems:
                say(str(problem))
        else:
            say(f"{path}: ok ({summary.step_count}, {summary.estimate})")
    return 1 if failed else 0


def _files(names: Sequence[str], workspace: Workspace) -> list[Path]:
    """Files to check: a folder's routine files, a file, or the file of a routine's slug
    (exit status 2 for a name that is none of these)."""
    files: list[Path] = []
    for name in names:
        path = Path(name)
        if not path.exists() and "/" not in name and path.suffix not in SUFFIXES:
            path = named(name, workspace).path
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir() if p.suffix in SUFFIXES))
        else:
            files.append(path)
    return files


def schema(args: argparse.Namespace, workspace: Workspace) -> int:
    sys.stdout.write(locations.schema_path().read_text(encoding="utf-8"))
    return 0


def new(args: argparse.Namespace, workspace: Workspace) -> int:
    from workout_tui.cli.edit import new_routine

    if args.name is not None and not is_text(args.name, len(args.name)):
        raise UsageError(NOT_TEXT.format(what="the name"))
    source = None if args.source is None else named(args.source, workspace)
    return new_routine(args.name, source, workspace.routines(), workspace.config)


def edit(args: argparse.Namespace, workspace: Workspace) -> int:
    from workout_tui.cli.edit import edit_routine

    return edit_routine(named(args.routine, workspace), workspace.config)


def run(args: argparse.Namespace, workspace: Workspace) -> int:
    """Open the app on a run of the routine named (exit status 1 if it has problems)."""
    routine = named(args.session, workspace).loaded(workspace.config)
    if routine.plan is None:
        for problem in routine.problems:
            say(str(problem), sys.stderr)
        raise Exit(1)
    return launch(workspace, routine, speed=args.speed, mute=args.mute, voice=not args.no_voice)


def open_app(args: argparse.Namespace, workspace: Workspace) -> int:
    """No command: the app, on the routine list."""
    return launch(workspace)
