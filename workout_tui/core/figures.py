"""Stick figures of the exercises' positions, as data, and drawn as Unicode braille.

A figure file (YAML, in `workout_tui/figures/`) names its joints in each position on a
100 x 100 box, x to the right and y up from the floor, facing right; props (the floor, a
wall, a couch, a kettlebell) are lines and circles in the same box. Joints ending in `2`
are the limbs on the far side. A hold has one position; a rep moves from `start` to `end`
and back, in the time its `tempo` gives (seconds down, at the bottom, up).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from yaml.constructor import ConstructorError, SafeConstructor

from workout_tui.core.locations import figures_dir
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
Point = tuple[float, float]
Segment = tuple[Point, Point]


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
    """The lines that draw a pose: its bones, a ring for the head, and its props."""
    joints = pose.joints
    drawn = [(joints[a], joints[b]) for a, b in BONES if a in joints and b in joints]
    rings = [*pose.circles, (joints["head"], HEAD_RADIUS)]
    for (x, y), r in rings:
        points = [
            (x + r * math.cos(i * math.pi / 6), y + r * math.sin(i * math.pi / 6))
            for i in range(13)
        ]
        drawn += list(zip(points, points[1:], strict=False))
    return drawn + list(pose.lines)


def braille(lines: list[Segment], width: int, height: int) -> list[str]:
    """`lines` on the 100 x 100 box drawn in `width` x `height` cells of braille dots
    (2 x 4 a cell), the box scaled to fit and kept square on the cells' 1:2 shape."""
    dots_w, dots_h = width * 2, height * 4
    scale = min(dots_w / 100, dots_h / 100) * 0.98
    left, bottom = (dots_w - 100 * scale) / 2, (dots_h - 100 * scale) / 2
    cells = [[0] * width for _ in range(height)]
    for (x1, y1), (x2, y2) in lines:
        steps = max(1, int(max(abs(x2 - x1), abs(y2 - y1)) * scale * 2))
        for i in range(steps + 1):
            x = left + (x1 + (x2 - x1) * i / steps) * scale
            y = dots_h - 1 - (bottom + (y1 + (y2 - y1) * i / steps) * scale)
            dx, dy = int(x), int(round(y))
            if 0 <= dx < dots_w and 0 <= dy < dots_h:
                cells[dy // 4][dx // 2] |= DOT_BITS[dy % 4][dx % 2]
    return ["".join(chr(0x2800 + bits) for bits in row) for row in cells]


DOT_BITS = ((0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80))


def load_figure(path: Path) -> Figure:
    """A figure file, checked: every joint in every position, each inside the box."""
    try:
        node = parse(read_text(path))
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
    tempo = data.get("tempo", "2-0-2")
    try:
        down, bottom, up = (float(part) for part in str(tempo).split("-"))
    except ValueError:
        raise FigureError(f"{path.name}: tempo {tempo!r} is not down-bottom-up seconds") from None
    return Figure(path.stem, positions, (down, bottom, up))


def _pose(file: str, name: str, fields: Any) -> Pose:
    where = f"{file}: positions.{name}"
    if not isinstance(fields, dict):
        raise FigureError(f"{where}: expected joints")
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
            (_point(f"{where}.circles", [x, y]), float(r)) for x, y, r in fields.get("circles", [])
        )
    except (TypeError, ValueError):
        raise FigureError(f"{where}: lines are [[x, y], [x, y]], circles [x, y, r]") from None
    return Pose(joints, lines, circles)


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
