"""The footer of every screen: Textual's, rebuilt only when the keys it shows change."""

from __future__ import annotations

from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer

Shown = tuple[tuple[str, Binding, bool, str], ...]


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
