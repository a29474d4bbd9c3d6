"""Cue playback: sounds through simpleaudio, the terminal bell when there is none."""

from workout_tui.audio.player import BellPlayer, CuePlayer, SilentPlayer, SoundPlayer, open_player

__all__ = ["BellPlayer", "CuePlayer", "SilentPlayer", "SoundPlayer", "open_player"]
