"""Baseline for start-up: the smallest Textual app that shows something (one label)."""

from textual.app import App, ComposeResult
from textual.widgets import Label


class LabelApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Label("ready")


if __name__ == "__main__":
    LabelApp().run()
