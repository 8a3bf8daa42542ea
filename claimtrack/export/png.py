"""A tiny RGB canvas that fills rectangles, draws anti-aliased text and writes PNG.

Enough to draw a bar chart without Qt or Pillow: PNG is zlib-compressed scanlines with
CRCs, and the glyphs are pre-rendered alpha maps (see ``_glyphs.py``).
"""

from __future__ import annotations

import base64
import struct
import zlib
from functools import cache

from claimtrack.export._glyphs import FONTS


@cache
def _font(name: str) -> tuple[int, int, dict[str, tuple[float, int, bytes]]]:
    _size, height, ascent, data = FONTS[name]
    blob = zlib.decompress(base64.b64decode("".join(data)))
    glyphs: dict[str, tuple[float, int, bytes]] = {}
    i = 0
    while i < len(blob):
        code = int.from_bytes(blob[i : i + 3], "big")
        advance = int.from_bytes(blob[i + 3 : i + 6], "big") / 100
        width = int.from_bytes(blob[i + 6 : i + 8], "big")
        i += 8
        glyphs[chr(code)] = (advance, width, blob[i : i + width * height])
        i += width * height
    return height, ascent, glyphs


def _rgb(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    if len(value) != 6:
        return (158, 158, 158)
    try:
        return (int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))
    except ValueError:
        return (158, 158, 158)


class Canvas:
    def __init__(self, width: int, height: int, background: str = "#ffffff") -> None:
        self.width = max(1, width)
        self.height = max(1, height)
        self.pixels = bytearray(bytes(_rgb(background)) * (self.width * self.height))

    def rect(self, x: float, y: float, w: float, h: float, colour: str) -> None:
        x0, y0 = max(0, round(x)), max(0, round(y))
        x1, y1 = min(self.width, round(x + w)), min(self.height, round(y + h))
        if x1 <= x0 or y1 <= y0:
            return
        row = bytes(_rgb(colour)) * (x1 - x0)
        for yy in range(y0, y1):
            start = (yy * self.width + x0) * 3
            self.pixels[start : start + len(row)] = row

    def measure(self, text: str, font: str = "regular") -> float:
        _h, _a, glyphs = _font(font)
        fallback = glyphs["?"]
        return sum(glyphs.get(ch, fallback)[0] for ch in text)

    def fit(self, text: str, room: float, font: str = "regular") -> str:
        """``text`` cut with an ellipsis so that it is at most ``room`` pixels wide."""
        if self.measure(text, font) <= room:
            return text
        while text and self.measure(text + "…", font) > room:
            text = text[:-1]
        return text + "…"

    def text(
        self, x: float, baseline: float, text: str, colour: str, font: str = "regular"
    ) -> None:
        height, ascent, glyphs = _font(font)
        fallback = glyphs["?"]
        r, g, b = _rgb(colour)
        top = round(baseline) - ascent
        pen = x
        for ch in text:
            advance, width, alpha = glyphs.get(ch, fallback)
            left = round(pen) - 1
            for gy in range(height):
                yy = top + gy
                if not 0 <= yy < self.height:
                    continue
                line = alpha[gy * width : (gy + 1) * width]
                if not any(line):
                    continue
                for gx, a in enumerate(line):
                    xx = left + gx
                    if a == 0 or not 0 <= xx < self.width:
                        continue
                    i = (yy * self.width + xx) * 3
                    px = self.pixels
                    px[i] = (r * a + px[i] * (255 - a)) // 255
                    px[i + 1] = (g * a + px[i + 1] * (255 - a)) // 255
                    px[i + 2] = (b * a + px[i + 2] * (255 - a)) // 255
            pen += advance

    def png(self) -> bytes:
        stride = self.width * 3
        raw = b"".join(
            b"\x00" + bytes(self.pixels[y * stride : (y + 1) * stride]) for y in range(self.height)
        )

        def chunk(kind: bytes, data: bytes) -> bytes:
            body = kind + data
            return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

        header = struct.pack(">IIBBBBB", self.width, self.height, 8, 2, 0, 0, 0)
        # pHYs: 144 dpi (the chart is drawn at twice its CSS size)
        dpi = struct.pack(">IIB", 5669, 5669, 1)
        return (
            b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", header)
            + chunk(b"pHYs", dpi)
            + chunk(b"IDAT", zlib.compress(raw, 6))
            + chunk(b"IEND", b"")
        )
