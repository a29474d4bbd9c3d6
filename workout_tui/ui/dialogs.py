"""Small modal dialogs: confirm, resume an interrupted run, and edit what was logged for a set."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input

from workout_tui.core.log.entries import RunSummary, StepRecord
from workout_tui.core.plan import Plan
from workout_tui.ui.bindings import ScreenName, bindings
from workout_tui.ui.text import LiteralLabel


class Confirm(ModalScreen[bool]):
    """Asks a yes-or-no question before something that cannot be taken back; True means yes."""

    BINDINGS = bindings(ScreenName.CONFIRM)

    def __init__(self, question: str, lines: Sequence[str], yes: str, no: str) -> None:
        super().__init__()
        self.question, self.lines, self.yes, self.no = question, lines, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield LiteralLabel(self.question, classes="dialog-title")
            for line in self.lines:
                yield LiteralLabel(line)
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self.yes} (y)", variant="error", id="yes")
                yield Button(f"{self.no} (n)", variant="primary", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()  # the safe answer is the default

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class ResumeRun(ModalScreen[bool | None]):
    """Offers to carry on an interrupted run: True resumes, False starts over, None cancels."""

    BINDINGS = bindings(ScreenName.RESUME_RUN)

    def __init__(self, name: str, when: str, step_label: str, step: int, steps: int) -> None:
        super().__init__()
        self.lines = (
            f"{name} was interrupted {when}.",
            f"Carry on at step {step + 1} of {steps}: {step_label}?",
        )

    @classmethod
    def of(cls, plan: Plan, run: RunSummary, step: int) -> ResumeRun:
        """The offer to carry on `run` of `plan` at `step`."""
        when = run.started_at.strftime("%a %d %b %H:%M")
        return cls(plan.session.name, when, plan.steps[step].label(), step, len(plan.steps))

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield LiteralLabel("Resume where you left off?", classes="dialog-title")
            for line in self.lines:
                yield LiteralLabel(line)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Resume (r)", variant="primary", id="resume")
                yield Button("Start over (s)", id="over")

    def on_mount(self) -> None:
        self.query_one("#resume", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "resume")

    def action_answer(self, resume: bool | None) -> None:
        self.dismiss(resume)


class LogSet(ModalScreen[tuple[int, str] | None]):
    """Edit the reps and load logged for a rep set; dismisses with (reps, load) or None."""

    BINDINGS = bindings(ScreenName.LOG_SET)

    def __init__(self, title: str, entry: StepRecord) -> None:
        super().__init__()
        self.title_text = title
        self.entry = entry

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield LiteralLabel(f"Log: {self.title_text}", classes="dialog-title")
            yield LiteralLabel("Reps done")
            yield Input(str(self.entry.reps or ""), id="reps", type="integer")
            yield LiteralLabel("Load")
            yield Input(self.entry.load or "", id="load", placeholder="e.g. 12 kg")
            yield LiteralLabel("Enter saves · Escape cancels", classes="dim")

    def on_input_submitted(self) -> None:
        reps_text = self.query_one("#reps", Input).value.strip()
        if not reps_text.isdigit() or not 0 <= int(reps_text) <= 1000:
            self.notify("Reps must be a whole number from 0 to 1000.", severity="error")
            return
        self.dismiss((int(reps_text), self.query_one("#load", Input).value.strip()))

    def action_cancel(self) -> None:
        self.dismiss(None)
