#!/usr/bin/env bash
# Builds every libFuzzer target under Fuzz/*/ and runs each for SECONDS seconds.
#
#   Fuzz/run.sh SECONDS [TARGET...]     (every target under Fuzz/ when none is named)
#
# A target is a folder holding Swift files with an `@_cdecl("LLVMFuzzerTestOneInput")`
# function, plus optional lists (one entry per line, paths relative to the repository root):
#   modules.txt  source folders built first, in order, as static libraries named after
#                the folder (e.g. Sources/ProtoCodec), which the target imports;
#   sources.txt  more Swift files or folders compiled into the target's own module;
#   flags.txt    more compiler flags for the modules and the target (e.g. -I for C module maps).
# New inputs are kept in Fuzz/<target>/corpus/ (minimised by set-cover merge after each run),
# and crashing inputs in Fuzz/<target>/crashes/. Builds go to .build-fuzz/ (ignored).
# The codec test messages are generated first, by proto-swift (built here if needed), into
# .build-fuzz/generated/, which a sources.txt can list.
set -euo pipefail

seconds=${1:?usage: Fuzz/run.sh SECONDS}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
flags=(-sanitize=fuzzer,address -O -parse-as-library -use-ld=lld)

swift_files() {  # every .swift file under the given files or folders
    for path in "$@"; do find "$path" -name '*.swift'; done | sort
}

list() {  # the non-empty, non-comment lines of a list file, if it exists
    [ -f "$1" ] && grep -v '^\s*\(#\|$\)' "$1" || true
}

echo "== generating the codec test messages"
swift build --product proto-swift
rm -rf .build-fuzz/generated && mkdir -p .build-fuzz/generated
"$(swift build --show-bin-path)/proto-swift" -I Protos --swift_out=.build-fuzz/generated \
    codectest/test_messages.proto codectest/legacy.proto

status=0
shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(Fuzz/*/)
for target in "${targets[@]}"; do
    target=${target%/}
    [ -d "$target" ] || target="Fuzz/$target"
    name=$(basename "$target")
    build=".build-fuzz/$name"
    mkdir -p "$build" "$target/corpus" "$target/crashes"
    extra=($(list "$target/flags.txt"))
    libraries=()
    for module_dir in $(list "$target/modules.txt"); do
        module=$(basename "$module_dir")
        echo "== $name: building $module"
        swiftc "${flags[@]}" "${extra[@]}" -module-name "$module" -I "$build" -L "$build" "${libraries[@]}" \
            -emit-module -emit-module-path "$build/$module.swiftmodule" \
            -emit-library -static -o "$build/lib$module.a" $(swift_files "$module_dir")
        libraries+=("-l$module")
    done
    echo "== $name: building the fuzzer"
    swiftc "${flags[@]}" "${extra[@]}" -module-name "${name}Fuzz" -I "$build" -L "$build" "${libraries[@]}" \
        -o "$build/fuzzer" $(swift_files "$target" $(list "$target/sources.txt"))

    echo "== $name: fuzzing for $seconds s"
    if ! "$build/fuzzer" -max_total_time="$seconds" -max_len=1024 -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="$target/crashes/" "$target/corpus"; then
        echo "== $name: found a crash, kept in $target/crashes/"
        status=1
    fi

    echo "== $name: minimising the corpus"
    minimised="$build/corpus-minimised"
    rm -rf "$minimised" && mkdir -p "$minimised"
    # Edge coverage only, smallest covering set: counters would keep thousands of inputs.
    "$build/fuzzer" -set_cover_merge=1 -use_counters=0 "$minimised" "$target/corpus" >/dev/null 2>&1
    rm -rf "$target/corpus" && mv "$minimised" "$target/corpus"
    echo "== $name: $(ls "$target/corpus" | wc -l) corpus entries, $(ls "$target/crashes" | wc -l) crashes"
done
exit $status
