"""What became of each break, written to the history; what cannot be written now waits.

As with a run's journal, a full disk or a locked file loses nothing: the events wait in
order, with the time they happened, and go in with the next one that can be written.
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

from workout_tui.core.log.history import HistoryStore


class BreakLog:
    """The break reminder's record in a history store (or nowhere, when history is off)."""

    def __init__(self, store: HistoryStore | None) -> None:
        self.store = store
        self.error: Exception | None = None  # why the waiting events wait
        self._waiting: list[tuple[str, datetime, int | None]] = []

    @property
    def behind(self) -> bool:
        """Whether some events are waiting for the history to take them."""
        return bool(self._waiting)

    def add(self, action: str, run_id: int | None = None) -> None:
        """Log a break taken (with the run it started), snoozed or skipped, now."""
        if self.store is not None:
            self._waiting.append((action, self.store.now(), run_id))
            self.flush()

    def flush(self) -> bool:
        """Write what waits, in order; True when nothing waits any more."""
        while self._waiting and self.store is not None:
            try:
                self.store.record_break(*self._waiting[0])
            except (sqlite3.Error, OSError) as error:
                self.error = error
                return False
            self._waiting.pop(0)
        self.error = None
        return True

    def counts_on(self, day: date) -> dict[str, int]:
        """The day's breaks by what became of them, those still waiting included."""
        counts: dict[str, int] = {}
        if self.store is not None:
            try:
                counts = self.store.breaks_by_day(day).get(day, {})
            except sqlite3.Error:
                counts = {}
        for action, at, _ in self._waiting:
            if at.date() == day:
                counts[action] = counts.get(action, 0) + 1
        return counts
