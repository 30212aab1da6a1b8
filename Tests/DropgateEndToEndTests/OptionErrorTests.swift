import Foundation
import Testing

@Suite("option errors and help texts")
struct OptionErrorTests {
    @Test(
        "a bad --at is a usage error of the subcommand, saying what was expected",
        arguments: [
            ["route", "fixtures/inbox/amazon-20261124-0715.x12"], ["demo"], ["ingest", "fixtures/inbox/README.md"],
        ])
    func badClock(_ command: [String]) throws {
        let result = try DropgateCommand.run(command + ["--at", "yesterday"])
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains("Usage: dropgate \(command[0])"), "\(result.stderr)")
        #expect(result.stderr.contains("ISO 8601"), "\(result.stderr)")
        #expect(result.stderr.contains("yesterday"), "\(result.stderr)")
    }

    static let commands: [[String]] = [
        [], ["demo"], ["route"], ["profiles"], ["profiles", "check"], ["profiles", "show"], ["profiles", "schema"],
        ["x12"], ["x12", "validate"], ["x12", "json"], ["x12", "po"], ["xml"], ["xml", "po"],
        ["ingest"], ["inventory"], ["inventory", "import"], ["orders"], ["orders", "show"], ["outbox"], ["feed"],
        ["feed", "build"], ["feed", "push"], ["outbox", "list"], ["outbox", "deliver"],
    ]

    @Test("help paragraphs have no hard line breaks mid-sentence: the argument parser wraps them", arguments: commands)
    func helpWraps(_ command: [String]) throws {
        for width in [80, 200] {
            let result = try DropgateCommand.run(command + ["--help"], environment: ["COLUMNS": "\(width)"])
            #expect(result.status == 0)
            let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            for (line, next) in zip(lines, lines.dropFirst()) {
                let indent = line.prefix { $0 == " " }.count
                let text = line.dropFirst(indent)
                let nextText = next.drop { $0 == " " }
                guard !text.isEmpty, !nextText.isEmpty, next.prefix(while: { $0 == " " }).count == indent,
                    !text.hasPrefix("dropgate "), !text.hasPrefix("-"), !nextText.hasPrefix("-"),
                    !nextText.hasPrefix("dropgate "), !line.hasSuffix("."), !line.hasSuffix(":"),
                    !text.contains("  ")  // option and subcommand tables: name, spaces, help
                else { continue }
                let word = nextText.prefix { $0 != " " }
                #expect(
                    line.count + 1 + word.count >= width,
                    "\(command) at \(width) columns: a hard break after '\(line)' before '\(next)'")
            }
        }
    }
}
