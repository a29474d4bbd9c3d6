"""What became of each break, written to the history; what cannot be written now waits.

As with a run's journal, a full disk or a locked file loses nothing: the events wait in
order, with the time they happened, and go in with the next one that can be written.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from functools import partial

from workout_tui.core.log.history import HistoryStore
from workout_tui.core.log.journal import WriteQueue


class BreakLog(WriteQueue):
    """The break reminder's record in a history store (or nowhere, when history is off)."""

    def add(self, action: str, run_id: int | None = None) -> None:
        """Log a break taken (with the run it started), snoozed or skipped, now."""
        if self.store is not None:
            at = self.store.now()
            self._write(partial(HistoryStore.record_break, action=action, at=at, run_id=run_id))

    def counts_on(self, day: date) -> dict[str, int]:
        """The day's breaks by what became of them, those still waiting included."""
        counts: dict[str, int] = {}
        if self.store is not None:
            try:
                counts = self.store.breaks_by_day(day).get(day, {})
            except sqlite3.Error:
                counts = {}
        for write in self._waiting:
            event = write.keywords if isinstance(write, partial) else {}
            if event and event["at"].date() == day:
                counts[event["action"]] = counts.get(event["action"], 0) + 1
        return counts
