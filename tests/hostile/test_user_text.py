"""User text is text: markup and terminal control in a routine, a log or an error show as
written, on every screen, dialog and notice, and never end the app."""

from __future__ import annotations

import ast
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.text import Text
from textual.widgets import Input

from tests.conftest import REPO
from tests.core.test_history import PLAN
from tests.log_helpers import entry
from tests.ui.helpers import advance, make_app, screen_text
from workout_tui.core.library import load_routine
from workout_tui.core.log.store import HistoryStore
from workout_tui.core.printable import printable
from workout_tui.ui.dialogs import Confirm, LogSet, ResumeRun
from workout_tui.ui.history import HistoryScreen
from workout_tui.ui.messages import HistoryRequested
from workout_tui.ui.run_detail import RunDetailScreen
from workout_tui.ui.summary import SummaryScreen
from workout_tui.ui.text import Literal, safe

NAME = "Squat [red]x[/red] [/]"
NOTES = "[optional] [b]bold?[/b] [link=https://example.com]x[/link] [@click=app.quit]q[/]"
LOAD = "20 lb [/]"
TYPED_LOAD = "25 lb [/] [@click=app.quit]"
HOSTILE = [
    "[/]",
    "[b]",
    "[link=https://example.com]x[/link]",
    "[@click=app.quit]quit[/]",
    "\x1b]0;title\x07",
    "\x1b[2J",
    "a\rb",
    "\u202eabc\u202c",
    "x" * 10_000,
]


def routine_file(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.yaml"
    path.write_text(
        f'name: "{NAME}"\n'
        "defaults: {prepare: 2s, rest: 2s}\n"
        "exercises:\n"
        f'  - {{name: "{NAME}", hold: 3s, notes: "{NOTES}"}}\n'
        f'  - {{name: "Swing \\e]0;pwned\\a", reps: 5, load: "{LOAD}", notes: "{NOTES}"}}\n'
        "  - {name: 'Bridge [i]', hold: 2s}\n",
        encoding="utf-8",
    )
    return path


def bidi(c: str) -> bool:
    """A bidi embedding, override or isolate: shown as a placeholder too."""
    return 0x202A <= ord(c) <= 0x202E or 0x2066 <= ord(c) <= 0x2069


def no_control(text: str) -> bool:
    return not any(ord(c) < 32 and c != "\n" or 0x7F <= ord(c) <= 0x9F for c in text)


async def test_a_hostile_routine_runs_to_its_summary_history_detail_and_delete(
    tmp_path: Path,
) -> None:
    routine = load_routine(routine_file(tmp_path))
    store = HistoryStore(tmp_path / "history.sqlite3")
    app = make_app(start=routine, routines=[routine], history=store)
    # Wide enough that no text is wrapped.
    async with app.run_test(size=(160, 40), notifications=True) as pilot:
        await advance(pilot, 2)
        shown = screen_text(pilot)
        assert NAME in shown and "[optional] [b]bold?[/b]" in shown
        await advance(pilot, 3 + 2)
        shown = screen_text(pilot)
        assert "Swing ␛]0;pwned␇" in shown and LOAD in shown and no_control(shown)
        await pilot.press("space")  # the rep set is done
        await pilot.press("e")  # log another load, itself hostile
        assert isinstance(app.screen, LogSet)
        app.screen.query_one("#load", Input).value = TYPED_LOAD
        await pilot.press("enter")
        await pilot.pause()
        assert TYPED_LOAD in screen_text(pilot)
        await advance(pilot, 3 + 2 + 2)  # the 3-2-1 after the dialog, the rest, the hold
        assert isinstance(app.screen, SummaryScreen)
        shown = screen_text(pilot)
        assert f"Done: {NAME}" in shown and TYPED_LOAD in shown and no_control(shown)

        await pilot.press("enter")
        app.post_message(HistoryRequested())
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        assert NAME in screen_text(pilot)
        await pilot.press("enter")
        assert isinstance(app.screen, RunDetailScreen)
        shown = screen_text(pilot)
        assert NAME in shown and TYPED_LOAD in shown and "Swing ␛]0;pwned␇" in shown
        await pilot.press("escape", "delete")
        assert isinstance(app.screen, Confirm)
        assert NAME in screen_text(pilot)
        await pilot.press("y")
        await pilot.pause()
        assert app.is_running and store.runs(limit=5) == []
    store.close()


async def test_a_notice_and_a_literal_widget_show_text_as_written() -> None:
    app = make_app(routines=[])
    async with app.run_test(size=(200, 50), notifications=True) as pilot:
        for hostile in HOSTILE:
            app.clear_notifications()
            app.notify(hostile)  # error texts, paths and names arrive here
            widget = Literal(hostile, id="hostile")
            await app.screen.mount(widget)
            await pilot.pause()
            shown = screen_text(pilot)
            assert shown.count(printable(hostile)[:20]) >= 2, hostile  # the notice and widget
            assert no_control(shown) and app.is_running, hostile
            await widget.remove()


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_becomes_literal_text_with_no_control_characters(text: str) -> None:
    shown = safe(text)
    assert isinstance(shown, Text) and shown.spans == []  # no markup was read
    assert shown.plain == printable(text, lines=True)
    assert no_control(shown.plain) and len(shown.plain) == len(text)


def test_the_ui_builds_no_bare_static_label_or_string_cell() -> None:
    """The rule is kept by construction: every text widget in ui/ and ui/widgets/ is literal."""
    offenders = []
    ui = REPO / "workout_tui" / "ui"
    paths = sorted(ui.rglob("*.py"))
    assert ui / "widgets" / "step_panel.py" in paths
    for path in paths:
        if path == ui / "text.py":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ClassDef):  # a subclass would skip Literal's own update()
                bases = {
                    b.id if isinstance(b, ast.Name) else getattr(b, "attr", "") for b in node.bases
                }
                if bases & {"Static", "Label"}:
                    offenders.append(f"{path.relative_to(ui)}:{node.lineno}: class {node.name}")
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name | ast.Attribute):
                name = node.func.id if isinstance(node.func, ast.Name) else node.func.attr
                if name in {"Static", "Label"}:
                    offenders.append(f"{path.relative_to(ui)}:{node.lineno}: {name}(...)")
                if name == "add_row" and not any(isinstance(a, ast.Starred) for a in node.args):
                    offenders.append(
                        f"{path.relative_to(ui)}:{node.lineno}: add_row without cells()"
                    )
    assert not offenders, offenders


