"""The routine library: every routine the person can run, found on disk, loaded or not."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from workout_tui.core.model import Session
from workout_tui.core.plan import Plan, compile_plan
from workout_tui.core.problems import Problem, SessionFileError
from workout_tui.core.routine_cache import Stamp, read_cache, stamp, write_cache

SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True, slots=True)
class Routine:
    """A routine file: its slug and source, and either its plan or what is wrong with it."""

    slug: str
    path: Path
    source: str  # "bundled", "user" or "file"
    plan: Plan | None
    problems: tuple[Problem, ...] = ()
    shadows: Routine | None = None  # one with the same slug further down, hidden by this one

    @property
    def session(self) -> Session | None:
        """The loaded session, or None when the file has problems."""
        return self.plan.session if self.plan else None

    @property
    def origin(self) -> str:
        """Where it comes from, as the list says it: `bundled`, or `user, replaces bundled`."""
        return self.source + (f", replaces {self.shadows.source}" if self.shadows else "")

    @property
    def title(self) -> str:
        """The routine's name, or its slug when the file has problems."""
        return self.plan.session.name if self.plan else self.slug


def file_hash(path: Path) -> str:
    """A short hash of a routine file, kept with each run ("" if it cannot be read)."""
    try:
        import hashlib  # here, not at the top: only runs need it, and it is slow to import

        return hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    except OSError:
        return ""


class UnknownRoutine(LookupError):
    """No routine has that slug; carries the closest slugs for "did you mean"."""

    def __init__(self, name: str, suggestions: Sequence[str]) -> None:
        super().__init__(name)
        self.name = name
        self.suggestions = tuple(suggestions)


def load_routine(path: Path, source: str = "file") -> Routine:
    """Load one routine file, keeping its problems instead of raising."""
    from workout_tui.core.loader import load_plan  # PyYAML: only when a file must be read

    slug = path.stem
    try:
        return Routine(slug, path, source, load_plan(path))
    except SessionFileError as error:
        return Routine(slug, path, source, None, error.problems)


def discover(dirs: Iterable[tuple[Path, str]], cache: Path | None = None) -> list[Routine]:
    """Every routine in the given (directory, source) pairs: each folder in turn, its files
    sorted by name. Where two files have one slug the first is used in place of the other,
    which its `shadows` names (a user's copy of a bundled routine).

    With `cache`, files unchanged since the last launch are not read again (see
    `routine_cache`), and the cache is brought up to date.
    """
    cached = read_cache(cache) if cache is not None else {}
    kept: dict[str, tuple[Stamp, Session]] = {}
    routines: dict[str, Routine] = {}  # by slug: the first file with a slug wins
    for directory, source in dirs:
        if not directory.is_dir():
            continue
        for path in sorted(p for p in directory.iterdir() if p.suffix in SUFFIXES and p.is_file()):
            now = stamp(path)  # before reading: a file changed meanwhile is read again next time
            entry = cached.get(str(path))
            routine = _cached(path, source, now, entry) or load_routine(path, source)
            first = routines.setdefault(routine.slug, routine)
            if first is not routine and first.shadows is None:
                routines[routine.slug] = replace(first, shadows=routine)
            if now is not None and routine.plan is not None:
                kept[str(path)] = (now, routine.plan.session)
    if cache is not None and kept != cached:
        write_cache(cache, kept)
    return list(routines.values())


def _cached(
    path: Path, source: str, now: Stamp | None, entry: tuple[Stamp, Session] | None
) -> Routine | None:
    """The routine from the cache when its file has not changed since; else None."""
    if entry is None or now is None or entry[0] != now:
        return None
    try:
        return Routine(path.stem, path, source, compile_plan(entry[1]))
    except Exception:  # a cache edited by hand: read the file instead
        return None


def find(name: str, routines: Sequence[Routine]) -> Routine:
    """The routine called `name`: a path to a file, or a slug (the first one found wins).

    Raises:
        UnknownRoutine: when it is neither.
    """
    path = Path(name).expanduser()
    if path.suffix in SUFFIXES or path.is_file():
        return load_routine(path)
    for routine in routines:
        if routine.slug == name:
            return routine
    slugs = [routine.slug for routine in routines]
    raise UnknownRoutine(name, difflib.get_close_matches(name, slugs, n=3, cutoff=0.5))
