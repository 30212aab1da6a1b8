import Foundation
import Hummingbird
import Logging

/// `dropgate serve` under load: wrk (Debian's) on loopback posts Walmart 850s of one PO each, every one a new
/// interchange and PO number, to `POST /v1/partners/walmart/documents` of the release `dropgate serve` over a fresh
/// SQLite store, for `seconds`; beside it, in the same run and with the same wrk and script, a bare Hummingbird 2
/// handler that takes the body and answers 202 doing nothing else. Reported: POs kept and answered 202 per second
/// with p50/p99 latency, POs decided per second until the last is committed (sustained: what the service keeps up
/// with), and the ratio to the bare handler.
enum ServeBenchmarks {
    static func run(seconds: Int) async throws -> [Figure] {
        var table = BenchmarkTable()
        guard FileManager.default.isExecutableFile(atPath: CommandBenchmarks.binary.path) else {
            print("  serve: \(CommandBenchmarks.binary.path) is not built: left out")
            return table.figures
        }
        guard let wrk = ["/usr/bin/wrk", "/usr/local/bin/wrk"].first(where: FileManager.default.isExecutableFile)
        else {
            print("  serve: wrk is not installed (apt-get install wrk; make bench does): left out")
            return table.figures
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dropgate-bench-serve-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("serve.sqlite").path
        // The sample stock a hundred thousand times over, so that POs ship rather than cancel for want of stock.
        let inventory = folder.appendingPathComponent("inventory.csv")
        let rows = try String(contentsOfFile: "fixtures/inventory.csv", encoding: .utf8).split(separator: "\n")
        let plenty =
            [String(rows[0])]
            + rows.dropFirst().map { row -> String in
                var cells = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                cells[2] = String((Int(cells[2]) ?? 0) * 100_000 + 1_000_000)
                return cells.joined(separator: ",")
            }
        try Data((plenty.joined(separator: "\n") + "\n").utf8).write(to: inventory)
        guard
            try CommandBenchmarks.measure(
                ["inventory", "import", inventory.path, "--db", database], output: folder.appendingPathComponent("i"))
                != nil,
            let key = try issueKey(database: database, output: folder.appendingPathComponent("key"))
        else {
            print("  serve: the store could not be prepared; left out")
            return table.figures
        }
        let script = folder.appendingPathComponent("post-850.lua")
        try Data(luaScript(key: key).utf8).write(to: script)

        // The bare handler first, then the product, with the same wrk and script.
        let bare = try await BareHandler.start()
        let reference = try load(wrk: wrk, script: script, port: bare.port, seconds: seconds)
        await bare.stop()
        let serve = try ServeChild(database: database, log: folder.appendingPathComponent("serve.log"))
        defer { serve.stop() }
        let started = Date()
        let cpuBefore = serve.cpuSeconds()
        guard let product = try load(wrk: wrk, script: script, port: serve.port, seconds: seconds) else {
            print("  serve: wrk failed; left out")
            return table.figures
        }
        // Sustained: every PO kept is decided; the clock runs until the last one is committed.
        let decided = try waitUntilDecided(database: database, timeout: 600)
        let elapsed = Date().timeIntervalSince(started)
        let cpu = serve.cpuSeconds().flatMap { after in cpuBefore.map { after - $0 } }
        let kept = product.requests - product.refused
        print(
            "serve: \(kept) POs answered 202 in \(seconds) s (\(product.refused) refused busy), \(decided) decided in "
                + String(format: "%.1f s", elapsed))
        let accepted = Double(kept) / product.seconds
        table.add(
            Figure(
                name: "dropgate serve, POs answered 202/s (1 PO a request, SQLite)", value: accepted, unit: "POs/s",
                target: 3_000,
                reference: reference.map { .init(name: "bare Hummingbird 2 handler (req/s)", value: $0.rate) }))
        table.add(
            Figure(
                name: "dropgate serve, POs decided/s sustained", value: Double(decided) / elapsed, unit: "POs/s",
                target: 3_000))
        table.add(
            Figure(
                name: "dropgate serve p50 latency (every answer, 503s too)", value: product.p50, unit: "ms",
                target: nil, higherIsBetter: false,
                reference: reference.map { .init(name: "bare handler p50 (ms)", value: $0.p50) }))
        table.add(
            Figure(
                name: "dropgate serve p99 latency (every answer, 503s too)", value: product.p99, unit: "ms", target: 50,
                higherIsBetter: false,
                reference: reference.map { .init(name: "bare handler p99 (ms)", value: $0.p99) }))
        if let reference {
            table.add(
                Figure(
                    name: "dropgate serve ÷ bare handler (202/s ratio)", value: accepted / reference.rate, unit: "×",
                    target: 0.3))
        }
        // What the service spent, refused posts included, per PO decided: a figure other work on the machine moves
        // far less than the rates above (3,000 POs/s on 2 cores leaves under 0.67 ms a PO, wrk's share included).
        if let cpu, decided > 0 {
            table.add(
                Figure(
                    name: "dropgate serve CPU per PO decided (user + system)", value: cpu * 1000 / Double(decided),
                    unit: "ms", target: nil, higherIsBetter: false))
        }
        return table.figures
    }

    /// `dropgate partners add walmart`: the key it prints once.
    static func issueKey(database: String, output: URL) throws -> String? {
        guard try CommandBenchmarks.measure(["partners", "add", "walmart", "--db", database], output: output) != nil
        else { return nil }
        let text = try String(contentsOf: output, encoding: .utf8)
        return text.range(of: #"dg_[0-9a-f]{12}_[A-Za-z0-9_-]+"#, options: .regularExpression).map { String(text[$0]) }
    }

    /// What wrk measured.
    struct Load {
        var requests: Int
        var refused: Int
        var seconds: Double
        var rate: Double
        var p50: Double
        var p99: Double
    }

    static func load(wrk: String, script: URL, port: Int, seconds: Int) throws -> Load? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: wrk)
        process.arguments = [
            "-t2", "-c32", "-d\(seconds)s", "--latency", "-s", script.path, "http://127.0.0.1:\(port)",
        ]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        func number(after label: String) -> Double? {
            guard let line = output.split(separator: "\n").first(where: { $0.contains(label) }) else { return nil }
            return line.split(separator: " ").last.flatMap { Double($0) }
        }
        func latency(_ percent: String) -> Double? {
            guard
                let line = output.split(separator: "\n").first(where: {
                    $0.trimmingCharacters(in: .whitespaces)
                        .hasPrefix(percent)
                })
            else { return nil }
            let text = String(line.split(separator: " ").last ?? "")
            let units: [(String, Double)] = [("us", 0.001), ("ms", 1), ("s", 1000)]
            for (unit, scale) in units where text.hasSuffix(unit) {
                return Double(text.dropLast(unit.count)).map { $0 * scale }
            }
            return nil
        }
        let total = output.split(separator: "\n").first { $0.contains(" requests in ") }.flatMap {
            Int($0.trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? "")
        }
        let duration = output.split(separator: "\n").first { $0.contains(" requests in ") }.flatMap { line -> Double? in
            guard let range = line.range(of: " requests in ") else { return nil }
            return Double(line[range.upperBound...].prefix { $0.isNumber || $0 == "." })
        }
        guard let total, let rate = number(after: "Requests/sec:"), let p50 = latency("50%"), let p99 = latency("99%")
        else {
            print(output)
            return nil
        }
        let refused = Int(number(after: "Non-2xx or 3xx responses:") ?? 0)
        return Load(
            requests: total, refused: refused, seconds: duration ?? Double(total) / rate, rate: rate, p50: p50,
            p99: p99)
    }

