"""Load a session file into a checked `Session` and its `Plan`.

Every problem is reported as `path:line:col: message`, all of them in one pass.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

import yaml
from yaml.constructor import ConstructorError, SafeConstructor

from workout_tui.core.durations import parse_duration
from workout_tui.core.model import SIDES, Block, Defaults, Exercise, Mode, Session, parse_load
from workout_tui.core.plan import Plan, PlanError, compile_plan
from workout_tui.core.problems import Problem, SessionFileError
from workout_tui.core.yaml_source import SourceError, parse, read_text

SESSION_KEYS = ("name", "description", "tags", "equipment", "defaults", "exercises")
DEFAULT_KEYS = ("prepare", "rest", "switch_sides", "countdown", "halfway", "voice")
EXERCISE_KEYS = (
    "name",
    "hold",
    "time",
    "reps",
    "sets",
    "sides",
    "load",
    "notes",
    "rest",
    "rest_between_sets",
    "progress",
    "up_to",
    "figure",
    "tempo",
    "image",
)
BLOCK_KEYS = ("block", "rounds", "rest_between_rounds", "exercises")
# What people write for a key, by what it is called here (spelling slips are found apart).
KNOWN_AS = {
    "weight": "load",
    "kg": "load",
    "repetitions": "reps",
    "rep": "reps",
    "duration": "time",
    "seconds": "hold",
    "note": "notes",
    "cues": "notes",
    "side": "sides",
    "set": "sets",
    "round": "rounds",
    "circuit": "block",
    "title": "name",
    "exercise": "name",
}
MAX_ITEMS = 500  # exercises in one file, blocks' exercises included
MAX_SETS = 100
MAX_REPS = 1000
MAX_COUNTDOWN = 10
MAX_PATH = 4096  # Linux's own bound on a path

_MERGE = "tag:yaml.org,2002:merge"
_MISSING = object()
T = TypeVar("T")
Fields = dict[str, tuple[yaml.Node, yaml.Node]]


def load_plan(path: Path, display: str | None = None, pictures: bool = False) -> Plan:
    """Read and check the session in `path` and compile its plan.

    Args:
        path: the YAML file.
        display: how to name the file in problems (defaults to the path as given).
        pictures: check each `image:` as a picture (slower: it reads the files).
    Returns:
        The plan, within the bounds on steps and time; its session is `plan.session`.
    Raises:
        SessionFileError: with every problem found, each located.
    """
    name = display or str(path)
    try:
        text = read_text(path)
    except SourceError as error:
        raise SessionFileError([Problem(name, error.line, error.column, error.message)]) from None
    return load_plan_text(text, name, path.parent if pictures else None)


def load_plan_text(text: str, display: str = "<text>", pictures: Path | None = None) -> Plan:
    """Check a session given as YAML text and compile its plan; `display` names it. With
    `pictures`, the folder its `image:` files are in, each is checked as a picture."""
    try:
        root = parse(text)
    except SourceError as error:
        raise SessionFileError(
            [Problem(display, error.line, error.column, error.message)]
        ) from None
    reader = _Reader(display, pictures)
    session = reader.session(root)
    if reader.problems or session is None:
        raise SessionFileError(sorted(reader.problems, key=lambda p: (p.line, p.column)))
    try:
        return compile_plan(session)
    except PlanError as error:
        assert root is not None  # a session was built, so there was a document
        raise SessionFileError([reader.problem_at(root, str(error))]) from None


class _Reader:
    """Walks the node tree once, building the model and collecting problems."""

    def __init__(self, display: str, pictures: Path | None = None) -> None:
        self.display = display
        self.pictures = pictures  # where `image:` files are, when they are to be checked
        self.pictures_said: dict[str, str] = {}  # each checked: what is wrong ("" nothing)
        self.problems: list[Problem] = []
        self.items_seen = 0
        self._constructor = SafeConstructor()

    def problem_at(self, node: yaml.Node, message: str) -> Problem:
        return Problem(self.display, node.start_mark.line + 1, node.start_mark.column + 1, message)

    def report(self, node: yaml.Node, message: str) -> None:
        self.problems.append(self.problem_at(node, message))

    # -- the shapes of the format ---------------------------------------------------------

    def session(self, root: yaml.Node | None) -> Session | None:
        if root is None:
            self.problems.append(
                Problem(self.display, 1, 1, "file is empty; a session needs `name` and `exercises`")
            )
            return None
        fields = self.mapping(root, "a session", SESSION_KEYS)
        if fields is None:
            return None
        name = self.required(root, fields, "name", "the session", self.text)
        items_node = fields.get("exercises", (None, None))[1]
        items: list[Exercise | Block] = []
        if items_node is None:
            self.report(root, "the session needs `exercises`: a list of exercises and blocks")
        else:
            items = self.items(items_node, inside_block=False)
        defaults = Defaults()
        if "defaults" in fields:
            defaults = self.defaults(fields["defaults"][1]) or defaults
        session = Session(
            name=name or "",
            items=tuple(items),
            description=self.optional(fields, "description", self.text, ""),
            tags=self.optional(fields, "tags", self.text_list, tuple[str, ...]()),
            equipment=self.optional(fields, "equipment", self.text_list, tuple[str, ...]()),
            defaults=defaults,
        )
        return session if name and items else None

    def defaults(self, node: yaml.Node) -> Defaults | None:
        fields = self.mapping(node, "`defaults`", DEFAULT_KEYS)
        if fields is None:
            return None
        base = Defaults()
        return Defaults(
            prepare=self.optional(fields, "prepare", self.duration, base.prepare),
            rest=self.optional(fields, "rest", self.duration, base.rest),
            switch_sides=self.optional(fields, "switch_sides", self.duration, base.switch_sides),
            countdown=self.optional(fields, "countdown", self.countdown, base.countdown),
            halfway=self.optional(fields, "halfway", self.flag, base.halfway),
            voice=self.optional(fields, "voice", self.flag, base.voice),
        )

    def items(self, node: yaml.Node, inside_block: bool) -> list[Exercise | Block]:
        where = "a block's `exercises`" if inside_block else "`exercises`"
        if not isinstance(node, yaml.SequenceNode):
            self.report(node, f"{where} must be a list of exercises")
            return []
        if not node.value:
            self.report(node, f"{where} is empty; add at least one exercise")
            return []
        items: list[Exercise | Block] = []
        for child in node.value:
            self.items_seen += 1
            if self.items_seen > MAX_ITEMS:
                self.report(child, f"more than {MAX_ITEMS} exercises in one file")
                break
            fields = self.mapping(child, "an exercise", None)
            if fields is None:
                continue
            if "block" in fields:
                if inside_block:
                    self.report(fields["block"][0], "blocks cannot be nested inside blocks")
                    continue
                item: Exercise | Block | None = self.block(child, fields)
            else:
                item = self.exercise(child, fields)
            if item is not None:
                items.append(item)
        return items

    def block(self, node: yaml.Node, fields: Fields) -> Block | None:
        self.unknown_keys(fields, BLOCK_KEYS, "a block")
        name = self.text(fields["block"][1])
        exercises_node = fields.get("exercises", (None, None))[1]
        if exercises_node is None:
            self.report(node, f"block {name!r} needs `exercises`")
            return None
        exercises = [
            e for e in self.items(exercises_node, inside_block=True) if isinstance(e, Exercise)
        ]
        rounds = self.optional(fields, "rounds", self.counter("rounds", MAX_SETS), 1)
        rest = self.optional(fields, "rest_between_rounds", self.duration, None)
        if name is None or not exercises:
            return None
        return Block(name, tuple(exercises), rounds=rounds, rest_between_rounds=rest)

    def exercise(self, node: yaml.Node, fields: Fields) -> Exercise | None:
        self.unknown_keys(fields, EXERCISE_KEYS, "an exercise")
        name = self.required(node, fields, "name", "an exercise", self.text)
        label = f"exercise {name!r}" if name else "this exercise"
        mode, amount, top = self.measure(node, fields, label)
        sets = self.optional(fields, "sets", self.counter("sets", MAX_SETS), 1)
        sides: tuple[str, ...] = self.optional(fields, "sides", self.sides, ())
        load = self.optional(fields, "load", self.load, None)
        notes = self.optional(fields, "notes", self.text, "")
        rest = self.optional(fields, "rest", self.duration, None)
        between = self.optional(fields, "rest_between_sets", self.duration, None)
        figure = self.optional(fields, "figure", self.figure, None)
        tempo = self.optional(fields, "tempo", self.tempo, None)
        image = self.optional(fields, "image", self.image, None)
        if name is None or mode is None or amount is None:
            return None
        exercise = Exercise(name, mode, amount, sets, sides, load, notes, rest, between, top)
        exercise = replace(exercise, figure=figure, tempo=tempo, image=image)
        return self.progression(exercise, fields, label)

    def measure(
        self, node: yaml.Node, fields: Fields, label: str
    ) -> tuple[Mode | None, int | None, int | None]:
        """Exactly one of `hold`, `time` or `reps`: its mode, amount and top of a rep range
        (None for the mode when there is not exactly one)."""
        measures = [key for key in ("hold", "time", "reps") if key in fields]
        if not measures:
            self.report(node, f"{label} needs one of `hold`, `time` or `reps`")
        for extra in measures[1:]:
            self.report(
                fields[extra][0],
                f"{label} has both `{measures[0]}` and `{extra}`; give exactly one",
            )
        if len(measures) != 1:
            return None, None, None
        mode = Mode(measures[0])
        if mode is Mode.REPS:
            return (mode, *self.reps(fields["reps"][1]))
        return mode, self.positive_duration(fields[mode.value][1]), None

    def figure(self, node: yaml.Node) -> str | None:
        """`figure: goblet-squat`: a bundled figure or one of the person's own, that loads."""
        from workout_tui.core.figures import FigureError, figure_names, find_figure

        name = self.text(node)
        if name is None:
            return None
        names = figure_names()
        if name not in names:
            close = difflib.get_close_matches(name, sorted(names), n=1, cutoff=0.6)
            hint = f"did you mean `{close[0]}`?" if close else f"known: {', '.join(sorted(names))}"
            shown = name if len(name) <= 60 else name[:59] + "…"  # a name, not a page
            self.report(node, f"no figure called `{shown}`; {hint}")
            return None
        try:
            find_figure(name)
        except FigureError as error:
            self.report(node, f"figure `{name}` cannot be drawn: {error}")
            return None
        return name

    def tempo(self, node: yaml.Node) -> tuple[float, float, float] | None:
        from workout_tui.core.figures import parse_tempo

        try:
            return parse_tempo(self.scalar(node))
        except ValueError as error:
            self.report(node, str(error))
            return None

    def image(self, node: yaml.Node) -> str | None:
        """`image: squat.png`: a picture beside the routine, checked as one only when
        `pictures` (for `validate`): a run shows the notes without one it cannot draw."""
        written = self.text(node)
        if written is not None and len(written) > MAX_PATH:
            self.report(node, f"an image's path has at most {MAX_PATH} characters")
            return None
        if written is None or self.pictures is None:
            return written
        if written not in self.pictures_said:  # one picture on many exercises: read once
            from workout_tui.core.pictures import PictureError, check, picture_path

            try:
                check(picture_path(self.pictures, written))
                self.pictures_said[written] = ""
            except PictureError as error:
                self.pictures_said[written] = str(error)
        if said := self.pictures_said[written]:
            self.report(node, said)
            return None
        return written

    def reps(self, node: yaml.Node) -> tuple[int | None, int | None]:
        """`reps: 10`, or a range `reps: 8-12` (bottom and top)."""
        value = self.scalar(node)
        if isinstance(value, str) and (match := re.fullmatch(r"\s*(\d+)\s*-\s*(\d+)\s*", value)):
            bottom, top = int(match[1]), int(match[2])
            if 1 <= bottom < top <= MAX_REPS:
                return bottom, top
            self.report(node, f"a rep range goes from low to high, 1 to {MAX_REPS}, like 8-12")
            return None, None
        if isinstance(value, str):
            self.report(node, f"{value!r} is not reps: write a whole number or a range like 8-12")
            return None, None
        return self.counter("reps", MAX_REPS)(node), None

    def progression(self, exercise: Exercise, fields: Fields, label: str) -> Exercise | None:
        """The exercise with its `progress` (and `up_to`), checked against how it is measured."""
        if "progress" not in fields:
            if "up_to" in fields:
                self.report(fields["up_to"][0], f"{label}: `up_to` goes with a timed `progress`")
            return exercise
        node = fields["progress"][1]
        if exercise.is_timed:
            return self.timed_progression(exercise, node, fields, label)
        step, load = parse_load(str(self.scalar(node))), parse_load(exercise.load)
        if exercise.top is None:
            self.report(node, f"{label}: `progress` needs a rep range to climb, like `reps: 8-12`")
        elif load is None:
            self.report(node, f"{label}: `progress` adds to a load like `load: 12 kg`; set one")
        elif step is None or step.amount <= 0:
            self.report(node, f"{label} counts reps: `progress` is a load to add, like 2 kg")
        elif step.unit and load.unit and step.unit != load.unit:
            self.report(node, f"{label}: `progress: {step}` is not in the load's unit ({load})")
        else:
            return replace(exercise, progress=step.amount)
        return None

    def timed_progression(
        self, exercise: Exercise, node: yaml.Node, fields: Fields, label: str
    ) -> Exercise | None:
        as_load = parse_load(str(self.scalar(node)))
        if as_load is not None and as_load.unit:
            self.report(node, f"{label} is timed: `progress` adds time, like 5s, not {as_load}")
            return None
        step = self.duration(node)
        up_to = self.optional(fields, "up_to", self.duration, None)
        if step == 0:
            self.report(node, "`progress` must add at least 1 second")
        if up_to is not None and up_to < exercise.amount:
            self.report(fields["up_to"][1], f"`up_to` is below the {exercise.amount}s it starts at")
            return None
        return replace(exercise, progress=step, up_to=up_to) if step else None

    # -- values -----------------------------------------------------------------------------

    def mapping(self, node: yaml.Node, what: str, allowed: Sequence[str] | None) -> Fields | None:
        """The keys of a mapping node (merge keys applied), or None after reporting why not."""
        if not isinstance(node, yaml.MappingNode):
            self.report(node, f"{what} must be a mapping of `key: value` lines")
            return None
        fields: Fields = {}
        for key, value in self._pairs(node):
            if not isinstance(key, yaml.ScalarNode) or key.tag != "tag:yaml.org,2002:str":
                self.report(key, "keys must be plain words")
                continue
            if key.value in fields and fields[key.value][0] is not key:
                first = fields[key.value][0].start_mark.line + 1
                self.report(key, f"`{key.value}` is given twice (first on line {first})")
                continue
            fields[key.value] = (key, value)
        if allowed is not None:
            self.unknown_keys(fields, allowed, what)
        return fields

    def _pairs(self, node: yaml.MappingNode) -> list[tuple[yaml.Node, yaml.Node]]:
        pairs: list[tuple[yaml.Node, yaml.Node]] = []
        merged: list[tuple[yaml.Node, yaml.Node]] = []
        for key, value in node.value:
            if key.tag != _MERGE:
                pairs.append((key, value))
                continue
            sources = value.value if isinstance(value, yaml.SequenceNode) else [value]
            for source in sources:
                if isinstance(source, yaml.MappingNode):
                    merged.extend(self._pairs(source))
                else:
                    self.report(source, "`<<` merges mappings only")
        own = {k.value for k, _ in pairs if isinstance(k, yaml.ScalarNode)}
        return pairs + [(k, v) for k, v in merged if k.value not in own]

    def unknown_keys(self, fields: Fields, allowed: Sequence[str], what: str) -> None:
        for key, (key_node, _) in fields.items():
            if key in allowed:
                continue
            close = [KNOWN_AS[key.lower()]] if KNOWN_AS.get(key.lower()) in allowed else []
            close = close or difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            hint = f"; did you mean `{close[0]}`?" if close else f" (known: {', '.join(allowed)})"
            self.report(key_node, f"unknown key `{key}` in {what}{hint}")

    def required(
        self,
        node: yaml.Node,
        fields: Fields,
        key: str,
        what: str,
        read: Callable[[yaml.Node], T | None],
    ) -> T | None:
        if key not in fields:
            self.report(node, f"{what} needs a `{key}`")
            return None
        return read(fields[key][1])

    def optional(
        self, fields: Fields, key: str, read: Callable[[yaml.Node], T | None], default: T
    ) -> T:
        if key not in fields:
            return default
        value = read(fields[key][1])
        return default if value is None else value

    def scalar(self, node: yaml.Node) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            return _MISSING
        try:
            return self._constructor.construct_object(node)
        except (ConstructorError, ValueError):
            return node.value

    def text(self, node: yaml.Node) -> str | None:
        value = self.scalar(node)
        if isinstance(value, str) and value.strip():
            return value.strip()
        self.report(node, "expected some text here")
        return None

    def load(self, node: yaml.Node) -> str | None:
        value = self.scalar(node)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)
        return self.text(node)

    def text_list(self, node: yaml.Node) -> tuple[str, ...] | None:
        if not isinstance(node, yaml.SequenceNode):
            self.report(node, "expected a list, like [kettlebell, mat]")
            return None
        values = [self.text(child) for child in node.value]
        return tuple(v for v in values if v is not None)

    def flag(self, node: yaml.Node) -> bool | None:
        value = self.scalar(node)
        if isinstance(value, bool):
            return value
        self.report(node, "expected true or false")
        return None

    def duration(self, node: yaml.Node) -> int | None:
        value = self.scalar(node)
        try:
            return parse_duration(node.value if value is _MISSING else value)
        except ValueError as error:
            self.report(node, str(error))
            return None

    def positive_duration(self, node: yaml.Node) -> int | None:
        seconds = self.duration(node)
        if seconds == 0:
            self.report(node, "a hold or timed set must last at least 1 second")
            return None
        return seconds

    def counter(self, what: str, largest: int) -> Callable[[yaml.Node], int | None]:
        def read(node: yaml.Node) -> int | None:
            value = self.scalar(node)
            if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= largest:
                return value
            got = "" if value is _MISSING else f", not {value!r}"
            self.report(node, f"`{what}` must be a whole number from 1 to {largest}{got}")
            return None

        return read

    def countdown(self, node: yaml.Node) -> int | None:
        value = self.scalar(node)
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_COUNTDOWN:
            return value
        self.report(node, f"`countdown` must be a whole number of beeps from 0 to {MAX_COUNTDOWN}")
        return None

    def sides(self, node: yaml.Node) -> tuple[str, ...] | None:
        values = self.text_list(node)
        if values is None:
            return None
        values = tuple(value.lower() for value in values)  # as `40S` is read like `40s`
        if not values or len(set(values)) != len(values) or not set(values) <= set(SIDES):
            self.report(node, "`sides` must list left and/or right once each, like [left, right]")
            return None
        return values
