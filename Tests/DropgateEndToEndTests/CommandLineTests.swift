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

    @Test("xml mapping-fields lists every field a mapping can fill and how fallbacks read")
    func mappingFields() throws {
        let result = try DropgateCommand.run("xml", "mapping-fields")
        #expect(result.status == 0)
        for field in ["poNumber", "shipTo.postalCode", "line.quantity", "reference.QUALIFIER", "notes.gift *"] {
            #expect(result.stdout.contains("\n  \(field) "), "missing \(field) in:\n\(result.stdout)")
        }
        #expect(result.stdout.contains("Fallbacks: `a | b | 'text'` tries each alternative in order"))
    }

    @Test("a typo in a mapping file's field gets the file, its line and the nearest field")
    func mappingTypo() throws {
        let folder = try DropgateCommand.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let mapping = folder.appendingPathComponent("typo.mapping")
        try Data("order: /orders/order\nline: item\npoNumber: @id\nline.quantity: qty\nshipTo.postcode: zip\n".utf8)
            .write(to: mapping)
        let result = try DropgateCommand.run(
            "xml", "po", "--mapping", mapping.path, "fixtures/xml-mappings/marketplace-orders.xml")
        #expect(result.status == 2)
        #expect(
            result.stderr.contains(
                "\(mapping.path): line 5: field shipTo.postcode: invalid mapping: unknown canonical field; "
                    + "did you mean `shipTo.postalCode`?"), "stderr: \(result.stderr)")
    }

    @Test("x12 validate reads spaces between segments and ^Z padding with notes, not errors, in text and JSON")
    func x12Notes() throws {
        let folder = try DropgateCommand.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let original = try String(
            contentsOf: DropgateCommand.packageRoot.appendingPathComponent("fixtures/inbox/walmart-20261124-0600.x12"),
            encoding: .utf8)
        let file = folder.appendingPathComponent("spaced.x12")
        try Data((original.replacingOccurrences(of: "~\n", with: "~  ") + "\u{1A}").utf8).write(to: file)
        let plain = try DropgateCommand.run("x12", "validate", "fixtures/inbox/walmart-20261124-0600.x12")
        let text = try DropgateCommand.run("x12", "validate", file.path)
        #expect(text.status == plain.status)
        let lines = text.stderr.split(separator: "\n").map(String.init)
        #expect(
            lines.first == "\(file.path):byte 106: note: skipped 2 spaces between segments "
                + "(and at \(original.components(separatedBy: "~\n").count - 3) more places in interchange 1)",
            "\(lines)")
        #expect(lines.contains { $0.hasSuffix("note: skipped 2 spaces, 0x1A (^Z) after the IEA of interchange 1") })
        let json = try DropgateCommand.run("x12", "validate", "--json", file.path)
        let reports = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        let notes = try #require(reports.first?["notes"] as? [[String: Any]])
        #expect(notes.map { $0["kind"] as? String } == ["whitespace-between-segments", "padding-after-interchange"])
        #expect(notes.first?["byteOffset"] as? Int == 106)
    }
}
