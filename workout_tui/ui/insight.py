"""Does the hip work help the neck? The person's check-ins against the days of hip work,
week by week and compared, in the words and bars `workout-tui insight` prints."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen

from workout_tui.core.insight import Insight
from workout_tui.ui.bindings import ScreenName, bindings
from workout_tui.ui.key_footer import KeyFooter
from workout_tui.ui.text import Literal


class InsightScreen(Screen[None]):
    """The check-ins against the hip work; escape goes back to the history."""

    HELP_TITLE = "Does it help?"  # "Keys: ..." in its help
    BINDINGS = bindings(ScreenName.INSIGHT)

    def __init__(self, found: Insight, hip_tags: Sequence[str]) -> None:
        super().__init__()
        self.found, self.hip_tags = found, hip_tags

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="insight"):
            yield Literal("Does the hip work help your neck?", id="insight-title")
            yield Literal("\n".join(self.found.lines(self.hip_tags)), id="insight-text")
        yield KeyFooter()
