"""`?` on any screen: every key of that screen, as the person has them mapped."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.keys import format_key
from textual.screen import ModalScreen, Screen

from workout_tui.ui.bindings import ScreenName, bindings, keys_of
from workout_tui.ui.text import Literal, LiteralLabel

EVERYWHERE = (("ctrl+p", "Command palette: themes, keys, quit"), ("ctrl+q", "Quit workout-tui"))


def key_rows(table: Sequence[BindingType], keymap: Mapping[str, str]) -> list[tuple[str, str]]:
    """(keys, what they do) for each binding of a screen, remapped keys as remapped."""
    rows = []
    for binding in table:
        if isinstance(binding, Binding):
            keys = " / ".join(format_key(key) for key in keys_of(binding, keymap))
            rows.append((keys, binding.tooltip or binding.description))
    return [*rows, *EVERYWHERE]


class HelpScreen(ModalScreen[None]):
    """Lists keys; escape or ? closes it."""

    BINDINGS = bindings(ScreenName.HELP)

    def __init__(self, title: str, rows: Sequence[tuple[str, str]]) -> None:
        super().__init__()
        self.title_text, self.rows = title, rows

    def compose(self) -> ComposeResult:
        width = max(len(keys) for keys, _ in self.rows)
        with Vertical(classes="dialog help"):
            yield LiteralLabel(f"Keys: {self.title_text}", classes="dialog-title")
            yield Literal("\n".join(f"{keys:<{width}}  {what}" for keys, what in self.rows))
            yield LiteralLabel("Escape closes this help", classes="dim")


def help_for(screen: Screen[object], keymap: Mapping[str, str]) -> HelpScreen:
    """The help of `screen`: its keys as the person has them."""
    rows = key_rows(type(screen).BINDINGS, keymap)
    return HelpScreen(getattr(screen, "HELP_TITLE", "this screen"), rows)
