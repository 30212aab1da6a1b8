import Foundation
import Gateway
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
}
