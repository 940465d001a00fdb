"""A grpcio interop client running one test case of the interop specification.
Usage: interop_client.py --stubs=DIR --server_host=H --server_port=N --test_case=NAME
                         [--compression=gzip|deflate]
                         [--use_tls=true --ca_file=F --server_host_override=NAME]
Exits 0 after 'test case NAME passed', 1 with the failed assertion on standard error.

The compressed cases compress requests with --compression (gzip by default). grpcio cannot
switch compression per request message, so client_compressed_streaming sends its second
message compressed too (the server checks only messages expected compressed). Responses of
the server_compressed cases are read with decompression off, to see their compressed flag."""
import argparse
import queue
import sys

import grpc

import compressed_messages
import interop_stubs

parser = argparse.ArgumentParser()
parser.add_argument("--stubs", required=True)
parser.add_argument("--server_host", default="localhost")
parser.add_argument("--server_port", type=int, required=True)
parser.add_argument("--test_case", required=True)
parser.add_argument("--compression", choices=["gzip", "deflate"], default="gzip")
parser.add_argument("--use_tls", default="false")
parser.add_argument("--ca_file")
parser.add_argument("--server_host_override")
arguments = parser.parse_args()
empty_pb2, messages, test_grpc = interop_stubs.load(arguments.stubs)

REQUEST_SIZES = [27182, 8, 1828, 45904]
RESPONSE_SIZES = [31415, 9, 2653, 58979]
ECHO_METADATA = ((interop_stubs.ECHO_INITIAL, "test_initial_metadata_value"),
                 (interop_stubs.ECHO_TRAILING, b"\xab\xab\xab"))


class Failure(Exception):
    pass


def expect(condition, message):
    if not condition:
        raise Failure(message)


def expect_status(code, message, call):
    try:
        call()
    except grpc.RpcError as error:
        expect(error.code() == code, "ended with %s, expected %s" % (error.code(), code))
        if message is not None:
            expect(error.details() == message, "status message %r, expected %r" % (error.details(), message))
        return
    raise Failure("succeeded, but had to end with %s" % code)


class RequestPipe:
    """Request messages written one at a time; None ends the request stream."""

    def __init__(self):
        self.queue = queue.Queue()

    def __iter__(self):
        while True:
            item = self.queue.get()
            if item is None:
                return
            yield item

    def put(self, request):
        self.queue.put(request)


def zeros(size):
    return messages.Payload(body=bytes(size))


def duplex_request(response_size, request_size):
    return messages.StreamingOutputCallRequest(
        response_parameters=[messages.ResponseParameters(size=response_size)], payload=zeros(request_size))


def large_request():
    return messages.SimpleRequest(response_size=314159, payload=zeros(271828))


def empty_unary(stub, _):
    expect(isinstance(stub.EmptyCall(empty_pb2.Empty()), empty_pb2.Empty), "no Empty response")


def large_unary(stub, _):
    body = stub.UnaryCall(large_request()).payload.body
    expect(body == bytes(314159), "payload of %d bytes, not 314159 zeros" % len(body))


def client_streaming(stub, _):
    requests = [messages.StreamingInputCallRequest(payload=zeros(size)) for size in REQUEST_SIZES]
    total = stub.StreamingInputCall(iter(requests)).aggregated_payload_size
    expect(total == 74922, "aggregated_payload_size %d, expected 74922" % total)


def server_streaming(stub, _):
    request = messages.StreamingOutputCallRequest(
        response_parameters=[messages.ResponseParameters(size=size) for size in RESPONSE_SIZES])
    bodies = [response.payload.body for response in stub.StreamingOutputCall(request)]
    expect(bodies == [bytes(size) for size in RESPONSE_SIZES], "sizes %s" % [len(b) for b in bodies])


def ping_pong(stub, _):
    pipe = RequestPipe()
    call = stub.FullDuplexCall(iter(pipe))
    for request_size, response_size in zip(REQUEST_SIZES, RESPONSE_SIZES):
        pipe.put(duplex_request(response_size, request_size))
        body = next(call).payload.body
        expect(body == bytes(response_size), "response of %d bytes, expected %d zeros" % (len(body), response_size))
    pipe.put(None)
    expect(next(call, None) is None, "more than four responses")


