"""The config file: good values are used, bad ones are reported and fall back to defaults."""

from __future__ import annotations

import os
import time
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import REPO
from workout_tui.core.config import EXAMPLE, Breaks, Config, load_config, save_setting
from workout_tui.core.loader import load_plan_text


def test_a_missing_config_file_means_the_defaults(tmp_path: Path) -> None:
    assert load_config(tmp_path / "config.toml") == (Config(), [])


def test_the_documented_example_loads_cleanly(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(EXAMPLE)
    config, problems = load_config(path)
    assert problems == []
    assert config == Config(rest=20, prepare=10, keys={"pause": "space,k"})


def test_bad_values_are_reported_and_replaced_by_defaults(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        'mute = "yes"\nrest = "soon"\ntheme = 3\ncolour = "red"\nvoice = false\nbell = "loud"\n'
    )
    config, problems = load_config(path)
    assert config == Config(voice=False)
    assert problems == [
        f"{path}:1: `mute` must be true or false, not 'yes'",
        f"{path}:2: `rest`: 'soon' is not a duration; write it like 45s, 1m30s, 2m or 1:30",
        f"{path}:3: `theme` must be a theme name, not 3",
        f"{path}:4: unknown setting `colour` (known: mute, voice, figures, bell, theme, prepare,"
        " rest, keys, breaks, plan, checkin)",
        f"{path}:6: `bell` is one of 'all', 'changes', 'off', not 'loud'",
    ]


def test_broken_toml_is_reported_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("mute = true\nrest = \n")
    config, (problem,) = load_config(path)
    assert config == Config()
    assert (
        problem.startswith(f"{path}: ") and "line 2" in problem and "using the defaults" in problem
    )


def test_prepare_and_rest_overrides_apply_to_every_routine() -> None:
    session = load_plan_text(
        "name: x\ndefaults: {prepare: 5s, rest: 10s}\nexercises: [{name: a, hold: 5}]\n"
    ).session
    changed = Config(prepare=20, rest=45).apply(session)
    assert (changed.defaults.prepare, changed.defaults.rest) == (20, 45)
    assert Config().apply(session) is session


def test_saving_the_theme_keeps_the_rest_of_the_file_and_refuses_what_it_cannot_write(
    tmp_path: Path,
) -> None:
    path = tmp_path / "config.toml"
    path.write_text('theme = "nord"  # mine\nmute = true\n\n  [keys]\ntheme = "x"\n')
    assert save_setting(path, "theme", "gruvbox") is None
    assert path.read_text() == 'theme = "gruvbox"  # mine\nmute = true\n\n  [keys]\ntheme = "x"\n'
    path.write_text('mute = true\n\n[keys]\ntheme = "x"\n')  # no theme at the top: added
    assert save_setting(path, "theme", "nord") is None
    assert path.read_text() == 'theme = "nord"\nmute = true\n\n[keys]\ntheme = "x"\n'
    assert (
        save_setting(tmp_path / "new" / "config.toml", "theme", "nord") is None
    )  # made when missing
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the config's folder should be")
    problem = save_setting(blocked / "config.toml", "theme", "nord")
    assert problem is not None and "cannot" in problem
    fifo = tmp_path / "fifo.toml"
    os.mkfifo(fifo)  # read, it would hang; replaced, a named pipe someone made would be lost
    problem = save_setting(fifo, "theme", "nord")
    assert problem is not None and "not a regular file" in problem and fifo.is_fifo()


def test_the_figure_shown_or_hidden_is_kept_as_a_boolean_and_read_back(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('theme = "nord"\n[keys]\nfigures = "x"\n')
    assert save_setting(path, "figures", False) is None
    assert path.read_text() == 'figures = false\ntheme = "nord"\n[keys]\nfigures = "x"\n'
    assert save_setting(path, "figures", True) is None
    assert path.read_text().startswith("figures = true\n")
    path.write_text("figures = false\n")
    assert load_config(path)[0].figures is False


def test_a_setting_saved_keeps_the_comment_after_it(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('theme = "a#b"  # mine\nfigures = true   # no stick man\nvoice=false\n')
    for key, value in (("figures", False), ("theme", "nord"), ("voice", True)):
        assert save_setting(path, key, value) is None
    assert path.read_text() == (
        'theme = "nord"  # mine\nfigures = false   # no stick man\nvoice = true\n'
    )
    assert load_config(path)[0].figures is False


def test_the_break_settings_are_read_and_each_problem_located(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        'mute = true\n[keys]\nevery = "x"\n[breaks]\nevery = "30 min"\nroutine = "desk-break"\n'
        'snooze = "soon"\nquiet = "22:00-07:00"\nevry = "1m"\n'
    )
    config, problems = load_config(path)
    assert config.breaks == Breaks(every=1800, routine="desk-break", quiet=(1320, 420))
    assert problems == [
        f"{path}:7: [breaks] `snooze`: 'soon' is not a duration; write it like 45s, 1m30s,"
        " 2m or 1:30",
        f"{path}:9: [breaks] unknown setting `evry`; did you mean `every`?",
    ]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ('[breaks]\nquiet = "25:00-07:00"', '`quiet` is a span of the day like "22:00-07:00"'),
        ("[breaks]\nevery = 0", "`every` must be longer than 0s"),
        ("[breaks]\nroutine = 3", "`routine` is a routine's slug"),
        ('breaks = "often"', "`breaks` is a table"),
    ],
)
def test_a_bad_break_setting_keeps_its_default(tmp_path: Path, text: str, said: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text + "\n")
    config, (problem,) = load_config(path)
    assert config.breaks == Breaks() and said in problem and problem.startswith(f"{path}:")


def test_the_weekly_plan_is_read_by_day_and_a_misspelt_day_located(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        '[plan]\ndaily = ["hip-flexor-stretch"]\nmon = ["glute-hamstring-strength"]\n'
        'Wednesday = "glute-hamstring-strength"\ntuesdy = ["desk-break"]\nfri = [3]\n'
    )
    config, problems = load_config(path)
    plan = config.plan
    assert plan.on(date(2026, 11, 30)) == ("hip-flexor-stretch", "glute-hamstring-strength")
    assert plan.on(date(2026, 12, 2)) == ("hip-flexor-stretch", "glute-hamstring-strength")
    assert plan.on(date(2026, 12, 1)) == ("hip-flexor-stretch",)  # tuesday: misspelt, left out
    assert problems == [
        f"{path}:5: [plan] `tuesdy` is not a day; did you mean `tuesday`?",
        f'{path}:6: [plan] `fri` lists routines by slug, like ["desk-break"]',
    ]


def test_where_the_break_routine_and_each_planned_slug_are_written_is_kept(
    tmp_path: Path,
) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        'mute = false\n[breaks]\nroutine = "desk-brake"\n[plan]\ndaily = ["a", "b"]\nmon = "c"\n'
    )
    config, problems = load_config(path)
    assert problems == []
    assert config.lines == {
        "breaks.routine": 3,
        "plan.daily": 5,
        "plan.a": 5,
        "plan.b": 5,
        "plan.mon": 6,
        "plan.c": 6,
    }


