"""The daily check-in: one question, one key, at most once a day (at the end of a routine
run to its end, and after a break); Esc skips it for the day."""

from __future__ import annotations

from datetime import date

from textual import events
from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen

from workout_tui.core.log.checkin_log import CheckInLog
from workout_tui.ui.bindings import ScreenName, bindings
from workout_tui.ui.keys import CHECKIN_KEYS
from workout_tui.ui.text import LiteralLabel

QUESTION = "Neck and mid-back today: 0 (none) to 10 (worst)?"
SCORE_KEYS = {key: 10 if key == "t" else int(key) for key in CHECKIN_KEYS}


class CheckInDialog(ModalScreen[int | None]):
    """Asks today's check-in; dismisses with the score, or None when skipped."""

    BINDINGS = bindings(ScreenName.CHECKIN)

    def __init__(self, skip_key: str = "Esc") -> None:
        super().__init__()
        self.skip_key = skip_key  # as mapped, for the hint
        self._answered = False  # keys typed fast after the first answer nothing more

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield LiteralLabel(QUESTION.replace(": ", ":\n"), classes="dialog-title")
            hint = f"A key: 0 to 9, t for 10 · {self.skip_key}: not today"
            yield LiteralLabel(hint, classes="dim")

    def on_key(self, event: events.Key) -> None:
        if event.character in SCORE_KEYS:
            event.stop()
            self._answer(SCORE_KEYS[event.character])

    def action_skip(self) -> None:
        self._answer(None)

    def _answer(self, score: int | None) -> None:
        if not self._answered:
            self._answered = True
            self.dismiss(score)


def ask_checkin(app: App[None], log: CheckInLog, today: date, skip_key: str) -> None:
    """Ask today's check-in over the screen showing, unless it was asked today already."""
    if not log.due(today):
        return

    def answer(score: int | None) -> None:
        if score is None:
            log.skip(today)
        else:
            log.add(score)
            app.notify(f"Check-in kept: {score} of 10.", timeout=4)

    app.push_screen(CheckInDialog(skip_key), answer)
