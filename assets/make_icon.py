#!/usr/bin/env python3
"""Draws LeadQ's icon (a score gauge) at every size the packages need, stdlib only.

    python3 assets/make_icon.py

writes, from one drawing (each size rendered on its own, with 4×4 supersampling, not scaled):
  assets/icon.png                      256 px, the window icon (src/ui/mod.rs)
  assets/icons/leadq-<N>.png           N = 16 32 48 64 128 256 512, the Linux hicolor icons
  assets/icon.ico                      16 24 32 48 64 128 256 px (Windows, embedded by build.rs)
  assets/icon.icns                     16 32 64 128 256 512 px incl. @2x (macOS .app bundle)

Run it when the design changes; the results are committed (CI does not run it).
"""
import math
import pathlib
import struct
import zlib

D = 256  # the drawing's own coordinate space


def shade(cx, cy):
    """RGBA of the drawing at (cx, cy), measured from the centre in D-space."""
    r = 44
    ax, ay = abs(cx) - (D / 2 - 8 - r), abs(cy) - (D / 2 - 8 - r)
    d = math.hypot(max(ax, 0), max(ay, 0)) + min(max(ax, ay), 0) - r
    if d > 0:
        return None  # outside the rounded square
    dist = math.hypot(cx, cy)
    ang = (math.degrees(math.atan2(cx, -cy)) + 360) % 360  # 0 at top, clockwise
    # Gauge ring: a grey track from -135° to 135°, red up to 80 %.
    if 66 <= dist <= 92:
        a = (ang + 135) % 360
        if a <= 270:
            return (220, 38, 38) if a <= 216 else (90, 100, 120)
    # Needle dot and a bold "Q" tail: a white disc with a short stroke.
    if dist <= 30:
        return (255, 255, 255)
    if 20 <= cx <= 70 and abs((cy - 20) - (cx - 20)) <= 9 and cy >= 20:
        return (255, 255, 255)
    return (27, 38, 59)


def render(size, ss=4):
    """Rows of RGBA bytes for a size×size image, each pixel the mean of ss×ss samples."""
    k = D / size
    rows = []
    for y in range(size):
        row = bytearray()
        for x in range(size):
            acc = [0, 0, 0, 0]
            for j in range(ss):
                for i in range(ss):
                    c = shade((x + (i + 0.5) / ss) * k - D / 2, (y + (j + 0.5) / ss) * k - D / 2)
                    if c is not None:
                        acc[0] += c[0]
                        acc[1] += c[1]
                        acc[2] += c[2]
                        acc[3] += 1
            n = acc[3]
            if n == 0:
                row += b"\0\0\0\0"
            else:
                row += bytes((round(acc[0] / n), round(acc[1] / n), round(acc[2] / n),
                              round(255 * n / (ss * ss))))
        rows.append(bytes(row))
    return rows


def png(size, rows):
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)
    raw = b"".join(b"\0" + r for r in rows)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def bmp_dib(size, rows):
    """An ICO entry as a 32-bit BGRA DIB (bottom-up, height doubled, all-zero AND mask)."""
    header = struct.pack("<IiiHHIIiiII", 40, size, size * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    pixels = b"".join(bytes(b for px in zip(r[2::4], r[1::4], r[0::4], r[3::4]) for b in px)
                      for r in reversed(rows))
    mask_row = ((size + 31) // 32) * 4
    return header + pixels + b"\0" * (mask_row * size)


def ico(images):
    """images: [(size, bytes)]: PNG from 128 px up, smaller ones as BMP for old loaders."""
    out = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    body = b""
    for size, data in images:
        dim = 0 if size >= 256 else size
        out += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
        body += data
    return out + body


def icns(entries):
    """entries: [(OSType, png bytes)]."""
    body = b"".join(t + struct.pack(">I", len(d) + 8) + d for t, d in entries)
    return b"icns" + struct.pack(">I", len(body) + 8) + body


def main():
    assets = pathlib.Path(__file__).resolve().parent
    (assets / "icons").mkdir(exist_ok=True)
    sizes = [16, 24, 32, 48, 64, 128, 256, 512]
    rows = {s: render(s, 4 if s <= 256 else 2) for s in sizes}
    pngs = {s: png(s, rows[s]) for s in sizes}
    (assets / "icon.png").write_bytes(pngs[256])
    for s in [16, 32, 48, 64, 128, 256, 512]:
        (assets / "icons" / f"leadq-{s}.png").write_bytes(pngs[s])
    (assets / "icon.ico").write_bytes(
        ico([(s, pngs[s] if s >= 128 else bmp_dib(s, rows[s])) for s in [16, 24, 32, 48, 64, 128, 256]]))
    (assets / "icon.icns").write_bytes(icns([
        (b"icp4", pngs[16]), (b"icp5", pngs[32]), (b"icp6", pngs[64]), (b"ic07", pngs[128]),
        (b"ic08", pngs[256]), (b"ic09", pngs[512]), (b"ic11", pngs[32]), (b"ic12", pngs[64]),
        (b"ic13", pngs[256]), (b"ic14", pngs[512]),
    ]))
    print("wrote icon.png, icons/leadq-*.png, icon.ico, icon.icns in", assets)


if __name__ == "__main__":
    main()
