"""Routines unchanged since the last launch come from the cache, not from YAML; anything
wrong with the cache only means the files are read again."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from workout_tui.core import locations
from workout_tui.core.config import Config
from workout_tui.core.library import discover, load_routine
from workout_tui.core.routine_cache import LAYOUT

BUNDLED = locations.bundled_sessions_dir()
MINE = "name: Mine\nexercises: [{name: Plank, hold: 30s}]\n"


def fresh_discover(cache: Path, folder: Path) -> tuple[list[str], bool]:
    """Slugs and names found in a new interpreter, and whether it imported PyYAML."""
    code = (
        "import sys, json; from pathlib import Path; from workout_tui.core.library import discover;"
        f"r = discover([(Path({str(folder)!r}), 'user'), (Path({str(BUNDLED)!r}), 'bundled')],"
        f" cache=Path({str(cache)!r}));"
        "print(json.dumps([[x.slug, x.title if x.summary else str(x.problems[0])]"
        " for x in r])); print('yaml' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    found, yaml = out.stdout.splitlines()
    return [" ".join(pair) for pair in json.loads(found)], yaml == "True"


def test_a_second_launch_reads_no_yaml_and_finds_the_same_routines(tmp_path: Path) -> None:
    (tmp_path / "mine.yaml").write_text(MINE)
    cache = tmp_path / "cache" / "routines.json"
    first, read_yaml = fresh_discover(cache, tmp_path)
    assert read_yaml and cache.is_file() and "mine Mine" in first
    second, read_yaml = fresh_discover(cache, tmp_path)
    assert second == first and not read_yaml
    parsed = discover([(tmp_path, "user"), (BUNDLED, "bundled")])  # no cache at all
    cached = discover([(tmp_path, "user"), (BUNDLED, "bundled")], cache=cache)
    assert [(r.slug, r.summary, r.problems) for r in cached] == [
        (r.slug, r.summary, r.problems) for r in parsed
    ]
    assert cached[0].plan is None and parsed[0].plan is None  # read when opened:
    assert cached[0].loaded() == load_routine(tmp_path / "mine.yaml", "user")


def test_an_edited_routine_is_read_again(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(MINE)
    cache = tmp_path / "routines.json"
    discover([(tmp_path, "user")], cache=cache)
    path.write_text(MINE.replace("Mine", "Edited"))
    (routine,) = discover([(tmp_path, "user")], cache=cache)
    assert routine.summary is not None and routine.summary.name == "Edited"


def test_a_broken_routine_is_never_cached_and_keeps_its_problems(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("name: [/]\nexercises: 3\n")
    cache = tmp_path / "routines.json"
    for _ in range(2):
        (routine,) = discover([(tmp_path, "user")], cache=cache)
        assert routine.summary is None and routine.problems


@pytest.mark.parametrize(
    "content",
    [
        b"\x00junk",
        b'{"layout": 999, "routines": {}}',  # from a newer version
        b'{"layout": %d, "context": [null, null], "routines": {"x": 3}}' % LAYOUT,
        b"[]",
        b"[" * 100_000 + b"]" * 100_000,  # deeper than the JSON reader goes
    ],
    ids=["junk", "newer", "wrong-shape", "a-list", "too-deep"],
)
def test_a_cache_that_cannot_be_used_is_ignored_and_rewritten(
    tmp_path: Path, content: bytes
) -> None:
    (tmp_path / "mine.yaml").write_text(MINE)
    cache = tmp_path / "routines.json"
    cache.write_bytes(content)
    (routine,) = discover([(tmp_path, "user")], cache=cache)
    assert routine.summary is not None and routine.summary.name == "Mine"
    assert json.loads(cache.read_text())["layout"] == LAYOUT


def test_a_cache_edited_into_nonsense_is_read_past(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(MINE)
    cache = tmp_path / "routines.json"
    discover([(tmp_path, "user")], cache=cache)
    data = json.loads(cache.read_text())
    # An entry: size, mtime, then the summary's fields in order (name is the first).
    nonsense_of_each_kind = (
        (2, 5),
        (3, ["[b]"]),
        (4, "mat"),
        (6, "lots"),
        (8, 1),
        (9, [3]),
        (6, -1),
        (6, 10**400),
        (7, 10**400),
        (7, -30),
        (0, -1),  # numbers no routine has
        (2, "Mine \ud800"),
        (9, ["\udfff"]),
        (2, "x" * 300_000),  # text no file could hold
    )
    for index, nonsense in nonsense_of_each_kind:
        edited = json.loads(json.dumps(data))
        edited["routines"][str(path)][index] = nonsense
        cache.write_text(json.dumps(edited))
        (routine,) = discover([(tmp_path, "user")], cache=cache)
        assert routine.summary is not None and routine.summary.name == "Mine"
        assert routine.summary.seconds == 40 and routine.summary.outline == ("• Plank: 30s hold",)
        assert routine.summary.estimate == "40s" and routine.summary.steps == 2, nonsense


def test_the_configs_prepare_and_rest_count_in_the_length(tmp_path: Path) -> None:
    (tmp_path / "mine.yaml").write_text(MINE.replace("}]", "}, {name: Squat, reps: 10}]"))
    cache = tmp_path / "routines.json"
    (plain,) = discover([(tmp_path, "user")], cache=cache)
    (mine,) = discover([(tmp_path, "user")], cache=cache, config=Config(prepare=60, rest=120))
    assert plain.summary is not None and mine.summary is not None
    assert plain.summary.seconds == 10 + 30 + 15 + 30 and plain.summary.estimate == "~1 min"
    assert mine.summary.seconds == 60 + 30 + 120 + 30 and mine.summary.estimate == "~4 min"
    (again,) = discover([(tmp_path, "user")], cache=cache)
    assert again == plain


def test_a_fifo_or_a_file_for_a_folder_is_no_cache_and_no_hang(tmp_path: Path) -> None:
    (tmp_path / "mine.yaml").write_text(MINE)
    fifo = tmp_path / "routines.json"
    os.mkfifo(fifo)
    assert len(discover([(tmp_path, "user")], cache=fifo)) == 1
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache's folder should be")
    assert len(discover([(tmp_path, "user")], cache=blocked / "routines.json")) == 1


def reads_yaml(cache: Path, folders: list[str], cwd: Path) -> bool:
    """Whether a launch on these folders (and the bundled ones), in a new interpreter
    started in `cwd`, imported PyYAML: read some routine file instead of the cache."""
    code = (
        "import sys; from pathlib import Path; from workout_tui.core.library import discover;"
        f"discover([*((Path(f), 'user') for f in {folders!r}), (Path({str(BUNDLED)!r}),"
        f" 'bundled')], cache=Path({str(cache)!r})); print('yaml' in sys.modules)"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=cwd
    )
    return run.stdout.strip() == "True"


def test_a_sessions_dir_stays_cached_across_launches_without_it_and_by_any_name(
    tmp_path: Path,
) -> None:
    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "mine.yaml").write_text(MINE)
    cache = tmp_path / "cache" / "routines.json"
    assert reads_yaml(cache, [str(lib)], tmp_path)  # the first launch reads every file
    assert not reads_yaml(cache, [], tmp_path)  # a launch without the folder...
    assert not reads_yaml(cache, [str(lib)], tmp_path)  # ...kept its entries for the next
    assert not reads_yaml(cache, ["lib"], tmp_path)  # named from its parent: the same files
    (lib / "mine.yaml").unlink()
    reads_yaml(cache, [str(lib)], tmp_path)
    assert "mine.yaml" not in cache.read_text()  # a folder read anew drops what has gone


def test_a_routine_is_read_again_when_the_persons_own_figure_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its problems come from its figure's file too: a figure broken (or fixed) since the
    last launch is seen at the next, not only when the routine is opened."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    own = locations.user_figures_dir()
    own.mkdir(parents=True)
    figure = locations.figures_dir() / "bodyweight-squat.yaml"
    (own / "my-squat.yaml").write_text(figure.read_text())
    folder = tmp_path / "routines"
    folder.mkdir()
    (folder / "mine.yaml").write_text(MINE.replace("hold: 30s}", "hold: 30s, figure: my-squat}"))
    cache = tmp_path / "cache.json"
    (first,) = discover([(folder, "user")], cache=cache)
    assert first.summary is not None
    (own / "my-squat.yaml").write_text("positions: 3\n")
    (broken,) = discover([(folder, "user")], cache=cache)
    assert broken.summary is None
    assert "figure `my-squat` cannot be drawn" in str(broken.problems[0])
