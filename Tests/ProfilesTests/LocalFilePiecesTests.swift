import Foundation
import Testing

@testable import Profiles

/// `LocalFile.forEachPiece(ofText:)`: a file read in pieces that each end on a whole character.
@Suite("A text file read a piece at a time")
struct LocalFilePiecesTests {
    static func withFile(_ bytes: [UInt8], _ body: (String) throws -> Void) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pieces-\(UUID()).txt").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        defer { try? FileManager.default.removeItem(atPath: path) }
        try body(path)
    }

    @Test("pieces of any size end on whole characters and make up the text")
    func pieces() throws {
        let text = "ab – é 😀 x\nÜ,\"ü\"\n"
        try Self.withFile(Array(text.utf8)) { path in
            for size in 1...8 {
                var pieces: [String] = []
                #expect(LocalFile.forEachPiece(ofText: path, size: size) { pieces.append($0) })
                #expect(pieces.joined() == text, "pieces of \(size) bytes")
                #expect(pieces.allSatisfy { !$0.isEmpty || size < 4 })
            }
        }
    }

    @Test("a file that is not UTF-8 or is cut inside a character is refused, as text(_:expected:) refuses it")
    func refused() throws {
        for bytes: [UInt8] in [[0x61, 0xFF, 0x62], [0x61, 0xC3]] {
            try Self.withFile(bytes) { path in
                #expect(!LocalFile.forEachPiece(ofText: path, size: 2) { _ in })
                #expect(throws: FileProblem.self) { try LocalFile.text(path, expected: "a test file") }
            }
        }
        // A byte order mark is left to text(_:expected:), which drops it.
        try Self.withFile([0xEF, 0xBB, 0xBF, 0x61]) { path in
            #expect(!LocalFile.forEachPiece(ofText: path) { _ in })
            let text = try LocalFile.text(path, expected: "a test file")
            #expect(text == "a")
        }
        #expect(!LocalFile.forEachPiece(ofText: "/nonexistent/pieces.txt") { _ in })
    }
}
