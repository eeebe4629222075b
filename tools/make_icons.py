"""Render `resources/icon.svg` into the Windows and macOS icon files.

Run from the repository root:

    .venv/bin/python tools/make_icons.py

It writes `resources/icon.ico` (PNG images of 16 to 256 px, which Windows
Vista and later read) and `resources/icon.icns` (PNG images of 16 to
1024 px, under the type codes that macOS 10.8 and later read). Qt renders
the SVG; the two container formats are written here because Qt's image
writers store a single image per file. `build.spec` embeds the results in
the executable and the macOS app bundle. Painting an SVG without text into a
`QImage` needs no `QGuiApplication`, so no display either.
"""

from __future__ import annotations

import argparse
import struct
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QImage, QImageWriter, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parents[1]
ICO_SIZES_PX = (16, 24, 32, 48, 64, 128, 256)
# ICNS type codes for PNG data and the pixel size each one stores.
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"icp6", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic09", 512),
    (b"ic10", 1024),
    (b"ic11", 32),
    (b"ic12", 64),
    (b"ic13", 256),
    (b"ic14", 512),
)


def render_png(renderer: QSvgRenderer, size_px: int) -> bytes:
    """Render the SVG into a square PNG of `size_px` pixels."""
    image = QImage(size_px, size_px, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QImageWriter(buffer, QByteArray(b"png"))
    if not writer.write(image):
        raise RuntimeError(
            f"Qt failed to encode a {size_px} px PNG: {writer.errorString()}"
        )
    buffer.close()
    return bytes(data.data())


def ico_bytes(pngs: Sequence[tuple[int, bytes]]) -> bytes:
    """Pack (size in pixels, PNG data) pairs into an ICO file."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries = []
    for size_px, png in pngs:
        # A width or height byte of 0 means 256 pixels.
        side = size_px if size_px < 256 else 0
        entries.append(
            struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        )
        offset += len(png)
    return header + b"".join(entries) + b"".join(png for _, png in pngs)


def icns_bytes(chunks: Sequence[tuple[bytes, bytes]]) -> bytes:
    """Pack (type code, PNG data) pairs into an ICNS file."""
    body = b"".join(
        code + struct.pack(">I", 8 + len(data)) + data for code, data in chunks
    )
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def make_icons(svg_path: Path, ico_path: Path, icns_path: Path) -> None:
    renderer = QSvgRenderer(str(svg_path))
    if not renderer.isValid():
        raise SystemExit(f"{svg_path} is missing or not a valid SVG file")

    sizes_px = sorted({*ICO_SIZES_PX, *(size for _, size in ICNS_TYPES)})
    pngs = {size: render_png(renderer, size) for size in sizes_px}
    ico_path.write_bytes(ico_bytes([(size, pngs[size]) for size in ICO_SIZES_PX]))
    icns_path.write_bytes(icns_bytes([(code, pngs[size]) for code, size in ICNS_TYPES]))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--svg", type=Path, default=ROOT / "resources" / "icon.svg", help="source SVG"
    )
    parser.add_argument(
        "--output-dir",
        type=Path,
        default=ROOT / "resources",
        help="folder for icon.ico and icon.icns (default: resources/)",
    )
    args = parser.parse_args(argv)

    make_icons(args.svg, args.output_dir / "icon.ico", args.output_dir / "icon.icns")
    print(f"Wrote icon.ico and icon.icns in {args.output_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
