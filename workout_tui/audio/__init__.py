"""Cue playback: sounds through simpleaudio, the terminal bell when there is none."""

from workout_tui.audio.cues import BellCues, Cues, SilentCues, SoundCues, open_cues

__all__ = ["BellCues", "Cues", "SilentCues", "SoundCues", "open_cues"]
