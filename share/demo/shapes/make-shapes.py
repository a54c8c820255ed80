#!/usr/bin/python3
"""Draws the demo's shape pictures (160 x 120 PNG, no library but zlib).

Run from this folder to make them again: python3 make-shapes.py
Each picture holds one shape (circle, square or triangle) in a colour on
a pale background, placed and turned a little differently each time, so
the labeler has something to show in every graphics mode. The shapes.jsonl beside it lists them."""
import math
import random
import struct
import zlib

W, H = 160, 120

def png(path, rows):
    raw = b"".join(b"\0" + bytes(r) for r in rows)
    def chunk(kind, data):
        c = kind + data
        return struct.pack(">I", len(data)) + c + \
            struct.pack(">I", zlib.crc32(c) & 0xffffffff)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", W, H, 8, 2, 0, 0, 0)))
        f.write(chunk(b"IDAT", zlib.compress(raw, 9)))
        f.write(chunk(b"IEND", b""))

def inside(shape, x, y, cx, cy, r, turn):
    dx, dy = x - cx, y - cy
    if shape == "circle":
        return dx * dx + dy * dy <= r * r
    c, s = math.cos(turn), math.sin(turn)
    u, v = dx * c + dy * s, -dx * s + dy * c
    if shape == "square":
        return abs(u) <= r * 0.85 and abs(v) <= r * 0.85
    # triangle, point up: three half-planes
    for k in range(3):
        a = turn + k * 2 * math.pi / 3 - math.pi / 2
        if dx * math.cos(a) + dy * math.sin(a) > r * 0.5:
            return False
    return True

def draw(path, shape, colour, bg, seed):
    rnd = random.Random(seed)
    cx, cy = W / 2 + rnd.uniform(-20, 20), H / 2 + rnd.uniform(-12, 12)
    r = rnd.uniform(30, 44)
    turn = rnd.uniform(-0.4, 0.4)
    rows = []
    for y in range(H):
        row = []
        for x in range(W):
            row += colour if inside(shape, x, y, cx, cy, r, turn) else bg
        rows.append(row)
    png(path, rows)

PICTURES = [
    ("shape-01.png", "circle", (200, 40, 40), (235, 235, 225)),
    ("shape-02.png", "square", (40, 90, 200), (240, 232, 215)),
    ("shape-03.png", "triangle", (40, 160, 70), (230, 236, 242)),
    ("shape-04.png", "square", (220, 150, 30), (225, 232, 240)),
    ("shape-05.png", "circle", (120, 60, 170), (238, 238, 230)),
    ("shape-06.png", "triangle", (210, 60, 130), (232, 240, 232)),
    ("shape-07.png", "circle", (30, 140, 150), (244, 236, 226)),
    ("shape-08.png", "triangle", (90, 90, 90), (236, 230, 214)),
    ("shape-09.png", "square", (170, 40, 60), (228, 238, 236)),
]

if __name__ == "__main__":
    for i, (name, shape, colour, bg) in enumerate(PICTURES):
        draw(name, shape, colour, bg, i)
