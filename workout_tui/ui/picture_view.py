"""An exercise's own picture (`image:`), in the figure's place beside the clock, drawn by
textual-image: with the terminal's graphics protocol where it has one (Sixel, Kitty's),
in coloured half blocks where not.

textual-image asks the terminal what it can draw when it is imported, and only before the
app takes the terminal can it be answered: `prepare` does it at launch when a routine in
reach has a picture. Each picture is decoded once, in a thread, within the bounds of
`core.pictures`; one that cannot be drawn is said once, and the figure stays.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from textual.containers import Container

from workout_tui.core.pictures import PictureError, decode, picture_path
from workout_tui.core.printable import printable

if TYPE_CHECKING:
    from PIL.Image import Image

NOT_ASKED = "pictures show from the next start (the terminal is asked what it can draw then)"
_state = {"ready": NOT_ASKED}  # "" once the terminal was asked; else why none is drawn
_decoded: dict[tuple[Path, float, int], Image | PictureError] = {}  # by path and stamp


def prepare() -> None:
    """Import textual-image, which asks the terminal what it can draw: before the app runs."""
    try:
        import textual_image.widget  # noqa: F401
    except Exception as error:  # a closed or odd terminal: no pictures, and why
        _state["ready"] = f"pictures cannot be drawn in this terminal ({error})"
    else:
        _state["ready"] = ""


class PictureView(Container):
    """Shows the picture at a path, or nothing; the screen's `-picture` says one is shown
    (the player puts it in the figure's place)."""

    DEFAULT_CSS = """
    PictureView { width: 1fr; height: 1fr; display: none; }
    PictureView.-shown { display: block; }
    PictureView.-off { display: none; }
    PictureView > * { width: auto; height: 100%; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._path: Path | None = None
        self._said: set[str] = set()  # what cannot be drawn, said once each

    def show(self, folder: Path, written: str) -> None:
        """Show the picture `written` names (relative to `folder`); "" for none."""
        path = picture_path(folder, written) if written else None
        if path == self._path:
            return
        self._path = path
        self.remove_children()
        self._put(None)
        if path is None:
            return
        if _state["ready"]:
            self._say(_state["ready"])
            return
        try:
            info = os.stat(path)
            key = (path, info.st_mtime, info.st_size)
        except OSError:
            key = (path, 0.0, 0)
        if key in _decoded:
            self._put(_decoded[key])
        else:
            self.run_worker(lambda: self._decode(key), thread=True, exit_on_error=False)

    def set_off(self, off: bool) -> None:
        """Hide it (`i` in the player), or show it again."""
        self.set_class(off, "-off")
        self._tell_screen()

    def _decode(self, key: tuple[Path, float, int]) -> None:
        """In a thread: decode, keep, and hand the picture to the UI."""
        try:
            picture: Image | PictureError = decode(key[0])
        except PictureError as error:
            picture = error
        if len(_decoded) >= 16:  # a routine's worth; the oldest go
            _decoded.pop(next(iter(_decoded)))
        _decoded[key] = picture
        if key[0] == self._path:
            self.app.call_from_thread(self._shown_if_still, key[0], picture)

    def _shown_if_still(self, path: Path, picture: Image | PictureError) -> None:
        if path == self._path:  # not moved on while it was decoded
            self._put(picture)

    def _put(self, picture: Image | PictureError | None) -> None:
        if isinstance(picture, PictureError):
            self._say(str(picture))
            picture = None
        if picture is not None:
            from textual_image.widget import Image as ImageWidget

            self.mount(ImageWidget(picture))
        self.set_class(picture is not None, "-shown")
        self._tell_screen()

    def _tell_screen(self) -> None:
        shown = self.has_class("-shown") and not self.has_class("-off")
        self.screen.set_class(shown, "-picture")

    def _say(self, why: str) -> None:
        if why not in self._said:
            self._said.add(why)
            said = printable(f"No picture: {why}")  # a path is the person's text
            self.notify(said, severity="warning", markup=False, timeout=6)
