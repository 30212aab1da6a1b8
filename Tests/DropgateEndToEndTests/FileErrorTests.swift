import Foundation
import Testing

private let root = DropgateCommand.packageRoot.path
private let world = DropgateCommand.sampleWorld

@Suite("file errors say which file and what was expected", .serialized)
struct FileErrorTests {
    @Test("a missing inbox is reported in words, not as a Foundation error")
    func missingInbox() throws {
        let folder = try DropgateCommand.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try DropgateCommand.run(
            ["demo", "--inbox", "nowhere/inbox", "--output", folder.appendingPathComponent("out").path] + world)
        #expect(result.status == 2)
        #expect(result.stderr.contains("nowhere/inbox: no such folder"), "\(result.stderr)")
        #expect(!result.stderr.contains("Domain="), "\(result.stderr)")
    }

    @Test("every file a command opens is named with what is wrong with it")
    func everyFileError() throws {
        let folder = try DropgateCommand.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let dir = folder.appendingPathComponent("a-folder").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let latin1 = folder.appendingPathComponent("latin1.csv").path
        // "café" in Latin-1: the é is byte 0xE9, which UTF-8 never has alone.
        try Data(Array("sku,upc\nHP-1,caf".utf8) + [0xE9] + Array("\n".utf8)).write(to: URL(fileURLWithPath: latin1))
        let missing = folder.appendingPathComponent("missing.x12").path
        let x12 = "\(root)/fixtures/inbox/amazon-20261124-0715.x12"
        let output = ["--output", folder.appendingPathComponent("out").path]
        // A file of the test's own, never one of the repository's, for where a folder is expected to be written.
        let plainFile = folder.appendingPathComponent("plain.txt").path
        try Data("plain\n".utf8).write(to: URL(fileURLWithPath: plainFile))
        let cases: [([String], String)] = [
            (["route", missing] + world, "\(missing): no such file"),
            (["route", dir] + world, "\(dir): is a folder"),
            (["route", x12, "--network", missing] + Array(world.dropFirst(4)), "\(missing): no such file"),
            (["route", x12, "--inventory", dir] + Array(world.dropLast(2)), "\(dir): is a folder"),
            (
                ["route", x12, "--items", latin1] + Array(world.prefix(4)) + Array(world.suffix(2)),
                "\(latin1):2:9: not UTF-8"
            ),
            (["demo", "--inbox", x12] + world + output, "\(x12): is a file"),
            (["demo", "--profiles", x12] + Array(world.dropFirst(2)) + output, "\(x12): is a file"),
            (["demo", "--output", plainFile] + world, "\(plainFile): is a file"),
            (["x12", "validate", dir], "\(dir): is a folder"),
            (["x12", "validate", missing], "\(missing): no such file"),
            (["x12", "json", dir], "\(dir): is a folder"),
            (["x12", "po", missing], "\(missing): no such file"),
            (["xml", "po", missing], "\(missing): no such file"),
            (["xml", "po", dir], "\(dir): is a folder"),
            (["xml", "po", "--mapping", dir, x12], "\(dir): is a folder"),
            (["profiles", "check", "--network", dir], "\(dir): is a folder"),
            (["profiles", "check", "--catalog", latin1], "\(latin1):2:9: not UTF-8"),
            (["profiles", "check", missing], "\(missing): no such file or folder"),
        ]
        for (arguments, expected) in cases {
            let result = try DropgateCommand.run(arguments)
            #expect(try Data(contentsOf: URL(fileURLWithPath: plainFile)) == Data("plain\n".utf8))
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains(expected), "\(arguments): expected '\(expected)' in: \(result.stderr)")
            #expect(!result.stderr.contains("Domain="), "\(arguments): \(result.stderr)")
        }
    }

    @Test("inventory rows for a DC or SKU the world does not have are refused with file and line")
    func unknownInventoryRows() throws {
        let folder = try DropgateCommand.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let inventory = folder.appendingPathComponent("inventory.csv")
        try Data("dc,sku,on_hand,safety_stock\nEWR1,HP-10001,5,0\nXYZ9,HP-10001,5,0\nEWR1,NOPE-1,3,0\n".utf8)
            .write(to: inventory)
        let result = try DropgateCommand.run(
            ["route", "\(root)/fixtures/inbox/amazon-20261124-0715.x12", "--inventory", inventory.path]
                + Array(world.dropLast(2)))
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(inventory.path):3:1: "), "\(result.stderr)")
        #expect(result.stderr.contains("XYZ9"))
        #expect(result.stderr.contains("\(inventory.path):4:"), "\(result.stderr)")
        #expect(result.stderr.contains("NOPE-1"))
    }

    @Test("an inventory file whose location is not a bin is refused with file and line; one without the column imports")
    func badLocation() throws {
        let folder = try DropgateCommand.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let inventory = folder.appendingPathComponent("inventory.csv")
        try Data("dc,sku,on_hand,safety_stock,location\nEWR1,HP-10001,5,0,A-1\nEWR1,HP-10002,5,0,A;2\n".utf8)
            .write(to: inventory)
        let database = folder.appendingPathComponent("store.sqlite").path
        let result = try DropgateCommand.run(
            ["inventory", "import", inventory.path, "--db", database] + Array(world.dropLast(2)))
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(inventory.path):3: location 'A;2' is not a bin"), "\(result.stderr)")
        let plain = folder.appendingPathComponent("plain.csv")
        try Data("dc,sku,on_hand,safety_stock\nEWR1,HP-10001,5,0\n".utf8).write(to: plain)
        let imported = try DropgateCommand.run(
            ["inventory", "import", plain.path, "--db", database] + Array(world.dropLast(2)))
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("imported 1 rows"), "\(imported.stdout)")
    }
}
