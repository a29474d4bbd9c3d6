"""Run a real program in a pseudo-terminal, read what it draws, type keys, measure it.

Used by the CLI and fault tests and by the benchmarks.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import re
import select
import signal
import struct
import termios
import time
from collections.abc import Sequence
from pathlib import Path

ESCAPES = re.compile(
    rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>]|\x1b\][^\x07]*\x07"
)


class Terminal:
    """A program running in a 100x30 pseudo-terminal."""

    def __init__(
        self, argv: Sequence[str | Path], env: dict[str, str], cwd: Path | None = None
    ) -> None:
        # COLUMNS and LINES would override the terminal's own size (pytest-xdist's workers
        # set them to 80x24).
        env = {k: v for k, v in env.items() if k not in ("COLUMNS", "LINES")}
        self.started = time.perf_counter()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: size its terminal (before the program can ask), and
            # become the program. Sized from the parent, a program quick to start could
            # read the size before it was set and miss the signal that it changed.
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
            # As from a shell: no signal blocked or ignored (both outlive exec, and a test
            # runner's process may have either: ctrl+c then never reached the program).
            signal.pthread_sigmask(signal.SIG_SETMASK, [])
            for signum in (signal.SIGINT, signal.SIGQUIT, signal.SIGTERM, signal.SIGHUP):
                signal.signal(signum, signal.SIG_DFL)
            if cwd is not None:
                os.chdir(cwd)
            os.execve(str(argv[0]), [str(a) for a in argv], env)
        self.output = b""

    @property
    def text(self) -> str:
        """Everything drawn so far, with the escape sequences taken out."""
        return self.text_since(0)

    def text_since(self, start: int) -> str:
        """What was drawn after the first `start` bytes, with the escape sequences taken out."""
        return ESCAPES.sub(b"", self.output[start:]).decode("utf-8", "replace")

    def wait_for(self, needle: str, timeout: float = 30, since: int = 0) -> float:
        """Read until `needle` has been drawn (after the first `since` bytes of output);
        returns seconds since launch."""
        deadline = time.monotonic() + timeout
        while needle not in self.text_since(since):
            if time.monotonic() > deadline:
                raise AssertionError(f"{needle!r} never appeared; screen:\n{self.text[-3000:]}")
            self.drain(0.005)
        return time.perf_counter() - self.started

    def type(self, keys: str) -> None:
        os.write(self.fd, keys.encode())

    def stop_session(self, name: str) -> int:
        """Stop the session on screen as a person does (q, then y), leave the summary (q),
        and return the exit status."""
        self.type("q")
        self.wait_for("Stop this session?")
        self.type("y")
        self.wait_for(f"Stopped: {name}")
        self.type("q")
        return self.exit_code()

    def drain(self, wait: float = 0) -> None:
        """Take in all the program has drawn, waiting up to `wait` seconds for it to start.

        A read gives at most 4 KiB from a pseudo-terminal: one read a call would fall ever
        further behind a program that draws more, and time what it drew long before.
        """
        ready, _, _ = select.select([self.fd], [], [], wait)
        while ready:
            try:
                data = os.read(self.fd, 65536)
            except OSError:  # the program ended and closed its side
                return
            if not data:
                return
            self.output += data
            ready, _, _ = select.select([self.fd], [], [], 0)

    def exit_code(self, timeout: float = 15) -> int:
        """Wait for the program to end (reading as it draws) and return its exit status."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.drain(0.05)
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                os.close(self.fd)
                return os.waitstatus_to_exitcode(status)
        os.kill(self.pid, signal.SIGKILL)
        raise AssertionError(f"still running after {timeout}s; screen:\n{self.text[-2000:]}")

    def cpu_seconds(self) -> float:
        """CPU time the program's threads have run, to the nanosecond: the kernel's own
        count for each live thread (`/proc/PID/stat` counts 10 ms ticks, too coarse for a
        program that uses 5 ms a second). A thread that has ended is not counted, so
        compare two readings over a window in which none ends."""
        total = 0
        for task in Path(f"/proc/{self.pid}/task").iterdir():
            with contextlib.suppress(FileNotFoundError, ProcessLookupError):  # just ended
                total += int((task / "schedstat").read_text().split()[0])
        return total / 1e9

    def peak_rss_mb(self) -> float:
        """The program's peak resident memory so far."""
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return 0.0

    def close(self) -> None:
        """Kill the program (if it still runs) and let go of the terminal."""
        with contextlib.suppress(ProcessLookupError, ChildProcessError):
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        with contextlib.suppress(OSError):  # closed already, when the program had ended
            os.close(self.fd)
