"""rpccurltest.Echo on grpcio with grpcio-reflection; stubs are generated into argv[2].

Usage: echo_server.py PROTOS_DIR STUB_DIR [--tls CERT KEY [--client-ca CA]] [--identity-only];
prints `listening on 127.0.0.1:PORT`. `--tls` serves TLS; `--client-ca` also requires client
certificates signed by CA (mutual TLS); `--identity-only` disables every compression algorithm,
so a compressed request is refused with UNIMPLEMENTED.
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


def option(name, count=1):
    if name not in sys.argv:
        return None
    index = sys.argv.index(name)
    return sys.argv[index + 1:index + 1 + count]


# grpc core's bits: 1 << 0 identity, 1 << 1 deflate, 1 << 2 gzip.
algorithms = 0b001 if "--identity-only" in sys.argv else 0b111
server = grpc.server(futures.ThreadPoolExecutor(max_workers=8),
                     options=[("grpc.compression_enabled_algorithms_bitset", algorithms)])
echo_pb2_grpc.add_EchoServicer_to_server(Echo(), server)
reflection.enable_server_reflection(
    (echo_pb2.DESCRIPTOR.services_by_name["Echo"].full_name, reflection.SERVICE_NAME), server)
tls, client_ca = option("--tls", 2), option("--client-ca")
if tls:
    with open(tls[0], "rb") as certificate, open(tls[1], "rb") as key:
        pair = (key.read(), certificate.read())
    if client_ca:
        with open(client_ca[0], "rb") as ca:
            credentials = grpc.ssl_server_credentials([pair], root_certificates=ca.read(), require_client_auth=True)
    else:
        credentials = grpc.ssl_server_credentials([pair])
    port = server.add_secure_port("127.0.0.1:0", credentials)
else:
    port = server.add_insecure_port("127.0.0.1:0")
server.start()
print("listening on 127.0.0.1:%d" % port, flush=True)
server.wait_for_termination()
