"""A real disk that fills: a 1 MB tmpfs, and a way to fill it."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import mount_tmpfs


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 1 MB tmpfs (root only: CI and this machine run as root)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    unmount = mount_tmpfs(mount, "size=1m")
    yield mount
    unmount()


def fill(disk: Path, name: str = "filler") -> Path:
    filler = disk / name
    subprocess.run(["dd", "if=/dev/zero", f"of={filler}", "bs=1k"], capture_output=True)
    return filler
