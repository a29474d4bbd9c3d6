"""Drive a real session end to end in the real app on a fake clock."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from tests.ui.helpers import advance, bundled, make_app, practice, screen_text, text
from workout_tui.audio import SilentCues
from workout_tui.core.config import Config
from workout_tui.core.engine import EngineState
from workout_tui.core.library import load_routine
from workout_tui.ui.dialogs import Confirm, LogSet
from workout_tui.ui.player import PlayerScreen
from workout_tui.ui.summary import SummaryScreen


def cue_kinds(app: object) -> list[str]:
    player = app.settings.cues  # type: ignore[attr-defined]
    assert isinstance(player, SilentCues)
    return [f"{cue.kind}{cue.count or ''}" for cue, _ in player.played]


async def test_a_session_runs_sides_rests_and_rep_sets_to_the_summary(tmp_path: Path) -> None:
    app = make_app(start=practice(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, PlayerScreen)
        assert text(pilot, "#phase") == "GET READY"
        assert text(pilot, "#next") == "Next up: Couch stretch · left · 20s"
        assert text(pilot, "#clock") == "0:05"

        await advance(pilot, 5)
        assert text(pilot, "#phase") == "WORK"
        assert text(pilot, "#exercise") == "Couch stretch"
        assert text(pilot, "#side") == "◀  LEFT SIDE"
        assert "Squeeze the back glute" in text(pilot, "#notes")
        await advance(pilot, 7.5)
        assert text(pilot, "#clock") == "0:13"

        await advance(pilot, 12.5)
        assert text(pilot, "#phase") == "SWITCH SIDES"
        assert text(pilot, "#side") == "RIGHT SIDE  ▶"
        await advance(pilot, 5)
        assert (text(pilot, "#phase"), text(pilot, "#side")) == ("WORK", "RIGHT SIDE  ▶")

        await advance(pilot, 20)
        assert text(pilot, "#phase") == "REST"
        assert text(pilot, "#next") == "Next up: Goblet squat · set 1/2 · 8 reps"
        assert "Bell at chest height" in text(pilot, "#notes")

        await advance(pilot, 10)
        assert text(pilot, "#hint") == "8 reps · press space when done"
        assert text(pilot, "#detail") == "set 1/2 · 12 kg"
        await advance(pilot, 100)  # a rep set waits for the person
        assert text(pilot, "#exercise") == "Goblet squat" and text(pilot, "#clock") == "1:40"
        await pilot.press("space")
        assert text(pilot, "#phase") == "REST"
        assert text(pilot, "#logged") == "Logged Goblet squat: 8 reps @ 12 kg · e to change"

        await advance(pilot, 30)
        await pilot.press("space")
        assert isinstance(app.screen, SummaryScreen)
        assert text(pilot, "#summary-title") == "Done: Practice"
        totals = text(pilot, "#summary-totals")
        assert "Total time   3:10" in totals and "Work time    2:20" in totals
        assert "Sets done    4 of 4" in totals
        shown = [" ".join(line.split()) for line in screen_text(pilot).splitlines()]
        last = [line for line in shown if line.startswith("Goblet squat")][-1]
        assert last == "Goblet squat · set 2/2 8 reps @ 12 kg 8 reps @ 12 kg"

        await pilot.press("enter")
        assert app.screen.__class__.__name__ == "HomeScreen"

    countdown = ["countdown3", "countdown2", "countdown1"]
    side = ["go", "halfway", *countdown, "set-done"]  # a timed hold, one side
    expected = ["get-ready", *countdown, *side, "switch", *countdown, *side]
    expected += ["rest", *countdown, "go", "set-done", "rest", *countdown, "go", "done"]  # reps
    assert cue_kinds(app) == expected


async def test_cues_long_overdue_after_a_sleep_are_not_played_late(tmp_path: Path) -> None:
    app = make_app(start=practice(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await advance(pilot, 12, tick=12)  # the machine slept through the 3-2-1 and "go"
        assert text(pilot, "#side") == "◀  LEFT SIDE"
        assert cue_kinds(app) == ["get-ready"]


async def test_pause_freezes_the_clock_and_resumes_after_a_three_two_one(tmp_path: Path) -> None:
    app = make_app(start=practice(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await advance(pilot, 8)  # 3 s into the left side
        await pilot.press("space")
        screen = app.screen
        assert isinstance(screen, PlayerScreen)
        assert text(pilot, "#phase") == "PAUSED · space to resume"
        assert screen.has_class("-paused")
        await advance(pilot, 60)
        assert text(pilot, "#clock") == "0:17"
        await pilot.press("space")
        assert text(pilot, "#phase") == "GET SET" and text(pilot, "#clock") == "3"
        await advance(pilot, 1)
        assert text(pilot, "#clock") == "2"
        await advance(pilot, 2)
        assert text(pilot, "#phase") == "WORK" and text(pilot, "#clock") == "0:17"
        assert screen.engine.paused_seconds == 63


async def test_skip_back_and_extend(tmp_path: Path) -> None:
    app = make_app(start=practice(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, PlayerScreen)
        await pilot.press("n")
        assert text(pilot, "#side") == "◀  LEFT SIDE"
        await pilot.press("right")
        assert text(pilot, "#phase") == "SWITCH SIDES"
        await pilot.press("p")
        assert text(pilot, "#side") == "◀  LEFT SIDE" and text(pilot, "#clock") == "0:20"
        await pilot.press("plus")
        assert text(pilot, "#clock") == "0:35"
        await pilot.press("minus", "minus")
        assert text(pilot, "#clock") == "0:05"
        await pilot.press("left")
        assert text(pilot, "#phase") == "GET READY"
        assert [e.skipped for e in screen.run.record.logged] == [True, True]  # no time in the rest


async def test_stop_asks_first_and_keeps_going_on_no(tmp_path: Path) -> None:
    app = make_app(start=practice(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await advance(pilot, 10)
        await pilot.press("q")
        assert isinstance(app.screen, Confirm)
        await pilot.press("n")
        player = app.screen
        assert isinstance(player, PlayerScreen) and player.engine.running
        await pilot.press("q", "y")
        assert isinstance(app.screen, SummaryScreen)
        assert text(pilot, "#summary-title") == "Stopped: Practice"
        assert player.engine.state is EngineState.STOPPED


async def test_the_reps_and_load_of_a_set_can_be_changed(tmp_path: Path) -> None:
    app = make_app(start=practice(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        player = app.screen
        assert isinstance(player, PlayerScreen)
        await pilot.press("n", "n", "n", "n", "n")  # to the first rep set
        await pilot.press("space")
        await pilot.press("e")
        assert isinstance(app.screen, LogSet)
        reps = app.screen.query_one("#reps", Input)
        reps.value = "6"
        app.screen.query_one("#load", Input).value = "10 kg"
        app.screen.query_one("#load", Input).focus()
        await pilot.press("enter")
        assert app.screen is player  # type: ignore[comparison-overlap]  # the dialog closed
        assert text(pilot, "#logged") == "Logged Goblet squat: 6 reps @ 10 kg · e to change"
        logged = player.run.record.last_logged_set()
        assert logged is not None and (logged.reps, logged.load) == (6, "10 kg")


async def test_mute_silences_cues_and_says_so(tmp_path: Path) -> None:
    app = make_app(start=practice(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("m")
        before = len(cue_kinds(app))
        await advance(pilot, 5)
        assert len(cue_kinds(app)) == before
        assert "muted" in text(pilot, "#topbar")


async def test_a_preview_runs_faster_and_says_so(tmp_path: Path) -> None:
    app = make_app(start=practice(tmp_path), speed=20)
    async with app.run_test(size=(100, 30)) as pilot:
        assert "PREVIEW ×20" in text(pilot, "#topbar")
        await advance(pilot, 0.25)  # 5 s of routine time at 20x
        assert text(pilot, "#side") == "◀  LEFT SIDE"


async def test_the_clock_and_the_keys_stay_in_view_down_to_40_by_12(tmp_path: Path) -> None:
    app = make_app(start=practice(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await advance(pilot, 6)  # the left side: a step with a side box, the tallest
        for size in [(60, 20), (40, 12), (30, 8), (120, 40), (40, 12), (80, 24)]:
            await pilot.resize_terminal(*size)
            await advance(pilot, 0.5)
            assert isinstance(app.screen, PlayerScreen)
            if size[0] < 40:
                continue  # smaller than promised: it only has to keep running
            clock = app.screen.query_one("#clock")
            shown = app.screen.find_widget(clock).visible_region
            # Whole: its 3 rows and the session's bar and times under them (standing on the
            # bottom of a taller room beside a figure).
            assert shown == clock.region and shown.height >= 4, size
            assert "◀  LEFT SIDE" in screen_text(pilot) and "0:1" in text(pilot, "#clock")
            footer = screen_text(pilot).splitlines()[-1]
            assert "? Help" in footer and "space Pause" in footer, (size, footer)
            assert "q Stop" in footer, (size, footer)  # a way out, at any size promised
            if size[0] >= 60:  # packed under 80 columns: every key of the player in view
                assert "m Mute" in footer, (size, footer)


async def test_keys_can_be_remapped_and_the_theme_set_from_the_config(tmp_path: Path) -> None:
    config = Config(keys={"skip": "s", "pause": "k"}, theme="nord")
    app = make_app(start=practice(tmp_path), config=config)
    async with app.run_test(size=(100, 30)) as pilot:
        assert app.theme == "nord"
        await pilot.press("s")
        assert text(pilot, "#side") == "◀  LEFT SIDE"
        await pilot.press("k")
        assert text(pilot, "#phase") == "PAUSED · space to resume"


async def test_an_unknown_theme_or_key_id_is_reported_not_fatal(tmp_path: Path) -> None:
    app = make_app(start=practice(tmp_path), config=Config(theme="nope", keys={"jump": "j"}))
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("Unknown theme 'nope'" in m for m in messages)
        assert "[keys] jump: no binding has this id; the README lists every id" in messages[0]
        assert isinstance(app.screen, PlayerScreen)


async def test_config_prepare_and_rest_apply_and_an_oversized_override_is_refused(
    tmp_path: Path,
) -> None:
    routine = practice(tmp_path)
    app = make_app(start=routine, config=Config(prepare=20, rest=45))
    async with app.run_test(size=(100, 30)) as pilot:
        assert text(pilot, "#clock") == "0:20"
        assert app.screen.plan.steps[4].seconds == 45  # type: ignore[attr-defined]
    desk = next(r for r in bundled() if r.slug == "desk-break")  # five rests of 4 h: too long
    huge = make_app(start=desk, config=Config(rest=4 * 3600))
    async with huge.run_test(size=(100, 30), notifications=True) as pilot:
        assert text(pilot, "#clock") == "0:05"  # the routine's own timing
        assert any("do not fit this routine" in n.message for n in huge._notifications)


@pytest.mark.parametrize(("bell", "rings"), [("all", 10), ("changes", 2), ("off", 0)])
async def test_with_no_sound_the_bell_marks_the_3_2_1_and_the_halfway_too(
    tmp_path: Path, bell: str, rings: int
) -> None:
    from workout_tui.audio import BellCues

    path = tmp_path / "plank.yaml"
    path.write_text("name: Plank\ndefaults: {prepare: 5s}\nexercises: [{name: Plank, hold: 25s}]\n")
    rang: list[float] = []
    app = make_app(start=load_routine(path), cues=BellCues(lambda: rang.append(clock()), bell))
    clock = app.settings.clock
    async with app.run_test(size=(100, 30)) as pilot:
        await advance(pilot, 5 + 25 + 1)
    # All: get ready and its 3-2-1, go, the halfway, the hold's 3-2-1, done; changes: go, done.
    assert len(rang) == rings, rang
    if bell == "all":
        assert rang[5:9] == [17.5, 27, 28, 29]  # the halfway, then 3, 2, 1 before the hold ends
