"""Read a YAML file into a node tree safely: bounded, marked, and never constructing objects.

Nodes (not Python values) are kept so every later problem can name its line and column.
Only plain YAML values are allowed; a `!!python/...` tag is reported and nothing runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from workout_tui.core.files import NotAFile, read_regular

MAX_FILE_BYTES = 256 * 1024
MAX_DEPTH = 24
MAX_NODES = 20_000  # counted after aliases are followed, so an alias bomb stops here

_LIBYAML = getattr(yaml, "CSafeLoader", None)
_Loader = _LIBYAML or yaml.SafeLoader
_OPEN = (
    yaml.FlowSequenceStartToken,
    yaml.FlowMappingStartToken,
    yaml.BlockSequenceStartToken,
    yaml.BlockMappingStartToken,
)
_CLOSE = (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken, yaml.BlockEndToken)
_PLAIN_TAGS = {
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "seq", "map", "merge")
}


class SourceError(Exception):
    """A file that cannot be read as a bounded, plain YAML document."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.message, self.line, self.column = message, line, column


def read_text(path: Path, what: str = "routine") -> str:
    """Read a routine file (or a figure's: `what`) as UTF-8 text within the size bound, or
    raise SourceError."""
    try:
        data = read_regular(path, MAX_FILE_BYTES + 1)
    except IsADirectoryError:
        raise SourceError(f"is a directory, not a {what} file") from None
    except NotAFile:
        raise SourceError("is not a regular file (a FIFO, device or socket); not read") from None
    except FileNotFoundError:
        raise SourceError("no such file") from None
    except OSError as error:
        raise SourceError(f"cannot read the file: {error.strerror or error}") from None
    if len(data) > MAX_FILE_BYTES:
        raise SourceError(f"file is larger than {MAX_FILE_BYTES // 1024} KiB; a {what} is small")
    if b"\0" in data:
        line, column = _position(data, data.index(b"\0"))
        raise SourceError("file is binary (it has a NUL byte), not YAML text", line, column)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line, column = _position(data, error.start)
        raise SourceError(
            f"file is not UTF-8 text (byte 0x{data[error.start]:02x}); save it as UTF-8",
            line,
            column,
        ) from None


def parse(text: str) -> yaml.Node | None:
    """Compose the text into one YAML node tree (None if it holds no document)."""
    try:
        if _Loader is not _LIBYAML:  # the pure-Python composer recurses: bound it first
            _check_depth(text)
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        raise _located(text, error) from None
    except yaml.YAMLError as error:
        raise SourceError(f"not valid YAML: {error}") from None
    if root is None or root.tag == "tag:yaml.org,2002:null":
        return None  # no document, or one that is only `---`
    _check_nodes(root)
    return root


def _located(text: str, composed: yaml.MarkedYAMLError) -> SourceError:
    """The error to report for a document that did not compose."""
    error = composed
    try:
        _check_depth(text)  # nested past libyaml's own limit: say ours, and where
    except yaml.MarkedYAMLError as scanned:
        error = scanned  # the pure-Python scanner's words, which _MEANING knows
    mark = error.problem_mark or error.context_mark
    return SourceError(_plain(error), *(_one_based(mark) if mark else (1, 1)))


# PyYAML's words for the slips people make by hand, said for a routine file.
_MEANING = {
    "expected '-' indicator": "this line does not line up with the list it is in: every "
    "`- ` item of a list starts in the same column (the list starts on line {line})",
    "did not find expected key": "this line does not line up with the keys above it: the "
    "keys of one exercise start in the same column (they start on line {line})",
    "mapping values are not allowed here": "a `key: value` where none can start: indent "
    "this line like the keys above it, or quote text that holds `: `",
    "cannot start any token": "a tab or a character YAML cannot start with here: indent "
    "with spaces only, and quote text that starts with `@`, `` ` `` or `%`",
}


def _plain(error: yaml.MarkedYAMLError) -> str:
    """What a YAML error means in a routine file, and PyYAML's own words after it."""
    said = " ".join(str(part) for part in (error.context, error.problem) if part)
    mark = error.context_mark or error.problem_mark
    line = mark.line + 1 if mark else 1
    for words, meaning in _MEANING.items():
        if words in said:
            return f"{meaning.format(line=line)} (YAML: {said})"
    return f"not valid YAML: {said}"


def _check_depth(text: str) -> None:
    # Scanning tokens is flat; composing a deeply nested document recurses. libyaml
    # refuses past its own limit (1000), so with it the depth is checked on the composed
    # nodes instead (`_check_nodes`): scanning every file twice was a fifth of the time
    # a library of 2000 routines took to load.
    try:
        _scan_depth(text, _Loader)
    except yaml.YAMLError:
        # libyaml scans ahead and may stop on its own limits (PyYAML 6.0.4 refuses
        # 1000-deep flows) before our bound is reached; the pure-Python scanner
        # yields token by token, so it reaches ours first, or finds the same error.
        if _Loader is yaml.SafeLoader:
            raise
        _scan_depth(text, yaml.SafeLoader)


def _scan_depth(text: str, loader: Any) -> None:
    depth = 0
    for token in yaml.scan(text, Loader=loader):
        if isinstance(token, _OPEN):
            depth += 1
            if depth > MAX_DEPTH:
                raise SourceError(
                    f"nested more than {MAX_DEPTH} levels deep", *_one_based(token.start_mark)
                )
        elif isinstance(token, _CLOSE):
            depth -= 1


def _check_nodes(root: yaml.Node) -> None:
    """Refuse non-plain tags and deep nesting, and count nodes as aliases expand them."""
    count = 0
    stack = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        count += 1
        if depth > MAX_DEPTH and isinstance(node, yaml.CollectionNode):
            raise SourceError(
                f"nested more than {MAX_DEPTH} levels deep", *_one_based(node.start_mark)
            )
        if count > MAX_NODES:
            raise SourceError(
                f"more than {MAX_NODES} values once aliases are expanded",
                *_one_based(node.start_mark),
            )
        if node.tag not in _PLAIN_TAGS:
            raise SourceError(
                f"tag {node.tag.replace('tag:yaml.org,2002:', '!!')} is not allowed; "
                "session files hold plain values only",
                *_one_based(node.start_mark),
            )
        if isinstance(node, yaml.SequenceNode):
            stack.extend((child, depth + 1) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.extend(((key, depth + 1), (value, depth + 1)))


def _one_based(mark: yaml.Mark) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


def _position(data: bytes, offset: int) -> tuple[int, int]:
    before = data[:offset]
    return before.count(b"\n") + 1, offset - (before.rfind(b"\n") + 1) + 1
