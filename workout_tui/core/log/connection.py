"""A connection to the history file: what is refused before one is made (not a file, not
SQLite), the functions its SQL calls, whose process owns a run, and one transaction.

A run is owned by the process that started or resumed it, marked by its pid and the time
that process started (a pid is reused); a run whose owner is gone was interrupted.
"""

from __future__ import annotations

import os
import sqlite3
import uuid
from pathlib import Path

from workout_tui.core.files import NotAFile, read_regular
from workout_tui.core.log.entries import exercise_key

BUSY_MS = 10_000  # how long a write waits for another window's lock before it fails


class HistoryUnavailable(Exception):
    """The history cannot be kept now (the data dir is read-only or missing, the disk is
    full, the file is locked, or it is not ours to write); the file is left as it is."""


class RunLost(Exception):
    """This window's run is no longer its own to write: it was deleted, or another window
    took it on. Nothing more is written to it, so no write can land in another run."""


class RunInUse(Exception):
    """The run is going on in another window (its process is alive): it is not deleted or
    resumed from here."""


class DamagedHistory(Exception):
    """The history file is not SQLite, or fails SQLite's integrity check."""


SQLITE_HEADER = b"SQLite format 3\x00"

# Only these mean the file itself is bad; full, locked, read-only or I/O errors do not.
_DAMAGED_CODES = ("SQLITE_CORRUPT", "SQLITE_NOTADB")


class Transaction:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on error."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        try:
            if kind is None:
                self.db.execute("COMMIT")
        finally:
            if self.db.in_transaction:  # it failed, or COMMIT did (a full disk)
                self.db.execute("ROLLBACK")


def alive(pid: int | None, started: int | None) -> bool:
    """Whether the process that owns a run is still running it: `pid` is alive and is the
    same process (it started at `started`, in clock ticks since boot; a pid is reused)."""
    if pid is None:
        return False
    if pid == os.getpid():
        return started in (None, this_process()[1])
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # another user's process
    return started is None or _process_start(pid) in (None, started)


def _process_start(pid: int) -> int | None:
    """When process `pid` started, in clock ticks since boot (Linux's /proc); None where
    that cannot be read."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        return int(stat[stat.rindex(")") + 2 :].split()[19])  # field 22, after the name
    except (OSError, ValueError, IndexError):
        return None


def this_process() -> tuple[int, int | None]:
    """This process's owner mark: (pid, start time); a forked child reads its own."""
    pid = os.getpid()
    if pid not in _STARTS:
        _STARTS[pid] = _process_start(pid)
    return pid, _STARTS[pid]


_STARTS: dict[int, int | None] = {}


def new_uid() -> str:
    """A run's id across histories (a random UUID: two machines never make the same)."""
    return uuid.uuid4().hex


def _key(name: str | None) -> str | None:
    return None if name is None else exercise_key(name)


def check_file(path: Path) -> None:
    """Refuse what is not a regular file (a FIFO would hang us) and what is not SQLite."""
    first = header(path)
    if first and first != SQLITE_HEADER:  # empty or missing: a new history
        raise DamagedHistory("it is not a SQLite database")


def header(path: Path) -> bytes:
    """The first bytes of `path` (b"" if it is not there), read without blocking."""
    try:
        return read_regular(path, len(SQLITE_HEADER))
    except FileNotFoundError:
        return b""
    except (NotAFile, IsADirectoryError):
        raise HistoryUnavailable(f"{path} is not a regular file; it is left as it is") from None
    except OSError as error:
        raise HistoryUnavailable(f"cannot read {path}: {reason(error)}") from None


def is_damaged(error: sqlite3.Error) -> bool:
    name = getattr(error, "sqlite_errorname", "") or ""
    return name.startswith(_DAMAGED_CODES)


def connect(path: Path, read_only: bool, busy_ms: int | None) -> sqlite3.Connection:
    """A connection to the history at `path`, with the functions its SQL uses: read-only,
    a twin's (see HistoryStore.opener), or the first, which creates the file if need be."""
    if read_only:
        db = _connect_read_only(path)
    elif busy_ms is not None:  # never creates the file: a vanished one is an error
        uri = f"{path.resolve().as_uri()}?mode=rw"
        db = sqlite3.connect(uri, uri=True, timeout=busy_ms / 1000, isolation_level=None)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(path, timeout=BUSY_MS / 1000, isolation_level=None)
    db.create_function("alive", 2, alive)
    db.create_function("exercise_key", 1, _key, deterministic=True)
    db.create_function("new_uid", 0, new_uid)
    db.row_factory = sqlite3.Row  # a row's columns are read by name
    return db


def _connect_read_only(path: Path) -> sqlite3.Connection:
    """Open for reading only. On read-only media SQLite cannot make the shared-memory file
    a WAL history needs to be read, so there the file is opened as immutable: nothing can
    be writing to it."""
    uri = path.resolve().as_uri()
    db = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=BUSY_MS / 1000, isolation_level=None)
    try:
        db.execute("PRAGMA user_version").fetchone()
        return db
    except sqlite3.OperationalError:
        db.close()
        if writable(path.parent):
            raise
    return sqlite3.connect(f"{uri}?immutable=1", uri=True, isolation_level=None)


def writable(folder: Path) -> bool:
    return os.access(folder, os.W_OK) and not _read_only_media(folder)


def _read_only_media(folder: Path) -> bool:
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def reason(error: BaseException) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error)


def writer_settings(db: sqlite3.Connection, busy_ms: int) -> None:
    """What each writing connection needs: SQLite keeps none of it in the file."""
    db.execute(f"PRAGMA busy_timeout = {int(busy_ms)}")
    db.execute("PRAGMA synchronous = FULL")  # a finished step survives a power cut
    db.execute("PRAGMA foreign_keys = ON")