    /// Polls the store until no kept document waits; how many POs it holds. A look the store cannot answer now
    /// (locked by the writer) is not an answer: it looks again.
    static func waitUntilDecided(database: String, timeout: TimeInterval) throws -> Int {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if try sqlite(database, "SELECT count(*) FROM inbound_document WHERE status = 'received'") == 0 { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        while true {
            if let orders = try sqlite(database, "SELECT count(*) FROM purchase_order") { return orders }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    /// One number from the `sqlite3` shell, or nil when it printed none (the database busy).
    static func sqlite(_ database: String, _ sql: String) throws -> Int? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = ["-readonly", "-cmd", ".timeout 5000", database, sql]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// wrk's script: a Walmart 850 of one PO (the sample inbox's first, to EWR1), each request a new ISA13, group
    /// and PO number, with the partner's key.
    static func luaScript(key: String) -> String {
        let segments = [
            "ISA*00*          *00*          *08*925485US00     *ZZ*HARBORPINE     *261124*0600*U*00401*%09d*0*P*>",
            "GS*PO*925485US00*HARBORPINE*20261124*0600*%d*X*004010", "ST*850*0001", "BEG*00*DS*%010d**20261124",
            "CUR*BY*USD", "REF*CO*2000127834561", "REF*DP*00074", "DTM*067*20261125",
            "TD5*O*2*FDEG*M*FEDEX HOME DELIVERY*******SG", "N1*ST*KAREN MCALLISTER", "N3*5612 PHILLIPS AVE",
            "N4*PITTSBURGH*PA*15217*US", "PER*IC*KAREN MCALLISTER*TE*4125550147", "N1*BT*WALMART.COM*92*0000000",
            "N3*702 SW 8TH ST", "N4*BENTONVILLE*AR*72716*US", "N1*SF*HARBOR AND PINE HOME CO EDISON NJ*92*EWR1",
            "PO1*1*1*EA*55.99**SK*557812304*VN*HP-10049*UP*084512100496",
            "PID*F****COTTON PERCALE SHEET SET QUEEN WHITE",
            "PO1*2*2*EA*17.99**SK*557809115*VN*HP-10001*UP*084512100014",
            "PID*F****TURKISH COTTON BATH TOWEL 30 X 56 IN WHITE", "CTT*2", "SE*21*0001", "GE*1*%d", "IEA*1*%09d",
        ]
        return """
            tids = 1
            function setup(thread)
              thread:set("tid", tids)
              tids = tids + 1
            end
            local counter = 0
            local template = "\(segments.joined(separator: "~\\n"))~\\n"
            wrk.method = "POST"
            wrk.path = "/v1/partners/walmart/documents"
            wrk.headers["Authorization"] = "Bearer \(key)"
            wrk.headers["Content-Type"] = "application/edi-x12"
            request = function()
              counter = counter + 1
              local n = tid * 10000000 + counter
              return wrk.format(nil, nil, nil, string.format(template, n, n, n, n, n))
            end
            """
    }
}

/// The release `dropgate serve` as a child on a free port.
final class ServeChild {
    let process = Process()
    let port: Int

    init(database: String, log: URL) throws {
        process.executableURL = CommandBenchmarks.binary
        // The sample profiles send to placeholder hosts: the figure is the partner API's, without the delivery loop.
        process.arguments = [
            "serve", "--port", "0", "--db", database, "--at", "2026-11-24T10:00:00-05:00", "--deliver-every", "0",
        ]
        var environment = ProcessInfo.processInfo.environment
        environment["DROPGATE_LOG_LEVEL"] = "warning"
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        FileManager.default.createFile(atPath: log.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        var line: [UInt8] = []
        while !line.contains(UInt8(ascii: "\n")) {
            let data = pipe.fileHandleForReading.availableData
            if data.isEmpty { break }
            line += data
        }
        let text = String(decoding: line, as: UTF8.self)
        guard let range = text.range(of: "://127.0.0.1:"),
            let port = Int(text[range.upperBound...].prefix { $0.isNumber })
        else {
            process.terminate()
            throw BenchError(
                "dropgate serve did not start: \(text) \((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
        }
        self.port = port
    }

    /// The child's CPU time so far (user + system), from `/proc`; nil when it cannot be read.
    func cpuSeconds() -> Double? {
        guard let stat = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return nil }
        // After the command name: state is field 3, utime 14 and stime 15 (man 5 proc).
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    func stop() {
        if process.isRunning {
            process.interrupt()
            process.waitUntilExit()
        }
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A Hummingbird 2 handler that takes the posted body and answers 202, nothing else: the floor a service's
/// per-request work is measured against.
struct BareHandler {
    let port: Int
    let task: Task<Void, any Error>

    static func start() async throws -> BareHandler {
        let router = Router()
        router.post("v1/partners/:partner/documents") { request, _ -> Response in
            _ = try await request.body.collect(upTo: 1 << 20)
            return Response(status: .accepted)
        }
        let (stream, continuation) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "bench.bare")
        logger.logLevel = .warning
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { continuation.yield($0.localAddress?.port ?? 0) }, logger: logger)
        let task = Task { try await app.run() }
        var port = 0
        for await bound in stream {
            port = bound
            break
        }
        return BareHandler(port: port, task: task)
    }

    func stop() async {
        task.cancel()
        _ = try? await task.value
    }
}
