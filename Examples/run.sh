#!/usr/bin/env bash
# Builds Examples/Greeter as a user would (a separate package on the root by path), runs its
# server and client, checks health, reflection and graceful shutdown, and checks that
# README.md's quick start shows the example's files exactly. Any failure ends it non-zero.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
example="$root/Examples/Greeter"
swift=${SWIFT:-swift}
work=$(mktemp -d)
server_pid=""

fail() { echo "examples: FAILED: $*" >&2; exit 1; }
cleanup() {
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then kill -KILL "$server_pid"; fi
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 143' TERM INT

python3 "$root/Examples/readme_files.py" || fail "README.md's quick start is out of date"

start=$(date +%s)
(cd "$root" && "$swift" build --product rpccurl)
rpccurl="$root/.build/debug/rpccurl"
# The example's build plan lists the root's files; dropping it makes SwiftPM see files added since.
rm -f "$example/.build/debug.yaml"
(cd "$example" && "$swift" build) || fail "Examples/Greeter does not build"
echo "examples: built rpccurl and Examples/Greeter in $(( $(date +%s) - start )) s"

"$example/.build/debug/greeter-server" --port 0 >"$work/server.out" 2>&1 &
server_pid=$!
address=""
for _ in $(seq 1 100); do
    address=$(sed -n 's/^greeter-server listening on //p' "$work/server.out")
    [ -n "$address" ] && break
    kill -0 "$server_pid" 2>/dev/null || fail "greeter-server exited: $(cat "$work/server.out")"
    sleep 0.1
done
[ -n "$address" ] || fail "greeter-server did not report its address within 10 s"
port=${address##*:}
echo "examples: greeter-server listening on $address"

timeout 30 "$example/.build/debug/greeter-client" --port "$port" --name Ada --count 3 >"$work/client.out" \
    || fail "greeter-client exited with status $?"
printf '%s\n' 'Hello, Ada!' 'Hello, Ada! (1 of 3)' 'Hello, Ada! (2 of 3)' 'Hello, Ada! (3 of 3)' >"$work/expected"
diff -u "$work/expected" "$work/client.out" || fail "greeter-client printed something else"
echo "examples: greeter-client: both rpcs answered"

if timeout 30 "$example/.build/debug/greeter-client" --port "$port" --name "" >/dev/null 2>"$work/refused"; then
    fail "greeter-client exited 0 for a call the server refused"
fi
grep -q "INVALID_ARGUMENT" "$work/refused" || fail "greeter-client's error does not name the status: $(cat "$work/refused")"
echo "examples: greeter-client: a refused call exits non-zero naming INVALID_ARGUMENT"

# Health through grpc-proto's health.proto, so the check does not rely on reflection.
health=$(timeout 30 "$rpccurl" -plaintext -proto grpc/health/v1/health.proto -import-path /usr/share/grpc-proto \
    -d '{"service":"greeter.v1.Greeter"}' "$address" grpc.health.v1.Health/Check) || fail "health check failed"
echo "$health" | grep -q '"SERVING"' || fail "greeter.v1.Greeter is not SERVING: $health"
echo "examples: health: greeter.v1.Greeter is SERVING"

services=$(timeout 30 "$rpccurl" -plaintext "$address" list) || fail "reflection: list failed"
echo "$services" | grep -qx "greeter.v1.Greeter" || fail "reflection does not list greeter.v1.Greeter: $services"
methods=$(timeout 30 "$rpccurl" -plaintext "$address" list greeter.v1.Greeter) || fail "reflection: list greeter.v1.Greeter failed"
[ "$methods" = "$(printf '%s\n' greeter.v1.Greeter.SayHello greeter.v1.Greeter.SayHelloStream)" ] \
    || fail "reflection lists other methods of greeter.v1.Greeter: $methods"
reply=$(timeout 30 "$rpccurl" -plaintext -d '{"name":"rpccurl"}' "$address" greeter.v1.Greeter/SayHello) \
    || fail "SayHello through reflection failed"
echo "$reply" | grep -q '"Hello, rpccurl!"' || fail "SayHello through reflection answered: $reply"
echo "examples: reflection: greeter.v1.Greeter listed, described and called by rpccurl"

kill -TERM "$server_pid"
for _ in $(seq 1 100); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
kill -0 "$server_pid" 2>/dev/null && fail "greeter-server still runs 10 s after SIGTERM"
status=0; wait "$server_pid" || status=$?
server_pid=""
[ "$status" -eq 0 ] || fail "greeter-server exited with status $status after SIGTERM: $(cat "$work/server.out")"
grep -qx "greeter-server stopped" "$work/server.out" || fail "greeter-server did not stop gracefully: $(cat "$work/server.out")"
echo "examples: greeter-server stopped gracefully on SIGTERM"
echo "examples: OK"
