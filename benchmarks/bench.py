"""Benchmarks against baselines, measured side by side in one run: `make bench`.

Each figure alternates the app (A) and its baselines (B) over several runs and reports the
median and min-max of each and their ratio; results also go to results/latest.json.
`--size quick` gives every figure in under two minutes; `--size smoke` in seconds (tests).
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import contextlib
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from tests.cli.terminal import Terminal  # noqa: E402  (one pseudo-terminal helper for both)

BIN = Path(sys.executable).parent
APP = BIN / "workout-tui"
HOLD = "name: Hold\ndefaults: {prepare: 2s}\nexercises: [{name: Plank, hold: 10m}]\n"
REPS = "name: Reps\ndefaults: {prepare: 2s}\nexercises: [{name: Goblet squat, reps: 500}]\n"


def env(home: Path) -> dict[str, str]:
    """A clean environment; each launch gets its own history, so none offers to resume."""
    return {
        **os.environ,
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "WORKOUT_TUI_DATA_DIR": tempfile.mkdtemp(dir=home),
        "TERM": "xterm-256color",
    }


def spread(values: Sequence[float]) -> dict[str, float]:
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def alternate(runs: int, *measures: Callable[[], float]) -> list[list[float]]:
    """Measure each `runs` times, in turns, rotating which goes first."""
    samples: list[list[float]] = [[] for _ in measures]
    for i in range(runs):
        for j in range(len(measures)):
            k = (i + j) % len(measures)
            samples[k].append(measures[k]())
    return samples


# -- start-up ---------------------------------------------------------------------------


def startup(home: Path, runs: int) -> dict[str, Any]:
    """Launch to the first frame with the routine list, against a one-label Textual app.

    Also beside the home screen's widgets with none of our code: what Textual alone costs.
    """

    def measure(argv: Sequence[str | Path], needle: str) -> float:
        terminal = Terminal(argv, env(home))
        try:
            return terminal.wait_for(needle)
        finally:
            terminal.close()

    app, base, widgets = alternate(
        runs,
        lambda: measure([APP], "Desk break"),
        lambda: measure([sys.executable, HERE / "baselines" / "label_app.py"], "ready"),
        lambda: measure([sys.executable, HERE / "baselines" / "widgets_app.py"], "Desk break"),
    )
    median = statistics.median
    return {
        "app_s": spread(app),
        "baseline_s": spread(base),
        "widgets_s": spread(widgets),
        "ratio": median(app) / median(base),
        "widgets_ratio": median(widgets) / median(base),
        "target": 1.2,
        "widgets_target": 1.05,
    }


# -- idle cost while a timer runs -------------------------------------------------------


def idle_cpu(home: Path, seconds: float, runs: int, settle: float = 1.5) -> dict[str, Any]:
    """CPU (user+sys) in % of one core over `seconds` of a timed step, beside baselines,
    each measured after `settle` seconds of start-up."""
    routine, reps = home / "hold.yaml", home / "reps.yaml"
    routine.write_text(HOLD)
    reps.write_text(REPS)
    plain = home / "plain"  # the same, with the figure hidden (as `i` leaves it)
    (plain / "config" / "workout-tui").mkdir(parents=True)
    (plain / "config" / "workout-tui" / "config.toml").write_text("figures = false\n")
    termdown = BIN / "termdown"
    programs: dict[str, tuple[list[str | Path], str, Path]] = {
        "workout-tui": ([APP, "run", routine, "--mute"], "WORK", home),
        # A rep set, its figure moving twice a second, beside the same set without it.
        "workout-tui rep set": ([APP, "run", reps, "--mute"], "WORK", home),
        "workout-tui rep set, no figure": ([APP, "run", reps, "--mute"], "WORK", plain),
        # The break screen, left open all day: 45 minutes to the next break.
        "workout-tui breaks": ([APP, "breaks", "--mute", "--every", "45m"], "Sitting for", home),
        "textual countdown": (
            [sys.executable, HERE / "baselines" / "countdown_app.py", "600"],
            "",  # drawn art, not text: measured after the settle below
            home,
        ),
    }
    if termdown.exists():
        programs["termdown"] = ([termdown, "600"], "", home)
    results: dict[str, list[float]] = {name: [] for name in programs}
    for _ in range(runs):
        for name, (argv, ready, its_home) in programs.items():
            terminal = Terminal(argv, env(its_home))
            try:
                terminal.wait_for(ready)
                end = time.monotonic() + settle
                while time.monotonic() < end:
                    terminal.drain(0.05)
                before, started = terminal.cpu_seconds(), time.monotonic()
                while time.monotonic() - started < seconds:
                    terminal.drain(0.05)  # keep reading so the program never blocks on output
                used = terminal.cpu_seconds() - before
                results[name].append(100 * used / (time.monotonic() - started))
            finally:
                terminal.close()
    out: dict[str, Any] = {name: spread(values) for name, values in results.items()}
    out["target_percent"] = 1.5
    return out


# -- cue timing -------------------------------------------------------------------------

CUES = """
name: Cue timing
defaults: {prepare: 3s, rest: 4s, switch_sides: 3s, countdown: 3}
exercises:
  - {name: Hold, hold: 8s, sets: 100, sides: [left, right], rest_between_sets: 3s}
