"""The daily check-in as the app asks it: at most once a day, and written to the history
off the UI thread (what cannot be written now waits, as a run's steps do)."""

from __future__ import annotations

import contextlib
import sqlite3
from datetime import date
from functools import partial
from pathlib import Path

from workout_tui.core.files import NotAFile, read_regular, write_whole
from workout_tui.core.log.entries import CheckIn
from workout_tui.core.log.journal import WriteQueue
from workout_tui.core.log.store import HistoryStore

SKIPPED = "checkin-skipped"  # the day it was last skipped, in a file beside the history


def skipped_on(data_dir: Path) -> date | None:
    """The day the check-in was last skipped (Esc), in any window; None if never."""
    try:
        return date.fromisoformat(read_regular(data_dir / SKIPPED, 32).decode().strip())
    except (OSError, ValueError, NotAFile):
        return None


class CheckInLog(WriteQueue):
    """The check-ins given in the app, to a history store (or nowhere, when history is off)."""

    unsaved = "A check-in was not saved"

    def __init__(self, store: HistoryStore | None) -> None:
        super().__init__(store)
        self._asked_on: date | None = None  # the day it was last asked here (answered or not)

    def due(self, today: date) -> bool:
        """Whether to ask today: not asked here today, not skipped in any window today, and
        none in the history for it."""
        if self.store is None or today in (self._asked_on, skipped_on(self.store.path.parent)):
            return False
        with contextlib.suppress(sqlite3.Error):  # unread: asked, and kept if it is answered
            return today not in self.store.scores()
        return True

    def asked(self, today: date) -> None:
        """It was asked today (and answered, or skipped): not again today."""
        self._asked_on = today

    def skip(self, today: date) -> None:
        """Not today: not asked again today, here or in another window (a file that cannot
        be written is asked again in another)."""
        self.asked(today)
        if self.store is not None:
            with contextlib.suppress(OSError):
                write_whole(self.store.path.parent / SKIPPED, today.isoformat())

    def add(self, score: int, note: str | None = None) -> None:
        """Keep today's check-in, given now."""
        if self.store is not None:
            at = self.store.now()
            self.asked(at.date())
            checkin = CheckIn(at.date(), score, at, note)
            self._write(partial(HistoryStore.record_checkin, checkin=checkin))
