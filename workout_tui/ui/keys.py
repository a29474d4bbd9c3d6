"""The config's key remapping, checked and completed before Textual applies it.

Textual's keymap drops every binding on a key it takes from a remapped binding, so
`pause = "space,k"` would take space from `done` and `resume` too. The keymap built here
names every binding that shares a key with a remapped one, with its own keys, so each
keeps its key. Two bindings given one key on the same screen are a conflict: reported,
and the remapping that made it is not applied.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from textual.binding import Binding

from workout_tui.ui.bindings import REGISTRY, keys_of, split_keys
from workout_tui.ui.bindings import table as screen_bindings

if TYPE_CHECKING:
    from workout_tui.core.moment import Keys

KEY_NAME = re.compile(r"[a-z0-9_]+(\+[a-z0-9_]+)*")
MAX_KEY_NAME = 40  # the longest of Textual's, with modifiers, is about 30


def build_keymap(wanted: Mapping[str, str]) -> tuple[dict[str, str], list[str]]:
    """The keymap to give Textual for the config's `[keys]`, and a problem per bad entry."""
    tables = [screen_bindings(screen) for screen in REGISTRY]
    known = {b.id for table in tables for b in table}
    problems: list[str] = []
    if unknown := sorted(set(wanted) - known):
        problems.append(
            f"Unknown key binding id(s) in the config: {', '.join(map(_cut, unknown))}. "
            f"Known: {', '.join(sorted(i for i in known if i))}."
        )
    keymap: dict[str, str] = {}
    for binding_id, keys in wanted.items():
        if binding_id in known and split_keys(keys):
            if bad := [key for key in split_keys(keys) if not _is_key_name(key)]:
                problems.append(
                    f'[keys] {binding_id} = "{_cut(keys)}": "{_cut(bad[0])}" is not a key name '
                    "(like s, space, f5 or ctrl+k); it keeps its own keys."
                )
            else:
                keymap[binding_id] = ",".join(split_keys(keys))
    for bound in tables:
        for binding in bound:
            other = _conflict(binding, bound, keymap)
            if other and binding.id in keymap:
                problems.append(
                    f'[keys] {binding.id} = "{keymap.pop(binding.id)}": {other[1]} is '
                    f"already the key of {other[0]}; {binding.id} keeps {binding.key}."
                )
    _keep_shared_keys(tables, keymap)
    return keymap, problems


def _is_key_name(key: str) -> bool:
    """One printable character, or a key's name as Textual spells it (`space`, `ctrl+k`).
    Anything else would never match a key press, and the footer would print it as is."""
    if len(key) == 1:
        return key.isprintable() and not key.isspace()
    return len(key) <= MAX_KEY_NAME and KEY_NAME.fullmatch(key) is not None


def _cut(text: str) -> str:
    """A config value quoted in a notice, cut to a readable length."""
    return text if len(text) <= MAX_KEY_NAME else text[:MAX_KEY_NAME] + "…"


def _keep_shared_keys(tables: list[list[Binding]], keymap: dict[str, str]) -> None:
    """Name whatever shares a key with a remapped binding, with its own keys, so that
    Textual keeps them. (An id on several screens with other keys, like `back`, is not:
    naming it would give one screen's keys to all.)"""
    keys_seen: dict[str, set[str]] = {}
    for bound in tables:
        for binding in bound:
            keys_seen.setdefault(binding.id or "", set()).add(binding.key)
    for bound in tables:
        remapped = {k for b in bound if b.id in keymap for k in split_keys(b.key)}
        for binding in bound:
            shares = remapped & set(split_keys(binding.key))
            if binding.id not in keymap and shares and len(keys_seen[binding.id or ""]) == 1:
                keymap[binding.id or ""] = binding.key


def _conflict(
    binding: Binding, table: list[Binding], keymap: Mapping[str, str]
) -> tuple[str, str] | None:
    """Another binding of the screen given one of `binding`'s keys, as (id, key); keys
    that the two share by default (space: pause, resume and done) are no conflict."""
    mine = split_keys(keymap.get(binding.id or "", binding.key))
    for other in table:
        if other is binding:
            continue
        theirs = set(split_keys(keymap.get(other.id or "", other.key)))
        by_design = set(split_keys(other.key)) & set(split_keys(binding.key))
        clash = [key for key in mine if key in theirs and key not in by_design]
        if clash:
            return other.id or "", clash[0]
    return None


def hint_keys(keymap: Mapping[str, str]) -> Keys:
    """The keys the player's hints name ("space to resume"), as mapped."""
    from workout_tui.core.moment import Keys

    first = {b.id: keys_of(b, keymap)[0] for b in screen_bindings("player")}
    return Keys(resume=first["resume"], done=first["done"], edit_log=first["edit-log"])


def first_keys(screen: str, keymap: Mapping[str, str]) -> dict[str, str]:
    """The first key of each of a screen's bindings, as mapped, by id: what a hint names
    (`Enter starts the break`)."""
    named = {b.id or "": keys_of(b, keymap)[0] for b in screen_bindings(screen)}
    return {name: key.capitalize() if len(key) > 1 else key for name, key in named.items()}
