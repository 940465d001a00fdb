"""The Python protobuf peer for the codec's differential tests.

Usage: protobuf_peer.py GENERATED_DIR
GENERATED_DIR holds codectest/test_messages_pb2.py, made by grpc_tools.protoc at test time.

Reads requests from stdin until EOF, each: one op byte, a 4-byte little-endian length, and
that many bytes of an encoded codectest.TestAllTypes. Ops:
  R  parse, then serialize again (a round trip through Python)
  U  parse, merge in fields TestAllTypes does not know (from UnknownFieldSource), serialize
Writes one reply per request: b"K" or b"E", a 4-byte little-endian length, and the
serialized message (K) or the error text (E).
"""

import struct
import sys

sys.path.insert(0, sys.argv[1])
from codectest import test_messages_pb2  # noqa: E402


def unknown_fields_for(index):
    extra = test_messages_pb2.UnknownFieldSource()
    extra.extra_varint = -index - 1
    extra.extra_fixed32 = index
    extra.extra_fixed64 = 1 << 60
    extra.extra_string = "python ✓ %d" % index
    extra.extra_packed.extend([index, -index, 1 << 20])
    return extra.SerializeToString()


def answer(op, payload, index):
    message = test_messages_pb2.TestAllTypes()
    message.ParseFromString(payload)
    if op == b"U":
        message.MergeFromString(unknown_fields_for(index))
    elif op != b"R":
        raise ValueError("unknown op %r" % op)
    return message.SerializeToString()


def main():
    source = sys.stdin.buffer
    sink = sys.stdout.buffer
    index = 0
    while True:
        header = source.read(5)
        if not header:
            break
        op, length = header[:1], struct.unpack("<I", header[1:])[0]
        payload = source.read(length)
        try:
            status, body = b"K", answer(op, payload, index)
        except Exception as error:  # reported to the Swift side, which fails the test
            status, body = b"E", repr(error).encode()
        sink.write(status + struct.pack("<I", len(body)) + body)
        index += 1
    sink.flush()


main()
