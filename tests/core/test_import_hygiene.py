"""The core never imports Textual: each module is imported alone in a fresh interpreter."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import workout_tui.core

CORE = Path(workout_tui.core.__file__).parent
MODULES = sorted(
    "workout_tui.core." + ".".join(p.relative_to(CORE).with_suffix("").parts)
    for p in CORE.rglob("*.py")
    if p.stem != "__init__"
)


def test_the_core_has_the_modules_we_expect() -> None:
    expected = {
        "workout_tui.core.engine",
        "workout_tui.core.log.store",
        "workout_tui.core.workspace",
    }
    assert expected <= set(MODULES)


@pytest.mark.parametrize("module", [*MODULES, "workout_tui.cli"])
def test_module_does_not_import_textual(module: str) -> None:
    code = f"import sys, {module}; print('textual' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False", f"{module} pulled in textual"
