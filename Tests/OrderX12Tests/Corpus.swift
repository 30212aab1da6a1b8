import Foundation
import Testing

/// The shared conformance corpus lives beside the repository (`../shared/corpus`), never inside it.
enum Corpus {
    static let directory: URL = {
        var url = URL(fileURLWithPath: #filePath)
        // Tests/X12Tests/Corpus.swift → package root → its parent.
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("shared/corpus/x12")
    }()

    static var isPresent: Bool { FileManager.default.fileExists(atPath: directory.path) }

    static let files: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { !$0.hasSuffix(".md") }.sorted()
    }()

    static func bytes(_ name: String) throws -> [UInt8] {
        let url = directory.appendingPathComponent(name)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            Issue.record("corpus file \(url.path) is absent: check out ../shared/corpus next to the package")
            throw CocoaError(.fileNoSuchFile)
        }
        return [UInt8](data)
    }
}
