"""rpccurltest.Echo on grpcio with grpcio-reflection; stubs are generated into argv[2].

Usage: echo_server.py PROTOS_DIR STUB_DIR; prints `listening on 127.0.0.1:PORT`.
"""
import sys
from concurrent import futures

from grpc_tools import protoc
import grpc

protos, stubs = sys.argv[1], sys.argv[2]
import grpc_tools
include = grpc_tools.__path__[0] + "/_proto"
if protoc.main(["protoc", "-I" + protos, "-I" + include, "--python_out=" + stubs, "--grpc_python_out=" + stubs,
                "rpccurltest/echo.proto"]) != 0:
    sys.exit("protoc failed")
sys.path.insert(0, stubs)
from rpccurltest import echo_pb2, echo_pb2_grpc  # noqa: E402
from grpc_reflection.v1alpha import reflection  # noqa: E402


def fail_if_asked(sample, context):
    parts = sample.text.split(":", 2)
    if len(parts) == 3 and parts[0] == "fail":
        code = next(c for c in grpc.StatusCode if c.value[0] == int(parts[1]))
        context.abort(code, parts[2])


class Echo(echo_pb2_grpc.EchoServicer):
    def Get(self, request, context):
        fail_if_asked(request, context)
        context.send_initial_metadata([(k, v) for k, v in context.invocation_metadata() if k.startswith("x-")])
        context.set_trailing_metadata([("x-trailer", "done")])
        return request

    def Expand(self, request, context):
        fail_if_asked(request, context)
        for number in request.numbers:
            yield echo_pb2.Sample(text=str(number))

    def Collect(self, request_iterator, context):
        texts, numbers = [], []
        for sample in request_iterator:
            fail_if_asked(sample, context)
            texts.append(sample.text)
            numbers.extend(sample.numbers)
        return echo_pb2.Sample(text=" ".join(texts), numbers=numbers)

    def Chat(self, request_iterator, context):
        for sample in request_iterator:
            fail_if_asked(sample, context)
            yield sample

    def Ping(self, request, context):
        return request


server = grpc.server(futures.ThreadPoolExecutor(max_workers=8))
echo_pb2_grpc.add_EchoServicer_to_server(Echo(), server)
reflection.enable_server_reflection(
    (echo_pb2.DESCRIPTOR.services_by_name["Echo"].full_name, reflection.SERVICE_NAME), server)
port = server.add_insecure_port("127.0.0.1:0")
server.start()
print("listening on 127.0.0.1:%d" % port, flush=True)
server.wait_for_termination()
