"""Loads the grpc.testing stubs that the Swift tests generate with grpc_tools.protoc from
the project's Protos/grpc/testing/*.proto into a temporary directory.

The generated modules import each other as `grpc.testing.*`, which lives beside the
installed `grpc` package, so that directory's `grpc/` is added to the package's path.
"""
import grpc


def load(stubs_directory):
    """Returns the modules (empty_pb2, messages_pb2, test_pb2_grpc)."""
    grpc.__path__.append(stubs_directory + "/grpc")
    from grpc.testing import empty_pb2, messages_pb2, test_pb2_grpc
    return empty_pb2, messages_pb2, test_pb2_grpc


def status_code(number):
    """The grpc.StatusCode with the given number."""
    return next(code for code in grpc.StatusCode if code.value[0] == number)


ECHO_INITIAL = "x-grpc-test-echo-initial"
ECHO_TRAILING = "x-grpc-test-echo-trailing-bin"
