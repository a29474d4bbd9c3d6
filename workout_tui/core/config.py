"""The user's config file (TOML): bad values are reported and replaced by the defaults."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from workout_tui.core.breaks import DEFAULT_EVERY, DEFAULT_SNOOZE
from workout_tui.core.durations import parse_duration
from workout_tui.core.files import read_regular, write_whole
from workout_tui.core.model import Session
from workout_tui.core.week import DAYS, FULL_DAYS, WeekPlan, weekday

DEFAULT_THEME = "textual-dark"
MAX_CONFIG_BYTES = 64 * 1024  # a settings file is a few lines
BELLS = ("all", "changes", "off")  # `bell`: every cue, a change of step only, or none
EXAMPLE = """\
# workout-tui settings
mute = false            # start with sound off
voice = true            # spoken lines when espeak-ng is installed
figures = true          # the stick figure beside the notes (`i` in the player)
bell = "all"            # with no sound device: "all" cues, "changes" of step, or "off"
theme = "textual-dark"  # any Textual theme; ctrl+p > "theme" lists them
prepare = "10s"         # get-ready time for every routine (leave out to use the routine's)
rest = "20s"            # rest after each exercise for every routine

[keys]                  # remap keys by binding id, e.g.
pause = "space,k"
"""


@dataclass(frozen=True, slots=True)
class Breaks:
    """The break reminder's settings (`[breaks]`)."""

    every: int = DEFAULT_EVERY  # seconds of sitting between breaks
    snooze: int = DEFAULT_SNOOZE  # seconds a snooze puts a break off
    routine: str = "desk-break"  # the slug of the routine a break runs
    quiet: tuple[int, int] | None = None  # minutes after midnight, from and to (may wrap)


HIP_TAGS = ("hips", "glutes", "hamstrings")  # a routine with one of these is hip work
ASKS = ("daily", "off")  # `[checkin] ask`


@dataclass(frozen=True, slots=True)
class CheckInSettings:
    """The daily check-in's settings (`[checkin]`)."""

    ask: str = "daily"  # at the end of a routine and after a break, once a day; or "off"
    hip_tags: tuple[str, ...] = HIP_TAGS  # a routine tagged with one of these is hip work


@dataclass(frozen=True, slots=True)
class Config:
    """Settings from the config file; every field has a sensible default."""

    mute: bool = False
    voice: bool = True
    figures: bool = True  # the stick figure beside the notes (`i` in the player)
    bell: str = "all"  # with no sound device, which cues ring the bell (see BELLS)
    theme: str = DEFAULT_THEME
    prepare: int | None = None  # overrides every routine's defaults.prepare when set
    rest: int | None = None  # overrides every routine's defaults.rest when set
    keys: dict[str, str] = field(default_factory=dict)
    breaks: Breaks = field(default_factory=Breaks)
    plan: WeekPlan = field(default_factory=WeekPlan)
    checkin: CheckInSettings = field(default_factory=CheckInSettings)
    # Where settings are written, for messages: "breaks.routine", "keys.stop" and
    # "plan.<slug>" -> line, in the file `source`.
    lines: dict[str, int] = field(default_factory=dict, compare=False)
    source: Path | None = field(default=None, compare=False)

    def place(self, setting: str) -> str:
        """`config.toml:LINE: ` for a setting ("keys.stop"), to start a message that names
        it; "" for settings that were not read from a file."""
        if self.source is None:
            return ""
        line = self.lines.get(setting)
        return f"{self.source}:{line}: " if line else f"{self.source}: "

    def apply(self, session: Session) -> Session:
        """The session with this config's prepare and rest overrides applied."""
        defaults = session.defaults
        if self.prepare is not None:
            defaults = replace(defaults, prepare=self.prepare)
        if self.rest is not None:
            defaults = replace(defaults, rest=self.rest)
        return session if defaults is session.defaults else replace(session, defaults=defaults)


def _read_config(path: Path) -> tuple[str | None, str]:
    """The config's text, or None and why not ("" when there is no file)."""
    try:
        raw = read_regular(path, MAX_CONFIG_BYTES + 1)
        text = raw.decode("utf-8")
    except FileNotFoundError:
        return None, ""
    except (OSError, UnicodeDecodeError) as error:
        return None, f"{path}: cannot read the config ({error}); using the defaults"
    if len(raw) > MAX_CONFIG_BYTES:  # cut short, a table past the cut would be lost unsaid
        too_big = f"over {MAX_CONFIG_BYTES // 1024} KiB, too big for a config file"
        return None, f"{path}: {too_big}; using the defaults"
    return text, ""


