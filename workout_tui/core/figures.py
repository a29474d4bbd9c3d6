"""Stick figures of the exercises' positions, as data, and drawn as Unicode braille.

A figure file (YAML, in `workout_tui/figures/`) names its joints in each position on a
100 x 100 box, x to the right and y up from the floor, facing right; props (the floor, a
wall, a couch, a kettlebell) are lines and circles in the same box. Joints ending in `2`
are the limbs on the far side. A hold has one position; a rep moves from `start` to `end`
and back, in the time its `tempo` gives (seconds down, at the bottom, up).
"""

from __future__ import annotations

import difflib
import functools
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from yaml.constructor import ConstructorError, SafeConstructor

from workout_tui.core.locations import figures_dir, user_figures_dir
from workout_tui.core.model import Exercise
from workout_tui.core.yaml_source import SourceError, parse, read_text

JOINTS = ("head", "neck", "hip", "knee", "foot", "knee2", "foot2")
ARMS = ("elbow", "hand", "elbow2", "hand2")
BONES = (
    ("neck", "hip"),
    ("hip", "knee"),
    ("knee", "foot"),
    ("hip", "knee2"),
    ("knee2", "foot2"),
    ("neck", "elbow"),
    ("elbow", "hand"),
    ("neck", "elbow2"),
    ("elbow2", "hand2"),
)
HEAD_RADIUS = 6.0
DEFAULT_TEMPO = (2.0, 0.0, 2.0)
MAX_TEMPO_SECONDS = 10.0  # one part of a rep; a longer one is a typo (or a hold)
Point = tuple[float, float]
Segment = tuple[Point, Point]
Box = tuple[float, float, float, float]  # left, bottom, right, top
WHOLE_BOX: Box = (0.0, 0.0, 100.0, 100.0)
MARGIN = 4.0  # around the person and what they hold, in the box's units


class FigureError(Exception):
    """A figure file that cannot be used: where, and why."""


@dataclass(frozen=True)
class Pose:
    """One position: where each joint is, and the props drawn with it."""

    joints: dict[str, Point]
    lines: tuple[Segment, ...] = ()
    circles: tuple[tuple[Point, float], ...] = ()


@dataclass(frozen=True)
class Figure:
    name: str
    positions: dict[str, Pose]
    tempo: tuple[float, float, float] = DEFAULT_TEMPO

    @property
    def moves(self) -> bool:
        return "end" in self.positions

    @functools.cached_property
    def box(self) -> Box:
        """What any of its positions takes up, from the floor to over the head: drawn to
        fill the room (a standing person is tall and thin, a bridge low and long)."""
        xs, ys = [], [0.0]
        for pose in self.positions.values():
            head = pose.joints["head"]
            xs += [head[0] - HEAD_RADIUS, head[0] + HEAD_RADIUS]
            ys.append(head[1] + HEAD_RADIUS)
            xs += [x for x, _ in pose.joints.values()]
            ys += [y for _, y in pose.joints.values()]
            for (x, y), r in pose.circles:
                xs += [x - r, x + r]
                ys.append(y + r)
        return (
            max(0.0, min(xs) - MARGIN),
            min(ys),
            min(100.0, max(xs) + MARGIN),
            min(100.0, max(ys) + MARGIN),
        )

    def pose_at(self, seconds: float) -> Pose:
        """Where the figure is `seconds` into a rep: eased from `start` to `end`, held, and
        back; a hold stands still."""
        start = self.positions["start"]
        if not self.moves:
            return start
        down, bottom, up = self.tempo
        t = seconds % max(0.001, down + bottom + up)
        if t < down:
            share = t / down
        elif t < down + bottom:
            share = 1.0
        else:
            share = 1.0 - (t - down - bottom) / up if up else 0.0
        return between(start, self.positions["end"], (1 - math.cos(math.pi * share)) / 2)


def between(a: Pose, b: Pose, share: float) -> Pose:
    """The pose `share` of the way from `a` to `b` (props as in `a`, moved with the hands)."""

    def mix(p: Point, q: Point) -> Point:
        return (p[0] + (q[0] - p[0]) * share, p[1] + (q[1] - p[1]) * share)

    joints = {name: mix(a.joints[name], b.joints[name]) for name in a.joints}
    lines = tuple((mix(p, q), mix(r, s)) for (p, r), (q, s) in zip(a.lines, b.lines, strict=True))
    circles = tuple(
        (mix(p, q), r + (s - r) * share)
        for (p, r), (q, s) in zip(a.circles, b.circles, strict=True)
    )
    return Pose(joints, lines, circles)


def mirrored_box(box: Box) -> Box:
    """The box of a mirrored pose."""
    left, bottom, right, top = box
    return (100 - right, bottom, 100 - left, top)


