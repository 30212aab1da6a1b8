#!/usr/bin/env bash
# Builds the libFuzzer harness for the XML purchase-order path and runs it.
#   Fuzz/XML/run.sh [SECONDS] [extra libFuzzer flags…]     (default 120 s; from anywhere in the package)
# SwiftPM's -sanitize=fuzzer builds of executables don't link (see TOOLCHAIN.md), so this calls swiftc directly:
# Orders and OrderXML are compiled as modules with fuzzer coverage and ASan, the harness links them with libxml2.
# New inputs go to .build/fuzz-xml/corpus; crashes to .build/fuzz-xml/crash-*. The checked-in seeds and, when
# present, the shared corpus beside the package are read-only seed directories.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-120}"
shift || true
out=.build/fuzz-xml
mkdir -p "$out/corpus" "$out/modules"
flags=(-swift-version 6 -parse-as-library -sanitize=fuzzer,address -O -g -package-name dropgate
    -enable-upcoming-feature ExistentialAny -enable-upcoming-feature MemberImportVisibility
    -enable-upcoming-feature InternalImportsByDefault)
swiftc "${flags[@]}" -module-name Orders -wmo -emit-module -emit-module-path "$out/modules/Orders.swiftmodule" \
    -c $(find Sources/Orders -name '*.swift') -o "$out/Orders.o"
swiftc "${flags[@]}" -module-name OrderXML -wmo -I "$out/modules" -I Sources/CLibXML2 -I /usr/include/libxml2 \
    -emit-module -emit-module-path "$out/modules/OrderXML.swiftmodule" \
    -c $(find Sources/OrderXML -name '*.swift') -o "$out/OrderXML.o"
swiftc "${flags[@]}" -module-name FuzzXML -I "$out/modules" -I Sources/CLibXML2 -I /usr/include/libxml2 \
    Fuzz/XML/harness.swift "$out/Orders.o" "$out/OrderXML.o" -lxml2 -o "$out/fuzz-xml"
seeds=(Fuzz/XML/seeds)
[ -d ../shared/corpus/xml ] && seeds+=(../shared/corpus/xml)
exec "$out/fuzz-xml" "$out/corpus" "${seeds[@]}" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
    -rss_limit_mb=2048 -dict=Fuzz/XML/xml.dict -artifact_prefix="$out/" "$@"