"""


def cue_timing(home: Path, seconds: float, busy: bool) -> dict[str, Any]:
    """Lateness of each cue's play call (on the audio thread) against its instant."""
    script = textwrap.dedent(
        f"""
        import asyncio, json, sys, time
        from pathlib import Path
        from types import SimpleNamespace
        sys.path.insert(0, {str(HERE)!r})
        from bench import measure_cues
        print(json.dumps(asyncio.run(measure_cues(Path(sys.argv[1]), float(sys.argv[2])))))
        """
    )
    routine = home / "cues.yaml"
    routine.write_text(CUES)
    spinner = None
    if busy:
        spinner = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        result = subprocess.run(
            [sys.executable, "-c", script, str(routine), str(seconds)],
            capture_output=True,
            text=True,
            check=True,
            env=env(home),
        )
    finally:
        if spinner:
            spinner.kill()
    late = json.loads(result.stdout)
    ms = sorted(1000 * x for x in late)
    quarter = max(1, len(ms) // 4)
    return {
        "cues": len(ms),
        "p50_ms": statistics.median(ms),
        "p99_ms": ms[int(0.99 * (len(ms) - 1))],
        "max_ms": ms[-1],
        "first_quarter_p50_ms": statistics.median(1000 * x for x in late[:quarter]),
        "last_quarter_p50_ms": statistics.median(1000 * x for x in late[-quarter:]),
        "target_p99_ms": 2,
    }


async def measure_cues(routine: Path, seconds: float) -> list[float]:
    """Run the real app headless on the real clock; the device records when it is asked to play."""
    from workout_tui.audio import BellCues, SoundCues
    from workout_tui.core import locations
    from workout_tui.core.library import load_routine
    from workout_tui.ui.app import WorkoutApp
    from workout_tui.ui.settings import Settings

    calls: list[float] = []
    handed: list[tuple[float, float]] = []  # (monotonic when handed on, seconds late then)

    class Device:
        def play_buffer(self, *args: object) -> object:
            calls.append(time.monotonic())
            return SimpleNamespace(is_playing=lambda: False, stop=lambda: None)

    class Player(SoundCues):
        def play(self, cue: Any, late: float = 0.0, key: Any = None) -> None:
            handed.append((time.monotonic(), late))
            super().play(cue, late, key)

    device: Any = Device()
    player = Player(device, locations.sounds_dir(), None, BellCues(lambda: None), print)
    app = WorkoutApp(Settings(start=load_routine(routine), cues=player))
    async with app.run_test(size=(100, 30)):
        await asyncio.sleep(seconds)
    player.close()
    # Cues due together share one play call; each call's lateness is from its first cue's instant.
    due = [at - late for at, late in handed]
    lateness = []
    plays = iter(calls[1:])  # the first call is the device probe
    previous = None
    for instant in due:
        if previous is not None and instant - previous < 0.002:
            continue
        previous = instant
        played = next(plays, None)
        if played is not None:
            lateness.append(played - instant)
    return lateness


# -- a large routine library ----------------------------------------------------------

TAGS = ("[mobility, hips]", "[strength, glutes]", "[desk, quick]")


def seed_routines(folder: Path, count: int, exercises: int = 8) -> None:
    """`count` routine files of `exercises` exercises each, as a person's library might be."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        items = "".join(
            f"  - name: Exercise {j} of routine {i}\n    hold: {20 + j}s\n    sets: 2\n"
            f"    sides: [left, right]\n    notes: Keep the back flat and breathe out.\n"
            for j in range(exercises)
        )
        (folder / f"routine-{i:04}.yaml").write_text(
            f"name: Routine {i:04}\ndescription: A generated routine.\ntags: {TAGS[i % 3]}\n"
            f"equipment: [mat]\nexercises:\n{items}"
        )


def library(home: Path, routines: int, runs: int) -> dict[str, Any]:
    """`list` cold and warm, the app's first frame and each filter keystroke, with
    `routines` files of the person's own beside the bundled four alone; and the first
    frame with as many in a `--sessions-dir` folder, launched in turns with the four alone
    on one cache (each launch must keep the other's entries)."""
    big, small, lib = home / "big", home / "small", home / "lib"
    seed_routines(big / "config" / "workout-tui" / "sessions", routines)
    seed_routines(lib, routines)
    small.mkdir()
    out: dict[str, Any] = {"routines": routines}
    for name, measure in (
        ("list_cold_s", _list_cold),
        ("list_warm_s", _list_warm),
        ("first_frame_s", _first_frame),
    ):
        full, four = alternate(runs, lambda m=measure: m(big), lambda m=measure: m(small))
        out[name] = {"full": spread(full), "four": spread(four)}
    _first_frame(small, "--sessions-dir", str(lib))  # the folder's first reading: cached
    full, four = alternate(
        runs, lambda: _first_frame(small, "--sessions-dir", str(lib)), lambda: _first_frame(small)
    )
    out["first_frame_sessions_dir_s"] = {"full": spread(full), "four": spread(four)}
    full, four = ([t for _ in range(runs) for t in _keystrokes(where)] for where in (big, small))
    out["keystroke_s"] = {"full": spread(full), "four": spread(four), "keys": len(full)}
    out["targets"] = {"list_cold_s": 3, "first_frame_ratio": 1.5, "keystroke_s": 0.05}
    return out


def _list_cold(home: Path) -> float:
    cache = home / "cache" / "workout-tui" / "routines.json"
    cache.unlink(missing_ok=True)
    return _list_warm(home)


def _list_warm(home: Path) -> float:
    started = time.perf_counter()
    subprocess.run([APP, "list"], env=env(home), capture_output=True, check=True)
    return time.perf_counter() - started


def _first_frame(home: Path, *args: str) -> float:
    terminal = Terminal([APP, *args], env(home))
    try:
        return terminal.wait_for("Quit")  # the footer: drawn with the list, in one frame
    finally:
        terminal.close()


def _keystrokes(home: Path, keys: str = "hips\x7f\x7f\x7f\x7f") -> list[float]:
    """Seconds from each key (typing a filter after `/`, then deleting it) to the last
    output that changes a character on screen. Textual also repaints the list's scrollbar,
    unchanged, some 30 ms after every key; a repaint of what is already there is not counted
    (nor is a change of colour alone)."""
    terminal = Terminal([APP], env(home))
    screen = _Screen()
    times: list[float] = []
    try:
        terminal.wait_for("Quit")
        terminal.drain(0.5)  # start-up done (the history opens after the first frame)
        terminal.type("/")
        for key in keys:
            terminal.drain(0.3)
            screen.feed(terminal.output)
            sent = time.perf_counter()
            terminal.type(key)
            last, quiet_since = sent, sent
            while time.perf_counter() - quiet_since < 0.1:
                before = len(terminal.output)
                terminal.drain(0.005)
                if len(terminal.output) > before:
                    quiet_since = time.perf_counter()
                    if screen.feed(terminal.output):
                        last = quiet_since
            times.append(last - sent)
    finally:
        terminal.close()
    return times


class _Screen:
    """Just enough of a terminal to tell a write that changes a character from one that
    repaints it: cursor moves, newlines and text (colours are not kept)."""

    TOKEN = re.compile(
        rb"\x1b\[(\d*);?(\d*)H|\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]"
        rb"|\x1b[=>]|\x1b\][^\x07]*\x07|\r|\n|[^\x1b\r\n]+"
    )

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], str] = {}
        self.row = self.column = 1
        self.seen = 0

    def feed(self, output: bytes) -> bool:
        """Take in what `output` holds beyond what was fed before; whether it changed a
        character. (A sequence cut at the end of a read is taken in with the next.)"""
        changed, end = False, self.seen
        for match in self.TOKEN.finditer(output, self.seen):
            token = match.group()
            if match.group(1) is not None:
                self.row, self.column = int(match.group(1) or 1), int(match.group(2) or 1)
            elif token == b"\r":
                self.column = 1
            elif token == b"\n":
                self.row += 1
            elif not token.startswith(b"\x1b"):
                text = token.decode("utf-8", "ignore")
                for char in text:
                    changed |= self.cells.get((self.row, self.column)) != char
                    self.cells[(self.row, self.column)] = char
                    self.column += 1
            end = match.end()
        self.seen = end
        return changed


