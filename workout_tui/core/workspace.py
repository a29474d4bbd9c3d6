"""Where a launch's things are, in one place for the CLI and the app: the routine folders
and the library read from them, the config and its problems, the data dir and the history
kept there, and a run made ready from a routine.

Each is read when first asked for, once: a command that lists routines never opens the
history, and the app's first frame waits for none of it but the library.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from workout_tui.core import locations
from workout_tui.core.files import expand_home
from workout_tui.core.library import Routine, UnknownRoutine, closest_slugs, discover, find

if TYPE_CHECKING:  # imported when first used, to keep start-up short
    from workout_tui.core.config import Config
    from workout_tui.core.engine import Clock
    from workout_tui.core.insight import Insight
    from workout_tui.core.log.store import HistoryStore
    from workout_tui.core.run import Run

Tell = Callable[[str], None]  # shows a notice to the person: stderr, or a toast


class NoSuchFolder(ValueError):
    """A folder of routines asked for is not there."""


class HistoryOff(Exception):
    """The history is there but cannot be read now (why has been told)."""


class Workspace:
    """The routine folders, the config file and the data dir of one launch."""

    def __init__(
        self,
        folders: Sequence[tuple[Path, str]] = (),
        *,
        config_path: Path | None = None,
        data_dir: Path | None = None,
        config: Config | None = None,
        routines: Sequence[Routine] | None = None,
        history: HistoryStore | None = None,
        required: Sequence[Path] = (),
    ) -> None:
        """`folders` are (folder, source) pairs, first to last; none keeps `routines` as
        given, and of them `required` must be there. `config` or `history` given are used
        as they are (a history handed in is closed by its owner); else they are read from
        `config_path` and `data_dir`."""
        self.folders, self.config_path, self.data_dir = list(folders), config_path, data_dir
        self.required = list(required)  # folders named on the command line
        self._config, self._problems = config, list[str]()
        self._routines = None if routines is None else list(routines)
        self._handed = history  # the app's history, when a test hands one in
        self._opened: HistoryStore | None = None  # the app's, opened here and closed here
        self._tried = False  # to open the app's: once, whatever came of it

    @classmethod
    def of_user(
        cls, sessions_dirs: Sequence[Path] = (), data_dir: str | Path | None = None
    ) -> Workspace:
        """The person's own: `sessions_dirs` and then their routines, the bundled ones last,
        their config file, and `data_dir` or theirs.

        Reading the routines raises NoSuchFolder if one of `sessions_dirs` is not a folder
        (a command that reads none does not mind).
        """
        extra = [(expand_home(d), "user") for d in sessions_dirs]
        user, bundled = locations.user_sessions_dir(), locations.bundled_sessions_dir()
        folders = [*extra, (user, "user"), (bundled, "bundled")]
        config_path, data = locations.config_file(), locations.data_dir(data_dir)
        return cls(folders, config_path=config_path, data_dir=data, required=[f for f, _ in extra])

    # -- the config ------------------------------------------------------------------------

    @property
    def config(self) -> Config:
        """The config file's settings, read once (defaults where it has none)."""
        if self._config is None:
            from workout_tui.core.config import Config, load_config

            if self.config_path is None:
                self._config = Config()
            else:
                self._config, self._problems = load_config(self.config_path)
        return self._config

    @property
    def problems(self) -> list[str]:
        """What is wrong in the config file, one line each, `config.toml:LINE: ...`."""
        _ = self.config
        return self._problems

    def keep_theme(self, theme: str) -> str | None:
        """Keep a theme picked in the app for the next launch; None when kept (or nothing
        to do), else what went wrong."""
        return self._keep("theme", theme, replace(self.config, theme=theme))

    def keep_figures(self, shown: bool) -> str | None:
        """Keep the player's figure shown or hidden for the next launch (as `keep_theme`)."""
        return self._keep("figures", shown, replace(self.config, figures=shown))

    def _keep(self, key: str, value: str | bool, config: Config) -> str | None:
        if config == self.config:
            return None
        from workout_tui.core.config import save_setting

        self._config = config
        return save_setting(self.config_path, key, value) if self.config_path else None

    # -- the routines ----------------------------------------------------------------------

    def routines(self) -> list[Routine]:
        """Every routine, read once: the first of a slug in the folders wins.

        Raises:
            NoSuchFolder: a folder named on the command line is not there (at the first
                read: one removed later is read as empty, as `discover` reads it).
        """
        if self._routines is None:
            for folder in self.required:
                if not folder.is_dir():
                    raise NoSuchFolder(f"--sessions-dir {folder}: no such folder")
            self._routines = self.rescan()
        return self._routines

    def has_pictures(self, start: Routine | None = None) -> bool:
        """Whether a routine in reach (or `start`) has an exercise's own picture."""
        routines = [*self.routines(), *([start] if start else [])]
        return any(r.summary is not None and r.summary.pictures for r in routines)

    def rescan(self) -> list[Routine]:
        """The routines read again (files changed since the last read are read anew)."""
        if self.folders:
            cache = locations.routine_cache()
            self._routines = discover(self.folders, cache=cache, config=self.config)
        return self._routines or []

    def find(self, name: str) -> Routine:
        """The routine called `name`, a slug or a path.

        Raises:
            UnknownRoutine: there is none (with the slugs it may have meant).
        """
        return find(name, self.routines())

    def break_routine(self) -> tuple[Routine | None, str]:
        """The config's break routine, or None and where the config names one there is not."""
        slug = self.config.breaks.routine
        try:
            return self.find(slug), ""
        except UnknownRoutine:
            return None, self.unknown_slug("breaks.routine", slug)

    def unknown_slug(self, setting: str, slug: str) -> str:
        """`config.toml:LINE: [table] names no routine 'x'; did you mean 'y'?`, for the slug
        that `setting` ("plan.<slug>" or "breaks.routine") gives."""
        close = closest_slugs(slug, self.routines())[:1]
        hint = f"; did you mean {close[0]!r}?" if close else ""
        table = setting.split(".")[0]
        return f"{self.config.place(setting)}[{table}] names no routine {slug!r}{hint}"

    # -- the history -----------------------------------------------------------------------

    @contextmanager
    def history(
        self, tell: Tell, read_only: bool = False, needed: bool = False
    ) -> Iterator[HistoryStore | None]:
        """The history, open for the `with` block and closed after it; what opening it
        found (a damaged file kept aside, history off) goes to `tell`. None when there is
        none (or, `read_only`, nothing recorded yet).

        Raises:
            HistoryOff: `needed`, and the history there could not be opened.
        """
        from workout_tui.core.log.opening import open_history

        if self.data_dir is None:
            yield self._handed
            return
        store, notices = open_history(self.data_dir, read_only=read_only)
        for notice in notices:
            tell(notice)
        if store is None and notices and needed:
            raise HistoryOff(notices[-1])
        try:
            yield store
        finally:
            if store is not None:
                store.close()

    def open_history(self, tell: Tell) -> HistoryStore | None:
        """The history the app keeps open until `close`, opened on first call: it marks a
        crashed run interrupted and keeps a damaged file aside (said to `tell`)."""
        if self._handed is not None or self.data_dir is None:
            return self._handed
        if not self._tried:
            from workout_tui.core.log.opening import open_history

            self._tried = True
            self._opened, notices = open_history(self.data_dir)
            for notice in notices:
                tell(notice)
        return self._opened

    def close(self) -> None:
        """Close the history `open_history` opened (one handed in is its owner's)."""
        if self._opened is not None:
            self._opened.close()

    def hip_slugs(self) -> set[str]:
        """The routines that are hip work: tagged with one of `[checkin] hip_tags`."""
        tags = set(self.config.checkin.hip_tags)
        return {r.slug for r in self.routines() if r.summary and tags & set(r.summary.tags)}

    def insight(self, store: HistoryStore | None, today: date) -> Insight:
        """What the check-ins in `store` say about the hip work, as of `today`."""
        from workout_tui.core.insight import insight

        if store is None:
            return insight({}, {}, today)
        return insight(store.scores(), store.minutes_of(self.hip_slugs()), today)

    # -- a run -----------------------------------------------------------------------------

    def prepare_run(
        self,
        routine: Routine,
        store: HistoryStore | None,
        clock: Clock = time.monotonic,
        speed: float = 1.0,
    ) -> Run:
        """A run of `routine` (loaded) at `speed`, with the config's prepare and rest and
        today's progression targets, saved to `store`; with the interrupted run it may
        carry on, and what to tell first (the config makes it too long, it runs elsewhere).
        """
        from workout_tui.core.engine import speed_clock
        from workout_tui.core.library import plan_for
        from workout_tui.core.run import Run

        assert routine.plan is not None
        plan, problem = plan_for(routine.plan, self.config)
        timed = speed_clock(clock, speed) if speed != 1 else clock
        run = Run(plan, timed, store, routine, speed)
        run.notices += [problem] if problem else []
        if run.interrupted is None and store is not None and store.running_elsewhere(routine.slug):
            run.notices.append(f"{routine.title} is running in another window: this is a new run.")
        return run
