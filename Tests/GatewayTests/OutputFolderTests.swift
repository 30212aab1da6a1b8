import Foundation
import Gateway
import Profiles
import Testing

@Suite("the output folder writes only files of its own")
struct OutputFolderTests {
    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dropgate-output-\(UUID())")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("a file someone else put where a document goes is refused, not overwritten")
    func writeRefusesForeignFile() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let path = root.appendingPathComponent("acks/walmart/997-1.x12")
        try FileManager.default.createDirectory(at: path.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("theirs".utf8).write(to: path)
        let output = OutputFolder(root: root)
        #expect(throws: (any Error).self) {
            try output.write(Array("ours".utf8), to: .acknowledgements, "walmart", name: "997-1.x12")
        }
        #expect(try Data(contentsOf: path) == Data("theirs".utf8))
        // A file it wrote itself it may write again.
        try output.write(Array("ours".utf8), to: .acknowledgements, "walmart", name: "997-2.x12")
        try output.write(Array("ours again".utf8), to: .acknowledgements, "walmart", name: "997-2.x12")
        #expect(try Data(contentsOf: root.appendingPathComponent("acks/walmart/997-2.x12")) == Data("ours again".utf8))
    }

    @Test("a CSV someone else put where pick tickets go is refused, not appended to")
    func appendRefusesForeignFile() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let path = root.appendingPathComponent("pick-tickets/EWR1.csv")
        try FileManager.default.createDirectory(at: path.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("theirs\n".utf8).write(to: path)
        let output = OutputFolder(root: root)
        #expect(throws: (any Error).self) {
            try output.appendCSV(["a,b"], header: "x,y", to: .pickTickets, name: "EWR1.csv")
        }
        #expect(try Data(contentsOf: path) == Data("theirs\n".utf8))
        try output.appendCSV(["a,b"], header: "x,y", to: .pickTickets, name: "DFW1.csv")
        try output.appendCSV(["c,d"], header: "x,y", to: .pickTickets, name: "DFW1.csv")
        #expect(
            try String(contentsOf: root.appendingPathComponent("pick-tickets/DFW1.csv"), encoding: .utf8)
                == "x,y\na,b\nc,d\n")
    }

    @Test("a link someone left where a document goes, even one that leads nowhere, is refused and left as it is")
    func writeRefusesLink() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("decisions")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let link = folder.appendingPathComponent("amazon-1.txt")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "/nonexistent/elsewhere")
        let output = OutputFolder(root: root)
        #expect(throws: (any Error).self) { try output.write(Array("ours".utf8), to: .decisions, name: "amazon-1.txt") }
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == "/nonexistent/elsewhere")
    }

    @Test("prepare takes a new or empty folder, refuses one holding other files, and empties only its own")
    func prepare() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let fresh = root.appendingPathComponent("new/out")
        let output = try OutputFolder.prepare(root: fresh, keepingPrevious: false, expected: "the output")
        try output.write(Array("ours".utf8), to: .decisions, name: "a.txt")
        try Data("theirs".utf8).write(to: fresh.appendingPathComponent("decisions/b.txt"))
        _ = try OutputFolder.prepare(root: fresh, keepingPrevious: true, expected: "the output")
        #expect(FileManager.default.fileExists(atPath: fresh.appendingPathComponent("decisions/a.txt").path))
        _ = try OutputFolder.prepare(root: fresh, keepingPrevious: false, expected: "the output")
        #expect(!FileManager.default.fileExists(atPath: fresh.appendingPathComponent("decisions/a.txt").path))
        #expect(try Data(contentsOf: fresh.appendingPathComponent("decisions/b.txt")) == Data("theirs".utf8))

        let foreign = root.appendingPathComponent("foreign")
        try FileManager.default.createDirectory(at: foreign, withIntermediateDirectories: true)
        try Data("theirs".utf8).write(to: foreign.appendingPathComponent("notes.txt"))
        #expect(throws: FileProblem.self) {
            try OutputFolder.prepare(root: foreign, keepingPrevious: false, expected: "the output")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: foreign.path) == ["notes.txt"])
    }
}