def empty_stream(stub, _):
    responses = list(stub.FullDuplexCall(iter([])))
    expect(responses == [], "%d responses, expected none" % len(responses))


def timeout_on_sleeping_server(stub, _):
    pipe = RequestPipe()
    pipe.put(messages.StreamingOutputCallRequest(payload=zeros(27182)))
    call = stub.FullDuplexCall(iter(pipe), timeout=0.001)
    expect_status(grpc.StatusCode.DEADLINE_EXCEEDED, None, lambda: next(call))
    pipe.put(None)


def cancel_after_begin(stub, _):
    pipe = RequestPipe()
    future = stub.StreamingInputCall.future(iter(pipe))
    future.cancel()
    expect(future.cancelled(), "the call was not cancelled")
    expect(future.code() == grpc.StatusCode.CANCELLED, "ended with %s" % future.code())
    pipe.put(None)


def cancel_after_first_response(stub, _):
    pipe = RequestPipe()
    call = stub.FullDuplexCall(iter(pipe))
    pipe.put(duplex_request(31415, 27182))
    body = next(call).payload.body
    expect(len(body) == 31415, "first response of %d bytes, expected 31415" % len(body))
    call.cancel()
    expect_status(grpc.StatusCode.CANCELLED, None, lambda: next(call))
    pipe.put(None)


def expect_echoed_status(stub, message, duplex):
    status = messages.EchoStatus(code=2, message=message)
    expect_status(grpc.StatusCode.UNKNOWN, message,
                  lambda: stub.UnaryCall(messages.SimpleRequest(response_status=status)))
    if duplex:
        request = messages.StreamingOutputCallRequest(response_status=status)
        expect_status(grpc.StatusCode.UNKNOWN, message, lambda: list(stub.FullDuplexCall(iter([request]))))


def status_code_and_message(stub, _):
    expect_echoed_status(stub, "test status message", duplex=True)


def special_status_message(stub, _):
    expect_echoed_status(stub, "\t\ntest with whitespace\r\nand Unicode BMP \u263a and non-BMP \U0001f608\t\n", duplex=False)


def expect_echoed_metadata(call, what):
    initial = dict(call.initial_metadata()).get(interop_stubs.ECHO_INITIAL)
    expect(initial == "test_initial_metadata_value", "%s: initial metadata %r" % (what, initial))
    trailing = dict(call.trailing_metadata()).get(interop_stubs.ECHO_TRAILING)
    expect(trailing == b"\xab\xab\xab", "%s: trailing metadata %r" % (what, trailing))


def custom_metadata(stub, _):
    response, call = stub.UnaryCall.with_call(large_request(), metadata=ECHO_METADATA)
    expect(len(response.payload.body) == 314159, "UnaryCall payload of %d bytes" % len(response.payload.body))
    expect_echoed_metadata(call, "UnaryCall")
    call = stub.FullDuplexCall(iter([duplex_request(314159, 271828)]), metadata=ECHO_METADATA)
    sizes = [len(response.payload.body) for response in call]
    expect(sizes == [314159], "FullDuplexCall response sizes %s" % sizes)
    expect_echoed_metadata(call, "FullDuplexCall")


COMPRESSION = {"gzip": grpc.Compression.Gzip, "deflate": grpc.Compression.Deflate}[arguments.compression]


def compressed_request(expect_compressed):
    request = large_request()
    request.expect_compressed.value = expect_compressed
    return request


def client_compressed_unary(stub, _):
    expect_status(grpc.StatusCode.INVALID_ARGUMENT, None, lambda: stub.UnaryCall(compressed_request(True)))
    for compressed in [True, False]:
        response = stub.UnaryCall(compressed_request(compressed), compression=COMPRESSION if compressed else None)
        expect(response.payload.body == bytes(314159), "payload of %d bytes" % len(response.payload.body))


