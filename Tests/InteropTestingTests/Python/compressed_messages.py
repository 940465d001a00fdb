"""Messages as grpcio hands them over with per-message decompression switched off
(channel option grpc.per_message_decompression=0): compressed ones still compressed.

Python's own gzip and zlib modules inflate them, so whatever the Swift peer compressed is
checked against an independent implementation, and the compressed flag becomes visible:
a gzip stream starts with 1f 8b, a zlib (deflate) stream with 0x78 and a header that is a
multiple of 31. No grpc.testing message starts with either byte (field 3 with wire type 7,
field 15), so an uncompressed message is never mistaken for one.
"""
import gzip
import zlib

NO_DECOMPRESSION = [("grpc.per_message_decompression", 0)]


class Received:
    """A message and whether it arrived compressed."""

    def __init__(self, message, compressed):
        self.message = message
        self.compressed = compressed


def inflate(raw):
    """Returns (bytes, compressed): raw inflated with Python's gzip or zlib when compressed."""
    if raw[:2] == b"\x1f\x8b":
        return gzip.decompress(raw), True
    if len(raw) >= 2 and raw[0] == 0x78 and (raw[0] << 8 | raw[1]) % 31 == 0:
        return zlib.decompress(raw), True
    return raw, False


def deserializer(message_type):
    """A grpcio deserializer returning Received(message_type, compressed)."""
    def deserialize(raw):
        body, compressed = inflate(raw)
        return Received(message_type.FromString(body), compressed)
    return deserialize
