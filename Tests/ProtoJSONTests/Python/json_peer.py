"""Python protobuf's json_format as a peer for the Swift JSON tests.

Usage: json_peer.py GENERATED_DIR < cases.json > results.json

Each case is {"type", "bytes" (base64 wire bytes), "ours" (our JSON for them),
"emitDefaults", "keepProtoNames"}. For each, prints {"python": MessageToJson of the bytes,
"fromOurs": base64 of Parse(ours) serialized deterministically} or {"error": ...}.
A case with only {"type", "ours"} is parsed alone: {"fromOurs"} or {"parseError"}.
All cases run in this one process.
"""
import base64
import importlib
import json
import sys

sys.path.insert(0, sys.argv[1])
from google.protobuf import json_format, symbol_database  # noqa: E402

for module in ("codectest.test_messages_pb2", "jsontest.json_test_pb2"):
    importlib.import_module(module)
database = symbol_database.Default()


def parse(case, message_class, result):
    try:
        parsed = json_format.Parse(case["ours"], message_class())
        result["fromOurs"] = base64.b64encode(parsed.SerializeToString(deterministic=True)).decode()
    except Exception as error:  # reported to the Swift test, which compares with ours
        result["parseError"] = str(error)
    return result


def run(case):
    message_class = database.GetSymbol(case["type"])
    if "bytes" not in case:
        return parse(case, message_class, {})
    message = message_class()
    message.ParseFromString(base64.b64decode(case["bytes"]))
    python_json = json_format.MessageToJson(
        message,
        always_print_fields_with_no_presence=case["emitDefaults"],
        preserving_proto_field_name=case["keepProtoNames"],
        indent=2)
    return parse(case, message_class, {"python": python_json})


results = []
for case in json.load(sys.stdin):
    try:
        results.append(run(case))
    except Exception as error:
        results.append({"error": str(error)})
json.dump(results, sys.stdout)
