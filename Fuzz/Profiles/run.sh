#!/usr/bin/env bash
# Builds the libFuzzer harness for the profile and network loader and runs it.
#   Fuzz/Profiles/run.sh [SECONDS] [extra libFuzzer flags…]     (default 120 s; from anywhere in the package)
# SwiftPM's -sanitize=fuzzer builds of executables don't link (see TOOLCHAIN.md), so this calls swiftc directly:
# libyaml (Yams' CYaml, from SwiftPM's checkout: run `swift package resolve` first) is compiled with clang, Yams,
# Orders, OrderXML and Profiles as modules, all with fuzzer coverage and AddressSanitizer. New inputs go to
# .build/fuzz-profiles/corpus; crashes to .build/fuzz-profiles/crash-*.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-120}"
shift || true
out=.build/fuzz-profiles
yams=.build/checkouts/Yams/Sources
[ -d "$yams" ] || swift package resolve
mkdir -p "$out/corpus" "$out/modules" "$out/cyaml"
for source in "$yams"/CYaml/src/*.c; do
    clang -O1 -g -fsanitize=fuzzer-no-link,address -DYAML_DECLARE_STATIC -I "$yams/CYaml/include" \
        -c "$source" -o "$out/cyaml/$(basename "$source" .c).o"
done
flags=(-swift-version 6 -parse-as-library -sanitize=fuzzer,address -O -g -package-name dropgate
    -enable-upcoming-feature ExistentialAny -enable-upcoming-feature MemberImportVisibility
    -enable-upcoming-feature InternalImportsByDefault -I "$out/modules" -I "$yams/CYaml/include"
    -I Sources/CLibXML2 -I /usr/include/libxml2)
swiftc -swift-version 5 -parse-as-library -sanitize=fuzzer,address -O -g -D SWIFT_PACKAGE -I "$yams/CYaml/include" \
    -Xcc -DYAML_DECLARE_STATIC -module-name Yams -wmo -emit-module -emit-module-path "$out/modules/Yams.swiftmodule" \
    -c "$yams"/Yams/*.swift -o "$out/Yams.o"
swiftc "${flags[@]}" -module-name Orders -wmo -emit-module -emit-module-path "$out/modules/Orders.swiftmodule" \
    -c $(find Sources/Orders -name '*.swift') -o "$out/Orders.o"
swiftc "${flags[@]}" -module-name OrderXML -wmo -emit-module -emit-module-path "$out/modules/OrderXML.swiftmodule" \
    -c $(find Sources/OrderXML -name '*.swift') -o "$out/OrderXML.o"
swiftc "${flags[@]}" -module-name Profiles -wmo -emit-module -emit-module-path "$out/modules/Profiles.swiftmodule" \
    -c $(find Sources/Profiles -name '*.swift') -o "$out/Profiles.o"
swiftc "${flags[@]}" -module-name FuzzProfiles Fuzz/Profiles/Harness.swift "$out/Yams.o" "$out/Orders.o" \
    "$out/OrderXML.o" "$out/Profiles.o" "$out"/cyaml/*.o -lxml2 -o "$out/fuzz-profiles"
exec "$out/fuzz-profiles" "$out/corpus" Fuzz/Profiles/seeds -max_total_time="$seconds" -max_len=16384 -timeout=10 \
    -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$out/" "$@"
