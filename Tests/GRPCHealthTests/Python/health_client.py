"""Checks our health service with grpcio-health-checking's own client.
Usage: health_client.py HOST:PORT. Prints 'watching' once the watch of 'watched' has
delivered its first status, then one JSON line with everything it saw."""
import json
import sys

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

Name = health_pb2.HealthCheckResponse.ServingStatus.Name


def check(stub, service):
    try:
        return Name(stub.Check(health_pb2.HealthCheckRequest(service=service), timeout=10).status)
    except grpc.RpcError as error:
        return error.code().name


with grpc.insecure_channel(sys.argv[1]) as channel:
    stub = health_pb2_grpc.HealthStub(channel)
    report = {"overall": check(stub, ""), "known": check(stub, "pinit.v1.ScheduleService"), "unknown": check(stub, "nope")}
    watch = stub.Watch(health_pb2.HealthCheckRequest(service="watched"), timeout=30)
    statuses = []
    for response in watch:
        statuses.append(Name(response.status))
        if len(statuses) == 1:
            print("watching", flush=True)
        if len(statuses) == 4:
            watch.cancel()
            break
    report["watched"] = statuses
    print(json.dumps(report), flush=True)
