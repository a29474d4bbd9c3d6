"""The config's key remapping, checked and completed before Textual applies it.

Textual's keymap drops every binding on a key it takes from a remapped binding, so
`pause = "space,k"` would take space from `done` and `resume` too. The keymap built here
names every binding that shares a key with a remapped one, with its own keys, so each
keeps its key. Two bindings given one key on the same screen are a conflict: reported,
and the remapping that made it is not applied.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from textual.binding import Binding
from textual.screen import Screen


def _keys(text: str) -> list[str]:
    return [key.strip() for key in text.split(",") if key.strip()]


def build_keymap(
    wanted: Mapping[str, str], screens: Iterable[type[Screen[object]]]
) -> tuple[dict[str, str], list[str]]:
    """The keymap to give Textual for the config's `[keys]`, and a problem per bad entry."""
    tables = [[b for b in s.BINDINGS if isinstance(b, Binding) and b.id] for s in screens]
    defaults = {b.id: b.key for table in tables for b in table if b.id}
    problems: list[str] = []
    unknown = sorted(set(wanted) - set(defaults))
    if unknown:
        problems.append(
            f"Unknown key binding id(s) in the config: {', '.join(unknown)}. "
            f"Known: {', '.join(sorted(defaults))}."
        )
    keymap: dict[str, str] = {}
    for binding_id, keys in wanted.items():
        if binding_id in defaults and _keys(keys):
            keymap[binding_id] = ",".join(_keys(keys))
    for table in tables:
        for binding in table:
            other = _conflict(binding, table, keymap, defaults)
            if other and binding.id in keymap:
                problems.append(
                    f'[keys] {binding.id} = "{keymap[binding.id]}": {other[1]} is already '
                    f"the key of {other[0]}; {binding.id} keeps {defaults[binding.id]}."
                )
                del keymap[binding.id]
    # Everything sharing a default key with a remapped binding is named with its own keys.
    for table in tables:
        for binding in table:
            assert binding.id is not None
            if binding.id in keymap:
                continue
            mine = set(_keys(binding.key))
            for remapped in table:
                if remapped.id in keymap and mine & set(_keys(remapped.key)):
                    keymap[binding.id] = binding.key
    return keymap, problems


def _conflict(
    binding: Binding, table: list[Binding], keymap: dict[str, str], defaults: dict[str, str]
) -> tuple[str, str] | None:
    """Another binding of the screen that has one of `binding`'s keys, as (id, key)."""
    mine = _keys(keymap.get(binding.id or "", binding.key))
    for other in table:
        if other is binding or other.id is None:
            continue
        theirs = _keys(keymap.get(other.id, other.key))
        shared_by_design = set(_keys(defaults[other.id])) & set(_keys(binding.key))
        for key in mine:
            if key in theirs and key not in shared_by_design:
                return other.id, key
    return None


def first_key(keymap: Mapping[str, str], binding_id: str, default: str) -> str:
    """The key to name in a hint for `binding_id` ("space to resume")."""
    return (_keys(keymap.get(binding_id, "")) or [default])[0]
