"""Spoken cue lines, rendered once by espeak-ng to WAV files and cached on disk."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

ESPEAK_ARGS = ("-s", "165")  # a little slower than the default, to be clear over movement


class Voice:
    """Renders lines of speech with espeak-ng into `cache_dir`; absent espeak-ng means no voice."""

    def __init__(self, cache_dir: Path, executable: str | None = None) -> None:
        self.cache_dir = cache_dir
        self.executable = executable or shutil.which("espeak-ng")

    @property
    def available(self) -> bool:
        """True when espeak-ng was found."""
        return self.executable is not None

    def path_for(self, text: str) -> Path:
        """Where the rendering of `text` is (or will be) cached."""
        key = hashlib.sha256("\0".join((*ESPEAK_ARGS, text)).encode()).hexdigest()[:24]
        return self.cache_dir / f"{key}.wav"

    def cached(self, text: str) -> Path | None:
        """The cached rendering of `text`, if it has been rendered."""
        path = self.path_for(text)
        return path if path.is_file() else None

    def render(self, text: str) -> Path | None:
        """Render `text` (blocking: call it off the UI thread); None if it cannot be."""
        path = self.path_for(text)
        if path.is_file() or self.executable is None:
            return self.cached(text)
        try:
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            partial = path.with_suffix(f".{os.getpid()}.tmp")
            subprocess.run(
                [self.executable, *ESPEAK_ARGS, "-w", str(partial), text],
                check=True,
                capture_output=True,
                timeout=20,
            )
            partial.replace(path)  # atomic: a reader never sees half a file
        except (OSError, subprocess.SubprocessError):
            return None
        return path