# -- history at scale -------------------------------------------------------------------


def history(home: Path, runs: int, steps_per_run: int, repeats: int = 3) -> dict[str, Any]:
    """Open the history and a run's detail with `runs` runs against an empty history,
    `repeats` times each."""
    script = textwrap.dedent(
        """
        import asyncio, json, resource, sys, time
        from pathlib import Path
        from workout_tui.audio import SilentCues
        from workout_tui.core.log.store import HistoryStore
        from workout_tui.core.workspace import Workspace
        from workout_tui.ui.app import WorkoutApp
        from workout_tui.ui.settings import Settings
        async def main():
            store = HistoryStore(Path(sys.argv[1]) / "history.sqlite3")
            app = WorkoutApp(Settings(Workspace(history=store), cues=SilentCues()))
            async with app.run_test(size=(120, 40)) as pilot:
                started = time.perf_counter()
                await pilot.press("ctrl+r")
                opened = time.perf_counter() - started
                assert type(app.screen).__name__ == "HistoryScreen", app.screen
                started = time.perf_counter()
                await pilot.press("enter")
                detail = time.perf_counter() - started
                assert type(app.screen).__name__ == "RunDetailScreen", app.screen
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(json.dumps({"open_s": opened, "detail_s": detail, "peak_rss_mb": rss}))
        asyncio.run(main())
        """
    )
    full, empty = home / "full", home / "empty"
    seed(full, runs, steps_per_run)
    seed(empty, 1, steps_per_run)

    def measure(where: Path) -> dict[str, float]:
        out = subprocess.run(
            [sys.executable, "-c", script, str(where)], capture_output=True, text=True, check=True
        ).stdout
        result: dict[str, float] = json.loads(out)
        return result

    samples: dict[str, list[dict[str, float]]] = {"full": [], "empty": []}
    for i in range(repeats):
        for name in ("full", "empty") if i % 2 == 0 else ("empty", "full"):
            samples[name].append(measure(full if name == "full" else empty))
    result: dict[str, Any] = {"runs": runs, "steps": runs * steps_per_run}
    for key in ("open_s", "detail_s", "peak_rss_mb"):
        a = [s[key] for s in samples["full"]]
        b = [s[key] for s in samples["empty"]]
        result[key] = {
            "full": spread(a),
            "empty": spread(b),
            "ratio": statistics.median(a) / statistics.median(b),
        }
    result["target_ratio"], result["target_rss_mb"] = 1.5, 80
    return result


