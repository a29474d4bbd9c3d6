"""Reading a file the person named without hanging on one that is not a file, and writing
one whole or not at all."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, TextIO


class NotAFile(OSError):
    """The path is a FIFO, a device, a socket or a directory, not a regular file."""


def read_regular(path: Path, limit: int) -> bytes:
    """Up to `limit` bytes of `path`, refusing anything but a regular file unread."""
    with open_regular(path) as handle:
        return handle.read(limit)


def open_regular(path: Path) -> BinaryIO:
    """`path` opened to read, refusing anything but a regular file unread.

    The open does not block (a FIFO with no writer would hang a plain open), and the
    type is checked on the opened file, so it cannot change between check and read.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if not stat.S_ISREG(mode):
            raise NotAFile(f"{path} is not a regular file (a FIFO, device or socket)")
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def write_whole(path: Path, text: str) -> None:
    """Replace `path` with `text`, whole or not at all (see `replacing`), making its folder
    if need be.

    Raises:
        OSError: the file could not be written.
    """
    Path(os.path.realpath(path)).parent.mkdir(parents=True, exist_ok=True)
    with replacing(path) as out:
        out.write(text)


@contextlib.contextmanager
def replacing(path: Path, devices: bool = False) -> Iterator[TextIO]:
    """A text file to write that takes `path`'s place only once the block has ended well:
    a full disk or an error leaves the old file as it was, and no temporary file behind.
    A link is followed, so it stays a link. A FIFO in its place is replaced; with
    `devices`, what is not a regular file is written straight (`-o /dev/stdout`).

    Raises:
        OSError: the file could not be written.
    """
    try:
        straight = devices and not stat.S_ISREG(os.stat(path).st_mode)
    except OSError:  # not there (or a link loop): made anew
        straight = False
    if straight:
        with open(path, "w", encoding="utf-8", newline="") as out:
            yield out
        return
    target = Path(os.path.realpath(path))  # a link loop is left as it is, not an error
    fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            yield out
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def expand_home(path: str | os.PathLike[str]) -> Path:
    """`path` with a leading `~` or `~user` made that home.

    Raises:
        FileNotFoundError: `~user` names no user (the command says so, as of a missing
            folder, where Python would end in a RuntimeError).
    """
    try:
        return Path(path).expanduser()
    except RuntimeError:
        raise FileNotFoundError(errno.ENOENT, "no such user's home", str(path)) from None


def inside(path: Path, folder: Path) -> bool:
    """Whether `path` is in `folder` (or is it), following links."""
    real_path, real_folder = (Path(os.path.realpath(expand_home(p))) for p in (path, folder))
    return real_path.is_relative_to(real_folder)  # realpath leaves a link loop as it is
