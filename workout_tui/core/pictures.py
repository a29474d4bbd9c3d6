"""An exercise's own picture (`image: squat.png`, a file beside its routine), checked and
decoded within bounds: a file too big, or a picture with too many pixels, is refused from
its size and header, before anything is decoded.

Pillow is imported here when a picture is first checked or decoded, not at start-up.
"""

from __future__ import annotations

import contextlib
import io
import os
import struct
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

from workout_tui.core.files import NotAFile, open_regular

if TYPE_CHECKING:
    from PIL.Image import Image

MAX_BYTES = 16 * 1024 * 1024
MAX_PIXELS = 4096 * 4096
# What Pillow reads here: the common picture formats, none that runs another program (EPS).
FORMATS = ("PNG", "JPEG", "GIF", "WEBP")
SHOWN_SIDE = 1024  # no terminal shows more pixels in the room a picture has
# A progressive JPEG decodes each scan over the whole picture: 20,000 scans in 760 kB took
# 6 minutes. A camera's has 1, a web picture's about 10.
MAX_SCANS = 100
# Pillow reads a PNG's chunks one by one in Python: 16 MB of empty ones took 8 s. A PNG
# has a few, and its pixels in chunks of 8 kB or more: 2,000 at the most in 16 MB.
MAX_CHUNKS = 10_000
_TOO_MANY = f"more than {MAX_PIXELS / 1e6:.1f} million pixels (4096 x 4096 at most)"


class PictureError(ValueError):
    """A picture that cannot be shown, and why, in a sentence that names its file."""


def picture_path(folder: Path, written: str) -> Path:
    """Where `image:` points: `written` as a path, relative to the routine's `folder`."""
    path = Path(written)
    with contextlib.suppress(RuntimeError):  # `~nobody/x.png`: a path as written, not found
        path = path.expanduser()
    return path if path.is_absolute() else folder / path


def check(path: Path) -> str:
    """What the picture is (`PNG, 640 x 480`): its checksums checked, and decoded as the
    player would (the bounds are checked first, from its size and header).

    Raises:
        PictureError: missing, not a regular file, empty, too big, damaged or not a picture.
    """
    data = _read(path)
    picture = _open(path, data)
    try:
        picture.verify()  # a PNG's chunks and checksums; the header of the others
    except Exception as error:  # Pillow raises many kinds for a damaged file
        raise PictureError(f"{path} is damaged: {error}") from None
    _shown(path, _open(path, data), SHOWN_SIDE)  # data cut short, which only decoding finds
    return f"{picture.format}, {picture.width} x {picture.height}"


def decode(path: Path, side: int = SHOWN_SIDE) -> Image:
    """The picture in RGB, at most `side` pixels across and down (for a thread: it may
    take a second for a big one).

    Raises:
        PictureError: as `check`.
    """
    return _shown(path, _open(path, _read(path)), side)


def _shown(path: Path, picture: Image, side: int) -> Image:
    """`picture` decoded as it is shown: upright, in RGB, at most `side` pixels a side."""
    from PIL import ImageOps

    try:
        picture.draft("RGB", (side, side))  # a JPEG decodes at a fraction of its size
        picture.thumbnail((side, side))
        return ImageOps.exif_transpose(picture.convert("RGB"))  # a phone's portrait upright
    except Exception as error:
        raise PictureError(f"{path} is damaged: {error}") from None


def _open(path: Path, data: bytes) -> Image:
    """The picture in `data` (read from `path`) with its header read, its pixels not yet
    decoded."""
    # Before Pillow opens it: it reads the chunks before the pixels as it opens.
    if data.startswith(b"\x89PNG\r\n\x1a\n") and _png_chunks(data) > MAX_CHUNKS:
        raise PictureError(f"{path} has over {MAX_CHUNKS} chunks; a PNG picture has fewer")
    from PIL import Image, UnidentifiedImageError

    with warnings.catch_warnings():
        # Pillow warns of a picture over its own bound (and refuses one over twice it).
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            picture = Image.open(io.BytesIO(data), formats=FORMATS)
        except UnidentifiedImageError:
            raise PictureError(f"{path} is not a picture (PNG, JPEG, GIF or WebP)") from None
        except (Image.DecompressionBombWarning, Image.DecompressionBombError):
            raise PictureError(f"{path} is too big to show: {_TOO_MANY}") from None
        except Exception as error:
            raise PictureError(f"{path} cannot be read as a picture: {error}") from None
    if picture.width * picture.height > MAX_PIXELS:
        raise PictureError(f"{path} is too big to show: {_TOO_MANY}")
    # A scan's marker cannot appear inside a scan's data (0xFF is followed by 0 there).
    if picture.format == "JPEG" and (scans := data.count(b"\xff\xda")) > MAX_SCANS:
        raise PictureError(f"{path} has {scans} scans; a JPEG picture has {MAX_SCANS} at most")
    return picture


def _png_chunks(data: bytes) -> int:
    """How many chunks the PNG in `data` has, counted up to one over MAX_CHUNKS."""
    count, at = 0, 8  # past the signature
    while at + 8 <= len(data) and count <= MAX_CHUNKS:
        (length,) = struct.unpack_from(">I", data, at)
        at, count = at + 12 + length, count + 1  # length, type, data, checksum
    return count


def _read(path: Path) -> bytes:
    """The file's bytes, within MAX_BYTES; a FIFO or a device is refused, never waited on."""
    try:
        with open_regular(path) as file:
            size = os.fstat(file.fileno()).st_size
            data = file.read(size) if 0 < size <= MAX_BYTES else b""  # what it held then
    except FileNotFoundError:
        raise PictureError(f"{path} not found") from None
    except (IsADirectoryError, NotAFile):
        raise PictureError(f"{path} is not a file") from None
    except OSError as error:
        raise PictureError(f"{path} cannot be read: {error.strerror or error}") from None
    except ValueError:  # a NUL in the path
        raise PictureError(f"{path} cannot be a file's path (it has a NUL character)") from None
    if size == 0:
        raise PictureError(f"{path} is empty (0 bytes), not a picture")
    if size > MAX_BYTES:
        raise PictureError(
            f"{path} is {size / 1024 / 1024:.1f} MB; a picture may have 16 MB at most"
        )
    return data
