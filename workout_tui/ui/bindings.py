"""Every key binding of every screen, in one place: the screens take their BINDINGS from here,
and the config's remapping (`[keys]`), the footer and the help screen all read it.

An id names a binding in the config, so an id never changes meaning. `?` (help) comes
first on every screen, so the footer keeps it when the terminal is too narrow for the rest.
"""

from __future__ import annotations

from collections.abc import Mapping

from textual.binding import Binding, BindingType

HELP = Binding("question_mark", "app.help", "Help", id="help", tooltip="Every key of this screen")

REGISTRY: dict[str, tuple[Binding, ...]] = {
    "home": (
        Binding("down", "move(1)", "Down", show=False, id="down", tooltip="Next routine"),
        Binding("up", "move(-1)", "Up", show=False, id="up", tooltip="Previous routine"),
        Binding(
            "enter",
            "start",
            "Start",
            id="start",
            tooltip="Start the highlighted routine",
            priority=True,
        ),  # fmt: skip
        # A word typed here goes to the filter, whatever its letters: the list's commands are
        # on keys no word starts with.
        Binding("slash", "filter", "Filter", id="filter", tooltip="Type to filter the routines"),
        Binding("ctrl+r", "history", "History", id="history", tooltip="Past sessions"),
        Binding("ctrl+o", "edit", "Edit", id="edit", tooltip="Edit the highlighted routine"),
        Binding("ctrl+n", "new", "New", id="new", tooltip="Write a new routine in your editor"),
        Binding("f5", "reload", "Reload", id="reload", show=False,
                tooltip="Read the routine files again"),  # fmt: skip
        # Priority, as Textual's own ctrl+q is: else the footer shows that one (hidden).
        Binding("ctrl+q", "app.quit", "Quit", id="quit", tooltip="Quit workout-tui", priority=True),
        Binding(
            "escape",
            "clear_filter",
            "Clear",
            id="clear-filter",
            show=False,
            tooltip="Clear the filter",
        ),  # fmt: skip
    ),
    "player": (
        # One key, three meanings: the footer shows the one that applies (see check_action).
        # Done comes first: in a rep set space is done, and pause keeps any key of its own.
        Binding("space", "done", "Done", id="done", tooltip="End the rep set and log it"),
        Binding("space", "resume", "Resume", id="resume", tooltip="Resume after a 3-2-1"),
        Binding("space", "pause", "Pause", id="pause", tooltip="Pause the clock"),
        Binding("n,right", "skip", "Skip", id="skip", tooltip="Skip to the next step"),
        Binding("p,left", "back", "Back", id="back", tooltip="Go back to the previous step"),
        # Not in the footer, so that 80 columns show every other key; ? lists them.
        Binding(
            "plus,equals_sign",
            "extend(15)",
            "+15s",
            id="add-time",
            tooltip="Add 15 seconds",
            show=False,
        ),  # fmt: skip
        Binding(
            "minus",
            "extend(-15)",
            "-15s",
            id="take-time",
            tooltip="Take 15 seconds off",
            show=False,
        ),  # fmt: skip
        Binding("e", "edit_log", "Log", id="edit-log", tooltip="Change the reps and load logged"),
        Binding("m", "mute", "Mute", id="mute", tooltip="Sound on or off"),
        Binding("q,escape", "stop", "Stop", id="stop", tooltip="Stop the session (asks first)"),
    ),
    "summary": (
        Binding("enter,escape", "home", "Back to routines", id="home", tooltip="The routine list"),
        Binding("q", "app.quit", "Quit", id="quit", tooltip="Quit workout-tui"),
    ),
    "breaks": (
        Binding("enter", "take", "Take the break", id="take-break",
                tooltip="Start the break's routine now"),  # fmt: skip
        Binding("s", "snooze", "Snooze", id="snooze", tooltip="Put the break off for a while"),
        Binding("x", "skip", "Skip", id="skip-break", tooltip="Let this break go"),
        # One key, two meanings, as space in the player: the footer shows the one that applies.
        Binding("p", "pause", "Pause", id="pause-breaks",
                tooltip="Stop counting (lunch, a meeting)"),  # fmt: skip
        Binding("p", "resume", "Resume", id="resume-breaks", tooltip="Count sitting time again"),
        Binding("q", "app.quit", "Quit", id="quit", tooltip="Quit workout-tui"),
    ),
    "history": (
        Binding("enter", "open_run", "Details", id="open-run", tooltip="Every step of this run"),
        # As on the list, a word typed here goes to the filter.
        Binding("delete", "delete_run", "Delete", id="delete-run", tooltip="Delete this run"),
        Binding("slash", "filter", "Filter", id="filter-runs", tooltip="Filter by routine"),
        Binding("ctrl+t", "exercises", "Exercises", id="exercises", tooltip="Switch to exercises"),
        Binding("escape", "back", "Back", id="back", tooltip="Back to the routines"),
    ),
    "exercises": (
        Binding("enter", "open_exercise", "Details", id="open-exercise", tooltip="This exercise"),
        Binding("ctrl+t", "runs", "Runs", id="exercises", tooltip="Switch back to the runs"),
        Binding("escape", "runs", "Back", id="back-to-runs", tooltip="Back to the runs"),
    ),
    "exercise": (
        Binding(
            "escape", "app.pop_screen", "Back", id="back-to-exercises", tooltip="Every exercise"
        ),  # fmt: skip
    ),
    "run-detail": (
        Binding(
            "escape", "app.pop_screen", "Back", id="back-to-history", tooltip="Back to the history"
        ),  # fmt: skip
    ),
    "help": (
        Binding(
            "escape,question_mark,q",
            "app.pop_screen",
            "Close",
            id="close-help",
            tooltip="Close this help",
        ),  # fmt: skip
    ),
    "confirm": (
        Binding("y", "answer(True)", "Yes", id="confirm", tooltip="Yes, go ahead"),
        Binding("n,escape", "answer(False)", "No", id="cancel", tooltip="No, leave it"),
    ),
    "resume-run": (
        Binding(
            "r", "answer(True)", "Resume", id="resume-run", tooltip="Carry on where it stopped"
        ),
        Binding("s", "answer(False)", "Start over", id="start-over", tooltip="Start from the top"),
        Binding("escape", "answer(None)", "Cancel", id="cancel-resume", tooltip="Back to the list"),
    ),
    "log-set": (
        Binding("escape", "cancel", "Cancel", id="cancel-log", tooltip="Keep what was logged"),
    ),
}
# Dialogs are answered, so they have no help.
WITH_HELP = {
    "home", "breaks", "player", "summary", "history", "run-detail", "exercises", "exercise"
}  # fmt: skip


def bindings(screen: str) -> list[BindingType]:
    """A screen's BINDINGS: help first where it applies, then the screen's own."""
    return [*([HELP] if screen in WITH_HELP else []), *REGISTRY[screen]]


def table(screen: str) -> list[Binding]:
    """The same bindings, as Binding objects (for the keymap and the help)."""
    return [b for b in bindings(screen) if isinstance(b, Binding)]


def split_keys(keys: str) -> list[str]:
    """`"n, right"` as `["n", "right"]`."""
    return [key.strip() for key in keys.split(",") if key.strip()]


def keys_of(binding: Binding, keymap: Mapping[str, str]) -> list[str]:
    """The keys of a binding as the person has them: remapped in the config, or the default."""
    return split_keys(keymap.get(binding.id or "", binding.key))
