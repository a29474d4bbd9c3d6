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
    known = {b.id for table in tables for b in table}
    problems: list[str] = []
    if unknown := sorted(set(wanted) - known):
        problems.append(
            f"Unknown key binding id(s) in the config: {', '.join(unknown)}. "
            f"Known: {', '.join(sorted(i for i in known if i))}."
        )
    keymap = {i: ",".join(_keys(k)) for i, k in wanted.items() if i in known and _keys(k)}
    for table in tables:
        for binding in table:
            other = _conflict(binding, table, keymap)
            if other and binding.id in keymap:
                problems.append(
                    f'[keys] {binding.id} = "{keymap.pop(binding.id)}": {other[1]} is '
                    f"already the key of {other[0]}; {binding.id} keeps {binding.key}."
                )
    # Whatever shares a key with a remapped binding is named with its own keys, so that
    # Textual keeps them. (An id on several screens with other keys, like `back`, is not:
    # naming it would give one screen's keys to all.)
    keys_of: dict[str, set[str]] = {}
    for table in tables:
        for binding in table:
            keys_of.setdefault(binding.id or "", set()).add(binding.key)
    for table in tables:
        remapped = {k for b in table if b.id in keymap for k in _keys(b.key)}
        for binding in table:
            shares = remapped & set(_keys(binding.key))
            if binding.id not in keymap and shares and len(keys_of[binding.id or ""]) == 1:
                keymap[binding.id or ""] = binding.key
    return keymap, problems


def _conflict(
    binding: Binding, table: list[Binding], keymap: Mapping[str, str]
) -> tuple[str, str] | None:
    """Another binding of the screen given one of `binding`'s keys, as (id, key); keys
    that the two share by default (space: pause, resume and done) are no conflict."""
    mine = _keys(keymap.get(binding.id or "", binding.key))
    for other in table:
        if other is binding:
            continue
        theirs = set(_keys(keymap.get(other.id or "", other.key)))
        by_design = set(_keys(other.key)) & set(_keys(binding.key))
        clash = [key for key in mine if key in theirs and key not in by_design]
        if clash:
            return other.id or "", clash[0]
    return None


def first_key(keymap: Mapping[str, str], binding_id: str, default: str) -> str:
    """The key to name in a hint for `binding_id` ("space to resume")."""
    return (_keys(keymap.get(binding_id, "")) or [default])[0]
