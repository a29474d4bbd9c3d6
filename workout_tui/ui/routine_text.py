"""How a routine reads on the home screen: its entry in the list, and its details beside."""

from __future__ import annotations

from rich.text import Text

from workout_tui.core.library import Routine
from workout_tui.core.printable import printable
from workout_tui.ui.entry import Entry

ENTRY_LINES = 2  # a routine's name, then its length, equipment and tags


def option_id(routine: Routine) -> str:
    """The routine's option id in the list: its slug and file, which tell any two apart."""
    return f"{routine.slug}:{routine.path}"


def entry_of(routine: Routine) -> Entry:
    """The routine's entry in the list, made when first drawn."""
    return Entry(lambda: entry_text(routine), ENTRY_LINES)


def search_text(routine: Routine) -> str:
    """The words the filter matches, lower case."""
    summary = routine.summary
    return routine.slug.lower() + (" " + summary.search_text if summary else "")


# Each piece of user text is made printable before it becomes a Text: Rich would drop a
# BEL or a CR silently, where the person should see ␇ or ␍ (see core.printable).


def entry_text(routine: Routine) -> Text:
    """The entry's two lines: name and origin, then length, equipment and tags."""
    summary = routine.summary
    if summary is None:
        text = Text(f"{printable(routine.path.name)}  ⚠ cannot load\n", style="bold red")
        first = routine.problems[0] if routine.problems else None
        if first is not None:
            where = f"{routine.path.name}:{first.line}: {first.message}"
            text.append(f"  {printable(where)}", style="red")
        return text
    facts = [summary.estimate, ", ".join(summary.equipment) or "no equipment"]
    if summary.tags:
        facts.append(", ".join(summary.tags))
    text = Text(printable(summary.name), style="bold")
    if routine.source != "bundled":
        text.append(f"  ({routine.origin})", style="dim")
    text.append("\n  " + printable(" · ".join(facts)), style="dim")
    return text


def details(routine: Routine) -> Text:
    """What the pane beside the list says of the routine: all of it, or its problems."""
    summary = routine.summary
    if summary is None:
        text = Text("This routine cannot be loaded:\n\n", style="bold red")
        for problem in routine.problems:
            text.append(f"{printable(str(problem))}\n")
        return text
    text = Text(printable(summary.name) + "\n", style="bold")
    if summary.description:
        text.append(printable(summary.description, lines=True) + "\n")
    text.append("\n")
    for line in summary.outline:
        text.append(printable(line) + "\n")
    text.append(f"\n{summary.step_count} · Enter to start", style="dim")
    if routine.source != "bundled":
        text.append(f"\n{printable(str(routine.path))} ({routine.origin})", style="dim")
    return text