async def test_a_name_of_ten_thousand_characters_is_cut_and_the_clock_stays_in_view(
    tmp_path: Path,
) -> None:
    name = "Squat " + "x" * 10_000
    path = tmp_path / "long.yaml"
    path.write_text(
        f'name: "{name}"\nexercises:\n'
        f'  - {{name: "{name}", hold: 30s, sets: 2, load: "{name}", notes: "{name}"}}\n'
    )
    app = make_app(start=load_routine(path), routines=[])
    async with app.run_test(size=(60, 20)) as pilot:
        await advance(pilot, 12)
        clock = app.screen.query_one("#clock").region
        assert clock.bottom <= 20 - 1 and clock.height == 4  # whole, above the keys
        lines = screen_text(pilot).splitlines()
        assert lines[0].rstrip().endswith("…") and "0:18" not in lines[0]
        assert "hold" in screen_text(pilot)  # the hint under the step's detail too


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_printable_leaves_no_control_character_and_keeps_every_other(text: str) -> None:
    shown = printable(text)
    assert no_control(shown) and "\n" not in shown and len(shown) == len(text)
    assert not any(bidi(c) for c in shown)
    kept = [
        a == b
        for a, b in zip(text, shown, strict=True)
        if no_control(a) and a not in "\t\n" and not bidi(a)
    ]
    assert all(kept)


async def test_the_resume_and_log_dialogs_show_names_literally() -> None:
    app = make_app(routines=[])
    async with app.run_test(size=(160, 40)) as pilot:
        await app.push_screen(ResumeRun(NAME, "Mon 23 Nov 18:00", NOTES[:40], 3, 9))
        await pilot.pause()
        shown = screen_text(pilot)
        assert f"{NAME} was interrupted" in shown  # the dialog wraps the rest
        assert "[optional]" in shown and "[b]bold?[/b] [link=https://ex" in shown
        await app.pop_screen()
        await app.push_screen(LogSet(NAME, entry(PLAN.steps[1], 30.0, reps=8, load=TYPED_LOAD)))
        await pilot.pause()
        assert f"Log: {NAME}" in screen_text(pilot) and app.is_running


async def test_the_break_screen_shows_a_hostile_routine_name_as_written(tmp_path: Path) -> None:
    from tests.conftest import FakeClock
    from workout_tui.core.config import Breaks
    from workout_tui.ui.breaks import BreakScreen
    from workout_tui.ui.settings import BreakSetup

    path = tmp_path / "hostile.yaml"
    path.write_text(
        'name: "[b]x[/] \\e]0;pwned\\a [@click=app.quit]q[/]' + "z" * 10_000 + '"\n'
        "exercises: [{name: a, hold: 3s}]\n"
    )
    setup = BreakSetup(Breaks(every=5), load_routine(path), "")
    app = make_app(breaks=setup, wall=FakeClock(0.0))
    async with app.run_test(size=(120, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, BreakScreen)
        app.settings.wall.advance(5)  # type: ignore[attr-defined]
        screen.tick()
        await pilot.pause()
        shown = screen_text(pilot)
        assert "Breaks · one every 5s · [b]x[/] ␛]0;pwned␇ [@click=app.quit]q[/]" in shown
        # The name, two lines at most: the rest of the screen stays where it is.
        lines = [line.strip() for line in shown.splitlines()]
        at = lines.index("Break routine: [b]x[/] ␛]0;pwned␇")
        assert lines[at + 1].startswith("[@click=app.quit]q[/]zzz") and not lines[at + 2]
        assert "Enter starts the break · s snoozes it 5 min · x skips it" in shown  # on screen
        assert "Today: 0 taken" in shown
        assert "\x1b" not in shown and "\x07" not in shown
