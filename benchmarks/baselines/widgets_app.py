"""A floor for start-up: the home screen's widgets with none of workout-tui's code in them.

Header, filter input, option list with four routines, details pane, footer with four keys:
what any app that shows this screen pays in Textual alone.
"""

from textual.app import App, ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Header, Input, OptionList, Static

ROUTINES = ("Desk break", "Hip flexor stretch", "Glute and hamstring strength", "Mid-back")


class WidgetsApp(App[None]):
    BINDINGS = [
        ("enter", "bell", "Start"),
        ("slash", "bell", "Filter"),
        ("h", "bell", "History"),
        ("q", "quit", "Quit"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            with Vertical():
                yield Input(placeholder="/ or start typing to filter")
                yield OptionList(*ROUTINES)
            with VerticalScroll():
                yield Static("details")
        yield Footer()


if __name__ == "__main__":
    WidgetsApp().run()