def seed(data_dir: Path, runs: int, steps_per_run: int) -> None:
    """A history of `runs` finished runs, one an hour back from now, written in bulk."""
    from datetime import datetime, timedelta

    from workout_tui.core.log.store import HistoryStore

    store = HistoryStore(data_dir / "history.sqlite3")
    now = datetime.now().astimezone()
    db = store.db
    db.execute("BEGIN")
    for i in range(runs):
        when = now - timedelta(hours=i)
        run = db.execute(
            "INSERT INTO runs (uid, session, session_name, session_hash, speed, status, started_at,"
            " started_ts, planned_work_steps, active_seconds, work_seconds, done_work_steps)"
            " VALUES (?, 'glute-hamstring-strength', 'Glute and hamstring strength', 'x', 1,"
            " 'completed', ?, ?, ?, 900, 600, ?)",
            (
                f"{i:032x}",
                when.isoformat(),
                when.timestamp(),
                steps_per_run // 2,
                steps_per_run // 2,
            ),
        ).lastrowid
        db.executemany(
            "INSERT INTO steps (run_id, step_index, kind, exercise, exercise_key, set_number,"
            " set_count, round_number, round_count, planned_seconds, planned_reps, planned_load,"
            " actual_seconds, reps, load, outcome, finished_at) VALUES (?, ?, ?, 'Goblet squat',"
            " 'goblet squat', 1, 3, 1, 1, 60, 10, '12 kg', 58, 10, '12 kg', 'done', ?)",
            [
                (run, s, "work-reps" if s % 2 else "rest", when.isoformat())
                for s in range(steps_per_run)
            ],
        )
    db.execute("COMMIT")
    store.close()


