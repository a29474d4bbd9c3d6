"""Every key binding of every screen, in one place: the screens take their BINDINGS from here,
and the config's remapping (`[keys]`), the footer and the help screen all read it.

An id names a binding in the config, so an id never changes meaning. `?` (help) comes
first on every screen, so the footer keeps it when the terminal is too narrow for the rest.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from textual.binding import Binding, BindingType


class ScreenName(StrEnum):
    """The screens that have bindings, by the name the registry knows them by."""

    HOME = "home"
    PLAYER = "player"
    SUMMARY = "summary"
    BREAKS = "breaks"
    HISTORY = "history"
    EXERCISES = "exercises"
    EXERCISE = "exercise"
    RUN_DETAIL = "run-detail"
    HELP = "help"
    CONFIRM = "confirm"
    RESUME_RUN = "resume-run"
    LOG_SET = "log-set"
    CHECKIN = "checkin"
    INSIGHT = "insight"


class BindingId(StrEnum):
    """Binding ids: the names the config's `[keys]` remaps (the README lists them)."""

    HELP = "help"
    DOWN = "down"
    UP = "up"
    START = "start"
    FILTER = "filter"
    HISTORY = "history"
    EDIT = "edit"
    NEW = "new"
    RELOAD = "reload"
    QUIT = "quit"
    CLEAR_FILTER = "clear-filter"
    DONE = "done"
    RESUME = "resume"
    PAUSE = "pause"
    SKIP = "skip"
    BACK = "back"
    ADD_TIME = "add-time"
    TAKE_TIME = "take-time"
    EDIT_LOG = "edit-log"
    MUTE = "mute"
    STOP = "stop"
    HOME = "home"
    TAKE_BREAK = "take-break"
    SNOOZE = "snooze"
    SKIP_BREAK = "skip-break"
    PAUSE_BREAKS = "pause-breaks"
    RESUME_BREAKS = "resume-breaks"
    OPEN_RUN = "open-run"
    DELETE_RUN = "delete-run"
    FILTER_RUNS = "filter-runs"
    EXERCISES = "exercises"
    OPEN_EXERCISE = "open-exercise"
    BACK_TO_RUNS = "back-to-runs"
    BACK_TO_EXERCISES = "back-to-exercises"
    BACK_TO_HISTORY = "back-to-history"
    CLOSE_HELP = "close-help"
    CONFIRM = "confirm"
    CANCEL = "cancel"
    RESUME_RUN = "resume-run"
    START_OVER = "start-over"
    CANCEL_RESUME = "cancel-resume"
    CANCEL_LOG = "cancel-log"
    SKIP_CHECKIN = "skip-checkin"
    INSIGHT = "insight"
    BACK_FROM_INSIGHT = "back-from-insight"
    FIGURE = "figure"


def _bind(
    name: BindingId,
    keys: str,
    action: str,
    label: str,
    tooltip: str,
    *,
    shown: bool = True,
    first: bool = False,
) -> Binding:
    """One binding: `name` is its id, `first` makes it win over a focused widget's keys."""
    return Binding(keys, action, label, show=shown, id=name, tooltip=tooltip, priority=first)


HELP = _bind(BindingId.HELP, "question_mark", "app.help", "Help", "Every key of this screen")

