"""The home screen: the routine library, filtered by typing, with the highlighted one's outline."""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Input, OptionList
from textual.widgets.option_list import Option

from workout_tui.core.library import Routine
from workout_tui.core.workspace import Workspace
from workout_tui.ui.bindings import BindingId, ScreenName, bindings
from workout_tui.ui.figure_view import FigureView
from workout_tui.ui.key_footer import KeyFooter
from workout_tui.ui.messages import HistoryRequested, RoutineChosen
from workout_tui.ui.routine_text import details, entry_of, option_id, search_text
from workout_tui.ui.text import Filter, Literal
from workout_tui.ui.today import OpenHistory, TodaySection


class HomeScreen(Screen[None]):
    """Lists every routine; Enter starts the highlighted one."""

    HELP_TITLE = "Routine list"  # "Keys: ..." in its help
    BINDINGS = bindings(ScreenName.HOME)

    def __init__(
        self,
        workspace: Workspace,
        history: OpenHistory | None = None,
    ) -> None:
        super().__init__()
        self.workspace = workspace  # its routines, and the config their lengths count
        self.routines = workspace.routines()
        self.config = workspace.config  # the lengths shown count its prepare and rest
        self.history = history  # opens the history (what is done today), when there is a plan
        self._today = TodaySection()
        self._index: list[tuple[str, Option]] | None = None  # (search text, option) each
        self._by_id: dict[str | None, Routine] = {}  # each option's routine
        self._detailed: Routine | None = None  # the routine the details pane shows
        self._chosen: list[Option] = []  # the options the filter picked, as listed

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="home"):
            with Vertical(id="library"):
                yield Filter("/ or start typing to filter", id="filter")
                yield OptionList(id="routines")
            with VerticalScroll(id="details"):
                yield Literal(id="details-text")
                yield FigureView(id="details-figure", classes="-on" if self.config.figures else "")
        yield KeyFooter()

    def on_mount(self) -> None:
        self._update_today()
        self._fill("")
        self.query_one("#routines", OptionList).focus()
        self.watch(self.app, "app_focus", self._app_focused, init=False)

    def on_screen_resume(self) -> None:
        if self._update_today():  # back from a run, which may have done today's plan
            self._fill(self.query_one("#filter", Input).value)

    def _update_today(self) -> bool:
        return self._today.refresh(self.config, self.history, self.routines)

    def _app_focused(self, focused: bool) -> None:
        if focused and self.is_current:
            self.reload()  # back from another window, where files may have changed

    def on_key(self, event: events.Key) -> None:
        self.query_one("#filter", Filter).take(event)

    def action_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_clear_filter(self) -> None:
        filter_input = self.query_one("#filter", Input)
        filter_input.value = ""
        self.query_one("#routines", OptionList).focus()

    def _fill(self, text: str, keep: Path | None = None) -> None:
        """List the routines whose words hold every word of `text`, highlighting the one in
        `keep` (by default the highlighted one) if it is listed, else the first.

        A keystroke that changes nothing redraws nothing.
        """
        if keep is None:
            current = self._selected()
            keep = current.path if current else None
        if self._index is None:  # made once for the routines: filtering only picks options
            gc.unfreeze()  # what the last list held may be garbage now
            self._by_id = {option_id(r): r for r in self.routines}
            self._index = [
                (search_text(r), Option(entry_of(r), id=key)) for key, r in self._by_id.items()
            ]
            # The list lives as long as the screen: kept out of the collector's full passes,
            # which over thousands of routines took 50-100 ms, in the middle of a keystroke.
            gc.freeze()
        words = text.lower().split()
        chosen = [option for said, option in self._index if all(w in said for w in words)]
        chosen = [*self._today.pick(words), *chosen]
        if chosen and chosen == self._chosen:
            return
        self._chosen = chosen
        enabled = [i for i, o in enumerate(chosen) if not o.disabled]  # not a heading
        kept = (i for i in enabled if self._routine(chosen[i]).path == keep)
        at = next(kept, enabled[0] if enabled else 0)
        options = self.query_one("#routines", OptionList)
        options.set_options(chosen)
        options.highlighted = at if chosen else None
        if not chosen:
            self._show(None)

    def _selected(self) -> Routine | None:
        option = self.query_one("#routines", OptionList).highlighted_option
        return None if option is None else self._routine(option)

    def _routine(self, option: Option) -> Routine:
        return self._by_id.get(option.id) or self._today.routines[option.id]

    def _show(self, routine: Routine | None) -> None:
        """Show `routine` in the details pane (laid out again only when it changes)."""
        if routine is not self._detailed or routine is None:
            self._detailed = routine
            shown = details(routine) if routine else "No routine matches that filter."
            self.query_one("#details-text", Literal).update(shown)
            # After the frame: the figure's code and file are read when it is first drawn.
            figure = routine.summary.figure if routine and routine.summary else ""
            self.call_after_refresh(self.query_one(FigureView).show_standing, figure)

    def on_input_changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    def on_option_list_option_highlighted(self) -> None:
        routine = self._selected()
        if routine is not None:
            self._show(routine)

    def on_option_list_option_selected(self) -> None:
        self.action_start()

    def action_move(self, delta: int) -> None:
        options = self.query_one("#routines", OptionList)  # past headings, not past either end
        at, listed = options.highlighted or 0, enumerate(options.options)
        ahead = [i for i, o in listed if (i - at) * delta > 0 and not o.disabled]
        if ahead:
            options.highlighted = min(ahead, key=lambda i: abs(i - at))

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
        position = self.routines.index(old)
        self.routines[position] = new
        self.query_one("#routines", OptionList).replace_option_prompt(option_id(new), entry_of(new))
        if self._index is not None:  # the same option, found by the new one's words
            option = self._index[position][1]
            self._index[position] = (search_text(new), option)
            self._by_id[option.id] = new
        self._show(new)

    def action_history(self) -> None:
        self.post_message(HistoryRequested())

    def action_reload(self) -> None:
        self.reload()
        self.notify(f"Read the routine files again: {len(self.routines)} routines.", timeout=3)

    def reload(self, select: Path | None = None) -> None:
        """Read the library again, keeping the filter and the highlighted routine (or
        highlighting the one in `select`)."""
        current = self._selected()
        wanted = select or (current.path if current else None)
        self.routines = self.workspace.rescan()
        self._index = None
        self._update_today()
        self._fill(self.query_one("#filter", Input).value, keep=wanted)

    def action_edit(self) -> None:
        from workout_tui.core.authoring import drop_if_unchanged, editable

        routine = self._selected()
        if routine is None:
            return
        made: list[bytes] = []  # a bundled routine's copy, as made

        def prepare() -> Path:
            path, copied = editable(routine.path, routine.slug)
            made.extend([path.read_bytes()] if copied else [])
            return path

        path = self._edit(prepare)
        if path is not None and made and drop_if_unchanged(path, made[0]):
            self.reload(select=routine.path)
            self.notify("Nothing was changed, so no copy was kept.", timeout=4)

    def action_new(self) -> None:
        from workout_tui.core.authoring import drop_if_unchanged, new_file

        with self.prevent(Input.Changed):
            self.query_one("#filter", Input).value = ""  # so that the new one is listed
        made: list[bytes] = []

        def prepare() -> Path:
            path = new_file(None, None, [r.slug for r in self.routines])
            made.append(path.read_bytes())
            return path

        path = self._edit(prepare)
        # A new routine closed without a change leaves no routine behind.
        if path is not None and made and drop_if_unchanged(path, made[0]):
            self.reload()
            self.notify("Nothing was written, so no new routine was kept.", timeout=4)

    def _edit(self, prepare: Callable[[], Path]) -> Path | None:
        """Edit the file `prepare` makes or finds, then list it; the file, if there is one."""
        from workout_tui.ui.editing import edit_in_editor
        from workout_tui.ui.keys import first_keys

        path, problem = edit_in_editor(self.app, prepare)
        if path is not None:
            self.reload(select=path)
        routine = self._selected()
        if problem:
            self.notify(problem, severity="error")
        elif routine is not None and routine.problems:
            key = first_keys(ScreenName.HOME, getattr(self.app, "keymap", {}))[BindingId.EDIT]
            self.notify(
                f"{routine.path.name} has problems (see them on the right); {key} edits it again.",
                severity="warning",
                timeout=8,
            )
        return path
