"""Each exercise's sessions and personal records, read from the log. Only real-time runs
count (a preview is not training), and only sets that were done."""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import partial

from workout_tui.core.durations import format_clock
from workout_tui.core.log.entries import StepRecord, exercise_key
from workout_tui.core.log.store import HistoryStore
from workout_tui.core.model import Load, parse_load

EPLEY_MAX_REPS = 12  # past this, a one-rep max estimated from reps means little


@dataclass(frozen=True, slots=True)
class Session:
    """One run's done sets of one exercise."""

    run_id: int
    started_at: datetime
    sets: tuple[StepRecord, ...]


@dataclass(frozen=True, slots=True)
class Record:
    """A best: what it is (`est. 1RM`; "" for the heaviest set and reps), how it reads
    (`14 kg × 5`), the score it is compared by, and the session that set it."""

    label: str
    text: str
    score: tuple[float, ...]
    run_id: int
    when: datetime

    def __str__(self) -> str:
        return f"{self.label} {self.text}" if self.label else self.text


Score = tuple[float, ...]
Records = dict[str, Record]  # by what is compared: "heaviest", "reps at 12 kg", ...


def _candidates(session: Session) -> Iterable[tuple[str, str, Callable[[], str], Score]]:
    """(key, label, text, score) of every best this session reaches. The text is made only
    for a record: a long log reaches hundreds of thousands of candidates."""
    loaded = [(s, parse_load(s.load)) for s in session.sets if s.reps is not None]
    weighted = [(s, load) for s, load in loaded if load is not None]
    bodyweight = [s for s, load in loaded if load is None]
    holds = [s for s in session.sets if s.reps is None]
    for s, load in weighted:
        reps, shown = s.reps or 0, _shown(load)
        yield "heaviest", "", partial("{} × {}".format, shown, reps), (load.kilos, reps)
        yield f"reps at {shown}", "", partial("{} reps at {}".format, reps, shown), (reps,)
        if 0 < reps <= EPLEY_MAX_REPS:
            estimate = load.amount * (1 + reps / 30) if reps > 1 else load.amount
            score = (estimate * load.kilos / load.amount,)
            yield "1rm", "est. 1RM", partial(load.scaled, estimate), score
    if weighted:
        volume = sum(load.kilos * (s.reps or 0) for s, load in weighted)
        yield "volume", "volume", partial(Load(volume, "kg").scaled, volume), (volume,)
    for s in bodyweight:
        yield "reps", "", partial("{} reps".format, s.reps), (s.reps or 0,)
    if bodyweight and not weighted:
        total = sum(s.reps or 0 for s in bodyweight)
        yield "volume", "volume", partial("{} reps".format, total), (total,)
    for s in holds:
        seconds = s.actual_seconds
        yield "hold", "hold", partial(format_clock, seconds, round_up=False), (seconds,)


@functools.lru_cache(maxsize=1024)  # loads are few and parsed once (parse_load): so are these
def _shown(load: Load) -> str:
    return str(load)


def beaten(records: Records, session: Session) -> list[tuple[Record, Record]]:
    """Take in a session; return each record it beat, as (new, was). A first session sets
    records but beats none."""
    beats: dict[str, tuple[Record, Record]] = {}
    for key, label, text, score in _candidates(session):
        was = records.get(key)
        if was is None or score > was.score:
            new = Record(label, text(), score, session.run_id, session.started_at)
            records[key] = new
            if key in beats:  # a later set of the session beat it again
                beats[key] = (new, beats[key][1])
            elif was is not None and was.run_id != session.run_id:
                beats[key] = (new, was)
    return list(beats.values())


def best(sessions: Sequence[Session]) -> Records:
    """The records over `sessions` (oldest first), the weightiest kinds first and the most
    reps at each load from the lightest."""
    records: Records = {}
    for session in sessions:
        beaten(records, session)
    order = ["heaviest", "1rm", "volume", "reps", "hold"]

    def rank(item: tuple[str, Record]) -> tuple[int, float]:
        key, record = item
        load = parse_load(key.removeprefix("reps at ")) if key.startswith("reps at") else None
        return order.index("reps" if load else key), load.kilos if load else 0

    return dict(sorted(records.items(), key=rank))


def headline(records: Records) -> Record | None:
    """The one best to name in a list: the heaviest set, else most reps, else longest hold."""
    return records.get("heaviest") or records.get("reps") or records.get("hold")


def measure(sessions: Sequence[Session]) -> tuple[str, list[float]]:
    """What to chart for an exercise, and its value in each session: the top load (kg) of
    loaded sets, else the most reps of bodyweight sets, else the longest hold (seconds)."""
    every = [s for session in sessions for s in session.sets]
    if any(s.reps is not None and parse_load(s.load) for s in every):
        top = [max((parse_load(s.load) or Load(0, "")).kilos for s in x.sets) for x in sessions]
        return "top load per session, kg", top
    if any(s.reps is not None for s in every):
        return "most reps per session", [float(max(s.reps or 0 for s in x.sets)) for x in sessions]
    held = [max(s.actual_seconds for s in x.sets) for x in sessions]
    return "longest hold per session, seconds", held


def record_name(key: str) -> str:
    """What a record is, for a list of them: `most reps` for `reps at 12 kg`."""
    names = {"1rm": "est. 1RM", "volume": "most volume", "hold": "longest hold"}
    return names.get(key, "most reps" if key.startswith("reps") else key)


def by_exercise(rows: Iterable[tuple[int, datetime, StepRecord]]) -> dict[str, list[Session]]:
    """Done sets, as (run id, run start, entry) in run order, gathered into each exercise's
    sessions; by exercise key."""
    sessions: dict[str, list[Session]] = {}
    for run_id, started_at, entry in rows:
        found = sessions.setdefault(exercise_key(entry.exercise or ""), [])
        if found and found[-1].run_id == run_id:
            last = found[-1]
            found[-1] = Session(run_id, started_at, (*last.sets, entry))
        else:
            found.append(Session(run_id, started_at, (entry,)))
    return sessions


def sessions_of(store: HistoryStore, name: str, before_run: int | None = None) -> list[Session]:
    """One exercise's sessions in the history (before `before_run`, if given), oldest first;
    none when the history cannot be read."""
    try:
        found = by_exercise(store.done_sets(name, before_run=before_run))
    except sqlite3.Error:
        return []
    return found.get(exercise_key(name), [])


def record_lines(exercise: str, beats: Sequence[tuple[Record, Record]]) -> list[str]:
    """`New record: Goblet squat 14 kg × 5, was 12 kg × 5`, one per record beaten."""
    return [f"New record: {exercise} {new}, was {was.text}" for new, was in beats]
