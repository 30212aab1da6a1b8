import Feeds
import Foundation

/// A feed of a million items for one retailer (Home Depot's profile, in each format): the release `dropgate feed
/// build` run as a child process on a store holding a million SKUs at one node, with a catalog of a million items,
/// as seconds and peak memory, beside the time the `sqlite3` shell takes to dump the same rows as CSV in the same
/// run; then the rendered CSV feed pushed over loopback by the deliverer's libcurl client, beside `curl
/// --data-binary @file` to the same server.
enum FeedBenchmarks {
    static func run(into table: inout BenchmarkTable, items: Int) throws {
        guard FileManager.default.isExecutableFile(atPath: CommandBenchmarks.binary.path) else {
            print("  feeds: \(CommandBenchmarks.binary.path) is not built: left out")
            return
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dropgate-bench-feed-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let catalog = folder.appendingPathComponent("items.csv")
        let inventory = folder.appendingPathComponent("inventory.csv")
        try writeWorld(items: items, catalog: catalog, inventory: inventory)
        let database = folder.appendingPathComponent("feed.sqlite").path
        let world = ["--db", database, "--items", catalog.path]
        let imported = try CommandBenchmarks.measure(
            ["inventory", "import", inventory.path] + world, output: folder.appendingPathComponent("import.out"))
        guard let imported else {
            print("  feeds: dropgate inventory import failed; left out")
            return
        }
        let count = items.formatted()
        print("feeds: \(count) items imported in \(String(format: "%.2f", imported.seconds)) s")
        let dump = try dumpSeconds(database, into: folder.appendingPathComponent("dump.csv"))
        var rendered: URL?
        for format in ["csv", "json", "xml", "x12-846"] {
            let out = folder.appendingPathComponent("feed.\(format)")
            guard
                let run = try CommandBenchmarks.measure(
                    ["feed", "build", "homedepot", "--format", format, "--out", out.path] + world,
                    output: folder.appendingPathComponent("build.out"))
            else {
                print("  feed build --format \(format): failed; left out")
                continue
            }
            if format == "csv" { rendered = out }
            table.add(
                Figure(
                    name: "dropgate feed build, \(count) items, \(format)", value: run.seconds, unit: "s", target: 2,
                    higherIsBetter: false,
                    reference: dump.map { .init(name: "sqlite3 dumping the same rows as CSV (s)", value: $0) }))
            table.add(
                Figure(
                    name: "dropgate feed build peak memory, \(count) items, \(format)", value: run.peakMB, unit: "MB",
                    target: 200, higherIsBetter: false))
        }
        if let rendered { try push(rendered, into: &table) }
    }

    /// `items` SKUs with valid UPCs, and stock for each at EWR1.
    static func writeWorld(items: Int, catalog: URL, inventory: URL) throws {
        var products =
            "sku,upc,description,weight_lb,length_in,width_in,height_in,oversize,hazmat,gift_wrap,unit_cost\n"
        var stock = "dc,sku,on_hand,safety_stock\n"
        products.reserveCapacity(items * 96)
        stock.reserveCapacity(items * 24)
        for index in 0..<items {
            let sku = "BK-" + String(index).leftPadded(to: 7)
            products +=
                "\(sku),\(upc(10_000_000_000 + index)),Bench Item \(index) Cotton Towel,1.6,14,11,3,false,false,"
            products += "false,9.40\n"
            stock += "EWR1,\(sku),\(index * 7 % 500),\(index % 5)\n"
        }
        try Data(products.utf8).write(to: catalog)
        try Data(stock.utf8).write(to: inventory)
    }

    /// `body` (11 digits) and its GS1 check digit.
    static func upc(_ body: Int) -> String {
        let digits = String(body).leftPadded(to: 11)
        let sum = digits.utf8.enumerated().reduce(0) { $0 + Int($1.element - 48) * ($1.offset % 2 == 0 ? 3 : 1) }
        return digits + String((10 - sum % 10) % 10)
    }

    /// How long `sqlite3 -csv` takes to write every inventory row to `file`; nil without the shell.
    static func dumpSeconds(_ database: String, into file: URL) throws -> Double? {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3") else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = ["-csv", database, "SELECT node, sku, on_hand, safety_stock, reserved FROM inventory"]
        FileManager.default.createFile(atPath: file.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: file)
        let start = ContinuousClock.now
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? seconds(since: start) : nil
    }

    /// The feed at `file` POSTed over loopback by the deliverer's libcurl client, and by `curl`, to a local server
    /// that reads and discards each body.
    static func push(_ file: URL, into table: inout BenchmarkTable) throws {
        let bytes = Array(try Data(contentsOf: file))
        let server = try DiscardingHTTPServer()
        defer { server.stop() }
        let url = "http://127.0.0.1:\(server.port)/feed"
        let client = TransferClient()
        var best = Double.infinity
        for _ in 0..<3 {
            let start = ContinuousClock.now
            let response = try client.perform(TransferRequest(url: url, body: bytes, timeout: .seconds(120)))
            guard (200..<300).contains(response.status) else {
                print("  feed push: the server answered \(response.status); left out")
                return
            }
            best = min(best, seconds(since: start))
        }
        let curl = try curlSeconds(file, to: url)
        let megabytes = Measure.megabytes(bytes.count)
        table.add(
            Figure(
                name: "feed push over loopback (libcurl), \(String(format: "%.0f", megabytes)) MB CSV",
                value: megabytes / best, unit: "MB/s", target: 100,
                reference: curl.map { .init(name: "curl --data-binary @file, same server", value: megabytes / $0) }))
    }

    static func curlSeconds(_ file: URL, to url: String) throws -> Double? {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/curl") else { return nil }
        var best = Double.infinity
        for _ in 0..<3 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
            process.arguments = ["-s", "-o", "/dev/null", "--data-binary", "@" + file.path, url]
            let start = ContinuousClock.now
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { return nil }
            best = min(best, seconds(since: start))
        }
        return best
    }
}

private func seconds(since start: ContinuousClock.Instant) -> Double {
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
