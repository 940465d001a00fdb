"""Asks a reflection server through grpcio-reflection's client (v1alpha) and prints JSON."""
import json
import sys

import grpc
from google.protobuf.descriptor_pb2 import FileDescriptorProto
from google.protobuf.descriptor_pool import DescriptorPool
from grpc_reflection.v1alpha.proto_reflection_descriptor_database import ProtoReflectionDescriptorDatabase
from grpc_reflection.v1alpha.reflection_pb2 import ExtensionRequest, ServerReflectionRequest

channel = grpc.insecure_channel(sys.argv[1])
database = ProtoReflectionDescriptorDatabase(channel)
pool = DescriptorPool(database)
out = {"services": sorted(database.get_services())}
out["byName"] = database.FindFileByName("emittertest/features.proto").name
service = pool.FindServiceByName("emittertest.v1.FeatureService")
out["methods"] = [m.name for m in service.methods]
deeper = pool.FindMessageTypeByName("emittertest.v1.Features.Inner.Deeper")
out["deeperFields"] = [f.name for f in deeper.fields]
out["deeperFile"] = deeper.file.name
out["extensionNumbers"] = sorted(database.FindAllExtensionNumbers("codectest.Legacy"))
# The database's own extension lookup returns None in this protobuf version, so ask through
# the stub it wraps and decode the answer.
def ask_extension(number):
    request = ServerReflectionRequest(
        file_containing_extension=ExtensionRequest(containing_type="codectest.Legacy", extension_number=number))
    return next(database._stub.ServerReflectionInfo(iter([request])))


answer = ask_extension(100)
out["extensionFile"] = FileDescriptorProto.FromString(answer.file_descriptor_response.file_descriptor_proto[0]).name
out["missingExtensionCode"] = ask_extension(150).error_response.error_code
try:
    database.FindFileContainingSymbol("no.Such")
    out["missing"] = "found"
except KeyError as error:
    out["missing"] = "KeyError"
print(json.dumps(out))
