"""The app's cue output, opened on first use: sound where there is a device, else the bell
and a flash; a problem with it is said in a notice."""

from __future__ import annotations

from functools import partial

from textual.app import App

from workout_tui.audio import Cues, open_cues
from workout_tui.audio.voice import Voice
from workout_tui.core import locations
from workout_tui.ui.settings import Settings
from workout_tui.ui.textual_private import on_app_thread


def open_app_cues(app: App[None], settings: Settings) -> Cues:
    """The best cue output this machine has, muted as the settings say."""
    voice_on = settings.voice and settings.config.voice
    voice = Voice(locations.cache_dir() / "voice") if voice_on else None
    bell, sounds = settings.config.bell, locations.sounds_dir()
    muted = settings.mute or settings.config.mute
    return open_cues(sounds, voice, partial(ring, app), partial(say, app), bell, muted)


def say(app: App[None], message: str) -> None:
    """Show a one-line notice; safe to call from any thread."""
    if on_app_thread(app):
        app.notify(message, severity="warning", timeout=8)
    else:
        app.call_from_thread(say, app, message)


def ring(app: App[None]) -> None:
    """The sound fallback: ring the terminal bell and flash the screen."""
    app.bell()
    screen = app.screen
    screen.add_class("-flash")
    app.set_timer(0.2, lambda: screen.remove_class("-flash"))
