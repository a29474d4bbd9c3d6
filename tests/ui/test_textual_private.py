"""The Textual private names the app relies on are all still there: a Textual upgrade that
removes or renames one fails here, not in a person's crash report."""

from __future__ import annotations

import pytest
from textual.app import App

from workout_tui.ui.textual_private import PRIVATE_NAMES


@pytest.mark.parametrize("name", PRIVATE_NAMES)
def test_textual_still_has_the_private_name(name: str) -> None:
    assert hasattr(App(), name), f"Textual no longer has App.{name}: see ui/textual_private.py"


def test_the_private_names_are_used_in_that_module_only() -> None:
    import pathlib

    import workout_tui

    package = pathlib.Path(workout_tui.__file__).parent
    users = {
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        for name in PRIVATE_NAMES[1:]  # _fatal_error is the hook the app overrides
        if f".{name}" in path.read_text(encoding="utf-8")
    }
    assert users == {"ui/textual_private.py"}
