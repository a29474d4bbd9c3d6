"""Everything the app is started with, built by the CLI (or a test) in one object."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from workout_tui.core.config import Breaks, Config
from workout_tui.core.library import Routine
from workout_tui.core.workspace import Workspace

if TYPE_CHECKING:  # imported when first used, to keep start-up short
    from textual.app import App

    from workout_tui.audio import Cues
    from workout_tui.core.engine import Clock


@dataclass(frozen=True, slots=True)
class BreakSetup:
    """The break reminder of this launch: its settings, and its routine or why it has none."""

    breaks: Breaks = field(default_factory=Breaks)
    routine: Routine | None = None
    problem: str = ""  # what to say when Enter cannot start a break


@dataclass
class Settings:
    """How this launch of the app runs: its workspace (routines, config, history) and what
    the command line asked for. `cues` and `clock` are handed in by tests."""

    workspace: Workspace = field(default_factory=Workspace)
    start: Routine | None = None  # run this routine at once
    show_history: bool = False  # open on the history
    breaks: BreakSetup | None = None  # open on the break reminder
    speed: float = 1.0  # a preview runs faster
    mute: bool = False
    voice: bool = True
    cues: Cues | None = None
    clock: Clock = time.monotonic
    wall: Callable[[], float] = time.time  # the break reminder's: it must see a machine sleep

    @property
    def config(self) -> Config:
        """The config file's settings."""
        return self.workspace.config


SHOWN_PROBLEMS = 3  # a notice taller than the screen (24 rows) loses its first lines


def problems_notice(problems: Sequence[str]) -> str:
    """The launch's problems as one notice that fits an 80x24 screen: the first few (each
    cut to a few lines), then how many more and where they are all listed."""
    shown = [p if len(p) <= 200 else p[:199] + "…" for p in problems[:SHOWN_PROBLEMS]]
    if len(problems) > SHOWN_PROBLEMS:
        shown.append(f"{len(problems) - SHOWN_PROBLEMS} more: `workout-tui validate` lists all.")
    return "\n".join(shown)


def apply_config(app: App[None], config: Config) -> tuple[dict[str, str], list[str]]:
    """Apply the config's theme and keys to `app`: the keymap applied, and what is wrong."""
    keymap: dict[str, str] = {}
    problems = []
    if config.theme in app.available_themes:
        app.theme = config.theme
    else:
        problems.append(f"Unknown theme {config.theme!r}; ctrl+p then 'theme' lists them.")
    if config.keys:
        from workout_tui.ui.keys import build_keymap

        keymap, said = build_keymap(config.keys, config.place)
        app.set_keymap(keymap)
        problems += said
    return keymap, problems
