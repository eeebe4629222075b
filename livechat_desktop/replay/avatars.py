"""Generated avatar images for the replay server, encoded as PNG in pure Python.

Each avatar is a filled circle on a transparent square with a light shape in
the middle. The hue, the shape and its size come from a SHA-256 hash of the
name, so one name always gets the same image and different names look
different. Edges are anti-aliased from signed distances, one sample per pixel.
"""

from __future__ import annotations

import colorsys
import functools
import hashlib
import math
import struct
import zlib
from collections.abc import Callable

DEFAULT_SIZE_PX = 88
MIN_SIZE_PX = 16
MAX_SIZE_PX = 256

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

# Signed distance from a point to a shape's edge, negative inside. The point
# and the distance are in units of the avatar's radius.
_DistanceFunction = Callable[[float, float], float]


def clamp_size(size_px: int) -> int:
    """Clamp a requested edge length to the range the server renders."""
    return max(MIN_SIZE_PX, min(MAX_SIZE_PX, size_px))


@functools.lru_cache(maxsize=256)
def avatar_png(name: str, size_px: int = DEFAULT_SIZE_PX) -> bytes:
    """Render the avatar for `name` as an RGBA PNG of `size_px` square pixels.

    `size_px` is clamped to `MIN_SIZE_PX`..`MAX_SIZE_PX`.
    """
    size_px = clamp_size(size_px)
    digest = hashlib.sha256(name.encode("utf-8")).digest()

    hue = int.from_bytes(digest[0:2], "big") / 65536
    background = _rgb(hue, saturation=0.55 + digest[2] / 255 * 0.25, value=0.80)
    foreground = _rgb(
        (hue + 0.5) % 1.0, saturation=0.12 + digest[3] / 255 * 0.15, value=1.0
    )
    shape = _shape_distance(digest)

    red, green, blue = background
    red_step, green_step, blue_step = (
        fore - back for fore, back in zip(foreground, background, strict=True)
    )
    pixels = bytearray()
    # One pixel of the image, in units of the radius, for the anti-aliasing ramp.
    pixel = 2.0 / size_px
    for row in range(size_px):
        y = (row + 0.5) * pixel - 1.0
        pixels.append(0)  # PNG filter type 0 (None) for this scanline.
        for column in range(size_px):
            x = (column + 0.5) * pixel - 1.0
            disc = _coverage(math.hypot(x, y) - 1.0 + pixel / 2, pixel)
            if disc == 0.0:
                pixels += b"\x00\x00\x00\x00"
                continue
            mark = _coverage(shape(x, y), pixel)
            pixels += bytes(
                (
                    round(red + red_step * mark),
                    round(green + green_step * mark),
                    round(blue + blue_step * mark),
                    round(255 * disc),
                )
            )
    return encode_png(size_px, size_px, bytes(pixels))


def encode_png(width: int, height: int, scanlines: bytes) -> bytes:
    """Encode 8-bit RGBA scanlines as a PNG file.

    Args:
        width: Image width in pixels.
        height: Image height in pixels.
        scanlines: `height` rows, each a filter-type byte followed by
            `width` RGBA pixels.

    Raises:
        ValueError: `scanlines` does not have the length the size implies.
    """
    expected = height * (1 + 4 * width)
    if len(scanlines) != expected:
        raise ValueError(
            f"PNG scanlines are {len(scanlines)} bytes, but a {width}x{height} "
            f"RGBA image needs {expected}"
        )
    # Bit depth 8, colour type 6 (RGBA), default compression, filter and no
    # interlace.
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return b"".join(
        (
            PNG_SIGNATURE,
            _chunk(b"IHDR", header),
            _chunk(b"IDAT", zlib.compress(scanlines, 9)),
            _chunk(b"IEND", b""),
        )
    )


def _chunk(chunk_type: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(chunk_type + data)
    return struct.pack(">I", len(data)) + chunk_type + data + struct.pack(">I", crc)


def _rgb(hue: float, *, saturation: float, value: float) -> tuple[int, int, int]:
    red, green, blue = colorsys.hsv_to_rgb(hue, saturation, value)
    return round(red * 255), round(green * 255), round(blue * 255)


def _coverage(distance: float, pixel: float) -> float:
    """Return how much of a pixel a shape covers, from the signed distance."""
    return min(1.0, max(0.0, 0.5 - distance / pixel))


def _shape_distance(digest: bytes) -> _DistanceFunction:
    """Pick the inner shape and its size from hash bytes 4 and 5."""
    size = 0.36 + digest[5] / 255 * 0.16
    kind = digest[4] % 5

    if kind == 0:
        return lambda x, y: math.hypot(x, y) - size
    if kind == 1:
        # A ring of a fifth of the shape's size in width.
        return lambda x, y: abs(math.hypot(x, y) - size) - size * 0.2
    if kind == 2:
        return lambda x, y: _box_distance(x, y, size * 0.8)
    if kind == 3:
        # A square turned by 45 degrees.
        return lambda x, y: _box_distance(
            (x + y) / math.sqrt(2), (x - y) / math.sqrt(2), size * 0.75
        )
    return lambda x, y: _triangle_distance(x, y, size)


def _box_distance(x: float, y: float, half_side: float) -> float:
    dx = abs(x) - half_side
    dy = abs(y) - half_side
    outside = math.hypot(max(dx, 0.0), max(dy, 0.0))
    return outside + min(max(dx, dy), 0.0)


def _triangle_distance(x: float, y: float, radius: float) -> float:
    """Return the signed distance to an equilateral triangle, apex up.

    `radius` is the distance from the centroid, at the origin, to each vertex.
    The plane is folded onto one edge by the triangle's mirror symmetry.
    """
    root3 = math.sqrt(3.0)
    half_side = radius * root3 / 2
    px = abs(x) - half_side
    # Image rows grow downwards, so y is negated to point the apex up.
    py = -y + half_side / root3
    if px + root3 * py > 0.0:
        px, py = (px - root3 * py) / 2, (-root3 * px - py) / 2
    px -= min(0.0, max(-2 * half_side, px))
    return -math.hypot(px, py) * math.copysign(1.0, py)
