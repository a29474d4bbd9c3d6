"""The player's parts as widgets: each shows one part of the moment and redraws only when
that part changed. User text reaches the screen only through `Literal`."""

from workout_tui.ui.widgets.bars import PhaseBar, TopBar
from workout_tui.ui.widgets.clock import BigClock
from workout_tui.ui.widgets.step_panel import StepPanel
from workout_tui.ui.widgets.up_next import UpNext

__all__ = ["BigClock", "PhaseBar", "StepPanel", "TopBar", "UpNext"]
