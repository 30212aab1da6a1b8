import Foundation

/// The product's own commands on a generated file of 850s (Walmart's, with SKUs of the sample catalog, so that
/// POs route rather than reject): the release `dropgate` run as a child process under `/usr/bin/time -v`, writing
/// to a file, as POs per second and peak resident memory, beside the in-process mapping and routing figures of the
/// same run (a command must reach half of its part's rate, and stay under 100 MB whatever the file size).
enum CommandBenchmarks {
    /// The command, how many POs per second, and its peak memory in MB.
    struct Run {
        var seconds: Double
        var peakMB: Double
    }

    /// `DROPGATE_BINARY` names the build to run; by default the product's release build, made first when it is
    /// missing (`make bench` builds it).
    static var binary: URL {
        let environment = ProcessInfo.processInfo.environment
        return URL(fileURLWithPath: environment["DROPGATE_BINARY"] ?? ".build/release/dropgate")
    }

    static func run(into table: inout BenchmarkTable, megabytes: Int) throws {
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            print("  commands: \(binary.path) is not built (swift build -c release --product dropgate): left out")
            return
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dropgate-bench-cmd-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("850s.x12")
        let bytes = X12Benchmarks.interchange(megabytes: megabytes)
        let orders = bytes.withUnsafeBufferPointer { count(of: Array("~\nST*850*".utf8), in: $0) }
        try Data(bytes).write(to: input)
        print("commands: \(String(format: "%.1f", Measure.megabytes(bytes.count))) MB, \(orders) POs")
        let mapping = table.figures.first { $0.name == "X12 850 → canonical POs" }?.value
        let routing = table.figures.first { $0.name == "routing, 10 lines × 20 nodes" }?.value
        let world = [
            "--profiles", "retailer-profiles", "--network", "fixtures/network.yaml", "--items", "fixtures/items.csv",
            "--inventory", "fixtures/inventory.csv", "--at", "2026-11-24T10:00:00-05:00",
        ]
        let commands: [(String, [String], Double?, String)] = [
            ("dropgate x12 po", ["x12", "po", input.path], mapping, "X12 850 → canonical POs"),
            ("dropgate route", ["route", input.path] + world, routing, "routing, 10 lines × 20 nodes"),
            (
                "dropgate route --json", ["route", input.path, "--json"] + world, routing,
                "routing, 10 lines × 20 nodes"
            ),
        ]
        for (name, arguments, part, partName) in commands {
            guard let run = try measure(arguments, output: folder.appendingPathComponent("out")) else {
                print("  \(name): failed; left out")
                continue
            }
            table.add(
                Figure(
                    name: "\(name), \(megabytes) MB of 850s", value: Double(orders) / run.seconds, unit: "POs/s",
                    target: part.map { $0 / 2 }, reference: part.map { .init(name: partName, value: $0) }))
            table.add(
                Figure(
                    name: "\(name) peak memory, \(megabytes) MB", value: run.peakMB, unit: "MB", target: 100,
                    higherIsBetter: false))
        }
    }

    /// Runs `dropgate arguments` under `/usr/bin/time -v`, its output to `output`; nil when it cannot run or
    /// crashes (exit 1, some PO not shipped compliantly, is a result).
    /// `onOneCore`: pinned to the first core with `taskset` (util-linux), for a figure a target sets on one core.
    static func measure(_ arguments: [String], output: URL, onOneCore: Bool = false) throws -> Run? {
        let report = output.appendingPathExtension("time")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/time")
        let pin = onOneCore ? ["/usr/bin/taskset", "-c", "0"] : []
        process.arguments = ["-v", "-o", report.path] + pin + [binary.path] + arguments
        FileManager.default.createFile(atPath: output.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = FileHandle.nullDevice
        let start = ContinuousClock.now
        guard (try? process.run()) != nil else { return nil }
        process.waitUntilExit()
        let elapsed = ContinuousClock.now - start
        guard process.terminationStatus <= 1, let text = try? String(contentsOf: report, encoding: .utf8),
            let line = text.split(separator: "\n").first(where: { $0.contains("Maximum resident set size") }),
            let kilobytes = Double(line.split(separator: ":").last?.trimmingCharacters(in: .whitespaces) ?? "")
        else { return nil }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Run(seconds: seconds, peakMB: kilobytes / 1024)
    }

    static func count(of needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard bytes.count >= needle.count else { return 0 }
        var found = 0
        var index = 0
        while index <= bytes.count - needle.count {
            if bytes[index] == needle[0], bytes[index..<(index + needle.count)].elementsEqual(needle) {
                found += 1
                index += needle.count
            } else {
                index += 1
            }
        }
        return found
    }
}
