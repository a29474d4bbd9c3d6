"""An exercise's own picture (`image:`), in the figure's place beside the clock, drawn by
textual-image: with the terminal's graphics protocol where it has one (Sixel, Kitty's),
in coloured half blocks where not.

textual-image asks the terminal what it can draw when it is imported, and only before the
app takes the terminal can it be answered: `prepare` does it at launch when a routine in
reach has a picture. Each picture is decoded once, in a thread, within the bounds of
`core.pictures`; one that cannot be drawn is said once, and the figure stays.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

from textual.containers import Container

from workout_tui.core.pictures import PictureError, decode, picture_path
from workout_tui.core.printable import printable

if TYPE_CHECKING:
    from PIL.Image import Image
    from textual.app import App

NOT_ASKED = "pictures show from the next start (the terminal is asked what it can draw then)"
_state = {"ready": NOT_ASKED}  # "" once the terminal was asked; else why none is drawn
Key = tuple[Path, float, int]  # a picture's path and stamp (modified, size)
_decoded: dict[Key, Image | PictureError] = {}


def prepare() -> None:
    """Import textual-image, which asks the terminal what it can draw: before the app runs."""
    try:
        import textual_image.widget  # noqa: F401
    except Exception as error:  # a closed or odd terminal: no pictures, and why
        _state["ready"] = f"pictures cannot be drawn in this terminal ({error})"
    else:
        _state["ready"] = ""
    _settle_terminal()


def _settle_terminal(wait: float = 0.5) -> None:
    """Drop what is left of textual-image's questions before the app reads its keys: an
    answer a slow link brought after textual-image stopped waiting (0.1 s), and the rest of
    a key typed meanwhile that it read a byte of. Asked last, the cursor's place is
    answered last: what comes before its answer is theirs."""
    stdin, stdout = sys.__stdin__, sys.__stdout__
    if not (stdin and stdout and stdin.isatty() and stdout.isatty()):
        return
    import select
    import termios
    import tty

    fd = stdin.fileno()
    try:
        mode = termios.tcgetattr(fd)
        tty.setcbreak(fd, termios.TCSANOW)
        try:
            stdout.write("\x1b[6n")
            stdout.flush()
            heard, until = b"", time.monotonic() + wait
            while not re.search(rb"\x1b\[\d+;\d+R", heard) and time.monotonic() < until:
                if select.select([fd], [], [], until - time.monotonic())[0]:
                    heard += os.read(fd, 1024)
        finally:
            termios.tcsetattr(fd, termios.TCSANOW, mode)
    except (OSError, ValueError, termios.error):  # no terminal to ask after all
        return


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
        self._decoding = False

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
        self._want()

    def set_off(self, off: bool) -> None:
        """Hide it (`i` in the player), or show it again."""
        self.set_class(off, "-off")
        self._tell_screen()

    def _want(self) -> None:
        """Show the picture now wanted, decoding it if it was not: one at a time, in a thread
        that never holds up the app's exit (a step skipped meanwhile is never decoded)."""
        if self._path is None or self._decoding:
            return
        key = _key(self._path)
        if key in _decoded:
            self._put(_decoded[key])
            return
        self._decoding = True
        threading.Thread(target=self._decode, args=(key, self.app), daemon=True).start()

    def _decode(self, key: Key, app: App[object]) -> None:
        """In its thread: decode, and hand the picture to the UI."""
        try:
            picture: Image | PictureError = decode(key[0])
        except PictureError as error:
            picture = error
        with contextlib.suppress(RuntimeError):  # the app has closed meanwhile
            app.call_from_thread(self._decoded, key, picture)

    def _decoded(self, key: Key, picture: Image | PictureError) -> None:
        self._decoding = False
        if len(_decoded) >= 16:  # a routine's worth; the oldest go
            _decoded.pop(next(iter(_decoded)))
        _decoded[key] = picture
        if key[0] == self._path:
            self._put(picture)
        else:  # moved on while it was decoded
            self._want()

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
            said = said if len(said) <= 300 else said[:299] + "…"
            self.notify(said, severity="warning", markup=False, timeout=6)


def _key(path: Path) -> Key:
    try:
        info = os.stat(path)
    except (OSError, ValueError):  # not there, or not a path (a NUL): decode says which
        return (path, 0.0, 0)
    return (path, info.st_mtime, info.st_size)
