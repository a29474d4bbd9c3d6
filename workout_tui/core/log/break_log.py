"""What became of each break, written to the history; what cannot be written now waits.

As with a run's journal, a full disk or a locked file loses nothing and stalls nothing:
the events wait in order, with the time they happened, and go in as soon as they can.
"""

from __future__ import annotations

import contextlib
import sqlite3
from datetime import date
from functools import partial

from workout_tui.core.log.journal import WriteQueue
from workout_tui.core.log.store import HistoryStore


class BreakLog(WriteQueue):
    """The break reminder's record in a history store (or nowhere, when history is off)."""

    unsaved = "Some breaks were not saved"

    def __init__(self, store: HistoryStore | None) -> None:
        super().__init__(store)
        self._day: date | None = None
        self._counts: dict[str, int] = {}  # the day's, read before any of its own was added

    def add(self, action: str, run_id: int | None = None) -> None:
        """Log a break taken (with the run it started), snoozed or skipped, now."""
        if self.store is not None:
            at = self.store.now()
            self.counts_on(at.date())
            self._counts[action] = self._counts.get(action, 0) + 1
            self._write(partial(HistoryStore.record_break, action=action, at=at, run_id=run_id))

    def counts_on(self, day: date) -> dict[str, int]:
        """The day's breaks by what became of them, those still waiting included: the
        history's as first read that day (before this log added any: the writer thread
        cannot have written one of them yet), and this log's since."""
        if day != self._day:
            self._day, self._counts = day, {}
            if self.store is not None:
                with contextlib.suppress(sqlite3.Error):  # unread: counted from none
                    self._counts = self.store.breaks_by_day(day).get(day, {})
        return dict(self._counts)
