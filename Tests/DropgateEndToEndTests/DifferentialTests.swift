import Foundation
import TestSupport
import Testing

/// What `x12 po`, `route`, `route --json` and `demo` print, byte for byte, over the fixtures, the corpus and mutated
/// copies of them, against what the whole-file reading path printed before the gateway streamed
/// (`Golden/differential.txt`, recorded from that code: a line per input and command with the exit status and a
/// hash of each output stream).
///
/// - `DROPGATE_DIFFERENTIAL_REFERENCE=/path/to/dropgate` compares with that build instead of the golden file, in
///   full (`scripts/differential.sh` builds one from a git revision), and `DROPGATE_DIFFERENTIAL_COUNT=N` sets how
///   many mutated inputs to make (200 by default, the golden file's).
/// - `DROPGATE_RECORD_DIFFERENTIAL=1` records the golden file from this build; a recording run fails, so that it
///   is never left on.
@Suite("The streaming path prints what the whole-file path printed", .serialized)
struct DifferentialTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Golden/differential.txt")
    static let clock = "2026-11-24T10:00:00-05:00"
    static let environment = ProcessInfo.processInfo.environment

    /// One input: its file name (the name the commands print) and bytes.
    struct Input: Sendable {
        var name: String
        var bytes: [UInt8]
        var isX12: Bool { bytes.starts(with: Array("ISA".utf8)) || bytes.starts(with: [0xEF, 0xBB, 0xBF]) }
    }

    static func inputs(mutations: Int) throws -> [Input] {
        let root = DropgateCommand.packageRoot
        var sources: [Input] = []
        let inbox = root.appendingPathComponent("fixtures/inbox")
        for name in try FileManager.default.contentsOfDirectory(atPath: inbox.path).sorted()
        where !name.hasSuffix(".md") {
            sources.append(
                Input(name: "fixture-\(name)", bytes: [UInt8](try Data(contentsOf: inbox.appendingPathComponent(name))))
            )
        }
        let corpus = root.appendingPathComponent("../shared/corpus").standardized
        for folder in ["x12", "xml"] {
            let url = corpus.appendingPathComponent(folder)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
            for name in names.sorted() {
                sources.append(
                    Input(
                        name: "corpus-\(name)", bytes: [UInt8](try Data(contentsOf: url.appendingPathComponent(name)))))
            }
        }
        var generator = SplitMix(seed: 17)
        var inputs = sources
        for index in 0..<mutations {
            guard let base = sources.randomElement(using: &generator) else { break }
            let (kind, bytes) = InputMutation.mutate(base.bytes, using: &generator)
            inputs.append(Input(name: String(format: "mutation-%04d-\(kind)-", index) + base.name, bytes: bytes))
        }
        return inputs
    }

    /// The commands run on one input.
    static func commands(_ input: Input) -> [[String]] {
        let route = ["route", input.name, "--at", clock] + DropgateCommand.sampleWorld
        var commands = [route, route + ["--json"]]
        if input.isX12 { commands.insert(["x12", "po", input.name], at: 0) }
        return commands
    }

    /// What one command printed, and the line the golden file keeps of it.
    struct Outcome: Equatable {
        var status: Int32
        var stdout: String
        var stderr: String

        func line(_ input: String, _ command: [String]) -> String {
            let shown = command.filter { !DropgateCommand.sampleWorld.contains($0) }.joined(separator: " ")
            return "\(shown)\t\(status)\t\(Self.hash(stdout))\t\(Self.hash(stderr))"
        }

        /// FNV-1a, 64 bits: any change of a byte changes it.
        static func hash(_ text: String) -> String {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            return String(hash, radix: 16)
        }
    }

    static func run(_ command: [String], in folder: URL, executable: URL?) throws -> Outcome {
        let result = try DropgateCommand.run(command, in: folder, executable: executable)
        // The demo prints where it wrote: the throwaway folder's name is not part of what it says.
        let strip = { (text: String) in text.replacingOccurrences(of: folder.path, with: "<folder>") }
        return Outcome(status: result.status, stdout: strip(result.stdout), stderr: strip(result.stderr))
    }

    @Test("x12 po, route and route --json over the fixtures, the corpus and mutated inputs")
    func commandsMatch() async throws {
        let count = Self.environment["DROPGATE_DIFFERENTIAL_COUNT"].flatMap(Int.init) ?? 200
        let reference = Self.environment["DROPGATE_DIFFERENTIAL_REFERENCE"].map { URL(fileURLWithPath: $0) }
        let recording = Self.environment["DROPGATE_RECORD_DIFFERENTIAL"] == "1"
        let inputs = try Self.inputs(mutations: count)
        let folder = try DropgateCommand.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for input in inputs {
            try Data(input.bytes).write(to: folder.appendingPathComponent(input.name))
        }
        let jobs = inputs.flatMap { input in Self.commands(input).map { (input.name, $0) } }
        // A few commands at a time; each task gives its line and, against a reference, what differs.
        var lines: [Int: String] = [:]
        var mismatches: [String] = []
        try await withThrowingTaskGroup(of: (Int, String, String?).self) { group in
            var next = 0
            func add() {
                guard next < jobs.count else { return }
                let index = next
                next += 1
                let (name, command) = jobs[index]
                group.addTask {
                    let outcome = try Self.run(command, in: folder, executable: nil)
                    var mismatch: String? = nil
                    if let reference {
                        let expected = try Self.run(command, in: folder, executable: reference)
                        if expected != outcome { mismatch = Self.difference(command, expected: expected, got: outcome) }
                    }
                    return (index, "\(name)\t" + outcome.line(name, command), mismatch)
                }
            }
            for _ in 0..<4 { add() }
            while let (index, line, mismatch) = try await group.next() {
                lines[index] = line
                if let mismatch { mismatches.append(mismatch) }
                add()
            }
        }
        let produced = jobs.indices.compactMap { lines[$0] }
        if reference != nil {
            #expect(
                mismatches.isEmpty,
                "\(mismatches.count) of \(jobs.count) runs differ:\n\(mismatches.prefix(5).joined(separator: "\n"))")
            return
        }
        try Self.compare(produced, recording: recording, count: count)
    }

    @Test("demo over the fixture inbox and over an inbox of mutated inputs")
    func demoMatches() async throws {
        let reference = Self.environment["DROPGATE_DIFFERENTIAL_REFERENCE"].map { URL(fileURLWithPath: $0) }
        let recording = Self.environment["DROPGATE_RECORD_DIFFERENTIAL"] == "1"
        let inputs = try Self.inputs(mutations: 24)
        var produced: [String] = []
        for (label, chosen) in [
            ("fixtures", inputs.filter { $0.name.hasPrefix("fixture-") }),
            ("mutations", inputs.filter { $0.name.hasPrefix("mutation-") }),
        ] {
            let folder = try DropgateCommand.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let inbox = folder.appendingPathComponent("inbox")
            try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
            for input in chosen { try Data(input.bytes).write(to: inbox.appendingPathComponent(input.name)) }
            let command = ["demo", "--inbox", "inbox", "--output", "out"] + DropgateCommand.sampleWorld
            var outcome = try Self.demo(command, in: folder, executable: nil)
            produced.append("demo \(label)\t" + outcome.line(label, command))
            if let reference {
                try FileManager.default.removeItem(at: folder.appendingPathComponent("out"))
                let expected = try Self.demo(command, in: folder, executable: reference)
                #expect(expected == outcome, "\(Self.difference(command, expected: expected, got: outcome))")
                outcome = expected
            }
        }
        if reference != nil { return }
        try Self.compare(produced, recording: recording, count: nil)
    }

    /// The demo's output, with every file it wrote (but the store) appended to what it printed.
    static func demo(_ command: [String], in folder: URL, executable: URL?) throws -> Outcome {
        var outcome = try run(command, in: folder, executable: executable)
        let out = folder.appendingPathComponent("out")
        let files = FileManager.default.enumerator(atPath: out.path)?.compactMap { $0 as? String } ?? []
        for file in files.sorted() where !file.hasPrefix("dropgate.sqlite") {
            var isFolder: ObjCBool = false
            let url = out.appendingPathComponent(file)
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue else {
                continue
            }
            outcome.stdout += "\n== \(file)\n" + String(decoding: try Data(contentsOf: url), as: UTF8.self)
        }
        return outcome
    }

    static func difference(_ command: [String], expected: Outcome, got: Outcome) -> String {
        let shown = command.filter { !DropgateCommand.sampleWorld.contains($0) }.joined(separator: " ")
        var text = "\(shown): "
        if expected.status != got.status { text += "exit \(expected.status) before, \(got.status) now; " }
        if expected.stdout != got.stdout {
            text +=
                "stdout differs:\n--- before\n\(expected.stdout.prefix(2000))\n--- now\n\(got.stdout.prefix(2000))\n"
        }
        if expected.stderr != got.stderr {
            text +=
                "stderr differs:\n--- before\n\(expected.stderr.prefix(2000))\n--- now\n\(got.stderr.prefix(2000))\n"
        }
        return text
    }

    /// Checks `produced` against the golden file's lines of the same kind (demo lines or the others), or records
    /// them in it.
    static func compare(_ produced: [String], recording: Bool, count: Int?) throws {
        let isDemo = { (line: String) in line.hasPrefix("demo ") }
        let existing =
            (try? String(contentsOf: golden, encoding: .utf8))?.split(separator: "\n").map(String.init) ?? []
        if recording {
            let kept = existing.filter { isDemo($0) != isDemo(produced.first ?? "") }
            let lines = produced.first.map(isDemo) == true ? kept + produced : produced + kept
            try FileManager.default.createDirectory(
                at: golden.deletingLastPathComponent(), withIntermediateDirectories: true)
            try (lines.joined(separator: "\n") + "\n").write(to: golden, atomically: true, encoding: .utf8)
            Issue.record("recorded \(produced.count) lines in \(golden.path); run again without the switch")
            return
        }
        if let count, count != 200 { return }  // the golden file holds the default sample only
        let expected = existing.filter { isDemo($0) == isDemo(produced.first ?? "") }
        #expect(
            expected.count == produced.count, "the golden file holds \(expected.count) lines, \(produced.count) made")
        for (want, got) in zip(expected, produced) where want != got {
            Issue.record("differs from the whole-file path:\n  before: \(want)\n  now:    \(got)")
        }
    }
}