def mirrored(pose: Pose) -> Pose:
    """The pose facing the other way (the left side of a sided exercise)."""

    def flip(p: Point) -> Point:
        return (100 - p[0], p[1])

    return Pose(
        {name: flip(p) for name, p in pose.joints.items()},
        tuple((flip(p), flip(q)) for p, q in pose.lines),
        tuple((flip(p), r) for p, r in pose.circles),
    )


def segments(pose: Pose) -> list[Segment]:
    """The lines that draw a pose: its body, then its props."""
    return body(pose) + props(pose)


def body(pose: Pose) -> list[Segment]:
    """The person: bones, and a ring for the head."""
    joints = pose.joints
    drawn = [(joints[a], joints[b]) for a, b in BONES if a in joints and b in joints]
    return drawn + _ring(joints["head"], HEAD_RADIUS)


def props(pose: Pose) -> list[Segment]:
    """What the person uses: the floor, a wall, a couch, a kettlebell."""
    drawn = list(pose.lines)
    for centre, r in pose.circles:
        drawn += _ring(centre, r)
    return drawn


def _ring(centre: Point, r: float) -> list[Segment]:
    x, y = centre
    points = [
        (x + r * math.cos(i * math.pi / 6), y + r * math.sin(i * math.pi / 6)) for i in range(13)
    ]
    return list(zip(points, points[1:], strict=False))


def braille(lines: list[Segment], width: int, height: int, box: Box = WHOLE_BOX) -> list[str]:
    """`lines` in `box` (of the 100 x 100 one) drawn in `width` x `height` cells of braille
    dots (2 x 4 a cell), scaled to fit, kept square on the cells' 1:2 shape, centred across
    and standing on the bottom; what lies out of the box is left out."""
    rows = dots(lines, width, height, box)
    return ["".join(chr(0x2800 + bits) for bits in row) for row in rows]


