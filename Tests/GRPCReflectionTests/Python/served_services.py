"""Asks a reflection server through grpcio-reflection's client (v1alpha) what it serves and
prints JSON: the services, each service's methods and file (resolving the file's imports),
and the file of each message named on the command line."""
import json
import sys

import grpc
from google.protobuf.descriptor_pool import DescriptorPool
from grpc_reflection.v1alpha.proto_reflection_descriptor_database import ProtoReflectionDescriptorDatabase

channel = grpc.insecure_channel(sys.argv[1])
database = ProtoReflectionDescriptorDatabase(channel)
pool = DescriptorPool(database)
out = {"services": sorted(database.get_services()), "methods": {}, "files": {}}
for name in out["services"]:
    service = pool.FindServiceByName(name)
    out["methods"][name] = [method.name for method in service.methods]
    out["files"][name] = service.file.name
for message in sys.argv[2:]:
    out["files"][message] = pool.FindMessageTypeByName(message).file.name
print(json.dumps(out))
