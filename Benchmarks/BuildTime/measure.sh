#!/usr/bin/env bash
# Clean-build time of a one-service package: ours (ProtoSwiftPlugin) against grpc-swift 2 with
# grpc-swift-protobuf's build plugin (which builds protoc, protoc-gen-swift and
# protoc-gen-grpc-swift-2 from source, as any user's clean build does).
#
#   Benchmarks/BuildTime/measure.sh
#
# Both packages are copied to a fresh temporary directory with greeter.proto, their
# dependencies are resolved first (not timed), then `swift build` (debug) runs once each with a
# fresh --scratch-path. Prints each wall-clock time and CPU time (user + system of the whole
# build), then `ratio clean-build: X.XX` (wall, theirs / ours) and `ratio clean-build-cpu:
# X.XX` (CPU, which other load on a shared machine disturbs much less).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
work=$(mktemp -d /tmp/buildtime.XXXXXX)
trap 'rm -rf "$work"' EXIT

cp -R "$here/ours" "$here/theirs" "$work/"
sed -i -e "s|REPO_PATH|$repo|" -e "s|REPO_NAME|$(basename "$repo")|" "$work/ours/Package.swift"
mkdir -p "$work/ours/Protos/buildtime/v1"
cp "$here/greeter.proto" "$work/ours/Protos/buildtime/v1/greeter.proto"
mkdir -p "$work/theirs/Sources/greeter/buildtime/v1"
cp "$here/greeter.proto" "$work/theirs/Sources/greeter/buildtime/v1/greeter.proto"

clean_build() {  # NAME: resolve, then time a clean debug build; prints "WALL CPU" in seconds
    local package="$work/$1" scratch="$work/$1-build"
    swift package --package-path "$package" --scratch-path "$scratch" resolve >&2
    local start end
    start=$(date +%s.%N)
    /usr/bin/time -f '%U %S' -o "$work/$1.cpu" swift build --package-path "$package" --scratch-path "$scratch" >&2
    end=$(date +%s.%N)
    "$scratch/debug/greeter" >&2
    read -r user system < "$work/$1.cpu"
    echo "$(echo "$end - $start" | bc) $(echo "$user + $system" | bc)"
}

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores" >&2
read -r ours ours_cpu <<< "$(clean_build ours)"
echo "clean-build ours:   ${ours} s wall, ${ours_cpu} s CPU"
echo "load between: $(cut -d' ' -f1-3 /proc/loadavg)"
read -r theirs theirs_cpu <<< "$(clean_build theirs)"
echo "clean-build theirs: ${theirs} s wall, ${theirs_cpu} s CPU"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
printf 'ratio clean-build: %.2f\n' "$(echo "$theirs / $ours" | bc -l)"
printf 'ratio clean-build-cpu: %.2f\n' "$(echo "$theirs_cpu / $ours_cpu" | bc -l)"
