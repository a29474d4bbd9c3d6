"""The home screen: the routine library, filtered by typing, with the highlighted one's outline."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, OptionList
from textual.widgets.option_list import Option

from workout_tui.core.config import Config
from workout_tui.core.library import Routine
from workout_tui.core.printable import printable
from workout_tui.ui.bindings import bindings
from workout_tui.ui.entry import Entry
from workout_tui.ui.messages import HistoryRequested, RoutineChosen
from workout_tui.ui.text import Literal

ENTRY_LINES = 2  # a routine's name, then its length, equipment and tags


class HomeScreen(Screen[None]):
    """Lists every routine; Enter starts the highlighted one."""

    BINDINGS = bindings("home")

    def __init__(
        self,
        routines: Sequence[Routine],
        config: Config | None = None,
        rescan: Callable[[], Sequence[Routine]] | None = None,
    ) -> None:
        super().__init__()
        self.routines = list(routines)
        self.config = config  # the lengths shown count its prepare and rest
        self.rescan = rescan  # reads the library again (None: a fixed list)
        self._options: dict[str, Option] = {}  # made once each: filtering only picks them

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="home"):
            with Vertical(id="library"):
                # Not select_on_focus: the letter that moved focus here must not be selected,
                # or the next one typed would replace it.
                yield Input(
                    placeholder="/ or start typing to filter", id="filter", select_on_focus=False
                )
                yield OptionList(id="routines")
            with VerticalScroll(id="details"):
                yield Literal(id="details-text")
        yield Footer()

    def on_mount(self) -> None:
        self._fill("")
        self.query_one("#routines", OptionList).focus()
        self.watch(self.app, "app_focus", self._app_focused, init=False)

    def _app_focused(self, focused: bool) -> None:
        if focused and self.is_current:
            self.reload()  # back from another window, where files may have changed

    def on_key(self, event: events.Key) -> None:
        """A letter typed on the list (other than a key bound here) starts the filter with it."""
        filter_input = self.query_one("#filter", Input)
        bound = event.key in self.active_bindings  # h, q, / ... keep their meaning
        if event.is_printable and event.character and not bound and not filter_input.has_focus:
            filter_input.focus()
            filter_input.insert_text_at_cursor(event.character)
            event.stop()

    def action_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_clear_filter(self) -> None:
        filter_input = self.query_one("#filter", Input)
        filter_input.value = ""
        self.query_one("#routines", OptionList).focus()

    def _fill(self, text: str) -> None:
        words = text.lower().split()
        options = self.query_one("#routines", OptionList)
        options.set_options(
            self._option(routine)
            for routine in self.routines
            if all(word in _search_text(routine) for word in words)
        )
        if options.option_count:
            options.highlighted = 0
        else:
            self.query_one("#details-text", Literal).update("No routine matches that filter.")

    def _option(self, routine: Routine) -> Option:
        key = _option_id(routine)
        if key not in self._options:
            self._options[key] = Option(Entry(lambda: _entry(routine), ENTRY_LINES), id=key)
        return self._options[key]

    def _selected(self) -> Routine | None:
        option = self.query_one("#routines", OptionList).highlighted_option
        return None if option is None else self._routine(option)

    def _routine(self, option: Option) -> Routine:
        return next(r for r in self.routines if _option_id(r) == option.id)

    def on_input_changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    def on_option_list_option_highlighted(self) -> None:
        routine = self._selected()
        if routine is not None:
            self.query_one("#details-text", Literal).update(_details(routine))

    def on_option_list_option_selected(self) -> None:
        self.action_start()

    def action_move(self, delta: int) -> None:
        options = self.query_one("#routines", OptionList)
        if options.option_count:
            current = options.highlighted or 0
            options.highlighted = max(0, min(options.option_count - 1, current + delta))

    def action_start(self) -> None:
        routine = self._selected()
        if routine is None:
            return
        loaded = routine.loaded(self.config)  # the file as it is now
        if loaded.summary != routine.summary or loaded.problems != routine.problems:
            self._replace(routine, loaded)
        if loaded.plan is None:
            self.notify("This routine has problems: fix its file first.", severity="error")
            return
        self.post_message(RoutineChosen(loaded))

    def _replace(self, old: Routine, new: Routine) -> None:
        """Show `new` where `old` was listed (the same file, read again)."""
        self.routines[self.routines.index(old)] = new
        options = self.query_one("#routines", OptionList)
        options.replace_option_prompt(_option_id(new), Entry(lambda: _entry(new), ENTRY_LINES))
        self.query_one("#details-text", Literal).update(_details(new))

    def action_history(self) -> None:
        self.post_message(HistoryRequested())

    def action_reload(self) -> None:
        self.reload()
        self.notify(f"Read the routine files again: {len(self.routines)} routines.", timeout=3)

    def reload(self, select: Path | None = None) -> None:
        """Read the library again, keeping the filter and the highlighted routine (or
        highlighting the one in `select`)."""
        if self.rescan is None:
            return
        current = self._selected()
        wanted = select or (current.path if current else None)
        self.routines = list(self.rescan())
        self._options.clear()
        self._fill(self.query_one("#filter", Input).value)
        options = self.query_one("#routines", OptionList)
        for index, option in enumerate(options.options):
            if self._routine(option).path == wanted:
                options.highlighted = index

    def action_edit(self) -> None:
        from workout_tui.core.authoring import editable

        routine = self._selected()
        if routine is not None:
            self._edit(lambda: editable(routine.path, routine.slug)[0])

    def action_new(self) -> None:
        from workout_tui.core.authoring import new_file

        with self.prevent(Input.Changed):
            self.query_one("#filter", Input).value = ""  # so that the new one is listed
        self._edit(lambda: new_file(None, None, [r.slug for r in self.routines]))

    def _edit(self, prepare: Callable[[], Path]) -> None:
        from workout_tui.ui.editing import edit_in_editor

        path, problem = edit_in_editor(self.app, prepare)
        if path is not None:
            self.reload(select=path)
        routine = self._selected()
        if problem:
            self.notify(problem, severity="error")
        elif routine is not None and routine.problems:
            self.notify(f"{routine.path.name} has problems (see them on the right); e edits it"
                        " again.", severity="warning", timeout=8)  # fmt: skip


def _option_id(routine: Routine) -> str:
    return f"{routine.slug}:{routine.path}"


def _search_text(routine: Routine) -> str:
    summary = routine.summary
    return routine.slug.lower() + (" " + summary.search_text if summary else "")


# Each piece of user text is made printable before it becomes a Text: Rich would drop a
# BEL or a CR silently, where the person should see ␇ or ␍ (see core.printable).


def _entry(routine: Routine) -> Text:
    summary = routine.summary
    if summary is None:
        text = Text(f"{printable(routine.path.name)}  ⚠ cannot load\n", style="bold red")
        first = routine.problems[0] if routine.problems else None
        if first is not None:
            where = f"{routine.path.name}:{first.line}: {first.message}"
            text.append(f"  {printable(where)}", style="red")
        return text
    facts = [summary.estimate, ", ".join(summary.equipment) or "no equipment"]
    if summary.tags:
        facts.append(", ".join(summary.tags))
    text = Text(printable(summary.name), style="bold")
    if routine.source != "bundled":
        text.append(f"  ({routine.origin})", style="dim")
    text.append("\n  " + printable(" · ".join(facts)), style="dim")
    return text


def _details(routine: Routine) -> Text:
    summary = routine.summary
    if summary is None:
        text = Text("This routine cannot be loaded:\n\n", style="bold red")
        for problem in routine.problems:
            text.append(f"{printable(str(problem))}\n")
        return text
    text = Text(printable(summary.name) + "\n", style="bold")
    if summary.description:
        text.append(printable(summary.description, lines=True) + "\n")
    text.append("\n")
    for line in summary.outline:
        text.append(printable(line) + "\n")
    text.append(f"\n{summary.steps} steps · Enter to start", style="dim")
    if routine.source != "bundled":
        text.append(f"\n{printable(str(routine.path))} ({routine.origin})", style="dim")
    return text
