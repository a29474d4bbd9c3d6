"""workout-tui: a terminal timer that guides you through stretching and strength routines."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("workout-tui")
except PackageNotFoundError:  # running from a checkout that was never installed
    __version__ = "0.0.0+unknown"
