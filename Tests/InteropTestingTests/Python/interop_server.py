"""A grpcio interop server: grpc.testing.TestService as the interop specification
describes it, with the CompressedRequest and CompressedResponse features.
Usage: interop_server.py STUBS_DIRECTORY [--without_deflate] [CERTIFICATE_FILE KEY_FILE];
serves TLS when given a certificate and key, and prints 'listening on port N'.

Per-message decompression is off so that the server sees which requests arrived compressed
(compressed_messages.py inflates them with Python's gzip and zlib). With --without_deflate
the server does not accept the deflate encoding (requests using it end UNIMPLEMENTED).
"""
import sys
import time
from concurrent import futures

import grpc

import compressed_messages
import interop_stubs

empty_pb2, messages, test_grpc = interop_stubs.load(sys.argv[1])
# grpc core's bits: 1 << 0 identity, 1 << 1 deflate, 1 << 2 gzip.
ALGORITHMS = 0b101 if "--without_deflate" in sys.argv[2:] else 0b111


def echo_metadata(context):
    """Sends the echoed initial metadata now and sets the echoed trailers."""
    received = context.invocation_metadata()
    initial = [(k, v) for k, v in received if k == interop_stubs.ECHO_INITIAL]
    trailing = [(k, v) for k, v in received if k == interop_stubs.ECHO_TRAILING]
    context.send_initial_metadata(initial)
    context.set_trailing_metadata(trailing)


def abort_if_asked(request, context):
    if request.HasField("response_status") and request.response_status.code != 0:
        context.abort(interop_stubs.status_code(request.response_status.code), request.response_status.message)


def check_compression(received, context):
    request = received.message
    if request.HasField("expect_compressed") and request.expect_compressed.value and not received.compressed:
        context.abort(grpc.StatusCode.INVALID_ARGUMENT, "expected a compressed request")


def responses_for(request, context):
    abort_if_asked(request, context)
    for parameters in request.response_parameters:
        if parameters.interval_us > 0:
            time.sleep(parameters.interval_us / 1e6)
        if parameters.HasField("compressed") and not parameters.compressed.value:
            context.disable_next_message_compression()
        yield messages.StreamingOutputCallResponse(payload=messages.Payload(body=bytes(parameters.size)))


class TestService:
    def EmptyCall(self, received, context):
        echo_metadata(context)
        return empty_pb2.Empty()

    def UnaryCall(self, received, context):
        request = received.message
        if request.response_compressed.value:
            context.set_compression(grpc.Compression.Gzip)
        echo_metadata(context)
        abort_if_asked(request, context)
        check_compression(received, context)
        return messages.SimpleResponse(payload=messages.Payload(body=bytes(request.response_size)))

    def StreamingOutputCall(self, received, context):
        request = received.message
        if any(parameters.compressed.value for parameters in request.response_parameters):
            context.set_compression(grpc.Compression.Gzip)
        echo_metadata(context)
        yield from responses_for(request, context)

    def StreamingInputCall(self, requests, context):
        echo_metadata(context)
        total = 0
        for received in requests:
            check_compression(received, context)
            total += len(received.message.payload.body)
        return messages.StreamingInputCallResponse(aggregated_payload_size=total)

    def FullDuplexCall(self, requests, context):
        echo_metadata(context)
        for received in requests:
            yield from responses_for(received.message, context)

    def HalfDuplexCall(self, requests, context):
        echo_metadata(context)
        for received in list(requests):
            yield from responses_for(received.message, context)


def handlers(service):
    """TestService's methods, taking Received requests."""
    def method(kind, function, request_type, response_type):
        return kind(function, request_deserializer=compressed_messages.deserializer(request_type),
                    response_serializer=response_type.SerializeToString)
    return grpc.method_handlers_generic_handler("grpc.testing.TestService", {
        "EmptyCall": method(grpc.unary_unary_rpc_method_handler, service.EmptyCall, empty_pb2.Empty, empty_pb2.Empty),
        "UnaryCall": method(grpc.unary_unary_rpc_method_handler, service.UnaryCall,
                            messages.SimpleRequest, messages.SimpleResponse),
        "StreamingOutputCall": method(grpc.unary_stream_rpc_method_handler, service.StreamingOutputCall,
                                      messages.StreamingOutputCallRequest, messages.StreamingOutputCallResponse),
        "StreamingInputCall": method(grpc.stream_unary_rpc_method_handler, service.StreamingInputCall,
                                     messages.StreamingInputCallRequest, messages.StreamingInputCallResponse),
        "FullDuplexCall": method(grpc.stream_stream_rpc_method_handler, service.FullDuplexCall,
                                 messages.StreamingOutputCallRequest, messages.StreamingOutputCallResponse),
        "HalfDuplexCall": method(grpc.stream_stream_rpc_method_handler, service.HalfDuplexCall,
                                 messages.StreamingOutputCallRequest, messages.StreamingOutputCallResponse),
    })


server = grpc.server(
    futures.ThreadPoolExecutor(max_workers=16),
    options=compressed_messages.NO_DECOMPRESSION + [("grpc.compression_enabled_algorithms_bitset", ALGORITHMS)])
server.add_generic_rpc_handlers([handlers(TestService())])
files = [argument for argument in sys.argv[2:] if not argument.startswith("--")]
if files:
    with open(files[0], "rb") as certificate, open(files[1], "rb") as key:
        credentials = grpc.ssl_server_credentials([(key.read(), certificate.read())])
    port = server.add_secure_port("127.0.0.1:0", credentials)
else:
    port = server.add_insecure_port("127.0.0.1:0")
server.start()
print("listening on port %d" % port, flush=True)
# Ends when the test kills it, or after ten minutes at most.
server.wait_for_termination(timeout=600)