REGISTRY: dict[ScreenName, tuple[Binding, ...]] = {
    ScreenName.HOME: (
        _bind(BindingId.DOWN, "down", "move(1)", "Down", "Next routine", shown=False),
        _bind(BindingId.UP, "up", "move(-1)", "Up", "Previous routine", shown=False),
        _bind(
            BindingId.START, "enter", "start", "Start", "Start the highlighted routine", first=True
        ),
        # A word typed here goes to the filter, whatever its letters: the list's commands are
        # on keys no word starts with.
        _bind(BindingId.FILTER, "slash", "filter", "Filter", "Type to filter the routines"),
        _bind(BindingId.HISTORY, "ctrl+r", "history", "History", "Past sessions"),
        _bind(BindingId.EDIT, "ctrl+o", "edit", "Edit", "Edit the highlighted routine"),
        _bind(BindingId.NEW, "ctrl+n", "new", "New", "Write a new routine in your editor"),
        _bind(
            BindingId.RELOAD, "f5", "reload", "Reload", "Read the routine files again", shown=False
        ),
        # Priority, as Textual's own ctrl+q is: else the footer shows that one (hidden).
        _bind(BindingId.QUIT, "ctrl+q", "app.quit", "Quit", "Quit workout-tui", first=True),
        _bind(
            BindingId.CLEAR_FILTER,
            "escape",
            "clear_filter",
            "Clear",
            "Clear the filter",
            shown=False,
        ),
    ),
    ScreenName.PLAYER: (
        # One key, three meanings: the footer shows the one that applies (see check_action).
        # Done comes first: in a rep set space is done, and pause keeps any key of its own.
        _bind(BindingId.DONE, "space", "done", "Done", "End the rep set and log it"),
        _bind(BindingId.RESUME, "space", "resume", "Resume", "Resume after a 3-2-1"),
        _bind(BindingId.PAUSE, "space", "pause", "Pause", "Pause the clock"),
        _bind(BindingId.SKIP, "n,right", "skip", "Skip", "Skip to the next step"),
        _bind(BindingId.BACK, "p,left", "back", "Back", "Go back to the previous step"),
        _bind(BindingId.STOP, "q,escape", "stop", "Stop", "Stop the session (asks first)"),
        # Not in the footer (? lists them): 80 columns show every other key, 40 up to Stop.
        _bind(
            BindingId.ADD_TIME,
            "plus,equals_sign",
            "extend(15)",
            "+15s",
            "Add 15 seconds",
            shown=False,
        ),
        _bind(
            BindingId.TAKE_TIME, "minus", "extend(-15)", "-15s", "Take 15 seconds off", shown=False
        ),
        _bind(BindingId.EDIT_LOG, "e", "edit_log", "Log", "Change the reps and load logged"),
        _bind(BindingId.MUTE, "m", "mute", "Mute", "Sound on or off"),
        _bind(BindingId.FIGURE, "i", "figure", "Figure", "Show or hide the figure", shown=False),
    ),
    ScreenName.SUMMARY: (
        _bind(BindingId.HOME, "enter,escape", "home", "Back to routines", "The routine list"),
        _bind(BindingId.QUIT, "q", "app.quit", "Quit", "Quit workout-tui"),
    ),
    ScreenName.BREAKS: (
        _bind(
            BindingId.TAKE_BREAK, "enter", "take", "Take the break", "Start the break's routine now"
        ),
        _bind(BindingId.SNOOZE, "s", "snooze", "Snooze", "Put the break off for a while"),
        _bind(BindingId.SKIP_BREAK, "x", "skip", "Skip", "Let this break go"),
        # One key, two meanings, as space in the player: the footer shows the one that applies.
        _bind(BindingId.PAUSE_BREAKS, "p", "pause", "Pause", "Stop counting (lunch, a meeting)"),
        _bind(BindingId.RESUME_BREAKS, "p", "resume", "Resume", "Count sitting time again"),
        _bind(BindingId.QUIT, "q", "app.quit", "Quit", "Quit workout-tui"),
    ),
    ScreenName.HISTORY: (
        _bind(BindingId.OPEN_RUN, "enter", "open_run", "Details", "Every step of this run"),
        # As on the list, a word typed here goes to the filter.
        _bind(BindingId.DELETE_RUN, "delete", "delete_run", "Delete", "Delete this run"),
        _bind(BindingId.FILTER_RUNS, "slash", "filter", "Filter", "Filter by routine"),
        _bind(BindingId.EXERCISES, "ctrl+t", "exercises", "Exercises", "Switch to exercises"),
        _bind(
            BindingId.INSIGHT, "ctrl+k", "insight", "Insight", "Does the hip work help? Check-ins"
        ),
        _bind(BindingId.BACK, "escape", "back", "Back", "Back to the routines"),
    ),
    ScreenName.EXERCISES: (
        _bind(BindingId.OPEN_EXERCISE, "enter", "open_exercise", "Details", "This exercise"),
        _bind(BindingId.EXERCISES, "ctrl+t", "runs", "Runs", "Switch back to the runs"),
        _bind(BindingId.BACK_TO_RUNS, "escape", "runs", "Back", "Back to the runs"),
    ),
    ScreenName.EXERCISE: (
        _bind(BindingId.BACK_TO_EXERCISES, "escape", "app.pop_screen", "Back", "Every exercise"),
    ),
    ScreenName.RUN_DETAIL: (
        _bind(BindingId.BACK_TO_HISTORY, "escape", "app.pop_screen", "Back", "Back to the history"),
    ),
    ScreenName.HELP: (
        _bind(
            BindingId.CLOSE_HELP,
            "escape,question_mark,q",
            "app.pop_screen",
            "Close",
            "Close this help",
        ),
    ),
    ScreenName.CONFIRM: (
        _bind(BindingId.CONFIRM, "y", "answer(True)", "Yes", "Yes, go ahead"),
        _bind(BindingId.CANCEL, "n,escape", "answer(False)", "No", "No, leave it"),
    ),
    ScreenName.RESUME_RUN: (
        _bind(BindingId.RESUME_RUN, "r", "answer(True)", "Resume", "Carry on where it stopped"),
        _bind(BindingId.START_OVER, "s", "answer(False)", "Start over", "Start from the top"),
        _bind(BindingId.CANCEL_RESUME, "escape", "answer(None)", "Cancel", "Back to the list"),
    ),
    ScreenName.CHECKIN: (
        _bind(BindingId.SKIP_CHECKIN, "escape", "skip", "Not today", "Skip the check-in today"),
    ),
    ScreenName.INSIGHT: (
        _bind(BindingId.BACK_FROM_INSIGHT, "escape", "app.pop_screen", "Back", "The history"),
    ),
    ScreenName.LOG_SET: (
        _bind(BindingId.CANCEL_LOG, "escape", "cancel", "Cancel", "Keep what was logged"),
    ),
}
# Dialogs are answered, so they have no help.
WITH_HELP = {
    ScreenName.HOME,
    ScreenName.BREAKS,
    ScreenName.PLAYER,
    ScreenName.SUMMARY,
    ScreenName.HISTORY,
    ScreenName.RUN_DETAIL,
    ScreenName.EXERCISES,
    ScreenName.EXERCISE,
    ScreenName.INSIGHT,
}


def bindings(screen: ScreenName) -> list[BindingType]:
    """A screen's BINDINGS: help first where it applies, then the screen's own."""
    return [*([HELP] if screen in WITH_HELP else []), *REGISTRY[screen]]


def table(screen: ScreenName) -> list[Binding]:
    """The same bindings, as Binding objects (for the keymap and the help)."""
    return [b for b in bindings(screen) if isinstance(b, Binding)]


def split_keys(keys: str) -> list[str]:
    """`"n, right"` as `["n", "right"]`."""
    return [key.strip() for key in keys.split(",") if key.strip()]


def keys_of(binding: Binding, keymap: Mapping[str, str]) -> list[str]:
    """The keys of a binding as the person has them: remapped in the config, or the default."""
    return split_keys(keymap.get(binding.id or "", binding.key))
