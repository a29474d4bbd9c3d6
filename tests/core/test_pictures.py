"""An exercise's own picture: refused from its size and header before it is decoded (a
20,000 x 20,000 PNG in a 49 kB file is no spike in memory), never waited on (a FIFO),
and never handed to a Pillow plugin that runs another program (EPS)."""

from __future__ import annotations

import os
import re
import struct
import time
import tracemalloc
import zlib
from pathlib import Path

import pytest

from workout_tui.core.pictures import (
    MAX_BYTES,
    SHOWN_SIDE,
    PictureError,
    check,
    decode,
    picture_path,
)


def png(path: Path, width: int, height: int) -> Path:
    """A valid black-and-white PNG of any size, written without holding its pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    row = b"\0" * (1 + (width + 7) // 8)  # a filter byte, then the row's bits
    squeeze = zlib.compressobj(9)
    data = b"".join(squeeze.compress(row) for _ in range(height)) + squeeze.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    body = chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + body)
    return path


def refused(path: Path) -> tuple[str, float, int]:
    """What `check` says of `path`, in how many seconds of CPU (waiting for a core that other
    tests share is not work), with what peak of memory (bytes)."""
    import PIL.PngImagePlugin  # noqa: F401  (imported before measuring: not the picture's cost)

    tracemalloc.start()
    started = time.process_time()
    try:
        with pytest.raises(PictureError) as error:
            check(path)
        return str(error.value), time.process_time() - started, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("side", [20_000, 5_000])  # Pillow's own bound refuses only the first
def test_a_picture_with_too_many_pixels_is_refused_from_its_header(
    tmp_path: Path, side: int
) -> None:
    said, seconds, peak = refused(png(tmp_path / "big.png", side, side))
    too_many = "more than 16.8 million pixels (4096 x 4096 at most)"
    assert said == f"{tmp_path / 'big.png'} is too big to show: {too_many}"
    assert seconds < 1.0
    assert peak < 4 * 1024 * 1024, f"{peak / 1e6:.1f} MB"  # decoded, 20,000² would be 50 MB


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b"", "is empty (0 bytes), not a picture"),
        (b"Sit between your heels.\n", "is not a picture (PNG, JPEG, GIF or WebP)"),
        # Pillow reads EPS by running Ghostscript: no such plugin is asked.
        (b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\n", "is not a picture"),
    ],
)
def test_what_is_not_a_picture_is_said_so(tmp_path: Path, content: bytes, said: str) -> None:
    path = tmp_path / "squat.png"
    path.write_bytes(content)
    with pytest.raises(PictureError, match="^" + re.escape(f"{path} {said}")):
        check(path)


def test_a_file_over_the_size_bound_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.png"
    with path.open("wb") as file:
        file.truncate(MAX_BYTES + 1)  # sparse: no disk, and not read
    said, seconds, peak = refused(path)
    assert said == f"{path} is 16.0 MB; a picture may have 16 MB at most"
    assert peak < 1024 * 1024


def test_a_fifo_a_folder_and_no_file_are_said_so_without_waiting(tmp_path: Path) -> None:
    fifo = tmp_path / "squat.png"
    os.mkfifo(fifo)  # nobody writes: opened for reading as a file would wait forever
    started = time.perf_counter()
    for path, said in [(fifo, "is not a file"), (tmp_path, "is not a file")]:
        with pytest.raises(PictureError, match=f"^{path} {said}$"):
            check(path)
    with pytest.raises(PictureError, match="not found$"):
        check(tmp_path / "nothere.png")
    assert time.perf_counter() - started < 1.0


def test_a_damaged_png_is_said_so(tmp_path: Path) -> None:
    path = png(tmp_path / "cut.png", 64, 64)
    data = bytearray(path.read_bytes())
    data[45] ^= 0xFF  # inside the pixels: the chunk's checksum no longer holds
    path.write_bytes(bytes(data))
    with pytest.raises(PictureError, match="is damaged"):
        check(path)


def test_a_picture_is_checked_and_decoded_to_what_a_terminal_can_show(tmp_path: Path) -> None:
    path = png(tmp_path / "squat.png", 3000, 1500)
    assert check(path) == "PNG, 3000 x 1500"
    picture = decode(path)
    assert picture.mode == "RGB"
    assert picture.size == (SHOWN_SIDE, SHOWN_SIDE // 2)


def test_a_jpeg_of_many_scans_is_refused_before_it_is_decoded(tmp_path: Path) -> None:
    """Each scan of a progressive JPEG is decoded over the whole picture: 20,000 scans in
    760 kB took 6 minutes to decode."""
    from PIL import Image

    path = tmp_path / "squat.jpg"
    Image.new("RGB", (64, 64), (200, 30, 40)).save(path, progressive=True)
    data = path.read_bytes()
    assert 1 < data.count(b"\xff\xda") <= 20  # as a camera or a web page makes it
    assert check(path) == "JPEG, 64 x 64"
    first = data.index(b"\xff\xda")
    last = data.rindex(b"\xff\xd9")  # the end: the scans between repeated, as a bomb does
    path.write_bytes(data[:first] + data[first:last] * 60 + data[last:])
    said, seconds, _ = refused(path)
    assert said.endswith("scans; a JPEG picture has 100 at most") and seconds < 1.0


def test_a_path_no_file_can_have_is_said_so_not_raised(tmp_path: Path) -> None:
    with pytest.raises(PictureError, match="it has a NUL character"):
        check(picture_path(tmp_path, "a\0b.png"))
    # `~nobody`: a user this machine has not, whose home Python cannot find.
    with pytest.raises(PictureError, match="not found$"):
        check(picture_path(tmp_path, "~nobody-at-all/squat.png"))


def test_a_picture_cut_short_is_damaged_and_a_phones_portrait_stands_upright(
    tmp_path: Path,
) -> None:
    from PIL import Image

    photo = Image.new("RGB", (400, 200), (200, 30, 40))
    exif = photo.getexif()
    exif[0x0112] = 6  # Orientation: the camera was turned a quarter
    path = tmp_path / "squat.jpg"
    photo.save(path, exif=exif)
    assert decode(path).size == (200, 400)
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    with pytest.raises(PictureError, match="is damaged"):
        check(path)


def test_a_png_of_too_many_chunks_is_refused_before_it_is_read_through(tmp_path: Path) -> None:
    """Pillow reads a PNG's chunks one by one in Python: 16 MB of empty ones took 8 s."""
    path = png(tmp_path / "squat.png", 64, 64)
    data = path.read_bytes()
    assert check(path) == "PNG, 64 x 64"
    comment = b"\x00\x00\x00\x03tEXtk\x00v" + struct.pack(">I", zlib.crc32(b"tEXtk\x00v"))
    path.write_bytes(data[:33] + comment * 20_000 + data[33:])  # after the header
    said, seconds, _ = refused(path)
    assert said.endswith("has over 10000 chunks; a PNG picture has fewer") and seconds < 1.0


def test_validate_reads_a_picture_many_exercises_name_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workout_tui.core import pictures
    from workout_tui.core.library import load_routine

    png(tmp_path / "squat.png", 64, 64)
    read: list[Path] = []

    def counted(path: Path) -> str:
        read.append(path)
        return "PNG, 64 x 64"

    monkeypatch.setattr(pictures, "check", counted)
    exercises = "".join(f"  - {{name: Squat {n}, reps: 8, image: squat.png}}\n" for n in range(5))
    (tmp_path / "r.yaml").write_text(f"name: R\nexercises:\n{exercises}")
    assert load_routine(tmp_path / "r.yaml", pictures=True).summary is not None
    assert read == [tmp_path / "squat.png"]
