#!/bin/sh
# Builds the X12 libFuzzer harness with swiftc (SwiftPM products do not link with -sanitize=fuzzer, see
# ../shared/TOOLCHAIN.md section 6) and runs it on the seed corpus.
#   Fuzz/X12/run.sh [SECONDS]   (default 120)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${FUZZ_OUT:-/tmp/dropgate-fuzz-x12}
mkdir -p "$out/corpus"
cp -n "$here"/corpus/* "$out/corpus/" 2>/dev/null || true
swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name X12 -package-name dropgate \
    -I "$root/Sources/CByteScan/include" \
    "$here/Harness.swift" $(find "$root/Sources/X12" -name '*.swift') -o "$out/fuzz-x12"
cd "$out"
# detect_leaks=0: LeakSanitizer reports the once-initialised `X12Definitions.standard` (about 36 KB of indirect
# enum boxes that live for the whole process) as a leak at exit; nothing leaks per input.
ASAN_OPTIONS=detect_leaks=0 ./fuzz-x12 -max_total_time="${1:-120}" -max_len=4096 -detect_leaks=0 -print_final_stats=1 corpus
