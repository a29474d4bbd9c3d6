"""The footer of every screen: Textual's, rebuilt only when the keys it shows change."""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer

Shown = tuple[tuple[str, Binding, bool, str], ...]
NARROW = 80  # columns: under this the keys are packed, and the palette's key left out


class KeyFooter(Footer):
    """Textual's footer rebuilds all its keys on every change of bindings (each move of the
    focus, each `refresh_bindings`), and restyles each new key twice; most of those change
    nothing it shows. This one rebuilds only when a key it shows, or its state, changed."""

    _shown: Shown | None = None

    def bindings_changed(self, screen: Screen[object]) -> None:
        rebuilds = screen.app.app_focus and self.is_attached and screen is self.screen
        if not rebuilds:  # as Textual's: nothing is rebuilt now, so nothing is known shown
            self._shown = None
            super().bindings_changed(screen)
            return
        shown = tuple(
            (key, binding, enabled, tooltip)
            for key, (_, binding, enabled, tooltip) in screen.active_bindings.items()
            if binding.show
        )
        if shown != self._shown:
            self._shown = shown
            super().bindings_changed(screen)

    def on_resize(self, event: events.Resize) -> None:
        """On a narrow terminal every key of the screen stays in view (`q Stop` at 60)."""
        narrow = event.size.width < NARROW
        if narrow != self.compact:  # it changed: the keys are made again
            self.compact, self.show_command_palette = narrow, not narrow
            self.call_after_refresh(self.recompose)