def test_the_readme_settings_example_loads_cleanly(tmp_path: Path) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    example = readme.split("## Settings", 1)[1].split("```toml\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "config.toml"
    path.write_text(example)
    config, problems = load_config(path)
    assert problems == []
    assert config.breaks == Breaks(every=45 * 60, snooze=300, quiet=(19 * 60, 8 * 60))
    assert config.plan.daily == ("hip-flexor-stretch",)


def test_a_config_too_big_to_be_one_is_said_whole_not_cut(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    padding = "".join(f"# {n:06} a comment line to make the file long\n" for n in range(1700))
    path.write_text(f'theme = "nord"\n{padding}[plan]\ndaily = ["desk-break"]\n')
    assert path.stat().st_size > 64 * 1024
    config, problems = load_config(path)
    assert config == Config()  # nothing half-read: not the theme without the plan
    assert problems == [f"{path}: over 64 KiB, too big for a config file; using the defaults"]


def test_a_config_of_thousands_of_keys_is_read_in_one_pass(tmp_path: Path) -> None:
    """Each key's line is found for its message: once a key, over the whole file, that was
    half a minute for 3,000 of them."""
    path = tmp_path / "config.toml"
    lines = [f"u{i} = 1" for i in range(3000)] + ["[plan]"]  # under the 64 KiB a config has
    lines += [f"d{i} = ['x']" for i in range(2000)]
    path.write_text("\n".join(lines) + "\n")
    started = time.process_time()
    _, problems = load_config(path)
    assert time.process_time() - started < 2.0  # 0.1 s here; each key alone took 30 s
    assert len(problems) == 5000
    assert problems[2999].startswith(f"{path}:3000: ") and problems[3000].startswith(
        f"{path}:3002:"
    )
