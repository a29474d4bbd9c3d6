"""What the routine list shows of a routine: its header, length and outline, small enough to
cache, so a library of thousands opens without reading every file."""

from __future__ import annotations

from dataclasses import dataclass

from workout_tui.core.durations import format_estimate, format_span
from workout_tui.core.model import Block, Exercise, Mode, Session
from workout_tui.core.plan import Plan


@dataclass(frozen=True, slots=True)
class Summary:
    """A routine as listed: name, description, tags, equipment, steps, length, outline."""

    name: str
    description: str
    tags: tuple[str, ...]
    equipment: tuple[str, ...]
    steps: int
    seconds: int  # planned, rep sets estimated (Plan.estimated_seconds)
    has_rep_sets: bool
    outline: tuple[str, ...]
    figure: str = ""  # the figure of its first exercise, by name (drawn only if there is one)
    pictures: bool = False  # an exercise has an `image:`

    @property
    def estimate(self) -> str:
        """How long it takes, said as everywhere else: `~17 min`."""
        return format_estimate(self.seconds, self.has_rep_sets)

    @property
    def step_count(self) -> str:
        """`1 step`, `16 steps`."""
        return f"{self.steps} step" if self.steps == 1 else f"{self.steps} steps"

    @property
    def search_text(self) -> str:
        """The words the list's filter matches, lower case."""
        return " ".join([self.name, *self.tags, *self.equipment]).lower()


def summarize(plan: Plan) -> Summary:
    """The summary of a compiled routine."""
    session = plan.session
    return Summary(
        name=session.name,
        description=session.description,
        tags=session.tags,
        equipment=session.equipment,
        steps=len(plan.steps),
        seconds=plan.estimated_seconds,
        has_rep_sets=plan.has_rep_sets,
        outline=tuple(outline(session)),
        figure=_first_exercise(session).figure_name,
        pictures=any(step.exercise.image for step in plan.steps if step.exercise),
    )


def _first_exercise(session: Session) -> Exercise:
    first = session.items[0]
    return first.exercises[0] if isinstance(first, Block) else first


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
    reps = f"{exercise.amount}-{exercise.top}" if exercise.top else str(exercise.amount)
    amount = (
        f"{reps} reps"
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
