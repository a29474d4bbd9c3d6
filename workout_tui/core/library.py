"""The routine library: every routine the person can run, found on disk, loaded or not."""

from __future__ import annotations

import contextlib
import difflib
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from workout_tui.core import locations
from workout_tui.core.files import expand_home
from workout_tui.core.plan import Plan, PlanError, compile_plan
from workout_tui.core.problems import Problem, SessionFileError
from workout_tui.core.routine_cache import Stamp, read_cache, stamp, write_cache
from workout_tui.core.summary import Summary, summarize

if TYPE_CHECKING:
    from workout_tui.core.config import Config

SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True, slots=True)
class Routine:
    """A routine file: its slug and source, and either its summary or what is wrong with it.

    A routine found by `discover` is summarized only (from the cache when its file has not
    changed); `loaded()` reads the file for the plan a run needs.
    """

    slug: str
    path: Path
    source: str  # "bundled", "user" or "file"
    summary: Summary | None
    problems: tuple[Problem, ...] = ()
    shadows: Routine | None = None  # one with the same slug further down, hidden by this one
    plan: Plan | None = None  # once loaded

    @property
    def origin(self) -> str:
        """Where it comes from, as the list says it: `bundled`, or `user, replaces bundled`."""
        return self.source + (f", replaces {self.shadows.source}" if self.shadows else "")

    @property
    def title(self) -> str:
        """The routine's name, or its slug when the file has problems."""
        return self.summary.name if self.summary else self.slug

    def loaded(self, config: Config | None = None) -> Routine:
        """This routine with its plan, read from the file as it is now (which may have
        changed, or gained problems, since it was listed); `config` is as `load_routine`'s."""
        return replace(load_routine(self.path, self.source, config), shadows=self.shadows)


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


def load_routine(
    path: Path, source: str = "file", config: Config | None = None, pictures: bool = False
) -> Routine:
    """Load one routine file, keeping its problems instead of raising. With `config`, the
    summary's length counts its prepare and rest, as a run will; with `pictures`, each
    `image:` is checked as a picture (as `validate` does)."""
    from workout_tui.core.loader import load_plan  # PyYAML: only when a file must be read

    slug = path.stem
    try:
        plan = load_plan(path, pictures=pictures)
    except SessionFileError as error:
        return Routine(slug, path, source, None, error.problems)
    return Routine(slug, path, source, summarize(plan_for(plan, config)[0]), plan=plan)


def plan_for(plan: Plan, config: Config | None) -> tuple[Plan, str]:
    """The plan with the config's prepare and rest applied (compiled again only if they
    change it), and a notice if they make it too big to run."""
    session = config.apply(plan.session) if config is not None else plan.session
    if session is plan.session:
        return plan, ""
    try:
        return compile_plan(session), ""
    except PlanError as error:
        return plan, f"The config's prepare/rest do not fit this routine ({error}); not applied."


def discover(
    dirs: Iterable[tuple[Path, str]], cache: Path | None = None, config: Config | None = None
) -> list[Routine]:
    """Every routine in the given (directory, source) pairs, summarized: each folder in turn,
    its files sorted by name. Where two files have one slug the first is used in place of
    the other, which its `shadows` names (a user's copy of a bundled routine).

    With `cache`, files unchanged since the last launch are not read again (see
    `routine_cache`), and the cache is brought up to date: for the folders read now, and
    kept as it was for any other (a `--sessions-dir` of another launch). `config` is as
    `load_routine`'s.
    """
    context = _context(config)
    cached = read_cache(cache, context) if cache is not None else {}
    kept: dict[str, tuple[Stamp, Summary]] = {}
    routines: dict[str, Routine] = {}  # by slug: the first file with a slug wins
    dirs = list(dirs)
    folders = {str(directory.absolute()) for directory, _ in dirs}
    for directory, source in dirs:
        for path in _files(directory):
            now = stamp(path)  # before reading: a file changed meanwhile is read again next time
            key = str(path.absolute())  # one entry, however the folder was named
            entry = cached.get(key)
            if entry is not None and now is not None and entry[0] == now:
                routine = Routine(path.stem, path, source, entry[1])
            else:  # the plan is not kept: `loaded()` reads the file as it is when opened
                routine = replace(load_routine(path, source, config), plan=None)
            first = routines.setdefault(routine.slug, routine)
            if first is not routine and first.shadows is None:
                routines[routine.slug] = replace(first, shadows=routine)
            if now is not None and routine.summary is not None:
                kept[key] = (now, routine.summary)
    kept |= {key: entry for key, entry in cached.items() if os.path.dirname(key) not in folders}
    if cache is not None and kept != cached:
        write_cache(cache, context, kept)
    return list(routines.values())


def _files(directory: Path) -> list[Path]:
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.iterdir() if p.suffix in SUFFIXES and p.is_file())


def _context(config: Config | None) -> list[object]:
    """What else a summary depends on: the config's prepare and rest, and the person's own
    figures (a routine naming one that broke, or went, has a problem)."""
    timing = [None, None] if config is None else [config.prepare, config.rest]
    return [*timing, _own_figures()]


def _own_figures() -> list[list[object]]:
    """The person's figure files as [name, size, modification time]: one folder read."""
    try:
        entries = sorted(os.scandir(locations.user_figures_dir()), key=lambda e: e.name)
    except OSError:
        return []
    found: list[list[object]] = []
    for entry in entries:
        with contextlib.suppress(OSError):
            if entry.name.endswith(".yaml"):
                info = entry.stat()
                found.append([entry.name, info.st_size, info.st_mtime_ns])
    return found


def find(name: str, routines: Sequence[Routine]) -> Routine:
    """The routine called `name`: a path to a file (loaded), or a slug (the first one found
    wins; loaded or not, as listed).

    Raises:
        UnknownRoutine: when it is neither.
    """
    path = expand_home(name)
    if path.suffix in SUFFIXES or path.is_file():
        return load_routine(path)
    for routine in routines:
        if routine.slug == name:
            return routine
    raise UnknownRoutine(name, closest_slugs(name, routines))


def closest_slugs(name: str, routines: Sequence[Routine]) -> list[str]:
    """Up to three slugs like `name`, closest first, for "did you mean"."""
    return difflib.get_close_matches(name, [r.slug for r in routines], n=3, cutoff=0.5)