# -- memory during a session ------------------------------------------------------------


def session_memory(home: Path, speed: float) -> dict[str, Any]:
    """Peak RSS of `workout-tui run hip-flexor-stretch` from launch to its summary."""
    terminal = Terminal([APP, "run", "hip-flexor-stretch", "--speed", str(speed)], env(home))
    peak = 0.0
    try:
        deadline = time.monotonic() + 600
        while "Done: Hip flexor" not in terminal.text and time.monotonic() < deadline:
            terminal.drain(0.05)
            peak = max(peak, terminal.peak_rss_mb())
    finally:
        terminal.close()
    return {"peak_rss_mb": peak, "target_mb": 60}


# -- memory of an import ----------------------------------------------------------------


def import_memory(home: Path, megabytes: int) -> dict[str, Any]:
    """Peak RSS of `history --import` of a valid export of `megabytes` MB (into an empty
    history), and of a file of 1.28 times that size holding nothing but empty lists."""
    seed(home / "one", 1, 15)
    one = subprocess.run(
        [APP, "--data-dir", str(home / "one"), "history", "--export", "json"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    run = json.dumps(json.loads(one)["runs"][0])
    valid, empties = home / "valid.json", home / "empty-lists.json"
    count = megabytes * 2**20 // len(run) + 1
    with valid.open("w") as out:
        out.write('{"format": "workout-tui history", "version": 2, "runs": [')
        for n in range(count):
            uid = f'"uid": "{n:032x}"'
            out.write(("," if n else "") + re.sub(r'"uid": "\w+"', uid, run, count=1))
        out.write('], "breaks": []}')
    with empties.open("w") as out:  # written a megabyte at a time, as it is to be read
        out.write('{"format": "workout-tui history", "version": 2, "runs": [], "junk": [[]')
        for _ in range(int(megabytes * 1.28)):
            out.write(",[]" * (2**20 // 3))
        out.write('], "breaks": []}')
    results: dict[str, Any] = {"runs": count, "target_mb": 150}
    for name, path in (("valid", valid), ("empty_lists", empties)):
        command = [str(APP), "--data-dir", str(home / name), "history", "--import", str(path)]
        child = subprocess.Popen(command, env=env(home), stdout=subprocess.DEVNULL)
        peak = 0.0
        while child.poll() is None:  # the high-water mark of its memory, read until it ends
            with contextlib.suppress(OSError, ValueError, IndexError):  # gone, or a zombie
                status = Path(f"/proc/{child.pid}/status").read_text()
                peak = max(peak, int(status.split("VmHWM:")[1].split()[0]) / 1024)
            time.sleep(0.02)
        results[name] = {
            "file_mb": path.stat().st_size / 2**20,
            "peak_rss_mb": peak,
            "exit": child.returncode,
        }
    return results


# -- the run ----------------------------------------------------------------------------


def run_all(size: str, say: Callable[[str], None] = print) -> dict[str, Any]:
    """Every benchmark at `size`: "smoke" (seconds, for the test suite), "quick" (under two
    minutes, wider error bars) or "full" (the README's figures)."""
    # Measured as installed: pip byte-compiles a package when it installs it, but an editable
    # checkout under PYTHONDONTWRITEBYTECODE would compile every module at every launch.
    compileall.compile_dir(HERE.parent / "workout_tui", quiet=1)
    pick = {"smoke": 0, "quick": 1, "full": 2}[size]
    plan: list[tuple[str, Callable[[Path], dict[str, Any]]]] = [
        ("startup", lambda h: startup(h, runs=(1, 3, 9)[pick])),
        ("idle_cpu", lambda h: idle_cpu(h, seconds=(2, 8, 20)[pick], runs=(1, 1, 2)[pick])),
        ("cue_timing_idle", lambda h: cue_timing(h, seconds=(8, 20, 130)[pick], busy=False)),
        ("cue_timing_busy", lambda h: cue_timing(h, seconds=(8, 20, 130)[pick], busy=True)),
        ("library", lambda h: library(h, routines=(200, 2000, 2000)[pick], runs=(1, 3, 5)[pick])),
        ("history", lambda h: history(h, runs=(500, 2000, 10_000)[pick], steps_per_run=15)),
        ("session_memory", lambda h: session_memory(h, speed=(50, 50, 10)[pick])),
        ("import_memory", lambda h: import_memory(h, megabytes=(2, 20, 100)[pick])),
    ]
    results: dict[str, Any] = {
        "date": time.strftime("%Y-%m-%d"),
        "size": size,
        "cores": os.cpu_count(),
    }
    with tempfile.TemporaryDirectory() as tmp:
        for number, (name, measure) in enumerate(plan, 1):
            say(f"[{number}/{len(plan)}] {name} ...")
            started = time.monotonic()
            results[name] = measure(Path(tmp))
            say(f"[{number}/{len(plan)}] {name} done in {time.monotonic() - started:.0f} s")
    return results


def report(results: dict[str, Any]) -> str:
    """The results as a Markdown table: figure, workout-tui, baseline, ratio, target."""
    s, i, h = results["startup"], results["idle_cpu"], results["history"]
    ms = lambda v: f"{v * 1000:.0f} ms"  # noqa: E731
    rows = [
        (
            "Start-up to the routine list",
            f"{ms(s['app_s']['median'])} ({ms(s['app_s']['min'])}-{ms(s['app_s']['max'])})",
            f"one-label Textual app {ms(s['baseline_s']['median'])}; the same widgets without"
            f" workout-tui's code {ms(s['widgets_s']['median'])} ({s['widgets_ratio']:.2f}x)",
            f"{s['ratio']:.2f}x; {s['app_s']['median'] / s['widgets_s']['median']:.2f}x the"
            " same widgets",
            "<= 1.2x; <= 1.05x the same widgets",
        )
    ]
    ours = (
        "workout-tui",
        "workout-tui breaks",
        "workout-tui rep set",
        "workout-tui rep set, no figure",
    )
    bases = {k: v for k, v in i.items() if isinstance(v, dict) and k not in ours}
    termdown = i.get("termdown", i["textual countdown"])["median"]
    countdown = i["textual countdown"]["median"]
    for key, label, target in (
        ("workout-tui", "Idle CPU during a timed step", "<= 0.8x termdown; <= 1.2x the countdown"),
        (
            "workout-tui breaks",
            "Idle CPU of the break screen, 45 min to a break",
            "<= 0.3x termdown",
        ),
    ):
        cpu = i[key]
        rows.append(
            (
                f"{label} (% of a core)",
                f"{cpu['median']:.2f}% ({cpu['min']:.2f}-{cpu['max']:.2f})",
                " / ".join(f"{k} {v['median']:.2f}%" for k, v in bases.items()),
                f"{cpu['median'] / max(termdown, 0.01):.2f}x termdown; "
                f"{cpu['median'] / max(countdown, 0.01):.2f}x the countdown",
                target,
            )
        )
    moving, still = i["workout-tui rep set"], i["workout-tui rep set, no figure"]
    rows.append(
        (
            "Idle CPU during a rep set, its figure moving (% of a core)",
            f"{moving['median']:.2f}% ({moving['min']:.2f}-{moving['max']:.2f})",
            f"the same set, figure hidden {still['median']:.2f}%",
            f"{moving['median'] / max(still['median'], 0.01):.2f}x",
            "<= 1.5x",
        )
    )
    for key, label in (
        ("cue_timing_idle", "Cue lateness, machine idle"),
        ("cue_timing_busy", "Cue lateness, one core kept busy"),
    ):
        c = results[key]
        rows.append(
            (
                f"{label} ({c['cues']} cues)",
                f"p50 {c['p50_ms']:.2f} ms, p99 {c['p99_ms']:.2f} ms, max {c['max_ms']:.2f} ms",
                f"first quarter p50 {c['first_quarter_p50_ms']:.2f} ms",
                f"last quarter p50 {c['last_quarter_p50_ms']:.2f} ms",
                "p99 < 2 ms, no drift",
            )
        )
    for key, label in (("open_s", "open the list"), ("detail_s", "open a run")):
        v = h[key]
        rows.append(
            (
                f"History with {h['runs']:,} runs / {h['steps']:,} steps: {label}",
                ms(v["full"]["median"]),
                f"empty history {ms(v['empty']['median'])}",
                f"{v['ratio']:.2f}x",
                "<= 1.5x",
            )
        )
    rows += _library_rows(results["library"])
    r = h["peak_rss_mb"]
    rows.append(
        (
            "History: peak RSS",
            f"{r['full']['median']:.1f} MB",
            f"empty history {r['empty']['median']:.1f} MB",
            f"{r['ratio']:.2f}x",
            "< 80 MB",
        )
    )
    memory = results["session_memory"]["peak_rss_mb"]
    rows.append(("A whole session: peak RSS", f"{memory:.1f} MB", "", "", "< 60 MB"))
    imp = results["import_memory"]
    for key, label in (("valid", "a valid export"), ("empty_lists", "a file of empty lists")):
        v = imp[key]
        rows.append(
            (
                f"`history --import` of {label} of {v['file_mb']:.0f} MB: peak RSS",
                f"{v['peak_rss_mb']:.1f} MB",
                "",
                "",
                "< 150 MB",
            )
        )
    header = ("figure", "workout-tui", "baseline", "ratio", "target")
    widths = [max(len(row[c]) for row in (header, *rows)) for c in range(5)]
    lines = [
        "| " + " | ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) + " |"
        for row in (header, *rows)
    ]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def _library_rows(lib: dict[str, Any]) -> list[tuple[str, ...]]:
    """The library's rows: each figure with its own routines beside the bundled four."""
    ms = lambda v: f"{v * 1000:.0f} ms"  # noqa: E731
    rows = []
    for key, label, target in (
        ("list_cold_s", "`list`, no cache", "< 3 s"),
        ("list_warm_s", "`list`, cached", ""),
        ("first_frame_s", "app to its first frame (cached)", "<= 1.5x"),
        ("first_frame_sessions_dir_s", "in a `--sessions-dir`, first frame", "<= 1.5x"),
        ("keystroke_s", "a filter keystroke, to the last character it changes", "< 50 ms"),
    ):
        full, four = lib[key]["full"], lib[key]["four"]
        rows.append(
            (
                f"{lib['routines']:,} routines: {label}",
                f"{ms(full['median'])} ({ms(full['min'])}-{ms(full['max'])})",
                f"the bundled four {ms(four['median'])}",
                f"{full['median'] / max(four['median'], 1e-3):.2f}x",
                target,
            )
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--size",
        choices=("smoke", "quick", "full"),
        default="full",
        help="smoke: seconds (the test suite); quick: under 2 minutes; full: the README's",
    )
    args = parser.parse_args()
    results = run_all(args.size, say=lambda line: print(line, flush=True))
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    (out / f"{args.size}.json").write_text(json.dumps(results, indent=2))
    print(report(results))


if __name__ == "__main__":
    main()