def dots(lines: list[Segment], width: int, height: int, box: Box = WHOLE_BOX) -> list[list[int]]:
    """The braille dots of `braille`, as each cell's bits (0 for an empty cell)."""
    dots_w, dots_h = width * 2, height * 4
    x0, y0, x1, y1 = box
    scale = min(dots_w / max(1.0, x1 - x0), dots_h / max(1.0, y1 - y0)) * 0.98
    left = (dots_w - (x1 - x0) * scale) / 2 - x0 * scale
    bottom = -y0 * scale
    cells = [[0] * width for _ in range(height)]
    for (x1, y1), (x2, y2) in lines:
        steps = max(1, int(max(abs(x2 - x1), abs(y2 - y1)) * scale * 2))
        for i in range(steps + 1):
            x = left + (x1 + (x2 - x1) * i / steps) * scale
            y = dots_h - 1 - (bottom + (y1 + (y2 - y1) * i / steps) * scale)
            dx, dy = int(x), int(round(y))
            if 0 <= dx < dots_w and 0 <= dy < dots_h:
                cells[dy // 4][dx // 2] |= DOT_BITS[dy % 4][dx % 2]
    return cells


DOT_BITS = ((0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80))


def load_figure(path: Path) -> Figure:
    """A figure file, checked: every joint in every position, each inside the box."""
    try:
        node = parse(read_text(path, "figure"))
        data: Any = SafeConstructor().construct_document(node) if node else None
    except SourceError as error:
        raise FigureError(f"{path.name}:{error.line}:{error.column}: {error.message}") from None
    except (ConstructorError, OSError) as error:
        raise FigureError(f"{path.name}: {error}") from None
    if not isinstance(data, dict) or not isinstance(data.get("positions"), dict):
        raise FigureError(f"{path.name}: expected `positions:` with `start` (and `end`)")
    positions = {name: _pose(path.name, name, pose) for name, pose in data["positions"].items()}
    if "start" not in positions or not set(positions) <= {"start", "end"}:
        raise FigureError(f"{path.name}: positions are `start`, and `end` for a rep")
    shapes = {(len(pose.lines), len(pose.circles)) for pose in positions.values()}
    if len(shapes) > 1:
        raise FigureError(f"{path.name}: `start` and `end` must have the same props")
    try:
        tempo = parse_tempo(data.get("tempo", "2-0-2"))
    except ValueError as error:
        raise FigureError(f"{path.name}: {error}") from None
    return Figure(path.stem, positions, tempo)


def parse_tempo(value: object) -> tuple[float, float, float]:
    """`2-0-2`: a rep's seconds down, held at the bottom, and up; ValueError if not that."""
    try:
        down, bottom, up = (float(part) for part in str(value).split("-"))
    except ValueError:
        down = bottom = up = -1.0
    parts = (down, bottom, up)
    # Written so that `nan` (which float() reads, and no comparison holds for) is refused.
    if not all(0 <= part <= MAX_TEMPO_SECONDS for part in parts) or not down + up > 0:
        limit = f"{MAX_TEMPO_SECONDS:g}"
        raise ValueError(
            f"tempo {value!r} is not seconds down-held-up like 2-0-2"
            f" (each 0 to {limit}; down and up not both 0)"
        )
    return parts


def _pose(file: str, name: str, fields: Any) -> Pose:
    where = f"{file}: positions.{name}"
    if not isinstance(fields, dict):
        raise FigureError(f"{where}: expected joints")
    known = (*JOINTS, *ARMS, "lines", "circles")
    unknown = [str(key) for key in fields if key not in known]  # a slip, not a new part
    if unknown:
        close = difflib.get_close_matches(unknown[0], known, n=1)
        hint = f"; did you mean `{close[0]}`?" if close else f" (known: {', '.join(known)})"
        raise FigureError(f"{where}: no part called `{unknown[0][:60]}`{hint}")
    missing = [joint for joint in (*JOINTS, *ARMS) if joint not in fields]
    if missing:
        raise FigureError(f"{where}: no {', '.join(missing)}")
    joints = {joint: _point(f"{where}.{joint}", fields[joint]) for joint in (*JOINTS, *ARMS)}
    try:
        lines = tuple(
            (_point(f"{where}.lines", a), _point(f"{where}.lines", b))
            for a, b in fields.get("lines", [])
        )
        circles = tuple(
            (_point(f"{where}.circles", [x, y]), _radius(f"{where}.circles", r))
            for x, y, r in fields.get("circles", [])
        )
    except (TypeError, ValueError):
        raise FigureError(f"{where}: lines are [[x, y], [x, y]], circles [x, y, r]") from None
    return Pose(joints, lines, circles)


def _radius(where: str, value: Any) -> float:
    """A circle's radius: within the box (drawing a ring takes time in step with it)."""
    if not isinstance(value, int | float) or isinstance(value, bool) or not 0 < value <= 50:
        raise FigureError(f"{where}: a radius is more than 0 and at most 50, got {value!r}")
    return float(value)


def _point(where: str, value: Any) -> Point:
    if (
        not isinstance(value, list | tuple)
        or len(value) != 2
        or not all(
            isinstance(v, int | float) and not isinstance(v, bool) and 0 <= v <= 100 for v in value
        )
    ):
        raise FigureError(f"{where}: expected [x, y], each 0-100, got {value!r}")
    return (float(value[0]), float(value[1]))


def bundled_figures() -> dict[str, Figure]:
    """Every figure the package ships, by name."""
    return {path.stem: load_figure(path) for path in sorted(figures_dir().glob("*.yaml"))}


def figure_names() -> set[str]:
    """The names a routine's `figure:` can give: the bundled figures and the person's own."""
    return {path.stem for folder in _folders() for path in folder.glob("*.yaml")}


def figure_for(exercise: Exercise) -> Figure | None:
    """The exercise's figure, at its tempo."""
    return figure_named(exercise.figure_name, exercise.tempo)


def figure_named(name: str, tempo: tuple[float, float, float] | None = None) -> Figure | None:
    """The figure called `name` (the person's own before a bundled one), at `tempo` if
    given; None when there is none, or its file cannot be used (`validate` says why)."""
    figure = _figure(name) if name else None
    if figure is None or tempo is None:
        return figure
    return Figure(figure.name, figure.positions, tempo)


def find_figure(name: str) -> Figure | None:
    """The figure called `name`, the person's own first; None when there is none.

    Raises:
        FigureError: its file cannot be used.
    """
    for folder in _folders():
        path = folder / f"{name}.yaml"
        if path.exists():  # a FIFO or a folder too: reading it says what it is
            try:
                stat = path.stat()
            except OSError as error:
                raise FigureError(f"{path.name}: {error}") from None
            loaded = _loaded(path, stat.st_size, stat.st_mtime_ns)
            if isinstance(loaded, FigureError):
                raise FigureError(str(loaded))
            return loaded
    return None


@functools.lru_cache(maxsize=256)
def _loaded(path: Path, size: int, mtime_ns: int) -> Figure | FigureError:
    """A figure file read once while it is unchanged (a library may name it many times)."""
    try:
        return load_figure(path)
    except FigureError as error:
        return error


def _figure(name: str) -> Figure | None:
    try:
        return find_figure(name)
    except FigureError:
        return None


def _folders() -> list[Path]:
    return [user_figures_dir(), figures_dir()]
