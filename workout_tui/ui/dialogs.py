"""Small modal dialogs: confirm stopping, and edit what was logged for a set."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label

from workout_tui.core.record import StepOutcome


class ConfirmStop(ModalScreen[bool]):
    """Asks before stopping a session; dismisses with True to stop."""

    BINDINGS = [
        Binding("y", "answer(True)", "Stop", id="confirm-stop", tooltip="Stop the session"),
        Binding("n,escape", "answer(False)", "Keep going", id="keep-going"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Stop this session?", classes="dialog-title")
            yield Label("What you have done so far is kept.")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Stop (y)", variant="error", id="stop")
                yield Button("Keep going (n)", variant="primary", id="keep")

    def on_mount(self) -> None:
        self.query_one("#keep", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "stop")

    def action_answer(self, stop: bool) -> None:
        self.dismiss(stop)


class LogSet(ModalScreen[tuple[int, str] | None]):
    """Edit the reps and load logged for a rep set; dismisses with (reps, load) or None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel-log")]

    def __init__(self, title: str, outcome: StepOutcome) -> None:
        super().__init__()
        self.title_text = title
        self.outcome = outcome

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(f"Log: {self.title_text}", classes="dialog-title")
            yield Label("Reps done")
            yield Input(str(self.outcome.reps or ""), id="reps", type="integer")
            yield Label("Load")
            yield Input(self.outcome.load or "", id="load", placeholder="e.g. 12 kg")
            yield Label("Enter saves · Escape cancels", classes="dim")

    def on_input_submitted(self) -> None:
        reps_text = self.query_one("#reps", Input).value.strip()
        if not reps_text.isdigit() or not 0 <= int(reps_text) <= 1000:
            self.notify("Reps must be a whole number from 0 to 1000.", severity="error")
            return
        self.dismiss((int(reps_text), self.query_one("#load", Input).value.strip()))

    def action_cancel(self) -> None:
        self.dismiss(None)
