#!/bin/sh
# Instructions per message for each measure and library, counted by callgrind: exact and
# repeatable even on a busy machine, unlike timings. Each count is the difference between a
# run of N+1000 and a run of 1000 messages, divided by N, so start-up and checks cancel out.
# Usage: ./instruction-counts.sh [N]   (run from Benchmarks/, after a release build)
set -eu
N=${1:-20000}
BENCH=.build/release/codec-bench
[ -x "$BENCH" ] || { echo "build first: swift build -c release --product codec-bench" >&2; exit 1; }

instructions() {  # library, measure, iterations
    # Fixed hash seeds, so dictionary layouts (and their costs) are the same on every run.
    SWIFT_DETERMINISTIC_HASHING=1 valgrind --tool=callgrind --callgrind-out-file=/dev/null \
        "$BENCH" --library "$1" --measure "$2" --rounds 1 --iterations "$3" 2>&1 >/dev/null |
        sed -n 's/.*Collected : *\([0-9]*\).*/\1/p'
}

printf '%-22s  %14s  %14s  %6s\n' measure ProtoCodec swift-protobuf ratio
for measure in "encode Payload" "decode Payload" "encode ScheduleEvent" "decode ScheduleEvent"; do
    set --
    for library in ProtoCodec swift-protobuf; do
        base=$(instructions "$library" "$measure" 1000)
        full=$(instructions "$library" "$measure" $((N + 1000)))
        set -- "$@" $(( (full - base) / N ))
    done
    printf '%-22s  %14s  %14s  %6s\n' "$measure" "$1" "$2" "$(echo "scale=2; $2 / $1" | bc)"
done
