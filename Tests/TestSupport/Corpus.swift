public import Foundation

/// The shared conformance corpus lives beside the repository (`../shared/corpus`), never inside it.
public enum Corpus {
    public static let directory: URL = {
        var url = URL(fileURLWithPath: #filePath)
        // Tests/TestSupport/Corpus.swift → package root → its parent.
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("shared/corpus/x12")
    }()

    public static var isPresent: Bool { FileManager.default.fileExists(atPath: directory.path) }

    public static let files: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { !$0.hasSuffix(".md") }.sorted()
    }()

    public static func bytes(_ name: String) throws -> [UInt8] {
        let url = directory.appendingPathComponent(name)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw Absent(path: url.path)
        }
        return [UInt8](data)
    }

    /// A corpus file that is not there: the test fails saying where it looked.
    public struct Absent: Error, CustomStringConvertible {
        public var path: String
        public var description: String {
            "corpus file \(path) is absent: check out ../shared/corpus next to the package"
        }
    }
}
