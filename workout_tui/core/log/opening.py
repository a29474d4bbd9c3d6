"""Opening the history, coping with what can go wrong: a damaged file is kept aside and a
new one started; a file that cannot be written now (a full disk, a lock, a read-only dir),
one from a newer version, or another app's is left untouched and history is off."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from datetime import datetime
from pathlib import Path

from workout_tui.core.log.connection import (
    BUSY_MS,
    SQLITE_HEADER,
    DamagedHistory,
    HistoryUnavailable,
    header,
    is_damaged,
    reason,
    writable,
)
from workout_tui.core.log.schema import FILE_NAME, Now
from workout_tui.core.log.store import HistoryStore


def _disk_full(folder: Path) -> bool:
    """Whether the disk that holds (or would hold) `folder` has no room left."""
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    try:
        info = os.statvfs(folder)
    except OSError:
        return False
    return info.f_bavail * info.f_frsize < 64 * 1024  # less than SQLite needs to start


def _keep_aside(path: Path, now: datetime) -> Path:
    """Move a damaged history to a name no earlier one has, with its WAL files."""
    stamp = now.strftime("%Y%m%dT%H%M%S")
    for attempt in range(1, 1000):
        kept = path.with_name(f"{FILE_NAME}.damaged-{stamp}" + f"-{attempt}" * (attempt > 1))
        try:
            os.link(path, kept)  # fails if the name is taken: never overwrites
        except FileExistsError:
            continue
        os.unlink(path)
        for suffix in ("-wal", "-shm"):
            side = path.with_name(FILE_NAME + suffix)
            if side.exists():
                side.rename(kept.with_name(kept.name + suffix))
        return kept
    raise HistoryUnavailable(f"too many damaged histories kept beside {path}")


def _confirmed_damaged(path: Path) -> bool:
    """Asked again on a read-only connection: not SQLite, or a failed integrity check."""
    try:
        if header(path) != SQLITE_HEADER:
            return True
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return bool(db.execute("PRAGMA integrity_check").fetchone()[0] != "ok")
        finally:
            db.close()
    except sqlite3.Error as error:
        return is_damaged(error)
    except (HistoryUnavailable, OSError):
        return False


def open_history(
    data_dir: Path, now: Now | None = None, read_only: bool = False
) -> tuple[HistoryStore | None, list[str]]:
    """Open the history in `data_dir`, coping with what can go wrong.

    Only a damaged file (not SQLite, or failing the integrity check) is moved aside, kept
    under a name of its own, and a new one started. A file that cannot be written now (a
    full disk, a lock, a read-only dir), one from a newer version, or another app's SQLite
    file is left untouched and history is off. Runs left open by a process that died are
    marked interrupted, unless `read_only`: then nothing is written, or created.

    Returns:
        The store (None when history is off) and lines to tell the person.
    """
    path = data_dir / FILE_NAME
    notices: list[str] = []
    existed = path.exists()
    made = [p for p in (data_dir, *data_dir.parents) if not p.exists()]  # what opening makes
    if read_only and not existed:
        if data_dir.exists() and not data_dir.is_dir():
            return None, [f"History is off: {data_dir} is not a folder."]
        return None, []  # nothing recorded yet, and a read creates nothing
    try:
        store = _open_store(path, now, read_only, notices)
    except (HistoryUnavailable, DamagedHistory, OSError, sqlite3.Error) as error:
        if existed and not read_only and not writable(data_dir):
            return _read_only_history(data_dir, now, error)
        if not existed:  # a history that was there is left as it was
            _remove_new(path, made)
        return None, [_history_off(data_dir, error)]
    return store, notices


def _open_store(path: Path, now: Now | None, read_only: bool, notices: list[str]) -> HistoryStore:
    """The store at `path`; a damaged file kept aside (said in `notices`) and a new one
    started; crashed runs marked interrupted unless `read_only`."""
    try:
        store = HistoryStore(path, now, read_only)
    except DamagedHistory as error:
        if read_only or not _confirmed_damaged(path):
            raise HistoryUnavailable(f"cannot use {path} now ({error})") from None
        kept = _keep_aside(path, datetime.now())
        notices.append(
            f"The history file was damaged ({error}); it is kept as {kept} "
            "and a new history was started."
        )
        store = HistoryStore(path, now)
    if not read_only:
        # Locked by another window (an import), this waits for nothing: reads already count
        # a run whose process is gone as interrupted, so marking it can wait for next time.
        store.db.execute("PRAGMA busy_timeout = 0")
        try:
            store.mark_interrupted()
        except sqlite3.Error as error:  # the disk is full: not damage
            if getattr(error, "sqlite_errorname", "") != "SQLITE_BUSY":
                store.close()
                raise HistoryUnavailable(f"cannot write {path}: {reason(error)}") from None
        store.db.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
    return store


def _read_only_history(
    data_dir: Path, now: Now | None, error: BaseException
) -> tuple[HistoryStore | None, list[str]]:
    """A history that cannot be written here (read-only media or folder), to look through."""
    reader, _ = open_history(data_dir, now, read_only=True)
    if reader is None:
        return None, [_history_off(data_dir, error)]
    return reader, [
        f"The history in {data_dir} is read-only: past sessions can be looked "
        "through, but new ones are not recorded."
    ]


def _history_off(data_dir: Path, error: BaseException) -> str:
    why = f"the disk holding {data_dir} is full" if _disk_full(data_dir) else reason(error)
    return f"History is off: {why}. Sessions still run but are not recorded."


def _remove_new(path: Path, folders: list[Path]) -> None:
    """Take away what a failed first open made (a full disk): the file, its journal files
    and the folders made for it, deepest first."""
    with contextlib.suppress(OSError):
        for made in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            made.unlink(missing_ok=True)
    for folder in folders:
        with contextlib.suppress(OSError):
            folder.rmdir()  # only if empty: nothing of anyone else's goes
