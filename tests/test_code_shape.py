"""The code stays small enough to read: no UI module over 250 lines, no function over 30
(counted from its first statement after the docstring)."""

from __future__ import annotations

import ast
from pathlib import Path

import workout_tui

PACKAGE = Path(workout_tui.__file__).parent
MAX_UI_MODULE_LINES = 250
MAX_FUNCTION_LINES = 30


def function_lengths(path: Path) -> dict[str, int]:
    lengths = {}
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if ast.get_docstring(node) is not None and len(body) > 1:
                body = body[1:]
            assert body[-1].end_lineno is not None
            lengths[f"{node.name}:{node.lineno}"] = body[-1].end_lineno - body[0].lineno + 1
    return lengths


def test_no_ui_module_is_over_250_lines() -> None:
    long = {
        str(p.relative_to(PACKAGE)): n
        for p in PACKAGE.glob("ui/**/*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_UI_MODULE_LINES
    }
    assert long == {}


def test_no_function_is_over_30_lines() -> None:
    long = {
        f"{p.relative_to(PACKAGE)}:{name}": n
        for p in PACKAGE.rglob("*.py")
        for name, n in function_lengths(p).items()
        if n > MAX_FUNCTION_LINES
    }
    assert long == {}