def client_compressed_streaming(stub, _):
    def request(size, expect_compressed):
        message = messages.StreamingInputCallRequest(payload=zeros(size))
        message.expect_compressed.value = expect_compressed
        return message
    expect_status(grpc.StatusCode.INVALID_ARGUMENT, None, lambda: stub.StreamingInputCall(iter([request(27182, True)])))
    response = stub.StreamingInputCall(iter([request(27182, True), request(45904, False)]), compression=COMPRESSION)
    expect(response.aggregated_payload_size == 73086, "aggregated_payload_size %d" % response.aggregated_payload_size)


def raw_channel():
    return open_channel(compressed_messages.NO_DECOMPRESSION)


def server_compressed_unary(_stub, _channel):
    with raw_channel() as channel:
        call = channel.unary_unary("/grpc.testing.TestService/UnaryCall",
                                   request_serializer=messages.SimpleRequest.SerializeToString,
                                   response_deserializer=compressed_messages.deserializer(messages.SimpleResponse))
        for compressed in [True, False]:
            request = large_request()
            request.response_compressed.value = compressed
            received = call(request)
            expect(received.compressed == compressed, "response_compressed %s, compressed flag %s" % (compressed, received.compressed))
            expect(received.message.payload.body == bytes(314159), "payload of %d bytes" % len(received.message.payload.body))


def server_compressed_streaming(_stub, _channel):
    with raw_channel() as channel:
        call = channel.unary_stream("/grpc.testing.TestService/StreamingOutputCall",
                                    request_serializer=messages.StreamingOutputCallRequest.SerializeToString,
                                    response_deserializer=compressed_messages.deserializer(messages.StreamingOutputCallResponse))
        request = messages.StreamingOutputCallRequest()
        for size, compressed in [(31415, True), (92653, False)]:
            parameters = request.response_parameters.add(size=size)
            parameters.compressed.value = compressed
        received = list(call(request))
        flags = [response.compressed for response in received]
        expect(flags == [True, False], "compressed flags %s, expected [True, False]" % flags)
        bodies = [response.message.payload.body for response in received]
        expect(bodies == [bytes(31415), bytes(92653)], "sizes %s" % [len(body) for body in bodies])


def unimplemented_method(stub, _):
    expect_status(grpc.StatusCode.UNIMPLEMENTED, None, lambda: stub.UnimplementedCall(empty_pb2.Empty()))


def unimplemented_service(_, channel):
    stub = test_grpc.UnimplementedServiceStub(channel)
    expect_status(grpc.StatusCode.UNIMPLEMENTED, None, lambda: stub.UnimplementedCall(empty_pb2.Empty()))


CASES = {function.__name__: function for function in [
    empty_unary, large_unary, client_streaming, server_streaming, ping_pong, empty_stream,
    timeout_on_sleeping_server, cancel_after_begin, cancel_after_first_response,
    status_code_and_message, special_status_message, custom_metadata,
    unimplemented_method, unimplemented_service, client_compressed_unary, server_compressed_unary,
    client_compressed_streaming, server_compressed_streaming]}

if arguments.test_case not in CASES:
    sys.exit("unknown test case %r; valid: %s" % (arguments.test_case, ", ".join(CASES)))

def open_channel(options=()):
    """A channel to the server, over TLS with --use_tls=true; `options` are channel options."""
    target = "%s:%d" % (arguments.server_host, arguments.server_port)
    if arguments.use_tls != "true":
        return grpc.insecure_channel(target, options=list(options))
    with open(arguments.ca_file, "rb") as ca:
        credentials = grpc.ssl_channel_credentials(root_certificates=ca.read())
    if arguments.server_host_override:
        options = list(options) + [("grpc.ssl_target_name_override", arguments.server_host_override)]
    return grpc.secure_channel(target, credentials, list(options))


with open_channel() as channel:
    try:
        CASES[arguments.test_case](test_grpc.TestServiceStub(channel), channel)
    except (Failure, grpc.RpcError) as failure:
        sys.exit("test case %s failed: %s" % (arguments.test_case, failure))
print("test case %s passed" % arguments.test_case)
