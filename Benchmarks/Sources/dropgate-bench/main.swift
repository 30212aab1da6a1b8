import Foundation

// dropgate-bench: every figure beside its target and a reference measured in the same run.
//   swift run -c release dropgate-bench            (from the package root: it reads fixtures/)
//   swift run -c release dropgate-bench --quick    (smaller inputs, for a smoke run)

let arguments = CommandLine.arguments.dropFirst()
if let index = arguments.firstIndex(of: "--probe-xml"), arguments.index(after: index) < arguments.endIndex {
    try XMLBenchmarks.probe(path: arguments[arguments.index(after: index)])
    exit(0)
}
if let index = arguments.firstIndex(of: "--probe-x12"), arguments.index(after: index) < arguments.endIndex {
    try X12Benchmarks.probe(megabytes: Int(arguments[arguments.index(after: index)]) ?? 100)
    exit(0)
}
let quick = arguments.contains("--quick")
/// `--only xml|x12|routing|shipments|commands|feeds|ingest|postgres|serve|pages|operations` runs one part, for working
/// on it; several, comma-separated, run together (`--only x12,routing,commands`: the commands beside the mapping and
/// routing figures they are held to).
let only: String? = arguments.firstIndex(of: "--only").flatMap {
    arguments.index(after: $0) < arguments.endIndex ? arguments[arguments.index(after: $0)] : nil
}
func runs(_ part: String) -> Bool { only.map { $0.split(separator: ",").contains(Substring(part)) } ?? true }

#if DEBUG
    print("warning: a debug build measures nothing useful; run `swift run -c release dropgate-bench`")
#endif

var table = BenchmarkTable()
if runs("xml") {
    try XMLBenchmarks.run(into: &table, orders: quick ? 2_000 : 20_000)
    let xmlPeak = try XMLBenchmarks.memoryProbe(orders: quick ? 10_000 : 100_000)
    table.add(
        Figure(
            name: "cXML peak memory, \(quick ? "10,000" : "100,000") orders", value: xmlPeak, unit: "MB", target: 64,
            higherIsBetter: false))
}
if runs("x12") {
    // `DROPGATE_X12_MB=N`: a file of N MB instead (a smaller one for a profile under valgrind).
    let x12Megabytes = ProcessInfo.processInfo.environment["DROPGATE_X12_MB"].flatMap { Int($0) }
    try X12Benchmarks.run(into: &table, megabytes: x12Megabytes ?? (quick ? 10 : 100))
    if ProcessInfo.processInfo.environment["DROPGATE_X12_ONLY"] == nil {
        let x12Peak = try ChildProbe.peakMB(["--probe-x12", quick ? "100" : "1000"])
        table.add(
            Figure(
                name: "X12 peak memory, \(quick ? "100 MB" : "1 GB") file", value: x12Peak, unit: "MB", target: 64,
                higherIsBetter: false))
    }
}
if runs("routing") { try RoutingBenchmarks.run(into: &table, quick: quick) }
if runs("shipments") { try ShipmentBenchmarks.run(into: &table, documents: quick ? 2_000 : 20_000) }
if runs("commands") {
    // The release `dropgate` on a generated file, beside the mapping and routing figures above.
    // `DROPGATE_COMMANDS_MB=N`: a file of N MB (1000 for the issue's 1 GB).
    let megabytes =
        ProcessInfo.processInfo.environment["DROPGATE_COMMANDS_MB"].flatMap { Int($0) } ?? (quick ? 10 : 100)
    try CommandBenchmarks.run(into: &table, megabytes: megabytes)
}
if runs("feeds") {
    // `DROPGATE_FEED_ITEMS=N`: the feed's size in items.
    let items = ProcessInfo.processInfo.environment["DROPGATE_FEED_ITEMS"].flatMap { Int($0) }
    try FeedBenchmarks.run(into: &table, items: items ?? (quick ? 100_000 : 1_000_000))
}
if runs("ingest") {
    // `DROPGATE_INGEST_MB=N`: a file of N MB (about 1,100 POs a MB).
    let megabytes = ProcessInfo.processInfo.environment["DROPGATE_INGEST_MB"].flatMap { Int($0) } ?? (quick ? 2 : 20)
    for figure in try await IngestBenchmarks.run(megabytes: megabytes) { table.add(figure) }
}
/// `--only postgres`: the PostgreSQL figures alone (a server of their own is started and stopped).
if runs("ingest") || only == "postgres" {
    let megabytes = ProcessInfo.processInfo.environment["DROPGATE_INGEST_MB"].flatMap { Int($0) } ?? (quick ? 2 : 20)
    for figure in try await PostgresIngestBenchmarks.run(megabytes: megabytes) { table.add(figure) }
}

if runs("operations") {
    // `DROPGATE_REPLAY_ORDERS=N`: the recorded month's POs (the issue's 1,000,000 by default).
    let orders = ProcessInfo.processInfo.environment["DROPGATE_REPLAY_ORDERS"].flatMap { Int($0) }
    for figure in try await OperationsBenchmarks.run(orders: orders ?? (quick ? 100_000 : 1_000_000)) {
        table.add(figure)
    }
}

if runs("serve") {
    // `DROPGATE_SERVE_SECONDS=N`: how long wrk posts.
    let seconds = ProcessInfo.processInfo.environment["DROPGATE_SERVE_SECONDS"].flatMap { Int($0) } ?? (quick ? 3 : 10)
    for figure in try await ServeBenchmarks.run(seconds: seconds) { table.add(figure) }
}

if runs("pages") {
    // `DROPGATE_PAGES_ORDERS=N`: the open orders on the DC's pick page.
    let orders = ProcessInfo.processInfo.environment["DROPGATE_PAGES_ORDERS"].flatMap { Int($0) } ?? 5_000
    try PageBenchmarks.run(into: &table, orders: orders)
}

print("")
print(table.rendered)
