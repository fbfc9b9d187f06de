#!/usr/bin/env python3
"""Draws LeadQ's icon (a score gauge) as assets/icon.png and assets/icon.ico, stdlib only.

Run once when the design changes; the results are committed. Kept so the icon can be remade.
"""
import math, struct, zlib, pathlib

S = 256
def pixel(x, y):
    cx, cy = x - S / 2 + 0.5, y - S / 2 + 0.5
    # Rounded square background.
    r = 44
    ax, ay = abs(cx) - (S / 2 - 8 - r), abs(cy) - (S / 2 - 8 - r)
    d = math.hypot(max(ax, 0), max(ay, 0)) + min(max(ax, ay), 0) - r
    if d > 0.5:
        return (0, 0, 0, 0)
    alpha = int(255 * min(1, 0.5 - d)) if d > -0.5 else 255
    bg = (27, 38, 59)
    dist = math.hypot(cx, cy)
    ang = (math.degrees(math.atan2(cx, -cy)) + 360) % 360  # 0 at top, clockwise
    # Gauge ring: a grey track from -135° to 135°, red up to 80 %.
    if 66 <= dist <= 92:
        a = (ang + 135) % 360
        if a <= 270:
            return ((220, 38, 38, alpha) if a <= 216 else (90, 100, 120, alpha))
    # Needle dot and a bold "Q" tail: a white disc with a short stroke.
    if dist <= 30:
        return (255, 255, 255, alpha)
    if 20 <= cx <= 70 and abs((cy - 20) - (cx - 20)) <= 9 and cy >= 20:
        return (255, 255, 255, alpha)
    return bg + (alpha,)

rows = []
for y in range(S):
    row = bytearray([0])
    for x in range(S):
        row += bytes(pixel(x, y))
    rows.append(bytes(row))
raw = b"".join(rows)
def chunk(t, d):
    return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", S, S, 8, 6, 0, 0, 0)) \
    + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")
assets = pathlib.Path(__file__).resolve().parent
(assets / "icon.png").write_bytes(png)
# ICO with one 256×256 PNG entry (width/height 0 mean 256).
ico = struct.pack("<HHH", 0, 1, 1) + struct.pack("<BBBBHHII", 0, 0, 0, 0, 1, 32, len(png), 22) + png
(assets / "icon.ico").write_bytes(ico)
print("wrote", assets / "icon.png", len(png), "bytes")
