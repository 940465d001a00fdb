"""A grpcio interop client running one test case of the interop specification.
Usage: interop_client.py --stubs=DIR --server_host=H --server_port=N --test_case=NAME
  [--use_tls=true --ca_file=F --server_host_override=NAME]
Exits 0 after 'test case NAME passed', 1 with the failed assertion on standard error."""
import argparse
import queue
import sys

import grpc

import interop_stubs

parser = argparse.ArgumentParser()
parser.add_argument("--stubs", required=True)
parser.add_argument("--server_host", default="localhost")
parser.add_argument("--server_port", type=int, required=True)
parser.add_argument("--test_case", required=True)
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


def unimplemented_method(stub, _):
    expect_status(grpc.StatusCode.UNIMPLEMENTED, None, lambda: stub.UnimplementedCall(empty_pb2.Empty()))


def unimplemented_service(_, channel):
    stub = test_grpc.UnimplementedServiceStub(channel)
    expect_status(grpc.StatusCode.UNIMPLEMENTED, None, lambda: stub.UnimplementedCall(empty_pb2.Empty()))


CASES = {function.__name__: function for function in [
    empty_unary, large_unary, client_streaming, server_streaming, ping_pong, empty_stream,
    timeout_on_sleeping_server, cancel_after_begin, cancel_after_first_response,
    status_code_and_message, special_status_message, custom_metadata,
    unimplemented_method, unimplemented_service]}

if arguments.test_case not in CASES:
    sys.exit("unknown test case %r; valid: %s" % (arguments.test_case, ", ".join(CASES)))

def open_channel():
    target = "%s:%d" % (arguments.server_host, arguments.server_port)
    if arguments.use_tls != "true":
        return grpc.insecure_channel(target)
    with open(arguments.ca_file, "rb") as ca:
        credentials = grpc.ssl_channel_credentials(root_certificates=ca.read())
    options = [("grpc.ssl_target_name_override", arguments.server_host_override)] if arguments.server_host_override else []
    return grpc.secure_channel(target, credentials, options)


with open_channel() as channel:
    try:
        CASES[arguments.test_case](test_grpc.TestServiceStub(channel), channel)
    except (Failure, grpc.RpcError) as failure:
        sys.exit("test case %s failed: %s" % (arguments.test_case, failure))
print("test case %s passed" % arguments.test_case)
