"""Reading a file the person named, without hanging on one that is not a file."""

from __future__ import annotations

import os
import stat
from pathlib import Path


class NotAFile(OSError):
    """The path is a FIFO, a device, a socket or a directory, not a regular file."""


def read_regular(path: Path, limit: int) -> bytes:
    """Up to `limit` bytes of `path`, refusing anything but a regular file unread.

    The open does not block (a FIFO with no writer would hang a plain open), and the
    type is checked on the opened file, so it cannot change between check and read.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(path)
        if not stat.S_ISREG(mode):
            raise NotAFile(f"{path} is not a regular file (a FIFO, device or socket)")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read(limit)
    finally:
        os.close(fd)
