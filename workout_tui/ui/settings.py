"""Everything the app is started with, built by the CLI (or a test) in one object."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from workout_tui.core.config import Breaks, Config
from workout_tui.core.library import Routine

if TYPE_CHECKING:  # imported when first used, to keep start-up short
    from workout_tui.audio import Cues
    from workout_tui.core.engine import Clock
    from workout_tui.core.log.history import HistoryStore


@dataclass(frozen=True, slots=True)
class BreakSetup:
    """The break reminder of this launch: its settings, and its routine or why it has none."""

    breaks: Breaks = field(default_factory=Breaks)
    routine: Routine | None = None
    problem: str = ""  # what to say when Enter cannot start a break


@dataclass
class Settings:
    """How this launch of the app runs.

    `data_dir` says where the app opens its own history; `history` is one already open
    (its owner closes it). `cues` and `clock` are handed in by tests.
    """

    routines: Sequence[Routine] = ()
    rescan: Callable[[], Sequence[Routine]] | None = None  # the routines read again
    config: Config = field(default_factory=Config)
    notices: Sequence[str] = ()  # said when the app opens (config problems)
    start: Routine | None = None  # run this routine at once
    show_history: bool = False  # open on the history
    breaks: BreakSetup | None = None  # open on the break reminder
    speed: float = 1.0  # a preview runs faster
    mute: bool = False
    voice: bool = True
    data_dir: Path | None = None
    config_path: Path | None = None  # where a theme picked in the palette is kept
    history: HistoryStore | None = None
    cues: Cues | None = None
    clock: Clock = time.monotonic
    wall: Callable[[], float] = time.time  # the break reminder's: it must see a machine sleep


def keep_theme(settings: Settings, theme: str) -> str | None:
    """Keep a theme picked in the palette in the config file; None when kept (or when there
    is nothing to do), else what went wrong."""
    if settings.config_path is None or theme == settings.config.theme:
        return None
    from dataclasses import replace

    from workout_tui.core.config import save_theme

    settings.config = replace(settings.config, theme=theme)
    return save_theme(settings.config_path, theme)


SHOWN_PROBLEMS = 3  # a notice taller than the screen (24 rows) loses its first lines


def problems_notice(problems: Sequence[str]) -> str:
    """The launch's problems as one notice that fits an 80x24 screen: the first few (each
    cut to a few lines), then how many more and where they are all listed."""
    shown = [p if len(p) <= 200 else p[:199] + "…" for p in problems[:SHOWN_PROBLEMS]]
    if len(problems) > SHOWN_PROBLEMS:
        shown.append(f"{len(problems) - SHOWN_PROBLEMS} more: `workout-tui validate` lists all.")
    return "\n".join(shown)