def load_config(path: Path) -> tuple[Config, list[str]]:
    """Read the config file; a missing file is the defaults.

    Returns:
        The config, and one message per problem (each value in error keeps its default).
    """
    text, problem = _read_config(path)
    if text is None:
        return Config(), [problem] if problem else []
    import tomllib  # only when there is a file (most people have none): it is slow to import

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return Config(), [f"{path}: {error}; using the defaults"]
    except RecursionError:  # `a = [[[...]]]` a thousand deep: tomllib reads by recursion
        return Config(), [f"{path}: nested too deep to read; using the defaults"]
    problems: list[str] = []
    values: dict[str, object] = {}
    for key, value in data.items():
        try:
            values[key] = _setting(key, value)
        except ValueError as error:
            problems.append(f"{path}:{_line(text, None, key)}: {error}")
    readers: dict[str, Callable[[dict[str, object]], tuple[object, list[tuple[str, str]]]]]
    readers = {"breaks": _breaks, "plan": _week_plan, "checkin": _checkin}
    lines = _lines(text, values)
    for table, read in readers.items():
        found = values.get(table)
        if isinstance(found, dict):
            values[table], said = read(found)
            problems += [f"{path}:{_line(text, table, key)}: {error}" for key, error in said]
    return Config(**values, lines=lines, source=path), problems  # type: ignore[arg-type]


def _lines(text: str, values: dict[str, object]) -> dict[str, int]:
    """The line of each key in `[breaks]`, `[keys]` and `[plan]`, and of each planned slug
    (the line of the day it is listed under), for messages that name them."""
    lines: dict[str, int] = {}
    for table in ("breaks", "keys", "plan", "checkin"):
        found = values.get(table)
        for key, value in found.items() if isinstance(found, dict) else ():
            line = lines[f"{table}.{key}"] = _line(text, table, key)
            for slug in (_slugs(value) or ()) if table == "plan" else ():
                lines.setdefault(f"plan.{slug}", line)
    return lines


def _line(text: str, table: str | None, key: str) -> int:
    """The line `key = ...` is on in `table` (None: the top level); 1 if it is not found."""
    return _key_lines(text).get((table, key), 1)


@functools.lru_cache(maxsize=1)
def _key_lines(text: str) -> dict[tuple[str | None, str], int]:
    """The first line of each (table, key) in `text`: read once, not once a key (a config
    of thousands of keys took half a minute)."""
    found: dict[tuple[str | None, str], int] = {}
    current: str | None = None
    for number, line in enumerate(text.splitlines(), 1):
        header = re.match(r"\s*\[([^\]]*)\]", line)
        if header:
            current = header.group(1).strip().strip('"')
        elif assignment := re.match(r"\s*([\"']?)(.+?)\1\s*=", line):
            found.setdefault((current, assignment.group(2)), number)
    return found


def _breaks(table: dict[str, object]) -> tuple[Breaks, list[tuple[str, str]]]:
    """`[breaks]` as settings, and (key, what is wrong) for each value left at its default."""
    values: dict[str, object] = {}
    problems: list[tuple[str, str]] = []
    for key, value in table.items():
        try:
            values[key] = _break_setting(key, value)
        except ValueError as error:
            problems.append((key, f"[breaks] {error}"))
    return Breaks(**values), problems  # type: ignore[arg-type]


def _week_plan(table: dict[str, object]) -> tuple[WeekPlan, list[tuple[str, str]]]:
    """`[plan]` as a week, and (key, what is wrong) for each day left out."""
    daily: tuple[str, ...] = ()
    days: dict[int, tuple[str, ...]] = {}
    problems: list[tuple[str, str]] = []
    for key, value in table.items():
        day = weekday(key)
        slugs = _slugs(value)
        if key.strip().lower() != "daily" and day is None:
            said = _unknown(key, ("daily", *DAYS, *FULL_DAYS))
            problems.append((key, f"[plan] `{key}` is not a day; {said}"))
        elif slugs is None:
            problems.append((key, f'[plan] `{key}` lists routines by slug, like ["desk-break"]'))
        elif day is None:
            daily = slugs
        else:
            days[day] = (*days.get(day, ()), *slugs)
    return WeekPlan(daily, days), problems


def _checkin(table: dict[str, object]) -> tuple[CheckInSettings, list[tuple[str, str]]]:
    """`[checkin]` as settings, and (key, what is wrong) for each value left at its default."""
    values: dict[str, object] = {}
    problems: list[tuple[str, str]] = []
    for key, value in table.items():
        if key == "ask" and value in ASKS:
            values[key] = value
        elif key == "hip_tags" and (tags := _slugs(value)):
            values[key] = tags
        elif key in ("ask", "hip_tags"):
            wanted = " or ".join(map(repr, ASKS)) if key == "ask" else 'tags, like ["hips"]'
            problems.append((key, f"[checkin] `{key}` is {wanted}, not {value!r}"))
        else:
            said = _unknown(key, ("ask", "hip_tags"))
            problems.append((key, f"[checkin] unknown setting `{key}`; {said}"))
    return CheckInSettings(**values), problems  # type: ignore[arg-type]


