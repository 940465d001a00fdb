"""A grpcio interop server: grpc.testing.TestService as the interop specification
describes it. Usage: interop_server.py STUBS_DIRECTORY [CERTIFICATE_FILE KEY_FILE]; serves TLS
when given a certificate and key, and prints 'listening on port N'."""
import sys
import time
from concurrent import futures

import grpc

import interop_stubs

empty_pb2, messages, test_grpc = interop_stubs.load(sys.argv[1])


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


def responses_for(request, context):
    abort_if_asked(request, context)
    for parameters in request.response_parameters:
        if parameters.interval_us > 0:
            time.sleep(parameters.interval_us / 1e6)
        yield messages.StreamingOutputCallResponse(payload=messages.Payload(body=bytes(parameters.size)))


class TestService(test_grpc.TestServiceServicer):
    def EmptyCall(self, request, context):
        echo_metadata(context)
        return empty_pb2.Empty()

    def UnaryCall(self, request, context):
        echo_metadata(context)
        abort_if_asked(request, context)
        if request.HasField("expect_compressed") and request.expect_compressed.value:
            context.abort(grpc.StatusCode.INVALID_ARGUMENT, "expected a compressed request")
        return messages.SimpleResponse(payload=messages.Payload(body=bytes(request.response_size)))

    def StreamingOutputCall(self, request, context):
        echo_metadata(context)
        yield from responses_for(request, context)

    def StreamingInputCall(self, request_iterator, context):
        echo_metadata(context)
        total = sum(len(request.payload.body) for request in request_iterator)
        return messages.StreamingInputCallResponse(aggregated_payload_size=total)

    def FullDuplexCall(self, request_iterator, context):
        echo_metadata(context)
        for request in request_iterator:
            yield from responses_for(request, context)

    def HalfDuplexCall(self, request_iterator, context):
        echo_metadata(context)
        for request in list(request_iterator):
            yield from responses_for(request, context)


server = grpc.server(futures.ThreadPoolExecutor(max_workers=16))
test_grpc.add_TestServiceServicer_to_server(TestService(), server)
if len(sys.argv) > 3:
    with open(sys.argv[2], "rb") as certificate, open(sys.argv[3], "rb") as key:
        credentials = grpc.ssl_server_credentials([(key.read(), certificate.read())])
    port = server.add_secure_port("127.0.0.1:0", credentials)
else:
    port = server.add_insecure_port("127.0.0.1:0")
server.start()
print("listening on port %d" % port, flush=True)
# Ends when the test kills it, or after ten minutes at most.
server.wait_for_termination(timeout=600)
