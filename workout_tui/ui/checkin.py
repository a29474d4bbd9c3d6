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
from workout_tui.ui.text import LiteralLabel

QUESTION = "Neck and mid-back today: 0 (none) to 10 (worst)?"
SCORE_KEYS = {**{str(n): n for n in range(10)}, "t": 10}


class CheckInDialog(ModalScreen[int | None]):
    """Asks today's check-in; dismisses with the score, or None when skipped."""

    BINDINGS = bindings(ScreenName.CHECKIN)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield LiteralLabel(QUESTION.replace(": ", ":\n"), classes="dialog-title")
            yield LiteralLabel("A key: 0 to 9, t for 10 · Esc: not today", classes="dim")

    def on_key(self, event: events.Key) -> None:
        if event.character in SCORE_KEYS:
            event.stop()
            self.dismiss(SCORE_KEYS[event.character])

    def action_skip(self) -> None:
        self.dismiss(None)


def ask_checkin(app: App[None], log: CheckInLog, today: date) -> None:
    """Ask today's check-in over the screen showing, unless it was asked today already."""
    if not log.due(today):
        return

    def answer(score: int | None) -> None:
        if score is None:
            log.asked(today)
        else:
            log.add(score)
            app.notify(f"Check-in kept: {score} of 10.", timeout=4)

    app.push_screen(CheckInDialog(), answer)
