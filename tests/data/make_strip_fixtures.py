#!/usr/bin/env python3
"""Writes the metadata-stripper fixtures strip_*.jpg and strip_*.png into this folder.

The pictures are small noise images encoded by cjpeg (libjpeg-turbo-progs) and by zlib; the
metadata is spliced in by hand, carrying the red team's H4 author and GPS in every place a camera
or an editor puts them. Run from anywhere: python3 tests/data/make_strip_fixtures.py
"""
import os
import random
import struct
import subprocess
import tempfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
AUTHOR = b"Kartini Wulandari"
GPS_TEXT = b"-6.123456 106.876543"
# -6.123456 = 6 deg 7 min 24.41616 s S; 106.876543 = 106 deg 52 min 35.5548 s E.
LAT = [(6, 1), (7, 1), (2441616, 100000)]
LON = [(106, 1), (52, 1), (355548, 10000)]


def pixels(w, h, seed):
    rnd = random.Random(seed)
    out = bytearray()
    for y in range(h):
        for x in range(w):
            out += bytes([(x * 6 + rnd.randint(0, 60)) % 256, (y * 10 + rnd.randint(0, 60)) % 256,
                          (x * y + rnd.randint(0, 255)) % 256])
    return bytes(out)


def cjpeg(w, h, seed, *flags):
    with tempfile.TemporaryDirectory() as d:
        ppm = os.path.join(d, "in.ppm")
        with open(ppm, "wb") as f:
            f.write(b"P6 %d %d 255\n" % (w, h) + pixels(w, h, seed))
        return subprocess.run(["cjpeg", *flags, ppm], check=True, capture_output=True).stdout


def exif_tiff():
    """A little-endian TIFF with IFD0 (Make, Artist, ImageDescription, GPSInfo) and a GPS IFD."""
    entries0, entries_gps = [], []
    blobs = bytearray()

    def ascii_entry(tag, text):
        return (tag, 2, text + b"\0")

    entries0 = [ascii_entry(0x010F, b"NetraPhone"), ascii_entry(0x010E, GPS_TEXT), ascii_entry(0x013B, AUTHOR)]
    entries_gps = [ascii_entry(1, b"S"), (2, 5, LAT), ascii_entry(3, b"E"), (4, 5, LON)]
    ifd0_at = 8
    ifd0_size = 2 + 12 * (len(entries0) + 1) + 4
    gps_at = ifd0_at + ifd0_size
    gps_size = 2 + 12 * len(entries_gps) + 4
    blob_at = gps_at + gps_size

    def encode(entries):
        nonlocal blobs
        out = struct.pack("<H", len(entries))
        for tag, typ, value in entries:
            if typ == 2:
                data, count = value, len(value)
            else:
                data, count = b"".join(struct.pack("<II", n, d) for n, d in value), len(value)
            if len(data) <= 4:
                out += struct.pack("<HHI", tag, typ, count) + data.ljust(4, b"\0")
            else:
                out += struct.pack("<HHII", tag, typ, count, blob_at + len(blobs))
                blobs += data
        return out

    ifd0 = encode(entries0)
    ifd0 = struct.pack("<H", len(entries0) + 1) + ifd0[2:] + struct.pack("<HHII", 0x8825, 4, 1, gps_at) + b"\0" * 4
    gps = encode(entries_gps) + b"\0" * 4
    return b"II*\0" + struct.pack("<I", ifd0_at) + ifd0 + gps + bytes(blobs)


def segment(marker, payload):
    return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload


def exif_app1():
    return segment(0xE1, b"Exif\0\0" + exif_tiff())


def xmp_app1():
    xmp = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description dc:creator="' + AUTHOR +
           b'" exif:GPSLatitude="6,7.4073S" exif:GPSLongitude="106,52.5926E"/></rdf:RDF></x:xmpmeta>')
    return segment(0xE1, b"http://ns.adobe.com/xap/1.0/\0" + xmp)


def jfif_segments(jpeg):
    """Splits a cjpeg output into SOI, its APP0 JFIF (or b""), and the rest."""
    assert jpeg[:2] == b"\xff\xd8"
    if jpeg[2:4] == b"\xff\xe0":
        n = struct.unpack(">H", jpeg[4:6])[0]
        return jpeg[:2], jpeg[2:4 + n], jpeg[4 + n:]
    return jpeg[:2], b"", jpeg[2:]


def mpo_jpeg():
    """First frame: JFIF with a thumbnail, Exif, XMP, MPF, Photoshop IPTC and COM; restart markers
    every MCU row. Second frame after the first EOI: its own Exif with the author and GPS."""
    first = cjpeg(40, 24, 1, "-restart", "1", "-quality", "92")
    soi, jfif, rest = jfif_segments(first)
    jfif = segment(0xE0, b"JFIF\0\x01\x02\x01\x00\x48\x00\x48\x01\x01" + b"\x10\x20\x30")  # 1x1 thumbnail
    mpf = segment(0xE2, b"MPF\0II*\0" + b"\0" * 8 + AUTHOR)
    iptc = segment(0xED, b"Photoshop 3.0\x008BIM\x04\x04\0\0\0\0\0\x16\x1c\x02\x50\0\x11" + AUTHOR)
    com = segment(0xFE, b"taken by " + AUTHOR + b" at " + GPS_TEXT)
    second = cjpeg(16, 8, 2)
    s_soi, s_jfif, s_rest = jfif_segments(second)
    return soi + jfif + exif_app1() + xmp_app1() + mpf + iptc + com + rest + s_soi + exif_app1() + s_rest