def _slugs(value: object) -> tuple[str, ...] | None:
    """A list of slugs (or one slug) as a tuple; None when it is anything else."""
    items = [value] if isinstance(value, str) else value
    if isinstance(items, list) and all(isinstance(v, str) and v.strip() for v in items):
        return tuple(v.strip() for v in items)
    return None


def _unknown(key: str, known: tuple[str, ...]) -> str:
    """What to say of a key that is none of `known`: the closest, or them all."""
    import difflib  # only for a misspelt key: the app's start-up does without it

    close = difflib.get_close_matches(key.lower(), known, n=1)
    return f"did you mean `{close[0]}`?" if close else f"known: {', '.join(known)}"


def _break_setting(key: str, value: object) -> object:
    """One `[breaks]` value, or ValueError saying what is wrong with it."""
    if key in ("every", "snooze"):
        try:
            seconds = parse_duration(value)
        except ValueError as error:
            raise ValueError(f"`{key}`: {error}") from None
        if seconds < 1:
            raise ValueError(f"`{key}` must be longer than 0s")
        return seconds
    if key == "routine":
        if isinstance(value, str) and value.strip():
            return value.strip()
        raise ValueError(f'`routine` is a routine\'s slug, like "desk-break", not {value!r}')
    if key == "quiet":
        return _quiet_hours(value)
    raise ValueError(f"unknown setting `{key}`; {_unknown(key, _BREAK_KEYS)}")


_BREAK_KEYS = ("every", "snooze", "routine", "quiet")


def _quiet_hours(value: object) -> tuple[int, int]:
    """`"22:00-07:00"` as minutes after midnight, from and to."""
    span = re.fullmatch(r"\s*(\d\d?):(\d\d)\s*-\s*(\d\d?):(\d\d)\s*", str(value))
    hours = [int(part) for part in span.groups()] if span else [99, 0, 0, 0]
    if not isinstance(value, str) or max(hours[0], hours[2]) > 23 or max(hours[1], hours[3]) > 59:
        raise ValueError(f'`quiet` is a span of the day like "22:00-07:00", not {value!r}')
    return hours[0] * 60 + hours[1], hours[2] * 60 + hours[3]


def _setting(key: str, value: object) -> object:
    """The value of one setting, or ValueError saying what is wrong with it."""
    if key in ("mute", "voice", "figures"):
        if isinstance(value, bool):
            return value
        raise ValueError(f"`{key}` must be true or false, not {value!r}")
    if key == "bell":
        if value in BELLS:
            return value
        raise ValueError(f"`bell` is one of {', '.join(map(repr, BELLS))}, not {value!r}")
    if key == "theme":
        if isinstance(value, str) and value:
            return value
        raise ValueError(f"`theme` must be a theme name, not {value!r}")
    if key in ("prepare", "rest"):
        try:
            return parse_duration(value)
        except ValueError as error:
            raise ValueError(f"`{key}`: {error}") from None
    if key in ("breaks", "plan", "checkin"):
        if isinstance(value, dict):
            return value  # read whole by `_breaks` or `_week_plan`
        raise ValueError(f"`{key}` is a table: [{key}] on a line of its own, then its keys")
    if key == "keys":
        if isinstance(value, dict) and all(isinstance(v, str) for v in value.values()):
            return dict(value)
        raise ValueError('`[keys]` maps a binding id to keys, like pause = "space"')
    raise ValueError(f"unknown setting `{key}` (known: {', '.join(_KNOWN)})")


_KNOWN = (
    "mute",
    "voice",
    "figures",
    "bell",
    "theme",
    "prepare",
    "rest",
    "keys",
    "breaks",
    "plan",
    "checkin",
)


def save_setting(path: Path, key: str, value: str | bool) -> str | None:
    """Set a top-level setting (`theme`, `figures`) in the config file, keeping the rest of
    it as written; None when saved, else what went wrong."""
    import json

    try:
        text = read_regular(path, MAX_CONFIG_BYTES).decode("utf-8")
    except FileNotFoundError:
        text = ""
    except (OSError, UnicodeDecodeError) as error:
        return f"cannot read {path} ({error})"
    line = f"{key} = {json.dumps(value)}"  # a TOML string or boolean, as JSON writes them
    # Top-level keys come before any [table]; only there is `key` the setting.
    top, *tables = re.split(r"(?m)^(?=[ \t]*\[)", text, maxsplit=1)
    # The old value (a string may hold a `#`), then the comment after it, which is kept.
    value_text = r"""(?:"(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[^#\n]*?)"""
    setting = re.compile(rf"(?m)^[ \t]*{re.escape(key)}[ \t]*=[ \t]*{value_text}([ \t]*#.*)?$")
    if setting.search(top):
        text = setting.sub(lambda m: line + (m[1] or ""), top, count=1) + "".join(tables)
    else:
        text = f"{line}\n{text}"
    try:
        write_whole(path, text)
    except OSError as error:
        return f"cannot save `{key}` to {path} ({error.strerror or error})"
    return None
