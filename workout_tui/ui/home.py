"""The home screen: the routine library, filtered by typing, with the highlighted one's outline."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, OptionList
from textual.widgets.option_list import Option

from workout_tui.core.durations import format_span
from workout_tui.core.library import Routine
from workout_tui.core.model import Block, Exercise, Mode, Session
from workout_tui.ui.bindings import bindings
from workout_tui.ui.messages import HistoryRequested, RoutineChosen
from workout_tui.ui.text import Literal, safe


class HomeScreen(Screen[None]):
    """Lists every routine; Enter starts the highlighted one."""

    BINDINGS = bindings("home")

    def __init__(self, routines: Sequence[Routine]) -> None:
        super().__init__()
        self.routines = list(routines)

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
        options.clear_options()
        for routine in self.routines:
            if all(word in _search_text(routine) for word in words):
                options.add_option(
                    Option(safe(_entry(routine)), id=routine.slug + ":" + str(routine.path))
                )
        if options.option_count:
            options.highlighted = 0
        else:
            self.query_one("#details-text", Literal).update("No routine matches that filter.")

    def _selected(self) -> Routine | None:
        options = self.query_one("#routines", OptionList)
        option = options.highlighted_option
        if option is None:
            return None
        return next(r for r in self.routines if r.slug + ":" + str(r.path) == option.id)

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
        if routine.plan is None:
            self.notify("This routine has problems; fix the file and restart.", severity="error")
            return
        self.post_message(RoutineChosen(routine))

    def action_history(self) -> None:
        self.post_message(HistoryRequested())


def _search_text(routine: Routine) -> str:
    session = routine.session
    parts = [routine.slug]
    if session is not None:
        parts += [session.name, *session.tags, *session.equipment]
    return " ".join(parts).lower()


def _entry(routine: Routine) -> Text:
    if routine.plan is None:
        text = Text(f"{routine.path.name}  ⚠ cannot load\n", style="bold red")
        first = routine.problems[0] if routine.problems else None
        if first is not None:
            text.append(f"  {routine.path.name}:{first.line}: {first.message}", style="red")
        return text
    session = routine.plan.session
    estimate = routine.plan.estimate
    facts = [estimate, ", ".join(session.equipment) or "no equipment"]
    if session.tags:
        facts.append(", ".join(session.tags))
    text = Text(session.name, style="bold")
    if routine.source != "bundled":
        text.append(f"  ({routine.origin})", style="dim")
    text.append("\n  " + " · ".join(facts), style="dim")
    return text


def _details(routine: Routine) -> Text:
    if routine.plan is None:
        text = Text("This routine cannot be loaded:\n\n", style="bold red")
        for problem in routine.problems:
            text.append(f"{problem}\n")
        return text
    session = routine.plan.session
    text = Text(session.name + "\n", style="bold")
    if session.description:
        text.append(session.description + "\n")
    text.append("\n")
    for line in outline(session):
        text.append(line + "\n")
    text.append(f"\n{len(routine.plan.steps)} steps · Enter to start", style="dim")
    return text


def outline(session: Session) -> list[str]:
    """One line per exercise (indented inside blocks): `Goblet squat: 3 × 10 reps @ 12 kg`."""
    lines: list[str] = []
    for item in session.items:
        if isinstance(item, Block):
            rounds = f" × {item.rounds} rounds" if item.rounds > 1 else ""
            lines.append(f"{item.name}{rounds}:")
            lines += [f"  {_exercise_line(e)}" for e in item.exercises]
        else:
            lines.append(_exercise_line(item))
    return lines


def _exercise_line(exercise: Exercise) -> str:
    amount = (
        f"{exercise.amount} reps"
        if exercise.mode is Mode.REPS
        else f"{format_span(exercise.amount)} {exercise.mode.value}"
    )
    sets = f"{exercise.sets} × " if exercise.sets > 1 else ""
    sides = (
        ", each side"
        if len(exercise.sides) > 1
        else (f", {exercise.sides[0]}" if exercise.sides else "")
    )
    load = f" @ {exercise.load}" if exercise.load else ""
    return f"• {exercise.name}: {sets}{amount}{load}{sides}"
