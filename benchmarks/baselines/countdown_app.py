"""Baseline for idle cost: a minimal Textual countdown that redraws once a second."""

import sys
import time

from textual.app import App, ComposeResult
from textual.widgets import Digits


class CountdownApp(App[None]):
    def __init__(self, seconds: float) -> None:
        super().__init__()
        self.deadline = time.monotonic() + seconds

    def compose(self) -> ComposeResult:
        yield Digits()

    def on_mount(self) -> None:
        self.tick()
        self.set_interval(1, self.tick)

    def tick(self) -> None:
        left = max(0, int(self.deadline - time.monotonic() + 0.999))
        self.query_one(Digits).update(f"{left // 60}:{left % 60:02}")


if __name__ == "__main__":
    CountdownApp(float(sys.argv[1])).run()
