import Foundation
import Testing

@Suite("The dropgate command line")
struct CommandLineTests {
    @Test("--version prints the version and exits 0")
    func version() throws {
        let result = try DropgateCommand.run("--version")
        #expect(result.status == 0)
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
    }

    @Test("--help lists the subcommands that work, each with its abstract")
    func help() throws {
        let result = try DropgateCommand.run("--help")
        #expect(result.status == 0)
        for command in ["demo", "route", "profiles", "x12", "xml"] {
            #expect(result.stdout.contains("\n  \(command) "), "missing \(command) in:\n\(result.stdout)")
        }
    }

    @Test("an unknown subcommand is a usage error with a nonzero exit")
    func unknownCommand() throws {
        let result = try DropgateCommand.run("frobnicate")
        #expect(result.status != 0)
        #expect(result.stderr.contains("frobnicate"))
    }

    @Test("shell completions come from the argument parser")
    func completions() throws {
        let result = try DropgateCommand.run("--generate-completion-script", "bash")
        #expect(result.status == 0)
        #expect(result.stdout.contains("_dropgate"))
    }

    @Test("an XML document in an encoding libxml2 cannot convert gets one error line from dropgate, no libxml2 noise")
    func xmlEncodingNoise() throws {
        let folder = try DropgateCommand.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("ebcdic.xml")
        try Data("<?xml version=\"1.0\" encoding=\"EBCDIC-US\"?>\u{0B}<!D".utf8).write(to: file)
        let result = try DropgateCommand.run("xml", "po", file.path)
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "stderr: \(result.stderr)")
        #expect(lines.first?.hasPrefix(file.path + ": line 1, column ") == true, "stderr: \(result.stderr)")
    }
}

