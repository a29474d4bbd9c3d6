"""The config's key remapping, checked and completed before Textual applies it.

Textual's keymap drops every binding on a key it takes from a remapped binding, so
`pause = "space,k"` would take space from `done` and `resume` too. The keymap built here
names every binding that shares a key with a remapped one, with its own keys, so each
keeps its key. Two bindings given one key on the same screen are a conflict: reported,
and the remapping that made it is not applied.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.keys import Keys as TextualKeys
from textual.keys import _character_to_key

from workout_tui.ui.bindings import REGISTRY, BindingId, ScreenName, keys_of, split_keys
from workout_tui.ui.bindings import table as screen_bindings

if TYPE_CHECKING:
    from workout_tui.core.moment import Keys

MAX_KEY_NAME = 40  # longer is cut in messages
# Keys the app itself takes, whatever the config says, and what they do.
APP_KEYS = {"ctrl+c": "copies", "ctrl+p": "opens the command palette", "ctrl+q": "quits"}
FILTERING = (ScreenName.HOME, ScreenName.HISTORY)  # screens where a typed word goes to the filter
CHECKIN_KEYS = "0123456789t"  # the check-in's answers: 0 to 9, t for 10
Place = Callable[[str], str]  # "keys.stop" -> "config.toml:LINE: "


def build_keymap(
    wanted: Mapping[str, str], place: Place = lambda setting: ""
) -> tuple[dict[str, str], list[str]]:
    """The keymap to give Textual for the config's `[keys]`, and a problem per bad entry,
    each starting with where it is (`place`). A binding with a problem keeps its keys."""
    tables = {screen: screen_bindings(screen) for screen in REGISTRY}
    known: dict[str | None, list[ScreenName]] = {}  # each id's screens
    for screen, table in tables.items():
        for binding in table:
            known.setdefault(binding.id, []).append(screen)
    problems: list[str] = []
    keymap: dict[str, str] = {}
    for binding_id, keys in wanted.items():
        where = f"{place(f'keys.{binding_id}')}[keys] {_cut(binding_id)}"
        if binding_id not in known:
            close = difflib.get_close_matches(binding_id, [i or "" for i in known], 1, 0.75)
            hint = f"did you mean {close[0]}?" if close else "the README lists every id"
            problems.append(f"{where}: no binding has this id; {hint}")
        elif problem := _refused(split_keys(keys), binding_id, known[binding_id]):
            default = next(b.key for b in tables[known[binding_id][0]] if b.id == binding_id)
            problems.append(f'{where} = "{_cut(keys)}": {problem}; it keeps {default}.')
        else:
            keymap[binding_id] = ",".join(split_keys(keys))
    for bound in tables.values():
        for binding in bound:
            other = _conflict(binding, bound, keymap)
            if other and binding.id in keymap:
                problems.append(
                    f"{place(f'keys.{binding.id}')}[keys] {binding.id} = "
                    f'"{keymap.pop(binding.id)}": {other[1]} is already the key of {other[0]}; '
                    f"{binding.id} keeps {binding.key}."
                )
    _keep_shared_keys(list(tables.values()), keymap)
    return keymap, problems


def _refused(keys: list[str], binding_id: str, screens: list[ScreenName]) -> str:
    """Why `keys` cannot be `binding_id`'s (on `screens`), or "" if they can."""
    if not keys:
        return "no key is given"
    for key in keys:
        if not _pressable(key):
            return f'"{_cut(key)}" is not a key (like s, space, f5 or ctrl+k)'
        if key in APP_KEYS and binding_id != BindingId.QUIT:
            return f"{key} is the app's own key (it {APP_KEYS[key]})"
        if set(screens) & set(FILTERING) and len(key) == 1 and key not in "/?":
            return f'"{key}" is typed into the filter on that screen: take ctrl+ or f-keys'
        if ScreenName.CHECKIN in screens and key in CHECKIN_KEYS:
            return f'"{key}" answers the check-in (0-9, t for 10): take another key'
    return ""


def _pressable(key: str) -> bool:
    """Whether a terminal can send `key` as Textual names it: one printable character, a
    named key (`space`, `f5`, `pageup`), a character's name (`question_mark`), or one of
    Textual's keys with modifiers (`ctrl+k`, `shift+tab`, `ctrl+f5`)."""
    if len(key) == 1:
        return key.isprintable() and not key.isspace()
    return key in _NAMED


# Textual's names: its keys, and what it calls each printable ASCII character (`plus`).
_NAMED = {k.value for k in TextualKeys if not k.value.startswith("<") and "-" not in k.value}
_NAMED |= {_character_to_key(chr(code)) for code in range(33, 127)}


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

    first = {b.id: keys_of(b, keymap)[0] for b in screen_bindings(ScreenName.PLAYER)}
    return Keys(
        resume=first[BindingId.RESUME],
        done=first[BindingId.DONE],
        edit_log=first[BindingId.EDIT_LOG],
    )


def first_keys(screen: ScreenName, keymap: Mapping[str, str]) -> dict[str, str]:
    """The first key of each of a screen's bindings, as mapped, by id: what a hint names
    (`Enter starts the break`)."""
    named = {b.id or "": keys_of(b, keymap)[0] for b in screen_bindings(screen)}
    return {name: key.capitalize() if len(key) > 1 else key for name, key in named.items()}