def progressive_jpeg():
    """A progressive JPEG with Exif before the frame and a COM and XMP between its scans."""
    jpeg = cjpeg(40, 24, 3, "-progressive")
    soi, jfif, rest = jfif_segments(jpeg)
    second_sos = rest.find(b"\xff\xda", rest.find(b"\xff\xda") + 2)
    assert second_sos > 0
    between = segment(0xFE, b"edited by " + AUTHOR) + xmp_app1()
    return soi + jfif + exif_app1() + rest[:second_sos] + between + rest[second_sos:] + b"trailer " + AUTHOR


def renumber_components(jpeg):
    """Renames components R, G, B to 1, 2, 3 in the frame and scan headers, so that only the Adobe
    APP14 tells a decoder the file is RGB-coded."""
    out, pos = bytearray(jpeg), 2
    rename = {0x52: 1, 0x47: 2, 0x42: 3}
    while out[pos] == 0xFF and out[pos + 1] != 0xDA:
        n = struct.unpack(">H", out[pos + 2:pos + 4])[0]
        if out[pos + 1] == 0xC0:
            for c in range(out[pos + 9]):
                out[pos + 10 + 3 * c] = rename[out[pos + 10 + 3 * c]]
        pos += 2 + n
    assert out[pos + 4] == 3
    for c in range(3):
        out[pos + 5 + 2 * c] = rename[out[pos + 5 + 2 * c]]
    return bytes(out)


def adobe_rgb_jpeg():
    """An RGB-coded JPEG (one scan) whose Adobe APP14 says so (transform 0), with Exif and an ICC
    profile. Its components are numbered 1, 2, 3, so without the APP14 it would decode as YCbCr."""
    jpeg = renumber_components(cjpeg(40, 24, 4, "-rgb"))
    assert jpeg[2:4] == b"\xff\xee"
    icc = segment(0xE2, b"ICC_PROFILE\0\x01\x01" + b"\0" * 12 + b"desc " + AUTHOR)
    return jpeg[:2] + exif_app1() + icc + jpeg[2:]


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def c2pa_png():
    """An RGB PNG with every kind of text and provenance chunk, its image data split in two IDATs."""
    w, h = 24, 16
    raw = pixels(w, h, 5)
    rows = b"".join(b"\x00" + raw[y * w * 3:(y + 1) * w * 3] for y in range(h))  # filter type None
    z = zlib.compress(rows, 9)
    caBX = (b"\0\0\0\x20jumb\0\0\0\x18jumdc2pa\0\x11\0\x10\x80\0\0\xaa\0\x38\x9b\x71c2pa\0"
            b'{"@type":"CreativeWork","author":[{"name":"' + AUTHOR + b'"}],"exif:GPSLatitude":"' + GPS_TEXT + b'"}')
    png = b"\x89PNG\r\n\x1a\n"
    png += chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
    png += chunk(b"gAMA", struct.pack(">I", 45455))
    png += chunk(b"cHRM", struct.pack(">8I", 31270, 32900, 64000, 33000, 30000, 60000, 15000, 6000))
    png += chunk(b"iCCP", AUTHOR + b"'s phone\0\0" + zlib.compress(b"profile of " + AUTHOR))
    png += chunk(b"pHYs", struct.pack(">IIB", 5669, 5669, 1))
    png += chunk(b"caBX", caBX)
    png += chunk(b"eXIf", exif_tiff())
    png += chunk(b"tEXt", b"Author\0" + AUTHOR)
    png += chunk(b"zTXt", b"Comment\0\0" + zlib.compress(AUTHOR + b" " + GPS_TEXT))
    png += chunk(b"iTXt", b"XML:com.adobe.xmp\0\0\0\0\0<dc:creator>" + AUTHOR + b"</dc:creator>")
    png += chunk(b"tIME", struct.pack(">HBBBBB", 2024, 11, 19, 8, 30, 0))
    png += chunk(b"prVt", b"private " + GPS_TEXT)
    png += chunk(b"IDAT", z[:len(z) // 2]) + chunk(b"IDAT", z[len(z) // 2:])
    png += chunk(b"IEND", b"")
    return png + b"after the end: " + AUTHOR


if __name__ == "__main__":
    for name, data in [("strip_mpo_exif_gps.jpg", mpo_jpeg()), ("strip_progressive_meta.jpg", progressive_jpeg()),
                       ("strip_adobe_rgb.jpg", adobe_rgb_jpeg()), ("strip_c2pa_text.png", c2pa_png())]:
        with open(os.path.join(HERE, name), "wb") as f:
            f.write(data)
        print(name, len(data))
