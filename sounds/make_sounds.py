"""Generate the cue sounds in this folder with the standard library only.

Run `python sounds/make_sounds.py` to rewrite them. Each cue has its own short,
distinct pattern so a person can tell them apart without looking at the screen.
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 22_050  # the rate espeak-ng speaks at, so a beep and a voice line join into one buffer
VOLUME = 0.5
FADE = 0.005  # seconds of fade in and out, so tones start and stop without a click

# name -> tones as (frequency in Hz, seconds); frequency 0 is silence
CUES: dict[str, list[tuple[float, float]]] = {
    "tick": [(880, 0.08)],
    "go": [(1320, 0.35)],
    "halfway": [(988, 0.1), (0, 0.05), (988, 0.1)],
    "switch": [(660, 0.1), (0, 0.04), (990, 0.1), (0, 0.04), (660, 0.1)],
    "rest": [(784, 0.15), (587, 0.15), (440, 0.25)],
    "done": [(523, 0.12), (659, 0.12), (784, 0.12), (1047, 0.35)],
}


def tone(frequency: float, seconds: float) -> list[int]:
    """One tone as 16-bit samples, faded at both ends."""
    count = int(RATE * seconds)
    fade = max(1, int(RATE * FADE))
    samples = []
    for i in range(count):
        envelope = min(1.0, i / fade, (count - 1 - i) / fade)
        value = math.sin(2 * math.pi * frequency * i / RATE) if frequency else 0.0
        samples.append(int(32767 * VOLUME * envelope * value))
    return samples


def write(path: Path, tones: list[tuple[float, float]]) -> None:
    """Write the tones in sequence as a mono 16-bit WAV file."""
    samples = [s for frequency, seconds in tones for s in tone(frequency, seconds)]
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(struct.pack(f"<{len(samples)}h", *samples))


if __name__ == "__main__":
    here = Path(__file__).resolve().parent
    for name, tones in CUES.items():
        write(here / f"{name}.wav", tones)
        print(f"wrote {name}.wav")
