#!/usr/bin/env bash
# Builds the X12 libFuzzer harness with swiftc (SwiftPM products do not link with -sanitize=fuzzer, see
# ../shared/TOOLCHAIN.md section 6) and runs it on the seed corpus: X12, Orders and OrderX12 (the 850 mapper the
# gateway runs, with its manual memory) compiled as modules with fuzzer coverage and AddressSanitizer.
#   Fuzz/X12/run.sh [SECONDS] [extra libFuzzer flags…]   (default 120; from anywhere in the package)
# New inputs go to .build/fuzz-x12/corpus; crashes to .build/fuzz-x12/crash-*.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-120}"
shift || true
out=.build/fuzz-x12
mkdir -p "$out/corpus" "$out/modules"
flags=(-swift-version 6 -parse-as-library -sanitize=fuzzer,address -O -g -package-name dropgate
    -enable-upcoming-feature ExistentialAny -enable-upcoming-feature MemberImportVisibility
    -enable-upcoming-feature InternalImportsByDefault -I "$out/modules" -I Sources/CByteScan/include)
swiftc "${flags[@]}" -module-name X12 -wmo -emit-module -emit-module-path "$out/modules/X12.swiftmodule" \
    -c $(find Sources/X12 -name '*.swift') -o "$out/X12.o"
swiftc "${flags[@]}" -module-name Orders -wmo -emit-module -emit-module-path "$out/modules/Orders.swiftmodule" \
    -c $(find Sources/Orders -name '*.swift') -o "$out/Orders.o"
swiftc "${flags[@]}" -module-name OrderX12 -wmo -emit-module -emit-module-path "$out/modules/OrderX12.swiftmodule" \
    -c $(find Sources/OrderX12 -name '*.swift') -o "$out/OrderX12.o"
swiftc "${flags[@]}" -module-name FuzzX12 Fuzz/X12/Harness.swift "$out/X12.o" "$out/Orders.o" "$out/OrderX12.o" \
    -o "$out/fuzz-x12"
# detect_leaks=0: LeakSanitizer reports the once-initialised `X12Definitions.standard` (about 36 KB of indirect
# enum boxes that live for the whole process) as a leak at exit; nothing leaks per input.
ASAN_OPTIONS=detect_leaks=0 exec "$out/fuzz-x12" "$out/corpus" Fuzz/X12/corpus -max_total_time="$seconds" \
    -max_len=4096 -timeout=10 -rss_limit_mb=2048 -detect_leaks=0 -print_final_stats=1 -artifact_prefix="$out/" "$@"
