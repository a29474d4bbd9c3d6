"""What the player says about saving a run to the history: once when the history stops
taking it, and again when it has caught up."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widget import Widget

if TYPE_CHECKING:
    from workout_tui.core.log.journal import RunJournal


class SaveNotices:
    """Tells a run journal's troubles through `screen`'s notices, each change once."""

    def __init__(self, screen: Widget, journal: RunJournal) -> None:
        self.screen, self.journal = screen, journal
        self._behind = self._told_lost = False

    def tell(self) -> None:
        journal, notify = self.journal, self.screen.notify
        if journal.lost is not None and not self._told_lost:
            self._told_lost = True
            notify(f"Not saved: {journal.lost}.", severity="error", timeout=15)
        if journal.behind and not self._behind:
            notify(
                f"Cannot save to the history now ({journal.error}). This session is kept "
                "and saved as soon as it can be; it goes on.",
                severity="error",
                timeout=10,
            )
        elif self._behind and not journal.behind:
            notify("The history is saved again; nothing was lost.", timeout=5)
        self._behind = journal.behind
