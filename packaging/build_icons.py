"""Render the application icon's PNG sizes from the one SVG source.

The PNGs are build output (the SVG is the source): hicolor themes, the .deb and the
Windows/macOS bundles need raster sizes, and drawing them from the SVG keeps one design.

    python packaging/build_icons.py [OUT_DIR]     # default: build/icons

Writes ``OUT_DIR/<size>x<size>/id.claimtrack.ClaimTrack.png`` for each size, plus a
multi-size ``.ico`` for Windows when Pillow is importable (PyInstaller's Windows build
wants one; without Pillow it is skipped with a note).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP_ID = "id.claimtrack.ClaimTrack"
SVG = ROOT / "resources" / "icons" / f"{APP_ID}.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render(svg: Path, out_dir: Path, sizes: tuple[int, ...] = SIZES) -> list[Path]:
    """Draw ``svg`` at every size with QSvgRenderer; returns the PNGs written."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"build_icons: {svg} is not a valid SVG")
    written = []
    for size in sizes:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter)
        painter.end()
        target = out_dir / f"{size}x{size}" / f"{APP_ID}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(target), "PNG"):
            raise SystemExit(f"build_icons: could not write {target}")
        written.append(target)
    return written


def write_ico(pngs: list[Path], target: Path) -> bool:
    """A Windows .ico holding the sizes up to 256 (Pillow if present; else skipped)."""
    try:
        from PIL import Image
    except ImportError:
        return False
    biggest = Image.open(max(pngs, key=lambda p: p.stat().st_size))
    sizes = [(s, s) for s in SIZES if s <= 256]
    biggest.save(target, sizes=sizes)
    return True


def main(argv: list[str]) -> int:
    out_dir = Path(argv[0]) if argv else ROOT / "build" / "icons"
    pngs = render(SVG, out_dir)
    print(f"build_icons: {len(pngs)} PNG sizes in {out_dir}")
    if write_ico(pngs, out_dir / f"{APP_ID}.ico"):
        print(f"build_icons: wrote {out_dir / (APP_ID + '.ico')}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
