"""The commands of the day: what the plan asks today, the check-in and what it says, and
the break reminder."""

from __future__ import annotations

import argparse
from datetime import date, timedelta

from workout_tui.cli.common import NOT_TEXT, UsageError, launch, named
from workout_tui.core import locations
from workout_tui.core.printable import complain, is_text, json_text, say
from workout_tui.core.workspace import Workspace


def today(args: argparse.Namespace, workspace: Workspace) -> int:
    """Today's planned routines, each with whether it is done; 0 when all are, else 1."""
    from workout_tui.core.log.checkin_log import skipped_on

    day = date.today()
    for problem in workspace.problems:
        complain(problem)
    planned = workspace.config.plan.on(day)
    with workspace.history(complain, read_only=True) as store:
        done = store.completed_on(day) if store is not None else set()
        checked = store is not None and day in store.scores()
    names = {r.slug: r.title for r in workspace.routines()}
    rows = [(slug, names.get(slug), slug in done) for slug in planned]
    if args.short:
        skipped = workspace.data_dir is not None and skipped_on(workspace.data_dir) == day
        due = workspace.config.checkin.ask == "daily" and not checked and not skipped
        parts = [f"plan {sum(d for *_, d in rows)}/{len(rows)}"] if rows else []
        print(" · ".join([*parts, *(["check-in due"] if due else [])]) or "nothing due")
    else:
        _say_today(day, rows, args.json)
    for slug in (slug for slug in planned if slug not in names):
        complain(workspace.unknown_slug(f"plan.{slug}", slug))
    return 0 if all(is_done for _, _, is_done in rows) else 1


def _say_today(day: date, rows: list[tuple[str, str | None, bool]], as_json: bool) -> None:
    if as_json:
        planned = [{"slug": slug, "name": name, "done": done} for slug, name, done in rows]
        print(json_text({"date": day.isoformat(), "planned": planned}))
        return
    if not rows:
        print(f"Nothing planned for {day:%A}: [plan] in {locations.config_file()} sets a week.")
        return
    say(f"{day:%A %d %B}:")
    for slug, name, done in rows:
        say(f"  {'✓' if done else '·'} {slug:28} {name or '(no routine has this slug)'}")
    print(f"{sum(done for *_, done in rows)} of {len(rows)} done.")


def breaks(args: argparse.Namespace, workspace: Workspace) -> int:
    """The break reminder, with its routine: the one asked for, or the config's."""
    from dataclasses import replace

    from workout_tui.ui.settings import BreakSetup

    setup = workspace.config.breaks
    setup = setup if args.every is None else replace(setup, every=args.every)
    if args.routine is None:
        routine, problem = workspace.break_routine()
    else:
        routine, problem = named(args.routine, workspace), ""
    return launch(workspace, breaks=BreakSetup(setup, routine, problem), mute=args.mute)


def checkin(args: argparse.Namespace, workspace: Workspace) -> int:
    """Keep a check-in: today's, or a forgotten day's since the history began."""
    import sqlite3

    from workout_tui.core.log.entries import CheckIn, wall_clock
    from workout_tui.core.log.export_fields import MAX_TEXT

    now = wall_clock()
    given, day = _score(args.score), now.date() if args.date is None else _day(args.date)
    if args.note is not None and len(args.note) > MAX_TEXT:
        raise UsageError(f"--note: up to {MAX_TEXT:,} characters, not {len(args.note):,}")
    if args.note is not None and not is_text(args.note, MAX_TEXT):
        raise UsageError(NOT_TEXT.format(what="--note"))
    if day > now.date():
        raise UsageError(f"--date {day}: that day has not come yet")
    with workspace.history(complain) as store:
        if store is None:
            return 1
        # A forgotten yesterday can always be filled in; before that, days the history has.
        began = min(store.first_day() or now.date(), now.date() - timedelta(days=1))
        if day < began:
            raise UsageError(f"--date {day}: that is before the history began ({began})")
        try:
            store.record_checkin(CheckIn(day, given, now, args.note))
        except sqlite3.Error as error:  # a full disk, or another window's lock held too long
            complain(f"cannot keep the check-in ({error}); nothing was kept")
            return 1
    say(f"Neck and mid-back on {day:%a %d %b %Y}: {given} of 10, kept.")
    return 0


def insight(args: argparse.Namespace, workspace: Workspace) -> int:
    """What the check-ins say about the hip work."""
    from workout_tui.core.log.entries import wall_clock

    for problem in workspace.problems:
        complain(problem)
    with workspace.history(complain, read_only=True, needed=True) as store:
        found = workspace.insight(store, wall_clock().date())
    if args.json:
        print(json_text(found.as_json(sorted(workspace.config.checkin.hip_tags))))
        return 0
    for line in found.lines(workspace.config.checkin.hip_tags):
        say(line)
    return 0


def _score(text: str) -> int:
    """A check-in's score, a whole number from 0 to 10; UsageError for anything else."""
    from workout_tui.core.log.entries import SCORES

    digits = text.strip()
    if digits.isascii() and digits.isdigit() and int(digits) in SCORES:
        return int(digits)
    raise UsageError(f"SCORE: a score is a whole number from 0 to 10, not {text!r}")


def _day(text: str) -> date:
    """--date: a day written YYYY-MM-DD; UsageError for anything else."""
    import re

    try:
        if re.fullmatch(r"\d{4}-\d\d-\d\d", text.strip(), re.ASCII):
            return date.fromisoformat(text.strip())
    except ValueError:
        pass
    raise UsageError(f"--date: a day is YYYY-MM-DD, like 2026-12-07, not {text!r}")
