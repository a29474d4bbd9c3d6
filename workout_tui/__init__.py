"""workout-tui: a terminal timer that guides you through stretching and strength routines."""


def version() -> str:
    """The installed version (looked up on demand: importlib.metadata is slow to import)."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed("workout-tui")
    except PackageNotFoundError:  # running from a checkout that was never installed
        return "0.0.0+unknown"
