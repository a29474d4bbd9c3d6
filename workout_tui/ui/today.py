"""The "Today" section at the top of the routine list: what the weekly plan asks for today,
each routine marked once it has been run to its end today."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets.option_list import Option

from workout_tui.core.config import Config
from workout_tui.core.library import Routine
from workout_tui.core.printable import printable
from workout_tui.core.week import WeekPlan
from workout_tui.ui.entry import Entry
from workout_tui.ui.routine_text import ENTRY_LINES, entry_text, option_id, search_text

if TYPE_CHECKING:  # the list is drawn before the history is read (start-up stays short)
    from workout_tui.core.log.store import HistoryStore

OpenHistory = Callable[[], "HistoryStore | None"]

PREFIX = "today:"  # a Today option's id is its routine's, after this


def done_today(store: HistoryStore | None, day: date) -> set[str]:
    """The slugs run to their end on `day` (none when the history is off or unreadable)."""
    if store is None:
        return set()
    import sqlite3

    try:
        return store.completed_on(day)
    except sqlite3.Error:
        return set()


class TodaySection:
    """Today's planned routines as options, with a heading above them and one below."""

    def __init__(self) -> None:
        self.routines: dict[str | None, Routine] = {}  # each option's routine, by option id
        self._options: list[tuple[str, Option]] = []  # (search text, option)
        self._made_of: object = None  # what the options were made from
        # Made once: a keystroke that picks the same options must find them equal.
        self._headings = (
            Option(Entry(lambda: Text("Today", style="bold"), 1), disabled=True),
            Option(Entry(lambda: Text("All routines", style="bold"), 1), disabled=True),
        )

    def refresh(
        self, config: Config | None, history: OpenHistory | None, routines: Sequence[Routine]
    ) -> bool:
        """Read today's plan, and what is done of it when something is planned (only then is
        the history opened); True when the section changed."""
        day, plan = date.today(), config.plan if config else WeekPlan()
        store = history() if history and plan.on(day) else None
        return self.update(plan, day, done_today(store, day), routines)

    def update(
        self, plan: WeekPlan, day: date, done: set[str], routines: Sequence[Routine]
    ) -> bool:
        """Make the options for `day`; True when they changed."""
        planned = plan.on(day)
        by_slug = {r.slug: r for r in routines}
        made_of = [(slug, slug in done, by_slug.get(slug)) for slug in planned]
        if made_of == self._made_of:
            return False
        self._made_of = made_of
        self.routines = {}
        self._options = []
        for slug, is_done, routine in made_of:
            if routine is None:
                self._options.append((slug.lower(), Option(_missing(slug), disabled=True)))
                continue
            key = PREFIX + option_id(routine)
            self.routines[key] = routine
            self._options.append((search_text(routine), Option(_entry(routine, is_done), id=key)))
        return True

    def pick(self, words: Sequence[str]) -> list[Option]:
        """The options that hold every word, between their headings; none when none does."""
        chosen = [option for said, option in self._options if all(w in said for w in words)]
        return [self._headings[0], *chosen, self._headings[1]] if chosen else []


def _entry(routine: Routine, done: bool) -> Entry:
    def text() -> Text:
        mark = "✓ done today  " if done else "· to do  "
        return Text(mark, style="bold green" if done else "bold") + entry_text(routine)

    return Entry(text, ENTRY_LINES)


def _missing(slug: str) -> Entry:
    def text() -> Text:
        line = f"· {printable(slug)}  ⚠ no routine has this slug\n  fix [plan] in config.toml"
        return Text(line, style="yellow")

    return Entry(text, ENTRY_LINES)
